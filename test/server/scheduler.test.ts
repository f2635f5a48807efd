import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Engine, startEngine } from '../../src/server/engine.js';
import { SimulatedClock } from '../../src/kernel/clock.js';
import { DueWorkRunner, scheduleRecurring } from '../../src/kernel/jobs/due-work-runner.js';
import { HOLD_EXPIRY_WORK, registerHoldExpiry } from '../../src/ledger/hold-sweeper.js';
import { placeHold } from '../../src/ledger/place-hold.js';
import { claimDueWork, scheduleWork } from '../../src/kernel/jobs/due-work-store.js';
import { backends } from '../support/databases.js';
import { type Harness, startHarness, uniqueKey } from '../support/harness.js';

const at = (iso: string) => new Date(iso);

for (const backend of backends) {
  describe(`due work (${backend.name})`, () => {
    let h: Harness;
    let other: Engine | undefined;
    beforeAll(async () => {
      h = await startHarness(backend, { clock: new SimulatedClock('2026-06-01T00:00:00Z') });
      // A second engine on its own pool, as a second scheduler process would be (PostgreSQL only:
      // PGlite is one process by design).
      if (backend.name === 'postgres') other = await startEngine(await h.database.open(), h.clock);
    });
    afterAll(async () => {
      await other?.close();
      await h.close();
    });

    it('scheduling the same occurrence twice makes one row; work runs when due, in due order', async () => {
      const ran: string[] = [];
      const runner = new DueWorkRunner(h.engine).register(
        'test.order',
        async (_ctx, w) => void ran.push(w.period),
      );
      const items = ['03', '01', '02'].map((p) => ({
        kind: 'test.order',
        subject: 's1',
        period: p,
        dueAt: at(`2026-06-01T${p}:00:00Z`),
      }));
      expect(await scheduleWork(h.engine.db, items)).toBe(3);
      expect(await scheduleWork(h.engine.db, items)).toBe(0);
      h.clock.set('2026-06-01T02:00:00Z');
      expect(await runner.runDue()).toBe(2);
      expect(ran).toEqual(['01', '02']);
      h.clock.set('2026-06-01T03:00:00Z');
      expect(await runner.runDue()).toBe(1);
      expect(await runner.runDue()).toBe(0);
      expect(ran).toEqual(['01', '02', '03']);
    });

    it('failing work is retried with backoff, then marked failed with its error', async () => {
      let calls = 0;
      const runner = new DueWorkRunner(h.engine, { maxAttempts: 3, retryDelayMs: () => 60_000 }).register(
        'test.fail',
        async () => {
          calls++;
          throw new Error('fleet unreachable');
        },
      );
      await scheduleWork(h.engine.db, [
        { kind: 'test.fail', subject: 's2', period: 'p', dueAt: h.clock.now() },
      ]);
      await runner.runDue();
      expect(calls).toBe(1);
      h.clock.advance(59_000);
      await runner.runDue();
      expect(calls).toBe(1);
      for (let i = 0; i < 3; i++) {
        h.clock.advance(60_000);
        await runner.runDue();
      }
      expect(calls).toBe(3);
      const [row] = await h.engine.db.query<{ status: string; last_error: string; attempts: number }>(
        `SELECT status, last_error, attempts FROM due_work WHERE kind = 'test.fail'`,
      );
      expect(row).toEqual({ status: 'failed', last_error: 'fleet unreachable', attempts: 3 });
    });

    it('work claimed by a runner that died is taken again once its lease ends', async () => {
      await scheduleWork(h.engine.db, [
        { kind: 'test.lease', subject: 's3', period: 'p', dueAt: h.clock.now() },
      ]);
      expect(await claimDueWork(h.engine.db, h.clock.now(), 10, 60_000)).toHaveLength(1); // then "crashes"
      let calls = 0;
      const runner = new DueWorkRunner(h.engine).register('test.lease', async () => void calls++);
      expect(await runner.runDue()).toBe(0);
      h.clock.advance(60_000);
      expect(await runner.runDue()).toBe(1);
      expect(calls).toBe(1);
    });

    it('recurring work: hold expiry runs every slot, schedules its next slot, and expires due holds in the table', async () => {
      const accountId = await h.openAccount();
      await h.fund(accountId, '5');
      const held = await placeHold(
        h.engine,
        h.service,
        {
          accountId,
          unit: 'CREDIT',
          amountMicros: 2_000_000n,
          productLine: 'compute',
          description: 'task',
          expiresInSeconds: 90,
        },
        uniqueKey(),
      );
      if (!held.ok) throw new Error(held.failure.detail);
      const runner = registerHoldExpiry(new DueWorkRunner(h.engine), 60_000);
      await scheduleRecurring(h.engine, HOLD_EXPIRY_WORK, 60_000);
      await scheduleRecurring(h.engine, HOLD_EXPIRY_WORK, 60_000); // seeding twice is harmless
      const status = async () =>
        (
          await h.engine.db.query<{ status: string }>('SELECT status FROM holds WHERE id = $1', [
            held.value.id,
          ])
        )[0]!.status;
      await runner.runDue();
      expect(await status()).toBe('pending');
      h.clock.advance(120_000);
      await runner.runDue();
      expect(await status()).toBe('expired');
      const pending = await h.engine.db.query<{ n: bigint }>(
        `SELECT count(*)::int8 AS n FROM due_work WHERE kind = $1 AND status = 'pending'`,
        [HOLD_EXPIRY_WORK],
      );
      expect(pending[0]!.n).toBe(1n); // exactly the next slot
    });

    it('two runners working the same queue do every occurrence once', async () => {
      const count = new Map<string, number>();
      const handler = async (_ctx: unknown, w: { period: string }) =>
        void count.set(w.period, (count.get(w.period) ?? 0) + 1);
      const runners = [new DueWorkRunner(h.engine, { batchSize: 7 }).register('test.share', handler)];
      runners.push(new DueWorkRunner(other ?? h.engine, { batchSize: 7 }).register('test.share', handler));
      await scheduleWork(
        h.engine.db,
        Array.from({ length: 200 }, (_, i) => ({
          kind: 'test.share',
          subject: 's4',
          period: String(i),
          dueAt: h.clock.now(),
        })),
      );
      const done = await Promise.all(runners.map((r) => r.runDue()));
      expect(done[0]! + done[1]!).toBe(200);
      expect(count.size).toBe(200);
      expect([...count.values()].every((n) => n === 1)).toBe(true);
    });
  });
}
