import { describe, expect, it } from 'vitest';
import { lockDocumentSeries } from '../../../src/accounts/document-series-store.js';
import { MIGRATIONS } from '../../../src/kernel/db/migrate.js';
import { backends } from '../../support/databases.js';

/**
 * Each document series names the latest invoice settings version of its account, so that a numbering
 * statement can tell that a change committed while it waited for the series lock (docs/documents.md).
 * Series from before: their account's latest version, or 0. A series created later for an account
 * that already has versions starts at its latest.
 */
for (const backend of backends) {
  describe(`migration 044: the settings version on each document series (${backend.name})`, () => {
    it("sets each series to its account's latest version; a series created afterwards starts there too", async () => {
      const database = await backend.fresh({ empty: true });
      const db = await database.open();
      try {
        for (const m of MIGRATIONS.filter((m) => m.version < 44))
          await db.transaction((tx) => tx.exec(m.sql));
        await db.exec(`
          INSERT INTO accounts (id, name, email, created_at) VALUES
            ('acct_a', 'A', NULL, now()), ('acct_b', 'B', NULL, now()), ('acct_c', 'C', NULL, now());
          INSERT INTO account_document_series (account_id, prefix, last_number) VALUES
            ('acct_a', 'AAAAAAAA', 4), ('acct_b', 'BBBBBBBB', 0);
          INSERT INTO invoice_settings_versions (account_id, version, email, effective_at, changed_by) VALUES
            ('acct_a', 1, 'a1@a.example', '2026-01-01T00:00:00Z', 'key_1'),
            ('acct_a', 2, 'a2@a.example', '2026-02-01T00:00:00Z', 'key_1'),
            ('acct_c', 1, 'c@c.example', '2026-01-01T00:00:00Z', 'key_1'),
            ('acct_c', 2, 'c@c.example', '2026-01-02T00:00:00Z', 'key_1'),
            ('acct_c', 3, 'c@c.example', '2026-01-03T00:00:00Z', 'key_1');`);
        await db.transaction((tx) => tx.exec(MIGRATIONS.find((m) => m.version === 44)!.sql));
        const versions = async () =>
          (
            await db.query<{ account_id: string; settings_version: bigint; last_number: bigint }>(
              'SELECT account_id, settings_version, last_number FROM account_document_series ORDER BY account_id',
            )
          ).map((r) => [r.account_id, Number(r.settings_version), Number(r.last_number)]);
        expect(await versions()).toEqual([
          ['acct_a', 2, 4],
          ['acct_b', 0, 0],
        ]);
        await db.transaction((tx) => lockDocumentSeries(tx, 'acct_c'));
        expect((await versions())[2]).toEqual(['acct_c', 3, 0]);
      } finally {
        await db.close();
        await database.drop();
      }
    }, 60_000);
  });
}
