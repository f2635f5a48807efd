import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/kernel/config.js';
import { SimulatedClock } from '../../src/kernel/clock.js';
import { openPglite } from '../../src/kernel/db/pglite.js';
import { startEngine } from '../../src/server/engine.js';
import { createAccount } from '../../src/accounts/create-account.js';
import { adjustWallet } from '../../src/ledger/adjust-wallet.js';
import { chargeWallet } from '../../src/ledger/charge-wallet.js';
import { LedgerOverloadedError } from '../../src/ledger/ledger-writer.js';
import { issueKey } from '../support/harness.js';

/**
 * The ledger writer's limits and idempotency retention are settings (README § Configuration,
 * docs/hardening.md § Time limits and bounds): read from the environment, checked, and reaching the
 * writer the engine builds.
 */
describe('writer limits and retention from the environment', () => {
  it('defaults, overrides, and a bad value named', () => {
    const defaults = loadConfig({});
    expect(defaults.ledgerWriter).toEqual({ maxBatchSize: 512, maxQueued: 20_000, queueDeadlineMs: 10_000 });
    expect(defaults.idempotencyRetention).toEqual({ retentionDays: 30, batchSize: 1000, everyMs: 3_600_000 });
    const set = loadConfig({
      PICTOR_LEDGER_BATCH_SIZE: '64',
      PICTOR_LEDGER_MAX_QUEUED: '500',
      PICTOR_LEDGER_QUEUE_DEADLINE_MS: '2500',
      PICTOR_IDEMPOTENCY_RETENTION_DAYS: '90',
      PICTOR_IDEMPOTENCY_PRUNE_BATCH: '200',
      PICTOR_IDEMPOTENCY_PRUNE_SECONDS: '600',
    });
    expect(set.ledgerWriter).toEqual({ maxBatchSize: 64, maxQueued: 500, queueDeadlineMs: 2500 });
    expect(set.idempotencyRetention).toEqual({ retentionDays: 90, batchSize: 200, everyMs: 600_000 });
    expect(() => loadConfig({ PICTOR_LEDGER_MAX_QUEUED: '0' })).toThrow(/PICTOR_LEDGER_MAX_QUEUED/);
    expect(() => loadConfig({ PICTOR_LEDGER_QUEUE_DEADLINE_MS: 'soon' })).toThrow(
      /PICTOR_LEDGER_QUEUE_DEADLINE_MS/,
    );
  });

  it('a queue bound of 1 reaches the writer the engine builds: of 12 charges submitted at once, one runs, one waits, 10 are refused unwritten', async () => {
    const clock = new SimulatedClock('2026-06-01T00:00:00Z');
    const engine = await startEngine(await openPglite(), clock, {
      ledgerWriter: loadConfig({ PICTOR_LEDGER_MAX_QUEUED: '1' }).ledgerWriter,
    });
    try {
      const operator = (await issueKey(engine, 'operator')).caller;
      const service = (await issueKey(engine, 'service')).caller;
      const opened = await createAccount(engine, operator, { name: 'Bound' }, 'open');
      if (!opened.ok) throw new Error(opened.failure.detail);
      const accountId = opened.value.id;
      const credit = {
        accountId,
        unit: 'CREDIT' as const,
        amountMicros: 100_000_000n,
        reason: 'test funding',
      };
      expect((await adjustWallet(engine, operator, { ...credit, direction: 'credit' }, 'fund')).ok).toBe(
        true,
      );
      const results = await Promise.allSettled(
        Array.from({ length: 12 }, (_, i) =>
          chargeWallet(
            engine,
            service,
            {
              accountId,
              unit: 'CREDIT',
              amountMicros: 1_000_000n,
              productLine: 'compute',
              description: 'Render',
            },
            `charge-${i}`,
          ),
        ),
      );
      const refused = results.filter((r) => r.status === 'rejected');
      expect(results.filter((r) => r.status === 'fulfilled' && r.value.ok)).toHaveLength(2);
      expect(refused).toHaveLength(10);
      for (const r of refused)
        expect((r as PromiseRejectedResult).reason).toBeInstanceOf(LedgerOverloadedError);
      const [wallet] = await engine.db.query<{ balance_micros: bigint }>(
        `SELECT balance_micros FROM wallet_balances WHERE account_id = $1 AND unit = 'CREDIT'`,
        [accountId],
      );
      expect(wallet!.balance_micros).toBe(98_000_000n);
    } finally {
      await engine.close();
    }
  });
});
