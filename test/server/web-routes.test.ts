import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../src/server/app.js';
import { SimulatedClock } from '../../src/kernel/clock.js';
import type { ServiceContext } from '../../src/server/context.js';
import { seedDemo } from '../../src/sandbox/seed-demo.js';
import { backends } from '../support/databases.js';
import { type FakeFleet, startFakeFleet } from '../support/fake-fleet.js';
import { type Harness, issueKey, rowCounts, startHarness, uniqueKey } from '../support/harness.js';

/** A built page in a temporary directory: index.html and one hashed asset. */
function fakeBuild(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pictor-web-'));
  fs.mkdirSync(path.join(root, 'assets'));
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><div id="root"></div>');
  fs.writeFileSync(path.join(root, 'assets/index-abc123.js'), 'console.log(1)');
  return root;
}

describe('the billing page is served at / (SPA routes only; the API keeps its 404s)', () => {
  let h: Harness;
  let built: App;
  let unbuilt: App;
  const root = fakeBuild();
  beforeAll(async () => {
    h = await startHarness(backends[0]!);
    built = await buildApp(h.engine, { web: { root } });
    unbuilt = await buildApp(h.engine, { web: { root: path.join(root, 'missing') } });
  });
  afterAll(async () => {
    await built?.close();
    await unbuilt?.close();
    await h?.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('answers the page routes with index.html (never cached) and assets with a year of immutable caching', async () => {
    for (const url of ['/', '/signin', '/compute/billing', '/booth/tokens?x=1', '/compute']) {
      const res = await built.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body).toBe('<!doctype html><div id="root"></div>');
    }
    const asset = await built.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.body).toBe('console.log(1)');
  });

  it('never answers API paths with the page: unknown ones stay problem+json 404s', async () => {
    for (const url of [
      '/v1/nothing-here',
      '/v1/accounts/acct_x/nothing',
      '/sandbox/nothing',
      '/assets/missing.js',
      '/other',
    ]) {
      const res = await built.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code).toBe('route_not_found');
    }
    expect((await built.inject({ method: 'GET', url: '/openapi.json' })).json().openapi).toBe('3.1.0');
    const docs = await built.inject({ method: 'GET', url: '/docs/' });
    expect(docs.body).not.toContain('<div id="root"></div>');
  });

  it('without a build, / says how to build the page instead of 404', async () => {
    const res = await unbuilt.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('The billing page is not built yet');
    expect(res.body).toContain('npm run build');
    expect((await unbuilt.inject({ method: 'GET', url: '/compute/payment' })).statusCode).toBe(404);
  });
});

