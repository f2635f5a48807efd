import { findAccount } from '../../accounts/account-store.js';
import { listDeposits as listDepositRows } from '../../accounts/web3-store.js';
import type { ComputeContext } from '../context.js';
import { type Web3Result, web3Fail, web3Ok } from '../../accounts/siwe-settings.js';
import type { DepositRecord, DepositStatus } from '../../accounts/accounts-rules.js';

export interface DepositQuery {
  /** One account's deposits (a customer's own); all deposits when absent (operators). */
  accountId?: string;
  status?: DepositStatus;
  /** The `nextCursor` of the previous page: the last deposit id it showed. */
  before?: string;
  limit: number;
}

/** USDT deposits, newest first, a page at a time. */
export async function listDeposits(
  ctx: ComputeContext,
  query: DepositQuery,
): Promise<Web3Result<{ deposits: DepositRecord[]; next: string | null }, 'account_not_found'>> {
  if (query.accountId !== undefined && !(await findAccount(ctx.db, query.accountId))) {
    return web3Fail('account_not_found', 'no such account', { accountId: query.accountId });
  }
  return web3Ok(await listDepositRows(ctx.db, query));
}
