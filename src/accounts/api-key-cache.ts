import type { Caller } from '../kernel/context.js';

/**
 * How long this process trusts a verified API key without asking the database. Revoking clears the
 * key here at once, and on PostgreSQL in every other process too (a NOTIFY each one LISTENs for,
 * docs/scale-out.md); the TTL is only the backstop for a connection cut without a word, until the
 * listener's heartbeat notices. At a few hundred requests a second per key, one query per 5 s is
 * still nothing.
 */
export const API_KEY_CACHE_TTL_MS = 5_000;
const CACHE_MAX = 10_000;

/** Verified API keys of this process, by the hash of their secret; the engine owns one. */
export class ApiKeyCache {
  private entries = new Map<string, { caller: Caller; untilMs: number }>();
  /**
   * Bumped by every revocation and every change of trust: a lookup that read the database before
   * a revocation committed (or before this process listened for revocations) must not put the key
   * back afterwards, so it remembers only if nothing came in between.
   */
  private revocations = 0;
  /**
   * False while this process cannot hear revocations made by other processes (PostgreSQL, its
   * listening connection down): then nothing is remembered and every request asks the database.
   */
  private trusted = true;

  get(secretHash: string, nowMs: number): Caller | undefined {
    if (!this.trusted) return undefined;
    const cached = this.entries.get(secretHash);
    return cached && cached.untilMs > nowMs ? cached.caller : undefined;
  }

  /** Taken before the database lookup and handed back to `remember`. */
  generation(): number {
    return this.revocations;
  }

  remember(secretHash: string, caller: Caller, nowMs: number, generation: number): void {
    if (!this.trusted || generation !== this.revocations) return;
    if (this.entries.size >= CACHE_MAX) this.entries.clear();
    this.entries.set(secretHash, { caller, untilMs: nowMs + API_KEY_CACHE_TTL_MS });
  }

  /** Forgets a revoked key (by its id: only hashes of secrets are stored, never the secret). */
  forget(keyId: string): void {
    this.revocations++;
    for (const [hash, entry] of this.entries) if (entry.caller.id === keyId) this.entries.delete(hash);
  }

  /** Revocations may go unheard from now on: forget every key and remember none until `trust`. */
  distrust(): void {
    this.trusted = false;
    this.revocations++;
    this.entries.clear();
  }

  /**
   * Every revocation is heard again. A lookup that read the database before that may have seen a
   * key whose revocation went unheard, so it is not remembered either (the generation moves).
   */
  trust(): void {
    this.trusted = true;
    this.revocations++;
  }

  /** Whether keys are remembered now (false while revocations may go unheard). */
  get caching(): boolean {
    return this.trusted;
  }
}
