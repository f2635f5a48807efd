import { listTokenPurchases } from './token-store.js';
import type { BoothContext } from '../context.js';
import { getBalances } from '../../ledger/get-balances.js';
import { type Result, ok } from '../../kernel/result.js';
import type { TokenPurchaseRecord } from './booth-usage-rules.js';

export interface TokenWallet {
  accountId: string;
  balanceMicros: bigint;
  heldMicros: bigint;
  availableMicros: bigint;
  recentPurchases: TokenPurchaseRecord[];
}

/** The account's token balance (tokens never expire) and its latest pack purchases. */
export async function getTokenWallet(ctx: BoothContext, accountId: string): Promise<Result<TokenWallet>> {
  const balances = await getBalances(ctx, accountId);
  if (!balances.ok) return balances;
  const token = balances.value.find((b) => b.unit === 'TOKEN');
  return ok({
    accountId,
    balanceMicros: token?.balanceMicros ?? 0n,
    heldMicros: token?.heldMicros ?? 0n,
    availableMicros: token?.availableMicros ?? 0n,
    recentPurchases: await listTokenPurchases(ctx.db, accountId, 10),
  });
}
