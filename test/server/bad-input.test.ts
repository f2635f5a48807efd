import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../support/databases.js';
import { type Harness, rowCounts, startHarness } from '../support/harness.js';

/** The cases of issue 18 that answered 500 or a non-problem 4xx, one by one. */
for (const backend of backends) {
  describe(`bad input at the edge (${backend.name})`, () => {
    let h: Harness;
    let accountId: string;
    beforeAll(async () => {
      h = await startHarness(backend);
      accountId = await h.openAccount('Edge');
    });
    afterAll(async () => h.close());

    const expectProblem = (
      res: { statusCode: number; headers: Record<string, unknown>; json(): unknown },
      status: number,
      code: string,
    ) => {
      expect(res.statusCode).toBe(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ status, code });
    };

    it('refuses U+0000 and other controls in path, query, header and body with a field error', async () => {
      const before = await rowCounts(h.engine.db);
      expectProblem(await h.call('GET', '/v1/accounts/%00/balances'), 400, 'invalid_character');
      expectProblem(
        await h.call('GET', `/v1/accounts/${accountId}/transactions?cursor=a%00b`),
        400,
        'invalid_character',
      );
      const body = await h.call('POST', `/v1/accounts/${accountId}/charges`, {
        key: h.serviceKey,
        body: { amount: { amount: '1', unit: 'CREDIT' }, productLine: 'compute', description: 'a\u0000b' },
      });
      expectProblem(body, 400, 'invalid_character');
      expect(body.json()).toMatchObject({ field: 'description' });
      const meta = await h.call('POST', '/v1/accounts', {
        body: { name: 'n', metadata: { 'k\u0001': 'v' } },
      });
      expectProblem(meta, 400, 'invalid_character');
      expect(meta.json()).toMatchObject({ field: 'metadata.k\u0001' });
      expectProblem(
        await h.call('POST', '/v1/accounts', { body: { name: 'n' }, idempotencyKey: 'k\u0000' }),
        400,
        'invalid_character',
      );
      expectProblem(
        await h.call('POST', '/v1/accounts', { rawBody: '{"name":"a\\ud800b"}' }),
        400,
        'invalid_character',
      );
      expect(await rowCounts(h.engine.db)).toEqual(before);
      // Free text keeps its line breaks and tabs.
      const ok = await h.call('POST', '/v1/accounts', { body: { name: 'two\nlines\tand a tab' } });
      expect(ok.statusCode).toBe(201);
    });

    it('refuses ids that cannot be ids, and query parameters a route does not declare', async () => {
      expectProblem(await h.call('GET', '/v1/accounts/nope/balances'), 400, 'validation_failed');
      expectProblem(await h.call('GET', '/v1/accounts/acct_UPPER'), 400, 'validation_failed');
      expectProblem(
        await h.call('GET', `/v1/accounts/${'acct_' + 'a'.repeat(70)}`),
        400,
        'validation_failed',
      );
      expectProblem(await h.call('GET', '/v1/accounts/acct_nope'), 404, 'account_not_found');
      expectProblem(await h.call('GET', `/v1/accounts/${accountId}/balances?x=1`), 400, 'unknown_field');
      expectProblem(
        await h.call('GET', `/v1/accounts/${accountId}/transactions?limit=5&x=1`),
        400,
        'unknown_field',
      );
    });

    it("answers Fastify's own errors as problem+json", async () => {
      expectProblem(await h.call('GET', '/v1/nowhere'), 404, 'route_not_found');
      expectProblem(await h.call('GET', '/v1/accounts/%ZZ'), 400, 'malformed_url');
      expectProblem(await h.call('GET', `/v1/accounts/${'a'.repeat(500)}`), 414, 'uri_too_long');
      expectProblem(await h.call('POST', '/v1/accounts', { rawBody: '{"name":' }), 400, 'malformed_json');
      expectProblem(
        await h.call('POST', '/v1/accounts', {
          rawBody: 'name=a',
          headers: { 'content-type': 'application/xml' },
        }),
        415,
        'unsupported_media_type',
      );
    });

    it('bounds a wallet: a credit that would pass the maximum is 422 balance_limit_exceeded', async () => {
      const credit = () =>
        h.call('POST', `/v1/accounts/${accountId}/adjustments`, {
          body: { direction: 'credit', amount: { amount: '999999999999', unit: 'CREDIT' }, reason: 'r' },
        });
      expect((await credit()).statusCode).toBe(201);
      const before = await rowCounts(h.engine.db);
      const refused = await credit();
      expectProblem(refused, 422, 'balance_limit_exceeded');
      expect(refused.json()).toMatchObject({ limit: '1000000000000.000000', unit: 'CREDIT' });
      const { idempotency_keys: _a, ...after } = await rowCounts(h.engine.db);
      const { idempotency_keys: _b, ...beforeRows } = before;
      expect(after).toEqual(beforeRows);
    });

    it('answers cancel and downgrade under an unknown account or of an ended license with 4xx', async () => {
      const bodies: Record<string, unknown> = {
        cancel: undefined,
        downgrade: { tier: 'basic' },
        'cancel-now': { reason: 'r' },
      };
      for (const [path, body] of Object.entries(bodies)) {
        const res = await h.call('POST', `/v1/accounts/acct_nope/licenses/lic_nope/${path}`, { body });
        expect(res.statusCode).toBeGreaterThanOrEqual(400);
        expect(res.statusCode).toBeLessThan(500);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
    });
  });
}
