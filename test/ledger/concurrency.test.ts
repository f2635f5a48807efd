import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Engine, startEngine } from '../../src/server/engine.js';
import { type App, buildApp } from '../../src/server/app.js';
import { SimulatedClock } from '../../src/kernel/clock.js';
import { type FreshDatabase, postgres } from '../support/databases.js';
import { type Harness, ledgerInvariants, startHarness, uniqueKey } from '../support/harness.js';

/**
 * Real PostgreSQL, several engines each with its own pool (as separate API nodes would be): the
 * overdraft rule must hold in the database, not because one process happens to serialize requests.
 */
describe.runIf(postgres)('concurrency on real PostgreSQL', () => {
  let database: FreshDatabase;
  let h: Harness;
  const nodes: { engine: Engine; app: App }[] = [];

  beforeAll(async () => {
    database = await postgres!.fresh();
    const clock = new SimulatedClock('2026-03-01T00:00:00Z');
    h = await startHarness(postgres!, { database, clock });
    for (let i = 0; i < 3; i++) {
      const engine = await startEngine(await database.open(), clock);
      nodes.push({ engine, app: await buildApp(engine) });
    }
  });
  afterAll(async () => {
    for (const node of nodes) {
      await node.app.close();
      await node.engine.close();
    }
    await h.close();
    await database.drop();
  });

  const allApps = () => [h.app, ...nodes.map((n) => n.app)];

  it('1,000 concurrent charges of 1 CREDIT against 100 → exactly 100 succeed, the rest are insufficient_funds, balance 0', async () => {
    const accountId = await h.openAccount();
    await h.fund(accountId, '100');
    const apps = allApps();
    const responses = await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        apps[i % apps.length]!.inject({
          method: 'POST',
          url: `/v1/accounts/${accountId}/charges`,
          headers: { authorization: `Bearer ${h.serviceKey}`, 'idempotency-key': `c-${i}` },
          payload: {
            amount: { amount: '1', unit: 'CREDIT' },
            productLine: 'compute',
            description: 'Render task',
          },
        }),
      ),
    );
    const byStatus = new Map<number, number>();
    for (const r of responses) byStatus.set(r.statusCode, (byStatus.get(r.statusCode) ?? 0) + 1);
    expect(Object.fromEntries(byStatus)).toEqual({ 201: 100, 422: 900 });
    const refused = responses.filter((r) => r.statusCode === 422).map((r) => r.json().code);
    expect(new Set(refused)).toEqual(new Set(['insufficient_funds']));
    const balances = (await h.call('GET', `/v1/accounts/${accountId}/balances`)).json().balances;
    expect(balances[0]).toEqual({
      unit: 'CREDIT',
      balance: '0.000000',
      held: '0.000000',
      available: '0.000000',
    });
    const [count] = await h.engine.db.query<{ n: bigint }>(
      `SELECT count(*)::int8 AS n FROM transactions WHERE account_id = $1 AND kind = 'charge'`,
      [accountId],
    );
    expect(count!.n).toBe(100n);
    const { sums, wallets } = await ledgerInvariants(h.engine.db);
    for (const s of sums) expect(s.total).toBe(0n);
    for (const w of wallets) expect(w.balance).toBe(w.derived);
  });

  it('100 concurrent identical requests across nodes → one transfer, one answer', async () => {
    const accountId = await h.openAccount();
    await h.fund(accountId, '50');
    const apps = allApps();
    const key = uniqueKey('burst');
    const responses = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        apps[i % apps.length]!.inject({
          method: 'POST',
          url: `/v1/accounts/${accountId}/charges`,
          headers: { authorization: `Bearer ${h.serviceKey}`, 'idempotency-key': key },
          payload: {
            amount: { amount: '7.25', unit: 'CREDIT' },
            productLine: 'compute',
            description: 'GPU rental',
          },
        }),
      ),
    );
    expect(new Set(responses.map((r) => r.statusCode))).toEqual(new Set([201]));
    expect(new Set(responses.map((r) => r.body)).size).toBe(1);
    const [count] = await h.engine.db.query<{ n: bigint }>(
      'SELECT count(*)::int8 AS n FROM transfers WHERE debit_account_id = $1',
      [`wallet:${accountId}:CREDIT`],
    );
    expect(count!.n).toBe(1n);
  });

  it('the same post or void of a hold sent 20 times at once across nodes: one effect, one identical answer', async () => {
    const accountId = await h.openAccount();
    await h.fund(accountId, '10');
    const apps = allApps();
    const hold = async () =>
      (
        await h.call('POST', `/v1/accounts/${accountId}/holds`, {
          key: h.serviceKey,
          body: {
            amount: { amount: '2', unit: 'CREDIT' },
            productLine: 'compute',
            description: 'Render task',
          },
        })
      ).json().id as string;
    for (const action of ['post', 'void'] as const) {
      const holdId = await hold();
      const key = uniqueKey(action);
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          apps[i % apps.length]!.inject({
            method: 'POST',
            url: `/v1/holds/${holdId}/${action}`,
            headers: { authorization: `Bearer ${h.serviceKey}`, 'idempotency-key': key },
            ...(action === 'post' ? { payload: { amount: { amount: '1.25', unit: 'CREDIT' } } } : {}),
          }),
        ),
      );
      expect(new Set(responses.map((r) => r.statusCode))).toEqual(new Set([200]));
      expect(new Set(responses.map((r) => r.body)).size).toBe(1);
    }
    const balance = (await h.call('GET', `/v1/accounts/${accountId}/balances`)).json().balances[0];
    expect(balance).toEqual({ unit: 'CREDIT', balance: '8.750000', held: '0.000000', available: '8.750000' });
  });

  it('holds and charges racing on one wallet from several nodes never reserve more than it holds', async () => {
    const accountId = await h.openAccount();
    await h.fund(accountId, '10');
    const apps = allApps();
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        apps[i % apps.length]!.inject({
          method: 'POST',
          url: i % 2 ? `/v1/accounts/${accountId}/holds` : `/v1/accounts/${accountId}/charges`,
          headers: { authorization: `Bearer ${h.serviceKey}`, 'idempotency-key': `m-${i}` },
          payload: { amount: { amount: '0.1', unit: 'CREDIT' }, productLine: 'compute', description: 'task' },
        }),
      ),
    );
    expect(responses.filter((r) => r.statusCode === 201)).toHaveLength(100);
    const balance = (await h.call('GET', `/v1/accounts/${accountId}/balances`)).json().balances[0];
    expect(balance.available).toBe('0.000000');
    expect(balance.held).toBe(balance.balance);
  });
});
