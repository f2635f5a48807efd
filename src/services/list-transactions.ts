import type { TransactionKind } from '../domain/ledger.js';
import type { Unit } from '../domain/money.js';
import { findAccount } from '../store/account-store.js';
import {
  type HistoryCursor,
  type HistoryPage,
  listTransactions as listFromStore,
} from '../store/transaction-store.js';
import type { ServiceContext } from './context.js';
import { type Result, fail, ok } from './result.js';

export interface ListTransactionsInput {
  accountId: string;
  kind?: TransactionKind;
  unit?: Unit;
  after?: HistoryCursor;
  limit: number;
}

/** The account's transaction history, newest first, one page at a time. */
export async function listTransactions(
  ctx: ServiceContext,
  input: ListTransactionsInput,
): Promise<Result<HistoryPage>> {
  if (!(await findAccount(ctx.db, input.accountId))) {
    return fail('account_not_found', 'no such account', { accountId: input.accountId });
  }
  return ok(await listFromStore(ctx.db, input));
}
