import type { Caller } from '../kernel/context.js';
import type { AccountsContext } from './context.js';
import { findSession, listLiveSessions, revokeAccountSessions, revokeSession } from './session-store.js';
import { type Web3Result, web3Fail, web3Ok } from './siwe-settings.js';
import type { SessionRecord } from './accounts-rules.js';

/** The signed-in account's live sessions (every device and tab signed in), newest first. */
export async function listSessions(ctx: AccountsContext, caller: Caller): Promise<SessionRecord[]> {
  return listLiveSessions(ctx.db, caller.accountId!, ctx.clock.now());
}

/** Ends one of the account's sessions (another device); another account's is "not found". */
export async function endOneSession(
  ctx: AccountsContext,
  caller: Caller,
  sessionId: string,
): Promise<Web3Result<{ sessionId: string }, 'session_not_found'>> {
  const session = await findSession(ctx.db, sessionId);
  if (!session || session.accountId !== caller.accountId)
    return web3Fail('session_not_found', 'no such session', { sessionId });
  await revokeSession(ctx.db, sessionId, ctx.clock.now());
  return web3Ok({ sessionId });
}

/** "Sign out everywhere": ends every session of the account, this one included. */
export async function signOutEverywhere(
  ctx: AccountsContext,
  caller: Caller,
): Promise<{ sessionsRevoked: number }> {
  const revoked = await revokeAccountSessions(ctx.db, caller.accountId!, ctx.clock.now());
  return { sessionsRevoked: revoked.length };
}
