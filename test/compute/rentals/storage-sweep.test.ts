import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Engine, startEngine } from '../../../src/server/engine.js';
import { SimulatedClock } from '../../../src/kernel/clock.js';
import { registerComputeWork } from '../../../src/compute/rentals/rental-work.js';
import { DueWorkRunner } from '../../../src/kernel/jobs/due-work-runner.js';
import { accrueStorage } from '../../../src/compute/rentals/charge-instance-storage.js';
import type { ServiceContext } from '../../../src/server/context.js';
import { rentInstance } from '../../../src/compute/rentals/rent-instance.js';
import { STORAGE_ACCRUE_WORK } from '../../../src/compute/rentals/rental-billing.js';
import { claimStorageHours } from '../../../src/compute/rentals/storage-charge-store.js';
import { backends } from '../../support/databases.js';
import { type FakeFleet, startFakeFleet } from '../../support/fake-fleet.js';
import { type Harness, ledgerInvariants, startHarness } from '../../support/harness.js';
import type { DueWork } from '../../../src/kernel/jobs/due-work-rules.js';

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
    const sweep = { kind: STORAGE_ACCRUE_WORK, subject: 'all' } as DueWork;
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
      for (let hour = 0; hour < 2; hour++) {
        h.clock.advance(HOUR);
        await Promise.all(ctxs.map((ctx) => accrueStorage(ctx, sweep)));
        await Promise.all(ctxs.map((ctx) => accrueStorage(ctx, sweep))); // and once more, late
      }
      for (const acct of accounts) {
        const rows = await h.engine.db.query<{ description: string; amount: bigint }>(
          `SELECT description, amount_micros AS amount FROM transactions
           WHERE account_id = $1 AND description LIKE 'Storage charge%' ORDER BY id`,
          [acct],
        );
        // One charge per account and hour: (100 + 200 + 300 + 400) GB × 280 micros.
        expect(rows.map((r) => [r.description, r.amount])).toEqual([
          ['Storage charge: 4 stopped instances, 1000 GB, 1 hour', -280_000n],
          ['Storage charge: 4 stopped instances, 1000 GB, 1 hour', -280_000n],
        ]);
      }
      // Every instance-hour was claimed by exactly one charge.
      const claimed = await h.engine.db.query<{ n: bigint }>(
        `SELECT count(*)::int8 AS n FROM storage_charges, unnest(instance_ids) AS i
         GROUP BY i, hour_start ORDER BY 1`,
      );
      expect(claimed.map((r) => r.n)).toEqual(Array(12 * 2).fill(1n));
      const { sums, wallets } = await ledgerInvariants(h.engine.db);
      for (const s of sums) expect(s.total).toBe(0n);
      for (const w of wallets) expect(w.balance).toBe(w.derived);
    });

    /** Opens an account funded with `credits`, rents `count` 100 GB instances for an hour and lets them stop. */
    async function stoppedInstances(name: string, credits: string, count: number) {
      const acct = await h.openAccount(name);
      await h.fund(acct, credits);
      const ids: string[] = [];
      for (let i = 0; i < count; i++) {
        const rented = await rentInstance(
          ctxs[0]!,
          h.service,
          {
            accountId: acct,
            instanceType: 'rtx-4090',
            diskGb: 100,
            period: { unit: 'hour', count: 1 },
            autoRenew: false,
          },
          `${name}-${i}`,
        );
        if (!rented.ok) throw new Error(rented.failure.detail);
        ids.push(rented.value.instance.id);
      }
      h.clock.advance(HOUR);
      await registerComputeWork(new DueWorkRunner(ctxs[0]!)).runDue();
      return { acct, ids: ids.sort() };
    }
    const balanceOf = async (acct: string) =>
      (
        await h.engine.db.query<{ b: bigint }>(
          `SELECT balance_micros AS b FROM wallet_balances WHERE account_id = $1 AND unit = 'CREDIT'`,
          [acct],
        )
      )[0]!.b;
    const storageCharges = (acct: string) =>
      h.engine.db.query<{ amount: bigint }>(
        `SELECT amount_micros AS amount FROM transactions WHERE account_id = $1 AND description LIKE 'Storage charge%'`,
        [acct],
      );

    it('a crash after claiming, or after charging but before settling: the next sweep charges each hour once', async () => {
      const { acct, ids } = await stoppedInstances('crash', '10', 2);
      const before = await balanceOf(acct);
      h.clock.advance(HOUR);
      const [first] = await h.engine.db.query<{ storage_paid_until: Date }>(
        'SELECT storage_paid_until FROM gpu_instances WHERE id = $1',
        [ids[0]],
      );
      // Crash 1: the first instance's hour was claimed, the process died before charging it.
      const claimed = await claimStorageHours(
        h.engine.db,
        [
          {
            chargeId: 'stc_crashed',
            instanceId: ids[0]!,
            hourStart: first!.storage_paid_until,
            feeMicros: 28_000n,
          },
        ],
        h.clock.now(),
      );
      expect(claimed.map((c) => c.instanceIds)).toEqual([[ids[0]]]);
      await accrueStorage(ctxs[0]!, sweep);
      expect((await storageCharges(acct)).map((r) => r.amount)).toEqual([-28_000n, -28_000n]);
      expect(await balanceOf(acct)).toBe(before - 56_000n);

      // Crash 2: both charges were written but their claims not settled; a sweep replays their keys.
      await h.engine.db.query(
        `UPDATE storage_charges SET settled_at = NULL, paid_micros = NULL, transaction_id = NULL WHERE account_id = $1`,
        [acct],
      );
      await Promise.all(ctxs.map((ctx) => accrueStorage(ctx, sweep)));
      expect((await storageCharges(acct)).length).toBe(2);
      expect(await balanceOf(acct)).toBe(before - 56_000n);
      const settled = await h.engine.db.query<{ n: bigint }>(
        `SELECT count(*)::int8 AS n FROM storage_charges WHERE account_id = $1 AND transaction_id IS NOT NULL`,
        [acct],
      );
      expect(settled[0]!.n).toBe(2n);
    });

    it('a balance that cannot pay every instance: the charge takes what is left, the unpaid instances are terminated', async () => {
      // 3 × (0.69 compute + 0.028 storage) rents them; 0.042 is left: 1.5 hours of one instance's disk.
      const { acct, ids } = await stoppedInstances('dry', '2.196', 3);
      const fleetIds = (
        await h.engine.db.query<{ fleet_instance_id: string }>(
          'SELECT fleet_instance_id FROM gpu_instances WHERE id = ANY($1::text[]) ORDER BY id',
          [ids],
        )
      ).map((r) => r.fleet_instance_id);
      expect(await balanceOf(acct)).toBe(42_000n);
      h.clock.advance(HOUR);
      await accrueStorage(ctxs[0]!, sweep);
      expect((await storageCharges(acct)).map((r) => r.amount)).toEqual([-42_000n]);
      expect(await balanceOf(acct)).toBe(0n);
      const statuses = async () =>
        (
          await h.engine.db.query<{ status: string }>(
            'SELECT status FROM gpu_instances WHERE id = ANY($1::text[]) ORDER BY id',
            [ids],
          )
        ).map((r) => r.status);
      // The first instance's hour is paid whole; the second got 14,000 of 28,000, the third nothing.
      expect(await statuses()).toEqual(['stopped', 'terminated', 'terminated']);
      expect(fleetIds.map((f) => fleet.calls(f, 'terminate'))).toEqual([0, 1, 1]);

      // The next hour finds the balance at zero: no charge is written, the last instance goes too.
      h.clock.advance(HOUR);
      await accrueStorage(ctxs[0]!, sweep);
      expect((await storageCharges(acct)).length).toBe(1);
      expect(await statuses()).toEqual(['terminated', 'terminated', 'terminated']);
      expect(fleetIds.map((f) => fleet.calls(f, 'terminate'))).toEqual([1, 1, 1]);
      const [zero] = await h.engine.db.query<{ paid: bigint; txn: string | null }>(
        `SELECT paid_micros AS paid, transaction_id AS txn FROM storage_charges WHERE account_id = $1 ORDER BY id DESC LIMIT 1`,
        [acct],
      );
      expect(zero).toEqual({ paid: 0n, txn: null });
      const { sums, wallets } = await ledgerInvariants(h.engine.db);
      for (const s of sums) expect(s.total).toBe(0n);
      for (const w of wallets) expect(w.balance).toBe(w.derived);
    });
  });
}
