import { getAddress, isAddress } from 'viem';
import { newId } from '../kernel/ids.js';
import type { Caller } from '../kernel/context.js';
import { type Queryable, transactionWithRetry } from '../kernel/db/database.js';
import { findAccount } from './account-store.js';
import { announceApiKeyRevoked, findApiKey, listAccountApiKeys, revokeApiKeyRow } from './api-key-store.js';
import { insertAuditEntry } from './audit-store.js';
import type { AccountsContext } from './context.js';
import { normalizeEmail } from './email-sign-in-rules.js';
import { findSession, listLiveSessions, revokeAccountSessions, revokeSession } from './session-store.js';
import { findAccountIdByEmail, findClaimableAccountId } from './sign-in-store.js';
import { type Web3Result, web3Fail, web3Ok } from './siwe-settings.js';
import { findAccountIdByAddress } from './web3-store.js';
import { type WaysIn, listWaysIn } from './ways-in.js';
import type { AccountRecord, ApiKeyRecord, SessionRecord } from './accounts-rules.js';

/**
 * Operator tools for support: find an account by how its customer signs in, and take away access
 * (API keys, sessions). Every call, lookups included, writes an audit entry naming the operator.
 */

export interface AccountLookup {
  account: AccountRecord;
  waysIn: WaysIn;
  sessions: SessionRecord[];
  apiKeys: ApiKeyRecord[];
}

const audit = (
  tx: Queryable,
  ctx: AccountsContext,
  caller: Caller,
  action: string,
  subject: string,
  reason: string,
  details: Record<string, unknown>,
) =>
  insertAuditEntry(tx, {
    id: newId('audit'),
    actor: caller.id,
    action,
    subject,
    reason,
    details,
    createdAt: ctx.clock.now(),
  });

/** The account an email or wallet signs in to (an email also finds an account whose contact it is). */
export async function lookUpAccount(
  ctx: AccountsContext,
  caller: Caller,
  query: { email?: string; wallet?: string },
): Promise<Web3Result<AccountLookup, 'invalid_request' | 'account_not_found'>> {
  const email = query.email !== undefined ? normalizeEmail(query.email) : undefined;
  if ((query.email === undefined) === (query.wallet === undefined) || email === null)
    return web3Fail('invalid_request', 'give one of email (an address) or wallet (0x…)', { field: 'email' });
  if (query.wallet !== undefined && !isAddress(query.wallet, { strict: false }))
    return web3Fail('invalid_request', 'wallet: not a 0x-prefixed 20-byte address', { field: 'wallet' });
  const accountId = email
    ? ((await findAccountIdByEmail(ctx.db, email)) ?? (await findClaimableAccountId(ctx.db, email)))
    : await findAccountIdByAddress(ctx.db, getAddress(query.wallet!));
  const subject = accountId ?? (email ? `email:${email}` : `wallet:${query.wallet!.toLowerCase()}`);
  await audit(ctx.db, ctx, caller, 'account.lookup', subject, 'support lookup', {
    email,
    wallet: query.wallet ?? null,
    found: !!accountId,
  });
  const account = accountId ? await findAccount(ctx.db, accountId) : undefined;
  if (!account) return web3Fail('account_not_found', 'no account signs in with that email or wallet');
  const [waysIn, sessions, apiKeys] = await Promise.all([
    listWaysIn(ctx, account.id),
    listLiveSessions(ctx.db, account.id, ctx.clock.now()),
    listAccountApiKeys(ctx.db, account.id),
  ]);
  return web3Ok({ account, waysIn, sessions, apiKeys });
}

/**
 * Revokes an API key at once: this process's key cache forgets it once the revocation has
 * committed, and on PostgreSQL every other process's does on the NOTIFY sent in the same
 * transaction (`followApiKeyRevocations`); revoking again replays.
 */
export async function revokeApiKey(
  ctx: AccountsContext,
  caller: Caller,
  input: { keyId: string; reason: string },
): Promise<Web3Result<ApiKeyRecord, 'api_key_not_found'>> {
  const result = await transactionWithRetry(ctx.db, async (tx) => {
    const revoked = await revokeApiKeyRow(tx, input.keyId, ctx.clock.now());
    if (!revoked) {
      const existing = await findApiKey(tx, input.keyId);
      return existing
        ? web3Ok(existing, true)
        : web3Fail('api_key_not_found', 'no such API key', { keyId: input.keyId });
    }
    // PGlite is one process: nobody else to tell.
    if (ctx.db.kind === 'postgres') await announceApiKeyRevoked(tx, revoked.id);
    await audit(tx, ctx, caller, 'api_key.revoke', revoked.accountId ?? revoked.id, input.reason, {
      keyId: revoked.id,
      role: revoked.role,
    });
    return web3Ok(revoked);
  });
  // After the commit: forgotten earlier, a request could read the key as live and cache it again.
  if (result.ok) ctx.apiKeyCache?.forget(input.keyId);
  return result;
}

/** Ends one session, or every live session of an account; audited with the operator's reason. */
export async function revokeSessionsAsOperator(
  ctx: AccountsContext,
  caller: Caller,
  input: { sessionId?: string; accountId?: string; reason: string },
): Promise<Web3Result<{ sessionIds: string[] }, 'session_not_found' | 'account_not_found'>> {
  return transactionWithRetry(ctx.db, async (tx) => {
    const now = ctx.clock.now();
    let accountId = input.accountId;
    let ids: string[];
    if (input.sessionId) {
      const session = await findSession(tx, input.sessionId);
      if (!session) return web3Fail('session_not_found', 'no such session', { sessionId: input.sessionId });
      accountId = session.accountId;
      ids = (await revokeSession(tx, session.id, now)) ? [session.id] : [];
    } else {
      if (!accountId || !(await findAccount(tx, accountId)))
        return web3Fail('account_not_found', 'no such account', { accountId });
      ids = await revokeAccountSessions(tx, accountId, now);
    }
    await audit(
      tx,
      ctx,
      caller,
      input.sessionId ? 'session.revoke' : 'session.revoke_all',
      accountId!,
      input.reason,
      { sessionIds: ids },
    );
    return web3Ok({ sessionIds: ids });
  });
}
