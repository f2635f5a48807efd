import { describe, expect, it } from 'vitest';
import { findStaleSubmittingRelays } from '../../../src/compute/deposits/relay-store.js';
import { migrate } from '../../../src/kernel/db/migrate.js';
import { backends } from '../../support/databases.js';

/**
 * Relay recovery (`usdt.relays.recover`, every minute) looks for relays a crash left `submitting`.
 * The table keeps every relay ever sent; the recovery must not read them all each minute.
 */
for (const backend of backends) {
  describe(`migration 043: relays left submitting are found by index (${backend.name})`, () => {
    it('finds the stale submitting relays, oldest first, from the partial index among 5,000 sent ones', async () => {
      const database = await backend.fresh();
      const db = await database.open();
      try {
        await migrate(db);
        await db.exec(`
          INSERT INTO accounts (id, name, email, created_at) VALUES ('acct_r', 'R', NULL, now());
          INSERT INTO usdt_relays (id, account_id, chain_id, token_address, from_address, to_address, amount_micros,
            valid_after, valid_before, nonce, relayer_address, status, tx_hash, created_at, updated_at)
          SELECT 'rly_' || lpad(n::text, 8, '0'), 'acct_r', 31337, '0x' || repeat('a', 40), '0x' || repeat('b', 40),
                 '0x' || repeat('c', 40), 1000000, 0, 10,
                 '0x' || lpad(to_hex(n), 64, '0'), '0x' || repeat('d', 40),
                 CASE WHEN n <= 3 THEN 'submitting' ELSE 'submitted' END,
                 CASE WHEN n <= 3 THEN NULL ELSE '0x' || 'f' || lpad(to_hex(n), 63, '0') END,
                 timestamptz '2026-12-01T00:00:00Z' + n * interval '1 second',
                 timestamptz '2026-12-01T00:00:00Z' + (100 - n) * interval '1 second'
          FROM generate_series(1, 5000) AS n;
          ANALYZE usdt_relays;`);
        // Relays 1..3 are submitting, updated at 00:01:39, 00:01:38 and 00:01:37; the cut-off leaves 1 out.
        const stale = await findStaleSubmittingRelays(db, new Date('2026-12-01T00:01:39Z'), 100);
        expect(stale.map((r) => r.id)).toEqual(['rly_00000003', 'rly_00000002']);
        const plan = await db.query<Record<string, string>>(
          `EXPLAIN SELECT id FROM usdt_relays WHERE status = 'submitting' AND updated_at < $1
           ORDER BY updated_at, id LIMIT 100`,
          [new Date('2026-12-01T00:01:39Z')],
        );
        const text = plan.map((row) => Object.values(row)[0]).join('\n');
        expect(text).toContain('usdt_relays_submitting');
        expect(text).not.toContain('Seq Scan');
      } finally {
        await db.close();
        await database.drop();
      }
    }, 60_000);
  });
}
