import { type TransactionRecord, systemAccountId, walletId } from './ledger-rules.js';
import { commandClaim } from './idempotent-command.js';
import type { Unit } from '../kernel/money.js';
import { formatAmount } from '../kernel/money.js';
import { newId } from '../kernel/ids.js';
import type { Caller } from '../kernel/context.js';
import type { LedgerContext } from './context.js';
import { type Result } from '../kernel/result.js';
import { fromLedger, transactionOf } from './ledger-result.js';

export interface AdjustmentInput {
  accountId: string;
  direction: 'credit' | 'debit';
  unit: Unit;
  amountMicros: bigint;
  reason: string;
}

/**
 * An operator's correction: credits or debits a wallet against the adjustments account, as an
 * Other transaction, with the operator and reason in the audit log (same database transaction).
 */
export async function adjustWallet(
  ctx: LedgerContext,
  operator: Caller,
  input: AdjustmentInput,
  idempotencyKey: string,
): Promise<Result<TransactionRecord>> {
  const now = ctx.clock.now();
  const wallet = walletId(input.accountId, input.unit);
  const adjustments = systemAccountId('adjustments', input.unit);
  const transactionId = newId('transaction');
  const outcome = await ctx.ledger.submit({
    idempotency: commandClaim(operator, input.accountId, idempotencyKey, 'adjust', input),
    command: {
      type: 'post_transaction',
      transaction: {
        id: transactionId,
        accountId: input.accountId,
        kind: 'other',
        unit: input.unit,
        description: `Adjustment: ${input.reason}`,
        metadata: { reason: input.reason, operator: operator.id },
        createdAt: now,
      },
      transfers: [
        {
          id: newId('transfer'),
          debitAccountId: input.direction === 'credit' ? adjustments : wallet,
          creditAccountId: input.direction === 'credit' ? wallet : adjustments,
          amountMicros: input.amountMicros,
        },
      ],
    },
    audit: {
      id: newId('audit'),
      actor: operator.id,
      action: `wallet.${input.direction}`,
      subject: input.accountId,
      reason: input.reason,
      details: { transactionId, amount: formatAmount(input.amountMicros, input.unit), unit: input.unit },
      createdAt: now,
    },
  });
  const result = fromLedger(outcome, transactionOf);
  if (result.ok && !result.replayed && input.direction === 'credit') {
    for (const hook of ctx.walletCredited ?? []) await hook(input.accountId, input.unit).catch(() => {});
  }
  return result;
}
