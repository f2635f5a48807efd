import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Engine, startEngine } from '../../src/server/engine.js';
import { chargeWallet } from '../../src/ledger/charge-wallet.js';
import { encodeJson } from '../../src/kernel/json-codec.js';
import { backends } from '../support/databases.js';
import { type Harness, startHarness } from '../support/harness.js';

/** One claim: which of a few keys, which of a few bodies (an amount), sent by which node. */
interface Claim {
  key: number;
  body: number;
  node: number;
}
const claimArb = fc.record({
  key: fc.integer({ min: 0, max: 2 }),
  body: fc.integer({ min: 0, max: 2 }),
  node: fc.integer({ min: 0, max: 1 }),
});
/** Waves run one after another; the claims of a wave are all sent at once, so the writer batches
 * them however they arrive (one batch, several, or a node each on PostgreSQL). */
const wavesArb = fc.array(fc.array(claimArb, { minLength: 1, maxLength: 12 }), {
  minLength: 1,
  maxLength: 4,
});

let run = 0;

/** The stored answer goes through jsonb, which orders keys its own way: compare values, not key order. */
const canonical = (value: unknown): string =>
  encodeJson(
    JSON.parse(encodeJson(value), (_k, v: unknown) =>
      v && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
        : v,
    ),
  );

for (const backend of backends) {
  describe(`idempotency under interleaved claims (${backend.name})`, () => {
    let h: Harness;
    let other: Engine | undefined;
    beforeAll(async () => {
      h = await startHarness(backend);
      // On PostgreSQL a second engine with its own pool and writer, as a second API node.
      if (h.database.url) other = await startEngine(await h.database.open(), h.clock);
    });
    afterAll(async () => {
      await other?.close();
      await h.close();
    });

    it('per key: one effect; every claim with its body gets that answer, every other body 409 (property)', async () => {
      await fc.assert(
        fc.asyncProperty(wavesArb, async (waves) => {
          const accountId = await h.openAccount();
          await h.fund(accountId, '1000');
          const prefix = `prop-${++run}-${Math.random().toString(36).slice(2)}`;
          const engines = [h.engine, other ?? h.engine];
          const winner = new Map<number, { body: number; answer: string }>();
          for (const wave of waves) {
            const results = await Promise.all(
              wave.map((c: Claim) =>
                chargeWallet(
                  engines[c.node]!,
                  h.service,
                  {
                    accountId,
                    unit: 'CREDIT',
                    amountMicros: BigInt(c.body + 1) * 1_000_000n,
                    productLine: 'compute',
                    description: 'property',
                  },
                  `${prefix}-${c.key}`,
                ),
              ),
            );
            // The first wave that uses a key decides its body: some claim of it was applied.
            wave.forEach((c, i) => {
              const r = results[i]!;
              if (!winner.has(c.key) && r.ok && !r.replayed)
                winner.set(c.key, { body: c.body, answer: canonical(r.value) });
            });
            wave.forEach((c, i) => {
              const r = results[i]!;
              const won = winner.get(c.key);
              expect(won, `key ${c.key} has a first answer`).toBeDefined();
              if (c.body === won!.body) {
                expect(r.ok).toBe(true);
                if (r.ok) expect(canonical(r.value)).toBe(won!.answer);
              } else {
                expect(r.ok ? 'ok' : r.failure.code).toBe('idempotency_key_reused');
              }
            });
            // Exactly one applied answer per key, ever.
            const applied = results.filter((r) => r.ok && !r.replayed).length;
            expect(applied).toBeLessThanOrEqual(new Set(wave.map((c) => c.key)).size);
          }
          const rows = await h.engine.db.query<{ n: bigint; total: bigint }>(
            `SELECT count(*)::int8 AS n, COALESCE(sum(amount_micros), 0)::int8 AS total
             FROM transactions WHERE account_id = $1 AND kind = 'charge'`,
            [accountId],
          );
          expect(rows[0]!.n).toBe(BigInt(winner.size));
          const expectedTotal = [...winner.values()].reduce(
            (s, w) => s - BigInt(w.body + 1) * 1_000_000n,
            0n,
          );
          expect(rows[0]!.total).toBe(expectedTotal);
        }),
        { numRuns: 25 },
      );
    });
  });
}
