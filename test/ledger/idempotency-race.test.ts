import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Engine, startEngine } from '../../src/server/engine.js';
import { type App, buildApp } from '../../src/server/app.js';
import { SimulatedClock } from '../../src/kernel/clock.js';
import { type FreshDatabase, postgres } from '../support/databases.js';
import { type Harness, startHarness, uniqueKey } from '../support/harness.js';

/**
 * The exact sequences of issue 18 over HTTP on real PostgreSQL: retries racing under one key must
 * each get the first answer (same body) or 409 (another body), never a second effect, never a 409
 * for a twin of the first request.
 */
describe.runIf(postgres)('idempotency under races on real PostgreSQL', () => {
  let database: FreshDatabase;
  let h: Harness;
  const nodes: { engine: Engine; app: App }[] = [];

  beforeAll(async () => {
    database = await postgres!.fresh();
    const clock = new SimulatedClock('2026-03-01T00:00:00Z');
    h = await startHarness(postgres!, { database, clock });
    const engine = await startEngine(await database.open(), clock);
    nodes.push({ engine, app: await buildApp(engine) });
  });
  afterAll(async () => {
    for (const node of nodes) {
      await node.app.close();
      await node.engine.close();
    }
    await h.close();
    await database.drop();
  });

  const charge = (app: App, accountId: string, key: string, amount: string) =>
    app.inject({
      method: 'POST',
      url: `/v1/accounts/${accountId}/charges`,
      headers: { authorization: `Bearer ${h.serviceKey}`, 'idempotency-key': key },
      payload: { amount: { amount, unit: 'CREDIT' }, productLine: 'compute', description: 'Render task' },
    });

  const chargeCount = async (accountId: string) =>
    (
      await h.engine.db.query<{ n: bigint }>(
        `SELECT count(*)::int8 AS n FROM transactions WHERE account_id = $1 AND kind = 'charge'`,
        [accountId],
      )
    )[0]!.n;

  for (const spread of ['one node', 'two nodes'] as const) {
    const apps = () => (spread === 'one node' ? [h.app] : [h.app, nodes[0]!.app]);

    it(`${spread}: a committed key, then 20 same-body and 20 other-body requests at once → 20 byte-identical replays, 20 × 409`, async () => {
      const accountId = await h.openAccount();
      await h.fund(accountId, '100');
      const key = uniqueKey('committed');
      const first = await charge(h.app, accountId, key, '1');
      expect(first.statusCode).toBe(201);
      const sent = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? 'X' : 'Y'));
      const responses = await Promise.all(
        sent.map((body, i) => charge(apps()[i % apps().length]!, accountId, key, body === 'X' ? '1' : '2')),
      );
      responses.forEach((r, i) => {
        if (sent[i] === 'X') {
          expect(r.statusCode, r.body).toBe(201);
          expect(r.body).toBe(first.body);
          expect(r.headers['idempotent-replayed']).toBe('true');
        } else {
          expect(r.statusCode, r.body).toBe(409);
          expect(r.json().code).toBe('idempotency_key_reused');
        }
      });
      expect(await chargeCount(accountId)).toBe(1n);
    });

    it(`${spread}: a fresh key and 10 identical requests at once → one first answer and nine identical replays`, async () => {
      const accountId = await h.openAccount();
      await h.fund(accountId, '100');
      const key = uniqueKey('fresh');
      const responses = await Promise.all(
        Array.from({ length: 10 }, (_, i) => charge(apps()[i % apps().length]!, accountId, key, '3')),
      );
      expect(responses.map((r) => r.statusCode)).toEqual(Array(10).fill(201));
      expect(new Set(responses.map((r) => r.body)).size).toBe(1);
      expect(responses.filter((r) => r.headers['idempotent-replayed'] !== 'true')).toHaveLength(1);
      expect(await chargeCount(accountId)).toBe(1n);
    });

    it(`${spread}: a fresh key, 10 of one body and 10 of another at once → one effect; its twins replay it, the others get 409`, async () => {
      const accountId = await h.openAccount();
      await h.fund(accountId, '100');
      const key = uniqueKey('mixed');
      const amounts = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? '4' : '5'));
      const responses = await Promise.all(
        amounts.map((amount, i) => charge(apps()[i % apps().length]!, accountId, key, amount)),
      );
      const won = responses.find((r) => r.statusCode === 201 && r.headers['idempotent-replayed'] !== 'true')!;
      expect(won).toBeDefined();
      const winner = won.json().amount.amount;
      responses.forEach((r, i) => {
        if (`-${amounts[i]}.000000` === winner) {
          expect(r.statusCode, r.body).toBe(201);
          expect(r.body).toBe(won.body);
        } else {
          expect(r.statusCode, r.body).toBe(409);
          expect(r.json().code).toBe('idempotency_key_reused');
        }
      });
      expect(await chargeCount(accountId)).toBe(1n);
    });
  }
});
