import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { backends } from '../support/databases.js';
import { type Harness, issueKey, rowCounts, startHarness, uniqueKey } from '../support/harness.js';
import { type App, buildApp } from '../../src/server/app.js';
import { allWorkRunner } from '../../src/server/all-work.js';

/**
 * Every id field that was a bare string (the 500 the fuzz found on POST /v1/api-keys was one) is
 * the shared id schema now: a hostile string is a 400 naming the field before anything reaches the
 * store, and writes nothing. Path segments longer than the router's 100 characters are 414 by
 * design (docs/hardening.md), so the 10,000-character string is sent in bodies only.
 */
const HOSTILE = {
  nul: 'acct_a\u0000b',
  long: 'a'.repeat(10_000),
  unicode: 'acct_ñandú_🚀\u202e',
  sqlQuote: "acct_x' OR '1'='1",
  sqlStatement: "'; DROP TABLE accounts; --",
} as const;
const IN_PATHS = ['nul', 'unicode', 'sqlQuote', 'sqlStatement'] as const;

for (const backend of backends) {
  describe(`id fields refuse hostile strings with 400 on the field (${backend.name})`, () => {
    let h: Harness;
    let accountId: string;
    let customerKey: string;
    let withTestClocks: App;
    beforeAll(async () => {
      h = await startHarness(backend);
      accountId = await h.openAccount('Ids');
      customerKey = (await issueKey(h.engine, 'customer', accountId)).secret;
      const runner = allWorkRunner(h.engine, {
        holdSweepSeconds: 30,
        notifications: { alertScanSeconds: 60 },
      });
      withTestClocks = await buildApp(h.engine, { testClocks: runner });
    });
    afterAll(async () => {
      await withTestClocks?.close();
      await h?.close();
    });

    /** The answer is a 400 problem naming `field`, and no table changed. */
    const expectRefusedOn = async (field: string, send: () => Promise<LightMyRequestResponse>) => {
      const before = await rowCounts(h.engine.db);
      const res = await send();
      expect(res.statusCode, res.body).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      const problem = res.json();
      expect(['invalid_character', 'validation_failed']).toContain(problem.code);
      expect(problem.field).toBe(field);
      expect(await rowCounts(h.engine.db)).toEqual(before);
    };
    const inBodies = Object.values(HOSTILE);
    const inPaths = IN_PATHS.map((name) => encodeURIComponent(HOSTILE[name]));

    it('POST /v1/api-keys: body accountId', async () => {
      for (const value of inBodies) {
        await expectRefusedOn('accountId', () =>
          h.call('POST', '/v1/api-keys', { body: { role: 'customer', accountId: value } }),
        );
      }
    }, 30_000);

    it('POST /v1/accounts/{accountId}/refunds: body paymentTransactionId', async () => {
      for (const value of inBodies) {
        await expectRefusedOn('paymentTransactionId', () =>
          h.call('POST', `/v1/accounts/${accountId}/refunds`, {
            body: { paymentTransactionId: value, reason: 'hostile' },
          }),
        );
      }
    }, 30_000);

    it('POST /v1/accounts/{accountId}/notifications/read: body ids[] and upTo', async () => {
      for (const value of inBodies) {
        await expectRefusedOn('ids.0', () =>
          h.call('POST', `/v1/accounts/${accountId}/notifications/read`, { body: { ids: [value] } }),
        );
        await expectRefusedOn('upTo', () =>
          h.call('POST', `/v1/accounts/${accountId}/notifications/read`, { body: { upTo: value } }),
        );
      }
    }, 30_000);

    it('GET /v1/accounts/{accountId}/token-statements/{month}: path accountId', async () => {
      for (const segment of inPaths) {
        await expectRefusedOn('accountId', () =>
          h.call('GET', `/v1/accounts/${segment}/token-statements/2026-01`),
        );
      }
    }, 30_000);

    it('POST /v1/api-keys/{keyId}/revoke: path keyId', async () => {
      for (const segment of inPaths) {
        await expectRefusedOn('keyId', () =>
          h.call('POST', `/v1/api-keys/${segment}/revoke`, { body: { reason: 'hostile' } }),
        );
      }
    }, 30_000);

    it('POST /v1/sessions/{sessionId}/revoke (operator) and /v1/auth/sessions/{sessionId}/revoke (customer): path sessionId', async () => {
      for (const segment of inPaths) {
        await expectRefusedOn('sessionId', () =>
          h.call('POST', `/v1/sessions/${segment}/revoke`, { body: { reason: 'hostile' } }),
        );
        await expectRefusedOn('sessionId', () =>
          h.call('POST', `/v1/auth/sessions/${segment}/revoke`, { key: customerKey }),
        );
      }
    }, 30_000);

    it('GET /v1/test_clocks/{testClockId} and POST …/advance: path testClockId', async () => {
      const headers = { authorization: `Bearer ${h.operatorKey}` };
      for (const segment of inPaths) {
        await expectRefusedOn('testClockId', () =>
          withTestClocks.inject({ method: 'GET', url: `/v1/test_clocks/${segment}`, headers }),
        );
        await expectRefusedOn('testClockId', () =>
          withTestClocks.inject({
            method: 'POST',
            url: `/v1/test_clocks/${segment}/advance`,
            headers: { ...headers, 'idempotency-key': uniqueKey() },
            payload: { frozenTime: '2026-02-01T00:00:00Z' },
          }),
        );
      }
    }, 30_000);

    it('well-formed ids of nothing still reach the route and get its 404', async () => {
      const refund = await h.call('POST', `/v1/accounts/${accountId}/refunds`, {
        body: { paymentTransactionId: 'txn_nope', reason: 'missing' },
      });
      expect(refund.statusCode).toBe(404);
      const revoke = await h.call('POST', '/v1/api-keys/key_nope/revoke', { body: { reason: 'missing' } });
      expect(revoke.statusCode).toBe(404);
      const clock = await withTestClocks.inject({
        method: 'GET',
        url: '/v1/test_clocks/clock_nope',
        headers: { authorization: `Bearer ${h.operatorKey}` },
      });
      expect(clock.statusCode).toBe(404);
    }, 30_000);
  });
}
