import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../src/kernel/db/migrate.js';
import { backends } from '../../support/databases.js';

/** Keys stored under the old scopes (a key id, a session id) move to account + kind of principal. */
for (const backend of backends) {
  describe(`migration 014: idempotency scopes (${backend.name})`, () => {
    it('moves keys to <account>/<role> (or <role> alone); a collision keeps the oldest; other scopes stay', async () => {
      const database = await backend.fresh({ empty: true });
      const db = await database.open();
      try {
        for (const m of MIGRATIONS.filter((m) => m.version < 14))
          await db.transaction((tx) => tx.exec(m.sql));
        await db.exec(`
          INSERT INTO accounts (id, name, created_at) VALUES ('acct_a', 'A', now()), ('acct_b', 'B', now());
          INSERT INTO api_keys (id, secret_hash, role, account_id, created_at) VALUES
            ('key_cust', 'h1', 'customer', 'acct_a', now()), ('key_svc', 'h2', 'service', NULL, now()),
            ('key_op', 'h3', 'operator', NULL, now());
          INSERT INTO wallet_addresses (address, account_id, created_at) VALUES ('0x00000000000000000000000000000000000000ab', 'acct_a', now());
          INSERT INTO sessions (id, token_hash, account_id, address, created_at, expires_at) VALUES
            ('sess_1', 't1', 'acct_a', '0x00000000000000000000000000000000000000ab', now(), now()), ('sess_2', 't2', 'acct_a', '0x00000000000000000000000000000000000000ab', now(), now());
          INSERT INTO idempotency_keys (scope, key, request_hash, result, created_at) VALUES
            ('sess_1', 'k1', 'h-old', '{}', '2026-01-01'), ('sess_2', 'k1', 'h-new', '{}', '2026-01-02'),
            ('key_cust', 'k2', 'h', '{}', now()),
            ('key_svc', 'k3', 'h', '{"type":"transaction","transaction":{"accountId":"acct_b"}}', now()),
            ('key_op', 'k4', 'h', '{"accountId":"acct_b"}', now()),
            ('key_op', 'k5', 'h', '{"id":"acct_c"}', now()),
            ('rental:inst_1', 'k6', 'h', '{}', now());`);
        await db.transaction((tx) => tx.exec(MIGRATIONS.find((m) => m.version === 14)!.sql));
        const rows = await db.query<{ scope: string; key: string; request_hash: string }>(
          'SELECT scope, key, request_hash FROM idempotency_keys ORDER BY key',
        );
        expect(rows).toEqual([
          { scope: 'acct_a/customer', key: 'k1', request_hash: 'h-old' },
          { scope: 'acct_a/customer', key: 'k2', request_hash: 'h' },
          { scope: 'acct_b/service', key: 'k3', request_hash: 'h' },
          { scope: 'acct_b/operator', key: 'k4', request_hash: 'h' },
          { scope: 'operator', key: 'k5', request_hash: 'h' },
          { scope: 'rental:inst_1', key: 'k6', request_hash: 'h' },
        ]);
      } finally {
        await db.close();
        await database.drop();
      }
    });
  });
}
