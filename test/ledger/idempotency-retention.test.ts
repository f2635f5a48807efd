import { afterEach, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../src/kernel/clock.js';
import { scheduleRecurring } from '../../src/kernel/jobs/due-work-runner.js';
import { allWorkRunner } from '../../src/server/all-work.js';
import { IDEMPOTENCY_PRUNE_WORK, pruneIdempotencyKeys } from '../../src/ledger/idempotency-retention.js';
import { backends } from '../support/databases.js';
import { type Harness, startHarness, uniqueKey } from '../support/harness.js';

/**
 * Idempotency keys are kept 30 days (configurable), then pruned by recurring due work in bounded
 * batches (docs/idempotency.md § Retention): a replay within retention is the first answer byte for
 * byte; after pruning, the same key is a new request. Natural-id keys are never pruned.
 */
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

for (const backend of backends) {
  describe(`idempotency key retention (${backend.name})`, () => {
    let h: Harness | undefined;
    afterEach(async () => h?.close());

    async function start() {
      h = await startHarness(backend, { clock: new SimulatedClock('2026-05-01T00:00:00Z') });
      const runner = allWorkRunner(h.engine, {
        holdSweepSeconds: 30,
        notifications: { alertScanSeconds: 60 },
        idempotencyRetention: { retentionDays: 30, batchSize: 1000, everyMs: HOUR_MS },
      });
      await scheduleRecurring(h.engine, IDEMPOTENCY_PRUNE_WORK, HOUR_MS);
      const accountId = await h.openAccount('Retention');
      await h.fund(accountId, '100');
      const harness = h;
      const charge = (key: string, amount = '1.25') =>
        harness.call('POST', `/v1/accounts/${accountId}/charges`, {
          key: harness.serviceKey,
          idempotencyKey: key,
          body: { amount: { amount, unit: 'CREDIT' }, productLine: 'compute', description: 'Render task' },
        });
      const advance = async (ms: number) => {
        harness.clock.advance(ms);
        return runner.runDue();
      };
      const charges = async () =>
        (
          await harness.engine.db.query<{ n: bigint }>(
            `SELECT count(*)::int8 AS n FROM transactions WHERE account_id = $1 AND kind = 'charge'`,
            [accountId],
          )
        )[0]!.n;
      return { h: harness, accountId, charge, advance, charges };
    }

    it('a replay on day 29 (after hourly prune passes) is the first answer byte for byte; after 30 days the key is pruned and a retry is a new charge', async () => {
      const { h, charge, advance, charges } = await start();
      const key = uniqueKey('retained');
      const first = await charge(key);
      expect(first.statusCode).toBe(201);

      await advance(29 * DAY_MS);
      const replay = await charge(key);
      expect(replay.statusCode).toBe(201);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body).toBe(first.body);
      // Another body under the key is still a conflict within retention.
      expect((await charge(key, '2')).statusCode).toBe(409);
      expect(await charges()).toBe(1n);

      const keyRows = () =>
        h.engine.db.query(`SELECT scope FROM idempotency_keys WHERE key = $1 ORDER BY scope`, [key]);
      expect(await keyRows()).toHaveLength(2); // the runner's (http:…) and the ledger's

      // Day 30 plus one prune pass: both rows of the key are gone.
      await advance(DAY_MS + HOUR_MS);
      expect(await keyRows()).toHaveLength(0);
      const after = await charge(key);
      expect(after.statusCode).toBe(201);
      expect(after.headers['idempotent-replayed']).toBeUndefined();
      expect(after.json().id).not.toBe(first.json().id);
      expect(await charges()).toBe(2n);
    });

    it('pruning goes in bounded batches, oldest first, and keeps natural-id keys and younger keys', async () => {
      const { h, charge } = await start();
      for (let i = 0; i < 5; i++) expect((await charge(uniqueKey('old'))).statusCode).toBe(201);
      h.clock.advance(10 * DAY_MS);
      const young = uniqueKey('young');
      expect((await charge(young)).statusCode).toBe(201);
      // A natural-id key as old as the oldest client keys (a render task's, a rental period's).
      await h.engine.db.query(
        `INSERT INTO idempotency_keys (scope, key, request_hash, result, created_at)
         VALUES ('render', 'start:task_1', 'h', '{}', '2026-05-01T00:00:00Z')`,
      );
      h.clock.advance(21 * DAY_MS); // old keys are 31 days old, the young one 21
      const countKeys = async () =>
        (await h.engine.db.query<{ n: bigint }>(`SELECT count(*)::int8 AS n FROM idempotency_keys`))[0]!.n;
      const before = await countKeys();
      const retention = { retentionDays: 30, batchSize: 3, maxBatchesPerPass: 2, everyMs: HOUR_MS };
      // 5 charges × 2 rows (http + ledger) and the operator's 2 setup requests × 2 = 14 old client
      // keys; a pass deletes at most 2 batches of 3.
      expect(await pruneIdempotencyKeys(h.engine, retention)).toBe(6);
      expect(await pruneIdempotencyKeys(h.engine, retention)).toBe(6);
      expect(await pruneIdempotencyKeys(h.engine, retention)).toBe(2);
      expect(await pruneIdempotencyKeys(h.engine, retention)).toBe(0);
      expect(await countKeys()).toBe(before - 14n);
      const left = await h.engine.db.query<{ scope: string; key: string }>(
        `SELECT scope, key FROM idempotency_keys WHERE key IN ($1, 'start:task_1') ORDER BY scope`,
        [young],
      );
      expect(left.map((r) => r.key).sort()).toEqual([young, young, 'start:task_1'].sort());
    });
  });
}
