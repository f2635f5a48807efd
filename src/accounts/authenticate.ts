import { findApiKeyBySecretHash } from './api-key-store.js';
import { authenticateSession, isSessionToken } from './authenticate-session.js';
import type { Caller } from '../kernel/context.js';
import type { AccountsContext } from './context.js';
import { hashSecret } from './create-api-key.js';

const CACHE_TTL_MS = 30_000;
const CACHE_MAX = 10_000;

/**
 * Resolves an API key secret to its caller. Verified keys are cached for 30 s so the hot path
 * (usage reports, charges) costs no extra round trip; a revoked key stops working within that time.
 */
export class Authenticator {
  private cache = new Map<string, { caller: Caller; until: number }>();

  constructor(private readonly ctx: AccountsContext) {}

  async authenticate(secret: string): Promise<Caller | null> {
    // A wallet session (`ps_…`, never cached so logout is immediate); otherwise an API key as before.
    if (isSessionToken(secret)) {
      const session = await authenticateSession(this.ctx, secret);
      if (session) return session;
    }
    const hash = hashSecret(secret);
    const nowMs = this.ctx.clock.now().getTime();
    const cached = this.cache.get(hash);
    if (cached && cached.until > nowMs) return cached.caller;
    const key = await findApiKeyBySecretHash(this.ctx.db, hash);
    if (!key) return null; // unknown secrets are not cached: guessing must not fill the cache
    const caller: Caller = { id: key.id, role: key.role, accountId: key.accountId };
    if (this.cache.size >= CACHE_MAX) this.cache.clear();
    this.cache.set(hash, { caller, until: nowMs + CACHE_TTL_MS });
    return caller;
  }
}
