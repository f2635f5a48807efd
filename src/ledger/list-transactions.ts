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

/**
 * The account's transaction history, newest first, one page at a time. A page with rows shows the
 * account exists (rows are only written for an account's wallets), so only an empty page asks
 * whether the account exists: one round trip for a page instead of two (issue 20, P6).
 */
export async function listTransactions(
  ctx: LedgerContext,
  input: ListTransactionsInput,
): Promise<Result<HistoryPage>> {
  const page = await listFromStore(ctx.db, input);
  if (page.transactions.length === 0 && !(await hasWallets(ctx.db, input.accountId))) {
    return fail('account_not_found', 'no such account', { accountId: input.accountId });
  }
  return ok(page);
}
