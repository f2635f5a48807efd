import type { TransactionKind, HistoryCursor, HistoryPage } from './ledger-rules.js';
import type { Unit } from '../kernel/money.js';
import { hasWallets } from './balance-store.js';
import { listTransactions as listFromStore } from './transaction-store.js';
import type { LedgerContext } from './context.js';
import { type Result, fail, ok } from '../kernel/result.js';

export interface ListTransactionsInput {
  accountId: string;
  kind?: TransactionKind;
  unit?: Unit;
  after?: HistoryCursor;
  limit: number;
}

/** The account's transaction history, newest first, one page at a time. */
export async function listTransactions(
  ctx: LedgerContext,
  input: ListTransactionsInput,
): Promise<Result<HistoryPage>> {
  if (!(await hasWallets(ctx.db, input.accountId))) {
    return fail('account_not_found', 'no such account', { accountId: input.accountId });
  }
  return ok(await listFromStore(ctx.db, input));
}
