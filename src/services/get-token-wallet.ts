import { findAccount, findBalances } from '../store/account-store.js';
import { type TokenPurchaseRecord, listTokenPurchases } from '../store/token-store.js';
import type { ServiceContext } from './context.js';
import { type Result, fail, ok } from './result.js';

export interface TokenWallet {
  accountId: string;
  balanceMicros: bigint;
  heldMicros: bigint;
  availableMicros: bigint;
  recentPurchases: TokenPurchaseRecord[];
}

/** The account's token balance (tokens never expire) and its latest pack purchases. */
export async function getTokenWallet(ctx: ServiceContext, accountId: string): Promise<Result<TokenWallet>> {
  if (!(await findAccount(ctx.db, accountId)))
    return fail('account_not_found', 'no such account', { accountId });
  const token = (await findBalances(ctx.db, accountId, ctx.clock.now())).find((b) => b.unit === 'TOKEN');
  const balance = token?.balanceMicros ?? 0n;
  const held = token?.heldMicros ?? 0n;
  return ok({
    accountId,
    balanceMicros: balance,
    heldMicros: held,
    availableMicros: balance - held,
    recentPurchases: await listTokenPurchases(ctx.db, accountId, 10),
  });
}
