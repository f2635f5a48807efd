import { ApiKeyCache } from './api-key-cache.js';
import { findApiKeyBySecretHash } from './api-key-store.js';
import { authenticateSession, isSessionToken } from './authenticate-session.js';
import type { Caller } from '../kernel/context.js';
import type { AccountsContext } from './context.js';
import { hashSecret } from './create-api-key.js';

/**
 * Resolves an API key secret to its caller. Verified keys are cached for API_KEY_CACHE_TTL_MS (5 s)
 * so the hot path (usage reports, charges) costs no extra round trip; revoking clears the key from
 * the engine's cache at once, and other processes on the same PostgreSQL drop it on the NOTIFY
 * they listen for (`followApiKeyRevocations`), caching nothing while they cannot hear it.
 */
export class Authenticator {
  private readonly cache: ApiKeyCache;

  constructor(private readonly ctx: AccountsContext) {
    this.cache = ctx.apiKeyCache ?? new ApiKeyCache();
  }

  async authenticate(secret: string): Promise<Caller | null> {
    // A wallet session (`ps_…`, never cached so logout is immediate); otherwise an API key as before.
    if (isSessionToken(secret)) {
      const session = await authenticateSession(this.ctx, secret);
      if (session) return session;
    }
    const hash = hashSecret(secret);
    const nowMs = this.ctx.clock.now().getTime();
    const cached = this.cache.get(hash, nowMs);
    if (cached) return cached;
    const generation = this.cache.generation();
    const key = await findApiKeyBySecretHash(this.ctx.db, hash);
    if (!key) return null; // unknown secrets are not cached: guessing must not fill the cache
    const caller: Caller = { id: key.id, role: key.role, accountId: key.accountId };
    this.cache.remember(hash, caller, nowMs, generation);
    return caller;
  }
}
