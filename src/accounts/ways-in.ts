import { getAddress } from 'viem';
import { transactionWithRetry } from '../kernel/db/database.js';
import type { Caller } from '../kernel/context.js';
import type { AccountsContext, ContactEmailRefusal } from './context.js';
import type { Queryable } from '../kernel/db/database.js';
import { normalizeEmail } from './email-sign-in-rules.js';
import { revokeAccountSessions } from './session-store.js';
import {
  contactEmailWithout,
  deleteWayIn,
  findAccountEmails,
  lockAndCountWaysIn,
  setContactEmail,
} from './sign-in-store.js';
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
 * are not ways in: they are for programs). Sessions that the removed way opened end with it. A
 * removed email that was the contact address stops being it: the contact becomes the newest email
 * left, or none, unless a product line refuses (alerts that would reach nobody; nothing changes).
 */
export async function removeWayIn(
  ctx: AccountsContext,
  caller: Caller,
  way: { kind: 'wallet' | 'email'; value: string },
): Promise<
  Web3Result<
    WaysIn & { sessionsRevoked: number },
    'way_in_not_found' | 'last_way_in' | ContactEmailRefusal['code']
  >
> {
  const accountId = caller.accountId!;
  const value = way.kind === 'email' ? (normalizeEmail(way.value) ?? way.value) : way.value.toLowerCase();
  const removed = await transactionWithRetry(ctx.db, async (tx) => {
    const count = await lockAndCountWaysIn(tx, accountId);
    if (!(await deleteWayIn(tx, accountId, { kind: way.kind, value })))
      return web3Fail('way_in_not_found', `this account has no such ${way.kind}`, { field: 'value' });
    if (count <= 1) throw new LastWayIn();
    if (way.kind === 'email') await moveContactEmail(ctx, tx, accountId, value);
    const revoked = await revokeAccountSessions(tx, accountId, ctx.clock.now(), { kind: way.kind, value });
    return web3Ok(revoked.length);
  }).catch((error: unknown) => {
    if (error instanceof LastWayIn)
      return web3Fail('last_way_in', 'this is the only way into the account; add another before removing it');
    if (error instanceof ContactEmailRefused)
      return web3Fail(error.refusal.code, error.refusal.detail, { field: 'value', ...error.refusal.extra });
    throw error;
  });
  if (!removed.ok) return removed;
  return web3Ok({ ...(await listWaysIn(ctx, accountId)), sessionsRevoked: removed.value });
}

/** Thrown to roll back a removal that would leave the account with no way in. */
class LastWayIn extends Error {}

/** Thrown to roll back a removal a product line refused (the contact email is still needed). */
class ContactEmailRefused extends Error {
  constructor(readonly refusal: ContactEmailRefusal) {
    super(refusal.detail);
  }
}

/** The contact email follows a removal, once every product line agrees (else it is all rolled back). */
async function moveContactEmail(ctx: AccountsContext, tx: Queryable, accountId: string, removed: string) {
  const contact = await contactEmailWithout(tx, accountId, removed);
  if (!contact.changes) return;
  for (const guard of ctx.contactEmailChanging ?? []) {
    const refusal = await guard(tx, { accountId, removed, next: contact.next });
    if (refusal) throw new ContactEmailRefused(refusal);
  }
  await setContactEmail(tx, accountId, contact.next);
}
