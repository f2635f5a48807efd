import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxCardServer, type SandboxCardServer } from '../../src/sandbox/sandbox-card-processor.js';
import { StripeCardProcessor } from '../../src/booth/billing/card-processor.js';
import { systemClock } from '../../src/kernel/clock.js';
import { loadConfig } from '../../src/kernel/config.js';
import { type App, buildApp } from '../../src/server/app.js';
import { allWorkRunner } from '../../src/server/all-work.js';
import { type Engine, startEngine } from '../../src/server/engine.js';
import { backends, type FreshDatabase } from '../support/databases.js';
import { type FakeFleet, startFakeFleet } from '../support/fake-fleet.js';
import { issueKey, uniqueKey } from '../support/harness.js';

/**
 * Test clocks over HTTP only: the server runs on the real clock; time moves for the accounts on a
 * test clock because the test advances that clock through the API.
 */
for (const backend of backends) {
  describe(`test clocks over HTTP (${backend.name})`, () => {
    let database: FreshDatabase;
    let engine: Engine;
    let app: App;
    let cards: SandboxCardServer;
    let fleet: FakeFleet;
    let base = '';
    let operatorKey = '';

    beforeAll(async () => {
      database = await backend.fresh();
      cards = await startSandboxCardServer({});
      fleet = await startFakeFleet();
      engine = await startEngine(await database.open(), systemClock, {
        cards: new StripeCardProcessor({ secretKey: cards.sandbox.secretKey, baseUrl: cards.url }),
        cardsPublic: {
          publishableKey: cards.sandbox.publishableKey,
          tokenizeUrl: cards.url,
          mode: 'sandbox',
        },
      });
      engine.fleet = fleet.client();
      const runner = allWorkRunner(engine, { holdSweepSeconds: 30, notifications: { alertScanSeconds: 60 } });
      app = await buildApp(engine, { testClocks: runner });
      await app.listen({ host: '127.0.0.1', port: 0 });
      base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      operatorKey = (await issueKey(engine, 'operator')).secret;
    });
    afterAll(async () => {
      await app?.close();
      await engine?.close();
      await cards?.close();
      await fleet?.close();
      await database?.drop();
    });

    async function api(method: string, path: string, body?: unknown, extra: Record<string, string> = {}) {
      const headers: Record<string, string> = { authorization: `Bearer ${operatorKey}`, ...extra };
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (method === 'POST') headers['idempotency-key'] = uniqueKey();
      const res = await fetch(`${base}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const location = res.headers.get('location');
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the test reads answers loosely
      return { status: res.status, location, json: (await res.json()) as Record<string, any> };
    }
    async function tokenize(number: string): Promise<string> {
      const res = await fetch(`${cards.url}/v1/payment_methods`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${cards.sandbox.publishableKey}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({
          type: 'card',
          'card[number]': number,
          'card[exp_month]': '12',
          'card[exp_year]': '2031',
          'card[cvc]': '123',
        }),
      });
      return ((await res.json()) as { id: string }).id;
    }
    /** Advances a clock over HTTP; a long jump (202) is polled with GET until the clock is ready. */
    async function advance(
      clockId: string,
      to: string,
      expected: 200 | 202,
      extra: Record<string, string> = {},
    ) {
      const res = await api('POST', `/v1/test_clocks/${clockId}/advance`, { frozenTime: to }, extra);
      expect(res.status, JSON.stringify(res.json)).toBe(expected);
      if (res.status === 202) {
        expect(res.json).toMatchObject({ id: clockId, status: 'advancing' });
        expect(res.location).toBe(`/v1/test_clocks/${clockId}`);
        await pollUntilReady(res.location!);
      }
      expect((await api('GET', `/v1/test_clocks/${clockId}`)).json).toMatchObject({
        frozenTime: new Date(to).toISOString(),
        status: 'ready',
      });
    }
    async function pollUntilReady(location: string): Promise<void> {
      for (let polls = 0; polls < 1200; polls++) {
        const clock = await api('GET', location);
        expect(clock.status).toBe(200);
        if (clock.json.status === 'ready') return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error('the test clock did not become ready');
    }

    it('renews a Basic monthly license bought on Jan 31 on Feb 28, Mar 31 and Apr 30 ($49.00 each); 250 GB stopped for 7 days is 11.760000 CREDIT', async () => {
      const clock = await api('POST', '/v1/test_clocks', {
        frozenTime: '2027-01-31T10:00:00Z',
        name: 'renewals',
      });
      expect(clock.status).toBe(201);
      const clockId = clock.json.id as string;
      const account = await api('POST', '/v1/accounts', { name: 'Booth studio', testClockId: clockId });
      expect(account.status, JSON.stringify(account.json)).toBe(201);
      expect(account.json).toMatchObject({ testClockId: clockId, createdAt: '2027-01-31T10:00:00.000Z' });
      const acct = account.json.id as string;

      const card = await api('POST', `/v1/accounts/${acct}/payment-methods`, {
        paymentMethod: await tokenize('4242424242424242'),
      });
      expect(card.status, JSON.stringify(card.json)).toBe(201);
      const order = { product: 'basic', period: 'monthly', quantity: 1 };
      const quote = await api('POST', `/v1/accounts/${acct}/licenses/quote`, order);
      const bought = await api('POST', `/v1/accounts/${acct}/licenses`, {
        ...order,
        expectedTotal: quote.json.total,
      });
      expect(bought.status, JSON.stringify(bought.json)).toBe(201);

      // 89 days: a long jump, answered 202 at once and polled until ready.
      await advance(clockId, '2027-05-01T00:00:00Z', 202);
      const invoices = await api('GET', `/v1/accounts/${acct}/booth-invoices`);
      expect(invoices.status).toBe(200);
      const rows = (invoices.json.data as { date: string; amount: { amount: string }; status: string }[])
        .map((i) => [i.date.slice(0, 10), i.amount.amount, i.status])
        .sort();
      expect(rows).toEqual([
        ['2027-01-31', '49.00', 'paid'],
        ['2027-02-28', '49.00', 'paid'],
        ['2027-03-31', '49.00', 'paid'],
        ['2027-04-30', '49.00', 'paid'],
      ]);

      // The account sees its clock everywhere: a GPU instance rented now starts on May 1.
      const funded = await api('POST', `/v1/accounts/${acct}/adjustments`, {
        direction: 'credit',
        amount: { amount: '100', unit: 'CREDIT' },
        reason: 'test funding',
      });
      expect(funded.status).toBe(201);
      const rented = await api('POST', `/v1/accounts/${acct}/instances`, {
        instanceType: 'rtx-4090',
        diskGb: 250,
        period: { unit: 'hour', count: 1 },
        autoRenew: false,
      });
      expect(rented.status, JSON.stringify(rented.json)).toBe(201);
      const instanceId = rented.json.instance.id as string;
      // Its prepaid hour ends and it stops (auto-renew off); from then on storage accrues hourly.
      await advance(clockId, '2027-05-01T01:00:00Z', 200);
      const stopped = await api('GET', `/v1/accounts/${acct}/instances/${instanceId}`);
      expect(stopped.json.status ?? stopped.json.instance?.status).toBe('stopped');
      // 7 days of hourly storage, asked to respond async: 202, and a second advance meanwhile is 409.
      const week = await api(
        'POST',
        `/v1/test_clocks/${clockId}/advance`,
        { frozenTime: '2027-05-08T01:00:00Z' },
        { prefer: 'respond-async' },
      );
      expect(week.status, JSON.stringify(week.json)).toBe(202);
      expect(week.json).toMatchObject({ status: 'advancing', frozenTime: '2027-05-01T01:00:00.000Z' });
      const twice = await api('POST', `/v1/test_clocks/${clockId}/advance`, {
        frozenTime: '2027-05-09T00:00:00Z',
      });
      expect(twice.status).toBe(409);
      expect(twice.json.code).toBe('test_clock_advancing');
      await pollUntilReady(week.location!);
      expect((await api('GET', `/v1/test_clocks/${clockId}`)).json.frozenTime).toBe(
        '2027-05-08T01:00:00.000Z',
      );

      let storage = 0n;
      let count = 0;
      for (let cursor: string | null = null; ;) {
        const page = await api(
          'GET',
          `/v1/accounts/${acct}/transactions?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
        );
        for (const t of page.json.data as { description: string; amount: { amount: string } }[]) {
          if (!t.description.startsWith('Storage charge')) continue;
          storage += BigInt(t.amount.amount.replace('-', '').replace('.', ''));
          count++;
        }
        cursor = page.json.nextCursor as string | null;
        if (!cursor) break;
      }
      expect(count).toBe(168);
      expect(storage).toBe(11_760_000n);

      // Other accounts stay on the real clock: nothing of theirs ran.
      const real = await api('POST', '/v1/accounts', { name: 'Real time' });
      expect(Date.parse(real.json.createdAt as string)).toBeLessThan(Date.parse('2027-01-01'));
    }, 120_000);

    it('refuses to go backwards, answers 404 for an unknown clock, and an account on a clock reads its time', async () => {
      const clock = await api('POST', '/v1/test_clocks', { frozenTime: '2025-03-01T00:00:00Z' });
      const id = clock.json.id as string;
      const back = await api('POST', `/v1/test_clocks/${id}/advance`, { frozenTime: '2025-02-01T00:00:00Z' });
      expect(back.status).toBe(422);
      expect(back.json.code).toBe('test_clock_backwards');
      expect((await api('GET', '/v1/test_clocks/clock_nope')).status).toBe(404);
      const unknown = await api('POST', '/v1/accounts', { name: 'x', testClockId: 'clock_nope' });
      expect(unknown.status).toBe(404);
      expect(unknown.json.code).toBe('test_clock_not_found');
      const same = await api('POST', `/v1/test_clocks/${id}/advance`, { frozenTime: '2025-03-01T00:00:00Z' });
      expect(same.status).toBe(200);
      expect((await api('GET', `/v1/test_clocks/${id}`)).json.frozenTime).toBe('2025-03-01T00:00:00.000Z');
    });
  });
}

