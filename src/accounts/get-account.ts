import { findAccount } from './account-store.js';
import type { AccountsContext } from './context.js';
import { type Result, fail, ok } from '../kernel/result.js';
import type { AccountRecord } from './accounts-rules.js';

export async function getAccount(ctx: AccountsContext, accountId: string): Promise<Result<AccountRecord>> {
  const account = await findAccount(ctx.db, accountId);
  return account ? ok(account) : fail('account_not_found', 'no such account', { accountId });
}
