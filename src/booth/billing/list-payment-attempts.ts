import type { BoothPaymentAttempt } from './booth-invoice-rules.js';
import { findAccount } from '../../accounts/account-store.js';
import { listPaymentAttempts as storeList } from './booth-invoice-store.js';
import type { BoothContext } from '../context.js';
import { type Result, fail, ok } from '../../kernel/result.js';

/**
 * The account's card payment attempts on the booth line, newest first: purchases, token packs,
 * renewals and their dunning retries. A declined purchase appears here only (it leaves no numbered
 * invoice); `declined` lists the failed ones.
 */
export async function listPaymentAttempts(
  ctx: BoothContext,
  accountId: string,
  q: { outcome?: 'succeeded' | 'declined'; limit: number },
): Promise<Result<BoothPaymentAttempt[]>> {
  if (!(await findAccount(ctx.db, accountId))) {
    return fail('account_not_found', 'no such account', { accountId });
  }
  return ok(await storeList(ctx.db, accountId, q));
}
