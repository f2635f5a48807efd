import { getAddress } from 'viem';
import { transactionWithRetry } from '../kernel/db/database.js';
import type { Caller } from '../kernel/context.js';
import type { AccountsContext } from './context.js';
import { normalizeEmail } from './email-sign-in-rules.js';
import { revokeAccountSessions } from './session-store.js';
import { deleteWayIn, findAccountEmails, lockAndCountWaysIn } from './sign-in-store.js';
import { type Web3Result, web3Fail, web3Ok } from './siwe-settings.js';
import { findWalletAddresses } from './web3-store.js';

export interface WaysIn {
  wallets: string[];
  emails: string[];
}

/** The wallets (checksummed) and emails that sign in to an account. */
export async function listWaysIn(ctx: AccountsContext, accountId: string): Promise<WaysIn> {
  const [wallets, emails] = await Promise.all([
    findWalletAddresses(ctx.db, accountId),
    findAccountEmails(ctx.db, accountId),
  ]);
  return { wallets: wallets.map((w) => getAddress(w)), emails };
}

/**
 * Removes a wallet or email from the signed-in customer's account, never the last way in (API keys
 * are not ways in: they are for programs). Sessions that the removed way opened end with it.
 */
export async function removeWayIn(
  ctx: AccountsContext,
  caller: Caller,
  way: { kind: 'wallet' | 'email'; value: string },
): Promise<Web3Result<WaysIn & { sessionsRevoked: number }, 'way_in_not_found' | 'last_way_in'>> {
  const accountId = caller.accountId!;
  const value = way.kind === 'email' ? (normalizeEmail(way.value) ?? way.value) : way.value.toLowerCase();
  const removed = await transactionWithRetry(ctx.db, async (tx) => {
    const count = await lockAndCountWaysIn(tx, accountId);
    if (!(await deleteWayIn(tx, accountId, { kind: way.kind, value })))
      return web3Fail('way_in_not_found', `this account has no such ${way.kind}`, { field: 'value' });
    if (count <= 1) throw new LastWayIn();
    const revoked = await revokeAccountSessions(tx, accountId, ctx.clock.now(), { kind: way.kind, value });
    return web3Ok(revoked.length);
  }).catch((error: unknown) => {
    if (error instanceof LastWayIn)
      return web3Fail('last_way_in', 'this is the only way into the account; add another before removing it');
    throw error;
  });
  if (!removed.ok) return removed;
  return web3Ok({ ...(await listWaysIn(ctx, accountId)), sessionsRevoked: removed.value });
}

/** Thrown to roll back a removal that would leave the account with no way in. */
class LastWayIn extends Error {}
