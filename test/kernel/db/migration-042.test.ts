import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../src/kernel/db/migrate.js';
import { backends } from '../../support/databases.js';

/**
 * Alert settings saved before alert emails were verified (docs/compute.md "Settings saved before
 * verification existed"): a named address that is one of its account's own emails (a way in, or the
 * contact email, in any case) becomes verified; any other stays unverified (alerts skip it).
 */
for (const backend of backends) {
  describe(`migration 042: verified alert emails (${backend.name})`, () => {
    it("records the named addresses that were the account's own, lowercase, once; others stay unverified", async () => {
      const database = await backend.fresh({ empty: true });
      const db = await database.open();
      try {
        for (const m of MIGRATIONS.filter((m) => m.version < 42))
          await db.transaction((tx) => tx.exec(m.sql));
        await db.exec(`
          INSERT INTO accounts (id, name, email, created_at) VALUES
            ('acct_a', 'A', 'Owner@A.example', now()), ('acct_b', 'B', NULL, now()), ('acct_c', 'C', NULL, now());
          INSERT INTO account_emails (email, account_id, created_at) VALUES ('way@b.example', 'acct_b', now());
          INSERT INTO alert_settings (account_id, low_balance_micros, email_recipients, updated_at, updated_by) VALUES
            ('acct_a', 5000000, ARRAY['owner@a.example', 'typo@a.example'], '2026-02-01T00:00:00Z', 'key_1'),
            ('acct_b', 5000000, ARRAY['Way@B.example', 'way@b.example', 'owner@a.example'], '2026-02-02T00:00:00Z', 'key_2'),
            ('acct_c', NULL, NULL, '2026-02-03T00:00:00Z', 'key_3');`);
        await db.transaction((tx) => tx.exec(MIGRATIONS.find((m) => m.version === 42)!.sql));
        const rows = await db.query<{ account_id: string; email: string; source: string; verified_at: Date }>(
          'SELECT account_id, email, source, verified_at FROM verified_alert_emails ORDER BY account_id, email',
        );
        expect(rows.map((r) => [r.account_id, r.email, r.source, r.verified_at.toISOString()])).toEqual([
          ['acct_a', 'owner@a.example', 'account_email', '2026-02-01T00:00:00.000Z'],
          ['acct_b', 'way@b.example', 'account_email', '2026-02-02T00:00:00.000Z'],
        ]);
      } finally {
        await db.close();
        await database.drop();
      }
    }, 60_000);
  });
}
