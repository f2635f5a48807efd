import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../src/kernel/clock.js';
import { chargeWallet } from '../../src/ledger/charge-wallet.js';
import type { Database } from '../../src/kernel/db/database.js';
import { LedgerOverloadedError, LedgerWriter } from '../../src/ledger/ledger-writer.js';
import type { ServiceContext } from '../../src/server/context.js';
import { backends } from '../support/databases.js';
import { type Harness, expectLedgerSound, startHarness, uniqueKey } from '../support/harness.js';

/** The writer's store calls, counted: how many run at once at most. */
function counting(inner: Database) {
  const stats = { inFlight: 0, peak: 0 };
  const track = async <T>(work: () => Promise<T>): Promise<T> => {
    stats.inFlight++;
    stats.peak = Math.max(stats.peak, stats.inFlight);
    try {
      return await work();
    } finally {
      stats.inFlight--;
    }
  };
  const db: Database = {
    kind: inner.kind,
    maxConcurrentTransactions: inner.maxConcurrentTransactions,
    query: (text, params, prepareAs) => track(() => inner.query(text, params, prepareAs)),
    exec: (script) => inner.exec(script),
    transaction: (work, options) => track(() => inner.transaction(work, options)),
    close: () => inner.close(),
  };
  return { db, stats };
}

for (const backend of backends) {
  describe(`ledger writer limits (${backend.name})`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(backend, { clock: new SimulatedClock('2026-04-01T00:00:00Z') });
    });
    afterAll(async () => h.close());

    const charge = (ctx: ServiceContext, accountId: string, description: string) =>
      chargeWallet(
        ctx,
        h.service,
        { accountId, unit: 'CREDIT', amountMicros: 1_000_000n, productLine: 'compute', description },
        uniqueKey(),
      );

    it('a request that breaks its batch fails alone, and the retries stay within the writer limit', async () => {
      const { db, stats } = counting(h.engine.db);
      const ctx: ServiceContext = { ...h.engine, ledger: new LedgerWriter(db, h.clock) };
      const accounts: string[] = [];
      for (let i = 0; i < 12; i++) {
        const id = await h.openAccount(`Batch ${i}`);
        await h.fund(id, '10');
        accounts.push(id);
      }
      // The first goes at once; the rest queue behind it and share the next batch with the NUL.
      const results = await Promise.allSettled(
        [...accounts, accounts[0]!].map((id, i) => charge(ctx, id, i === 6 ? 'bad\u0000' : 'fine')),
      );
      const failed = results.filter((r) => r.status === 'rejected');
      expect(failed).toHaveLength(1);
      expect(results[6]!.status).toBe('rejected');
      for (const r of results) if (r.status === 'fulfilled') expect(r.value.ok).toBe(true);
      expect(stats.peak).toBeLessThanOrEqual(db.maxConcurrentTransactions);
      await expectLedgerSound(h.engine.db);
    });

    it('a full queue refuses at once, and a request that waits past its deadline is refused unwritten', async () => {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const inner = h.engine.db;
      // Every write waits at the gate: a stalled database.
      const stalled: Database = {
        ...counting(inner).db,
        query: async (text, params, prepareAs) => {
          await gate;
          return inner.query(text, params, prepareAs);
        },
        transaction: async (work, options) => {
          await gate;
          return inner.transaction(work, options);
        },
      };
      const writer = new LedgerWriter(stalled, h.clock, 512, { maxQueued: 3, queueDeadlineMs: 200 });
      const ctx: ServiceContext = { ...h.engine, ledger: writer };
      const id = await h.openAccount('Queue');
      await h.fund(id, '10');
      const other = await h.openAccount('Queue 2');
      await h.fund(other, '10');
      // One in flight (at the gate), then three queued; the fifth finds the queue full.
      const first = charge(ctx, id, 'in flight');
      const queued = [charge(ctx, id, 'q1'), charge(ctx, id, 'q2'), charge(ctx, id, 'q3')];
      await expect(charge(ctx, other, 'one too many')).rejects.toBeInstanceOf(LedgerOverloadedError);
      for (const q of await Promise.allSettled(queued)) {
        expect(q.status).toBe('rejected');
        expect((q as PromiseRejectedResult).reason).toBeInstanceOf(LedgerOverloadedError);
      }
      release();
      expect((await first).ok).toBe(true);
      await writer.idle();
      const txns = await h.engine.db.query<{ n: bigint }>(
        `SELECT count(*)::int8 AS n FROM transactions WHERE account_id = $1 AND kind = 'charge'`,
        [id],
      );
      expect(txns[0]!.n).toBe(1n); // the refused ones wrote nothing
    });
  });
}
