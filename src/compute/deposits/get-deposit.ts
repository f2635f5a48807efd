import { findDeposit } from '../../accounts/web3-store.js';
import type { AccountsContext } from '../../accounts/context.js';
import { type Result, fail, ok } from '../../kernel/result.js';
import type { DepositRecord } from '../../accounts/accounts-rules.js';

/** One USDT deposit credited to (or held for) the account; another account's is not found. */
export async function getDeposit(
  ctx: AccountsContext,
  accountId: string,
  depositId: string,
): Promise<Result<DepositRecord>> {
  const deposit = await findDeposit(ctx.db, depositId);
  return deposit && deposit.accountId === accountId
    ? ok(deposit)
    : fail('deposit_not_found', 'no such deposit', { depositId });
}
