import { findLiveSession } from './session-store.js';
import type { Caller } from '../kernel/context.js';
import type { AccountsContext } from './context.js';
import { hashSecret } from './create-api-key.js';

/** Session tokens carry their own prefix, so they are told apart from API keys (`pk_`) at a glance. */
export const SESSION_TOKEN_PREFIX = 'ps_';

export const isSessionToken = (secret: string) => secret.startsWith(SESSION_TOKEN_PREFIX);

/**
 * Resolves a wallet session token to a customer caller bound to the session's account. Sessions
 * are not cached: logout and expiry take effect on the next request. The caller's id is the
 * session's, so idempotency keys are scoped to the session and the audit log names it.
 */
export async function authenticateSession(ctx: AccountsContext, token: string): Promise<Caller | null> {
  const session = await findLiveSession(ctx.db, hashSecret(token), ctx.clock.now());
  return session ? { id: session.id, role: 'customer', accountId: session.accountId } : null;
}
