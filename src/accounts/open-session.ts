import { randomBytes } from 'node:crypto';
import type { Queryable } from '../kernel/db/database.js';
import { newId } from '../kernel/ids.js';
import { SESSION_TOKEN_PREFIX } from './authenticate-session.js';
import type { AccountsContext } from './context.js';
import { hashSecret } from './create-api-key.js';
import { insertSession } from './session-store.js';
import { web3Of } from './siwe-settings.js';
import type { SessionRecord } from './accounts-rules.js';

export interface SignedIn {
  /** Shown once; only its hash is stored. */
  token: string;
  session: SessionRecord;
  /** True when this sign-in opened the account. */
  accountCreated: boolean;
}

/**
 * Opens a session for an account in the caller's transaction: the same kind for every way in,
 * lasting PICTOR_SESSION_TTL_SECONDS (never past `notAfter`, e.g. a SIWE message's expiry).
 */
export async function openSession(
  ctx: AccountsContext,
  tx: Queryable,
  opened: { accountId: string; wallet?: string; email?: string; notAfter?: Date },
): Promise<{ token: string; session: SessionRecord }> {
  const now = ctx.clock.now();
  const token = `${SESSION_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const ttlEnd = now.getTime() + web3Of(ctx).sessionTtlSeconds * 1000;
  const session: SessionRecord = {
    id: newId('session'),
    accountId: opened.accountId,
    method: opened.wallet ? 'wallet' : 'email',
    address: opened.wallet ?? null,
    email: opened.email ?? null,
    createdAt: now,
    expiresAt: new Date(Math.min(ttlEnd, opened.notAfter?.getTime() ?? ttlEnd)),
  };
  await insertSession(tx, session, hashSecret(token));
  return { token, session };
}
