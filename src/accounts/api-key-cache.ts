import type { Caller } from '../kernel/context.js';

/**
 * How long this process trusts a verified API key without asking the database. Revoking clears the
 * key here at once; another API process on the same database (docs/scale-out.md) keeps it for at
 * most this long, so it is short: at a few hundred requests a second per key, one query per 5 s
 * is still nothing.
 */
export const API_KEY_CACHE_TTL_MS = 5_000;
const CACHE_MAX = 10_000;

/** Verified API keys of this process, by the hash of their secret; the engine owns one. */
export class ApiKeyCache {
  private entries = new Map<string, { caller: Caller; untilMs: number }>();
  /**
   * Bumped by every revocation: a lookup that read the database before a revocation committed
   * must not put the key back afterwards, so it remembers only if no revocation came in between.
   */
  private revocations = 0;

  get(secretHash: string, nowMs: number): Caller | undefined {
    const cached = this.entries.get(secretHash);
    return cached && cached.untilMs > nowMs ? cached.caller : undefined;
  }

  /** Taken before the database lookup and handed back to `remember`. */
  generation(): number {
    return this.revocations;
  }

  remember(secretHash: string, caller: Caller, nowMs: number, generation: number): void {
    if (generation !== this.revocations) return;
    if (this.entries.size >= CACHE_MAX) this.entries.clear();
    this.entries.set(secretHash, { caller, untilMs: nowMs + API_KEY_CACHE_TTL_MS });
  }

  /** Forgets a revoked key (by its id: only hashes of secrets are stored, never the secret). */
  forget(keyId: string): void {
    this.revocations++;
    for (const [hash, entry] of this.entries) if (entry.caller.id === keyId) this.entries.delete(hash);
  }
}
