import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKeyCache } from '../../src/accounts/api-key-cache.js';
import { Authenticator } from '../../src/accounts/authenticate.js';
import { hashSecret } from '../../src/accounts/create-api-key.js';
import { startEngine } from '../../src/server/engine.js';
import { backends, postgres } from '../support/databases.js';
import { type Harness, issueKey, startHarness } from '../support/harness.js';

for (const backend of backends) {
  describe(`revoking an API key (${backend.name})`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(backend);
    });
    afterAll(async () => {
      await h.close();
    });

    it('refuses a key on the very next request once revoked, though it was just cached', async () => {
      // PostgreSQL listens for other processes' revocations; PGlite is one process and does not.
      expect(h.engine.apiKeyRevocations?.listening).toBe(backend.name === 'postgres' ? true : undefined);
      const accountId = await h.openAccount('Revoked Key Ltd');
      const key = await issueKey(h.engine, 'customer', accountId);
      const me = () => h.call('GET', '/v1/me', { key: key.secret });
      expect((await me()).statusCode).toBe(200); // verified: now in the cache
      // The key's row goes away under the cache: only the cache can answer 200 now.
      const setHash = (hash: string) =>
        h.engine.db.query('UPDATE api_keys SET secret_hash = $1 WHERE id = $2', [hash, key.caller.id]);
      await setHash('not-this-secret');
      expect((await me()).statusCode).toBe(200);
      await setHash(hashSecret(key.secret));

      const revoked = await h.call('POST', `/v1/api-keys/${key.caller.id}/revoke`, {
        body: { reason: 'leaked' },
      });
      expect(revoked.statusCode).toBe(200);
      const next = await me();
      expect(next.statusCode).toBe(401);
      expect(next.json()).toMatchObject({ code: 'unauthenticated' });
      // The operator's own key, cached too, still works: only the revoked key was forgotten.
      expect((await h.call('GET', `/v1/accounts/${accountId}`)).statusCode).toBe(200);
    }, 30_000);
  });
}