describe('sandbox mode (test clocks) from the environment', () => {
  const creds = { PICTOR_PAYPAL_CLIENT_ID: 'id', PICTOR_PAYPAL_CLIENT_SECRET: 'secret' };
  it('is on by default on the embedded store, off on PostgreSQL or with live payment credentials', () => {
    expect(loadConfig({}).sandbox).toBe(true);
    expect(loadConfig({ DATABASE_URL: 'postgres://db/x' }).sandbox).toBe(false);
    expect(loadConfig(creds).sandbox).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://db/x', PICTOR_SANDBOX: 'on' }).sandbox).toBe(true);
    expect(loadConfig({ PICTOR_SANDBOX: 'off' }).sandbox).toBe(false);
  });
  it('refuses PICTOR_SANDBOX=on with live PayPal or card credentials', () => {
    expect(() => loadConfig({ ...creds, PICTOR_SANDBOX: 'on' })).toThrow(/refused with live payment/);
    expect(() =>
      loadConfig({
        PICTOR_CARD_PROCESSOR_SECRET_KEY: 'sk_live_x',
        PICTOR_CARD_PROCESSOR_PUBLISHABLE_KEY: 'pk_live_x',
        PICTOR_SANDBOX: 'on',
      }),
    ).toThrow(/refused with live payment/);
  });
});
