import type { HoldRecord, TransactionRecord } from './ledger-rules.js';
import { commandClaim } from './idempotent-command.js';
import { newId } from '../kernel/ids.js';
import { findHold } from './transaction-store.js';
import type { Caller } from '../kernel/context.js';
import type { LedgerContext } from './context.js';
import { type Result, fail } from '../kernel/result.js';
import { fromLedger } from './ledger-result.js';

export interface PostHoldInput {
  holdId: string;
  /** The actual amount, at most what was held; the rest is released. */
  amountMicros: bigint;
  description?: string;
}

/** Charges the actual amount of a hold (≤ held) as one Charge transaction and releases the rest. */
export async function postHold(
  ctx: LedgerContext,
  caller: Caller,
  input: PostHoldInput,
  idempotencyKey: string,
): Promise<Result<{ hold: HoldRecord; transaction: TransactionRecord }>> {
  // Read only for the transaction's header; the decision is made on the locked state.
  const hold = await findHold(ctx.db, input.holdId);
  if (!hold) return fail('hold_not_found', 'no such hold', { holdId: input.holdId });
  const outcome = await ctx.ledger.submit({
    idempotency: commandClaim(caller, hold.accountId, idempotencyKey, 'post-hold', input),
    command: {
      type: 'post_hold',
      holdId: input.holdId,
      amountMicros: input.amountMicros,
      transferId: newId('transfer'),
      transaction: {
        id: newId('transaction'),
        accountId: hold.accountId,
        kind: 'charge',
        unit: hold.unit,
        description: input.description ?? hold.description,
        metadata: hold.metadata,
        createdAt: ctx.clock.now(),
      },
    },
  });
  return fromLedger(outcome, (result) => {
    if (result.type !== 'hold' || !result.transaction)
      throw new Error('posting a hold yields a hold and a transaction');
    return { hold: result.hold, transaction: result.transaction };
  });
}