/** On the server's own database (a database cannot refuse connections from inside itself). */
async function asAdmin(work: (client: pg.Client) => Promise<unknown>) {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

/** Keeps a key's row out of reach of the lookup (or gives it back): only a cache can answer 200 then. */
const hideKeyRow = (h: Harness, keyId: string, secret: string | null) =>
  h.engine.db.query('UPDATE api_keys SET secret_hash = $1 WHERE id = $2', [
    secret === null ? `hidden-${keyId}` : hashSecret(secret),
    keyId,
  ]);

/** Whether `h` answers `secret` from its cache: 200 with the key's row out of reach. */
async function servedFromCache(h: Harness, key: { secret: string; caller: { id: string } }) {
  await hideKeyRow(h, key.caller.id, null);
  try {
    return (await h.call('GET', '/v1/me', { key: key.secret })).statusCode === 200;
  } finally {
    await hideKeyRow(h, key.caller.id, key.secret);
  }
}

describe('the API key cache', () => {
  const caller = { id: 'key_1', role: 'customer' as const, accountId: 'acct_1' };

  it('remembers nothing looked up before it could hear revocations again', () => {
    const cache = new ApiKeyCache();
    cache.remember('h1', caller, 0, cache.generation());
    expect(cache.get('h1', 1)).toEqual(caller);
    cache.distrust();
    expect(cache.get('h1', 1)).toBeUndefined(); // forgotten, and off while distrusted
    const before = cache.generation();
    cache.remember('h1', caller, 1, before);
    expect(cache.get('h1', 2)).toBeUndefined();
    cache.trust();
    cache.remember('h1', caller, 2, before); // read while a revocation could go unheard
    expect(cache.get('h1', 3)).toBeUndefined();
    cache.remember('h1', caller, 3, cache.generation());
    expect(cache.get('h1', 4)).toEqual(caller);
  });
});

/**
 * Two API processes on one PostgreSQL (two engines, two pools, one database). They share a
 * simulated clock that never moves here, so no cache entry ever reaches its TTL: only the NOTIFY
 * (or the listener's loss) can make b refuse a key it has cached. The old code (TTL only) fails.
 */
describe.skipIf(!postgres)('revoking an API key, two API processes on one PostgreSQL', () => {
  let a: Harness;
  let b: Harness;
  beforeAll(async () => {
    a = await startHarness(postgres!);
    b = await startHarness(postgres!, { database: a.database, clock: a.clock });
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  const statusOn = async (h: Harness, secret: string) =>
    (await h.call('GET', '/v1/me', { key: secret })).statusCode;
  const revokeOnA = async (keyId: string) =>
    (await a.call('POST', `/v1/api-keys/${keyId}/revoke`, { body: { reason: 'leaked' } })).statusCode;

  it('the other process refuses the key as soon as the revocation is announced', async () => {
    expect(b.engine.apiKeyRevocations?.listening).toBe(true);
    const accountId = await a.openAccount('Two Servers Ltd');
    const key = await issueKey(a.engine, 'customer', accountId);
    const other = await issueKey(a.engine, 'customer', accountId);
    expect(await statusOn(b, key.secret)).toBe(200);
    expect(await statusOn(b, other.secret)).toBe(200);
    expect(await servedFromCache(b, key)).toBe(true);

    const startedMs = performance.now();
    expect(await revokeOnA(key.caller.id)).toBe(200);
    expect(await statusOn(a, key.secret)).toBe(401);
    // The notification's round trip, no TTL: b's clock has not moved since it cached the key.
    await expect.poll(() => statusOn(b, key.secret), { timeout: 1_000, interval: 5 }).toBe(401);
    console.log(
      `b refused the revoked key ${Math.round(performance.now() - startedMs)} ms after the revoke call`,
    );
    expect(a.clock.now().toISOString()).toBe('2026-01-01T00:00:00.000Z');
    // b's other cached keys stay cached: only the revoked one was forgotten.
    expect(await servedFromCache(b, other)).toBe(true);
  }, 30_000);

  it('an engine that answers no requests (the scheduler, the CLI) holds no listening connection and remembers no key', async () => {
    const listening = async () =>
      (
        await a.engine.db.query<{ n: bigint }>(
          `SELECT count(*) AS n FROM pg_stat_activity
           WHERE datname = current_database() AND application_name = 'pictor-listen'`,
        )
      )[0]!.n;
    const before = await listening();
    expect(before).toBe(2n); // a's and b's
    const scheduler = await startEngine(await a.database.open(), a.clock, { servesRequests: false });
    try {
      expect(scheduler.apiKeyRevocations).toBeUndefined();
      expect(await listening()).toBe(before);
      const key = await issueKey(a.engine, 'customer', await a.openAccount('Scheduler Ltd'));
      expect(await new Authenticator(scheduler).authenticate(key.secret)).toMatchObject({
        id: key.caller.id,
      });
      expect(scheduler.apiKeyCache!.get(hashSecret(key.secret), a.clock.now().getTime())).toBeUndefined();
    } finally {
      await scheduler.close();
    }
  }, 30_000);

  it('with its listening connection killed, the other process trusts no cached key until it listens again', async () => {
    const accountId = await a.openAccount('Cut Line Ltd');
    const revokedMeanwhile = await issueKey(a.engine, 'customer', accountId);
    const live = await issueKey(a.engine, 'customer', accountId);
    expect(await statusOn(b, revokedMeanwhile.secret)).toBe(200);
    expect(await servedFromCache(b, revokedMeanwhile)).toBe(true);

    const listener = b.engine.apiKeyRevocations!;
    const killedPid = listener.backendPid!;
    const name = new URL(a.database.url!).pathname.slice(1);
    // New connections refused, so b cannot listen again while the key is revoked (pools keep theirs).
    const allowConnections = (allow: boolean) =>
      asAdmin((admin) => admin.query(`ALTER DATABASE "${name}" WITH ALLOW_CONNECTIONS ${allow}`));
    await allowConnections(false);
    try {
      await a.engine.db.query('SELECT pg_terminate_backend($1)', [killedPid]);
      await expect.poll(() => listener.listening, { timeout: 1_000, interval: 5 }).toBe(false);
      expect(await revokeOnA(revokedMeanwhile.caller.id)).toBe(200); // its NOTIFY reaches nobody on b
      expect(await statusOn(b, revokedMeanwhile.secret)).toBe(401);
      // Not listening: every request asks the database, nothing is remembered.
      expect(await statusOn(b, live.secret)).toBe(200);
      expect(await servedFromCache(b, live)).toBe(false);
      expect(listener.listening).toBe(false);
    } finally {
      await allowConnections(true);
    }

    // Back (backoff 100 ms doubling, at most 5 s): caching again, and hearing revocations again.
    await expect.poll(() => listener.listening, { timeout: 10_000, interval: 20 }).toBe(true);
    expect(listener.backendPid).not.toBe(killedPid);
    expect(await statusOn(b, live.secret)).toBe(200);
    expect(await servedFromCache(b, live)).toBe(true);
    expect(await revokeOnA(live.caller.id)).toBe(200);
    await expect.poll(() => statusOn(b, live.secret), { timeout: 1_000, interval: 5 }).toBe(401);
  }, 30_000);
});
