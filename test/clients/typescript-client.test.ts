import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createBillingClient,
  fromMicros,
  paginate,
  retryingFetch,
  toMicros,
} from '../../clients/typescript/src/index.js';
import { CLIENT_TYPES_FILE, generateClientTypes } from '../../scripts/client-types.js';
import { pglite } from '../support/databases.js';
import { type Harness, startHarness } from '../support/harness.js';

describe('TypeScript client (@pictor/billing-client)', () => {
  it('its committed generated types are what the server serves (run `npm run client:types` after an API change)', async () => {
    expect(await generateClientTypes()).toBe(readFileSync(CLIENT_TYPES_FILE, 'utf8'));
  });

  describe('against a running server', () => {
    let h: Harness;
    let baseUrl = '';
    beforeAll(async () => {
      h = await startHarness(pglite);
      await h.app.listen({ host: '127.0.0.1', port: 0 });
      baseUrl = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      await h?.close();
    });

    it('a charge whose answer is lost is retried with the same Idempotency-Key and charged once', async () => {
      const client = createBillingClient({ baseUrl, apiKey: h.operatorKey, baseDelayMs: 1 });
      const opened = await client.POST('/v1/accounts', { body: { name: 'Client test' } });
      expect(opened.response.status).toBe(201);
      const accountId = opened.data!.id;
      const funded = await client.POST('/v1/accounts/{accountId}/adjustments', {
        params: { path: { accountId } },
        body: { direction: 'credit', amount: { amount: '10', unit: 'CREDIT' }, reason: 'test funding' },
      });
      expect(funded.response.status).toBe(201);

      // The server applies the charge, then the connection drops before the answer arrives.
      const keys: string[] = [];
      let dropped = false;
      const flaky = createBillingClient({
        baseUrl,
        apiKey: h.operatorKey,
        baseDelayMs: 1,
        fetch: async (input, init) => {
          const request = new Request(input as Request, init);
          keys.push(request.headers.get('idempotency-key') ?? '');
          const response = await fetch(request);
          if (!dropped) {
            dropped = true;
            throw new TypeError('fetch failed: socket hang up');
          }
          return response;
        },
      });
      const charged = await flaky.POST('/v1/accounts/{accountId}/charges', {
        params: { path: { accountId } },
        body: { amount: { amount: '2.5', unit: 'CREDIT' }, productLine: 'compute', description: 'render' },
      });
      expect(charged.response.status).toBe(201);
      expect(charged.response.headers.get('idempotent-replayed')).toBe('true');
      expect(keys).toHaveLength(2);
      expect(keys[0]).toMatch(/^cli_/);
      expect(keys[1]).toBe(keys[0]);

      const balances = await client.GET('/v1/accounts/{accountId}/balances', {
        params: { path: { accountId } },
      });
      const credit = balances.data!.balances.find((b) => b.unit === 'CREDIT')!;
      expect(credit.balance).toBe('7.500000');
      expect(fromMicros(toMicros('10') - toMicros(charged.data!.amount.amount.replace('-', '')))).toBe(
        '7.500000',
      );

      // Every transaction, page by page (2 per page), through the pagination helper.
      const all = [];
      for await (const txn of paginate((cursor) =>
        client.GET('/v1/accounts/{accountId}/transactions', {
          params: { path: { accountId }, query: { limit: 2, ...(cursor ? { cursor } : {}) } },
        }),
      ))
        all.push(txn);
      expect(all.filter((t) => t.description === 'render')).toHaveLength(1);
      expect(all.length).toBeGreaterThanOrEqual(2);
    });
  });

  it('retries 429 and 5xx honouring Retry-After, and gives up after its retries', async () => {
    const statuses = [503, 429, 200];
    const times: number[] = [];
    const send = retryingFetch({
      baseDelayMs: 1,
      fetch: async () => {
        times.push(performance.now());
        const status = statuses.shift()!;
        return new Response('{}', { status, headers: status === 429 ? { 'retry-after': '1' } : {} });
      },
    });
    const res = await send(new Request('http://x.invalid/v1/accounts', { method: 'POST', body: '{}' }));
    expect(res.status).toBe(200);
    expect(times).toHaveLength(3);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(950); // Retry-After: 1 s

    let calls = 0;
    const failing = retryingFetch({
      retries: 2,
      baseDelayMs: 1,
      fetch: async () => {
        calls++;
        return new Response('{}', { status: 500 });
      },
    });
    expect((await failing(new Request('http://x.invalid/'))).status).toBe(500);
    expect(calls).toBe(3);
  });

  it('money stays decimal: exact micro-units both ways', () => {
    expect(toMicros('12.5')).toBe(12_500_000n);
    expect(toMicros('-0.000001')).toBe(-1n);
    expect(fromMicros(12_500_000n)).toBe('12.500000');
    expect(fromMicros(4_900_000_000n, 2)).toBe('4900.00');
    expect(() => toMicros('1e3')).toThrow();
  });
});
