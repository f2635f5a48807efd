import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Engine, startEngine } from '../src/engine.js';
import { SimulatedClock } from '../src/platform/clock.js';
import { registerComputeWork } from '../src/scheduler/compute-work.js';
import { DueWorkRunner } from '../src/scheduler/due-work-runner.js';
import { accrueStorage } from '../src/services/charge-instance-storage.js';
import type { ServiceContext } from '../src/services/context.js';
import { rentInstance } from '../src/services/rent-instance.js';
import { STORAGE_ACCRUE_WORK } from '../src/services/rental-billing.js';
import type { DueWork } from '../src/store/due-work-store.js';
import { backends } from './support/databases.js';
import { type FakeFleet, startFakeFleet } from './support/fake-fleet.js';
import { type Harness, ledgerInvariants, startHarness } from './support/harness.js';

const HOUR = 3_600_000;

/**
 * The bulk storage sweep is idempotent: the same hour's sweep run twice at once (two scheduler
 * processes, each with its own ledger writer) charges every stopped instance once per hour, also
 * when an account has several instances sharing one balance.
 */
for (const backend of backends) {
  describe(`storage sweep run twice at once (${backend.name})`, () => {
    let h: Harness;
    let fleet: FakeFleet;
    let other: Engine | undefined;
    let ctxs: ServiceContext[];
    beforeAll(async () => {
      fleet = await startFakeFleet();
      h = await startHarness(backend, { clock: new SimulatedClock('2026-08-01T00:00:00Z') });
      if (backend.name === 'postgres') other = await startEngine(await h.database.open(), h.clock);
      ctxs = [
        { ...h.engine, fleet: fleet.client() },
        { ...(other ?? h.engine), fleet: fleet.client() },
      ];
    });
    afterAll(async () => {
      await other?.close();
      await h.close();
      await fleet.close();
    });

    it('3 accounts × 4 stopped instances, two sweeps per hour concurrently: each instance-hour charged once', async () => {
      const accounts: string[] = [];
      for (let a = 0; a < 3; a++) {
        const acct = await h.openAccount(`sweep ${a}`);
        await h.fund(acct, '10');
        for (let i = 0; i < 4; i++) {
          const rented = await rentInstance(
            ctxs[0]!,
            h.service,
            {
              accountId: acct,
              instanceType: 'rtx-4090',
              diskGb: 100 * (i + 1),
              period: { unit: 'hour', count: 1 },
              autoRenew: false,
            },
            `sweep-${a}-${i}`,
          );
          if (!rented.ok) throw new Error(rented.failure.detail);
        }
        accounts.push(acct);
      }
      // The rented hour ends: every instance stops (no auto-renew).
      const runner = registerComputeWork(new DueWorkRunner(ctxs[0]!));
      h.clock.advance(HOUR);
      await runner.runDue();
      const sweep = { kind: STORAGE_ACCRUE_WORK, subject: 'all' } as DueWork;
      for (let hour = 0; hour < 2; hour++) {
        h.clock.advance(HOUR);
        await Promise.all(ctxs.map((ctx) => accrueStorage(ctx, sweep)));
        await Promise.all(ctxs.map((ctx) => accrueStorage(ctx, sweep))); // and once more, late
      }
      for (const acct of accounts) {
        const rows = await h.engine.db.query<{ description: string; n: bigint; total: bigint }>(
          `SELECT description, count(*)::int8 AS n, sum(amount_micros)::int8 AS total FROM transactions
           WHERE account_id = $1 AND description LIKE 'Storage charge%' GROUP BY description ORDER BY description`,
          [acct],
        );
        // 100, 200, 300, 400 GB × 280 micros: two hours each, charged once per hour.
        expect(rows.map((r) => [r.n, r.total])).toEqual([
          [2n, -56_000n],
          [2n, -112_000n],
          [2n, -168_000n],
          [2n, -224_000n],
        ]);
      }
      const { sums, wallets } = await ledgerInvariants(h.engine.db);
      for (const s of sums) expect(s.total).toBe(0n);
      for (const w of wallets) expect(w.balance).toBe(w.derived);
    });
  });
}
