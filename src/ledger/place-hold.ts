import { type HoldRecord, type ProductLine, revenueAccountId, walletId } from './ledger-rules.js';
import { commandClaim } from './idempotent-command.js';
import type { Unit } from '../kernel/money.js';
import { newId } from '../kernel/ids.js';
import type { Caller } from '../kernel/context.js';
import type { LedgerContext } from './context.js';
import { type Result, fail } from '../kernel/result.js';
import { fromLedger, holdOf } from './ledger-result.js';

export interface PlaceHoldInput {
  accountId: string;
  unit: Unit;
  amountMicros: bigint;
  productLine: ProductLine;
  description: string;
  metadata?: Record<string, string>;
  /** How long the reservation lasts if nobody posts or voids it. */
  expiresInSeconds: number;
}

/** Reserves part of a wallet's available balance for a charge whose final amount is not yet known. */
export async function placeHold(
  ctx: LedgerContext,
  caller: Caller,
  input: PlaceHoldInput,
  idempotencyKey: string,
): Promise<Result<HoldRecord>> {
  if (input.expiresInSeconds <= 0) return fail('invalid_transfer', 'a hold must expire in the future');
  const now = ctx.clock.now();
  const outcome = await ctx.ledger.submit({
    idempotency: commandClaim(caller, input.accountId, idempotencyKey, 'place-hold', input),
    command: {
      type: 'place_hold',
      hold: {
        id: newId('hold'),
        accountId: input.accountId,
        unit: input.unit,
        walletId: walletId(input.accountId, input.unit),
        creditAccountId: revenueAccountId(input.productLine, input.unit),
        amountMicros: input.amountMicros,
        description: input.description,
        metadata: input.metadata ?? {},
        createdAt: now,
        expiresAt: new Date(now.getTime() + input.expiresInSeconds * 1000),
      },
    },
  });
  return fromLedger(outcome, holdOf);
}
