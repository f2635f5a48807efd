import { type ProductLine, type TransactionRecord, revenueAccountId, walletId } from './ledger-rules.js';
import { commandClaim } from './idempotent-command.js';
import type { Unit } from '../kernel/money.js';
import { newId } from '../kernel/ids.js';
import type { Caller } from '../kernel/context.js';
import type { LedgerContext } from './context.js';
import { type Result } from '../kernel/result.js';
import { fromLedger, transactionOf } from './ledger-result.js';

export interface ChargeInput {
  accountId: string;
  unit: Unit;
  amountMicros: bigint;
  productLine: ProductLine;
  description: string;
  metadata?: Record<string, string>;
}

/** Deducts from a customer wallet into the product line's revenue: a Charge transaction. */
export async function chargeWallet(
  ctx: LedgerContext,
  caller: Caller,
  input: ChargeInput,
  idempotencyKey: string,
): Promise<Result<TransactionRecord>> {
  const outcome = await ctx.ledger.submit({
    idempotency: commandClaim(caller, input.accountId, idempotencyKey, 'charge', input),
    command: {
      type: 'post_transaction',
      transaction: {
        id: newId('transaction'),
        accountId: input.accountId,
        kind: 'charge',
        unit: input.unit,
        description: input.description,
        metadata: input.metadata ?? {},
        createdAt: ctx.clock.now(),
      },
      transfers: [
        {
          id: newId('transfer'),
          debitAccountId: walletId(input.accountId, input.unit),
          creditAccountId: revenueAccountId(input.productLine, input.unit),
          amountMicros: input.amountMicros,
        },
      ],
    },
  });
  return fromLedger(outcome, transactionOf);
}
