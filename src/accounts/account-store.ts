import { walletId } from '../ledger/ledger-rules.js';
import { UNITS } from '../kernel/money.js';
import type { Queryable } from '../kernel/db/database.js';
import type { AccountRecord } from './accounts-rules.js';

/** The columns `accountFromRow` reads. */
type AccountRow = {
  id: string;
  name: string;
  email: string | null;
  metadata: Record<string, string>;
  created_at: Date;
  test_clock_id: string | null;
};

function accountFromRow(row: AccountRow): AccountRecord {
  return {
    id: row.id,
    name: row.name,
    email: row.email ?? null,
    metadata: row.metadata,
    createdAt: row.created_at,
    testClockId: row.test_clock_id ?? null,
  };
}

/** Inserts the account with one wallet per unit, so every later transfer finds its wallet row. */
export async function insertAccount(tx: Queryable, account: AccountRecord): Promise<void> {
  await tx.query(
    `WITH a AS (INSERT INTO accounts (id, name, email, metadata, created_at, test_clock_id)
              VALUES ($1, $2, $3, $4, $5, $7)),
     la AS (INSERT INTO ledger_accounts (id, unit, account_id, code)
            SELECT w.id, w.unit, $1, 'wallet' FROM jsonb_to_recordset($6::jsonb) AS w(id text, unit text))
     INSERT INTO wallet_balances (ledger_account_id, account_id, unit)
     SELECT w.id, $1, w.unit FROM jsonb_to_recordset($6::jsonb) AS w(id text, unit text)`,
    [
      account.id,
      account.name,
      account.email,
      JSON.stringify(account.metadata),
      account.createdAt,
      JSON.stringify(UNITS.map((unit) => ({ id: walletId(account.id, unit), unit }))),
      account.testClockId ?? null,
    ],
  );
}

export async function findAccount(db: Queryable, id: string): Promise<AccountRecord | undefined> {
  const rows = await db.query<AccountRow>('SELECT * FROM accounts WHERE id = $1', [id]);
  return rows[0] ? accountFromRow(rows[0]) : undefined;
}

/**
 * The account, its row share-locked to the end of the transaction: a decision taken on its email
 * (an alert's recipient) holds, as removing that email locks the row for update first.
 */
export async function findAccountForShare(db: Queryable, id: string): Promise<AccountRecord | undefined> {
  const rows = await db.query<AccountRow>('SELECT * FROM accounts WHERE id = $1 FOR SHARE', [id]);
  return rows[0] ? accountFromRow(rows[0]) : undefined;
}
