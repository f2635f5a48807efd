import type { TransactionRecord } from './ledger-rules.js';
import type { LedgerContext } from './context.js';
import { findTransaction } from './transaction-store.js';
import { type Result, fail, ok } from '../kernel/result.js';

/** One transaction of the account; another account's is not found. */
export async function getTransaction(
  ctx: LedgerContext,
  accountId: string,
  transactionId: string,
): Promise<Result<TransactionRecord>> {
  const txn = await findTransaction(ctx.db, accountId, transactionId);
  return txn ? ok(txn) : fail('transaction_not_found', 'no such transaction', { transactionId });
}
