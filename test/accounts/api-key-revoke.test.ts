import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY_CACHE_TTL_MS } from '../../src/accounts/api-key-cache.js';
import { hashSecret } from '../../src/accounts/create-api-key.js';
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

  it('the other process refuses the key once its cache entry is older than the TTL', async () => {
    const accountId = await a.openAccount('Two Servers Ltd');
    const key = await issueKey(a.engine, 'customer', accountId);
    expect((await b.call('GET', '/v1/me', { key: key.secret })).statusCode).toBe(200); // cached on b

    const revoked = await a.call('POST', `/v1/api-keys/${key.caller.id}/revoke`, {
      body: { reason: 'leaked' },
    });
    expect(revoked.statusCode).toBe(200);
    expect((await a.call('GET', '/v1/me', { key: key.secret })).statusCode).toBe(401);
    // b learns nothing of the revocation: its cache answers until the entry is TTL old.
    a.clock.advance(API_KEY_CACHE_TTL_MS - 1);
    expect((await b.call('GET', '/v1/me', { key: key.secret })).statusCode).toBe(200);
    a.clock.advance(1);
    expect((await b.call('GET', '/v1/me', { key: key.secret })).statusCode).toBe(401);
  }, 30_000);
});