for (const backend of backends) {
  describe(`page support endpoints (${backend.name})`, () => {
    let h: Harness;
    let fleet: FakeFleet;
    let app: App;
    beforeAll(async () => {
      fleet = await startFakeFleet();
      h = await startHarness(backend, { clock: new SimulatedClock('2026-06-01T00:00:00Z') });
      const ctx: ServiceContext = { ...h.engine, fleet: fleet.client() };
      app = await buildApp(ctx, {
        web: { demo: () => ({ accountId: 'acct_demo', secret: 'pk_demo_secret' }) },
      });
    });
    afterAll(async () => {
      await app?.close();
      await h?.close();
      await fleet?.close();
    });
    const get = (url: string, key?: string) =>
      app.inject({ method: 'GET', url, headers: key ? { authorization: `Bearer ${key}` } : {} });

    it('GET /v1/me tells a pasted key which account it opens; no key is 401', async () => {
      const accountId = await h.openAccount('Me Studio');
      const customer = await issueKey(h.engine, 'customer', accountId);
      const me = await get('/v1/me', customer.secret);
      expect(me.statusCode).toBe(200);
      expect(me.json()).toMatchObject({ role: 'customer', account: { id: accountId, name: 'Me Studio' } });
      expect((await get('/v1/me', h.operatorKey)).json()).toEqual({ role: 'operator', account: null });
      expect((await get('/v1/me')).statusCode).toBe(401);
    });

    it('GET /v1/demo hands out the demo key only when the server runs with the demo on', async () => {
      expect((await get('/v1/demo')).json()).toEqual({ accountId: 'acct_demo', key: 'pk_demo_secret' });
      const off = await h.app.inject({ method: 'GET', url: '/v1/demo' });
      expect(off.statusCode).toBe(404);
      expect(off.json().code).toBe('demo_not_enabled');
    });

    it('GET …/runway: available ÷ hourly burn of the GPU instances, two decimals rounded down; null when nothing burns', async () => {
      const accountId = await h.openAccount('Runway Studio');
      await h.fund(accountId, '10');
      const idle = await get(`/v1/accounts/${accountId}/runway`, h.operatorKey);
      expect(idle.json()).toEqual({
        accountId,
        available: { amount: '10.000000', unit: 'CREDIT' },
        hourlyBurn: { amount: '0.000000', unit: 'CREDIT' },
        remainingHours: null,
      });
      const rented = await app.inject({
        method: 'POST',
        url: `/v1/accounts/${accountId}/instances`,
        headers: { authorization: `Bearer ${h.operatorKey}`, 'idempotency-key': uniqueKey() },
        payload: {
          instanceType: 'rtx-4090',
          diskGb: 100,
          period: { unit: 'hour', count: 1 },
          autoRenew: true,
        },
      });
      expect(rented.statusCode).toBe(201);
      // Period charged up front: 0.69 compute + 100 GB × 0.00028 storage = 0.718 → 9.282 left;
      // burn 0.718/h → 9.282 ÷ 0.718 = 12.9275… hours → "12.92".
      const running = await get(`/v1/accounts/${accountId}/runway`, h.operatorKey);
      expect(running.json()).toEqual({
        accountId,
        available: { amount: '9.282000', unit: 'CREDIT' },
        hourlyBurn: { amount: '0.718000', unit: 'CREDIT' },
        remainingHours: '12.92',
      });
      const other = await h.openAccount('Other');
      const customer = await issueKey(h.engine, 'customer', other);
      expect((await get(`/v1/accounts/${accountId}/runway`, customer.secret)).statusCode).toBe(404);
    });

    it('the demo seed writes its history once: a second run with the saved key or without it adds nothing', async () => {
      const first = await seedDemo(h.engine, {});
      if (!first.ok) throw new Error(first.failure.detail);
      expect(first.value.created).toBe(true);
      const accountId = first.value.account.id;
      const history = await h.call('GET', `/v1/accounts/${accountId}/transactions?unit=CREDIT`);
      // Operator credit of 100 (no PayPal here), then three charges: 100 − 12.345678 − 8.4 − 0.01344.
      expect(
        history
          .json()
          .data.map((t: { kind: string; amount: { amount: string } }) => `${t.kind} ${t.amount.amount}`),
      ).toEqual(['charge -0.013440', 'charge -8.400000', 'charge -12.345678', 'other 100.000000']);
      const balance = await h.call('GET', `/v1/accounts/${accountId}/balances`);
      expect(balance.json().balances.find((b: { unit: string }) => b.unit === 'CREDIT').balance).toBe(
        '79.240882',
      );
      const me = await get('/v1/me', first.value.secret);
      expect(me.json().account.name).toBe('Demo Studio');

      const counts = await rowCounts(h.engine.db);
      const again = await seedDemo(h.engine, { existingSecret: first.value.secret });
      expect(again.ok && again.value).toMatchObject({ created: false, secret: first.value.secret });
      expect(await rowCounts(h.engine.db)).toEqual(counts);

      // Lost key file: the same account again (fixed keys replay), a new key, no new history.
      const lost = await seedDemo(h.engine, { existingSecret: 'pk_not_a_key' });
      expect(lost.ok && lost.value.account.id).toBe(accountId);
      const after = await rowCounts(h.engine.db);
      expect({ ...after, idempotency_keys: 0 }).toEqual({ ...counts, idempotency_keys: 0 });
      expect(
        (await h.call('GET', `/v1/accounts/${accountId}/transactions?unit=CREDIT`)).json().data,
      ).toHaveLength(4);
    });
  });
}
