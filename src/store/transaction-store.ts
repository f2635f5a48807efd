import type { HoldRecord, TransactionKind, TransactionRecord } from '../domain/ledger.js';
import type { Unit } from '../domain/money.js';
import type { Queryable } from './database.js';
import { holdFromRow, transactionFromRow } from './ledger-store.js';

/** Position in the history, newest first: (created_at, seq) of the last row of the previous page. */
export interface HistoryCursor {
  createdAt: Date;
  seq: bigint;
}

export interface HistoryPage {
  transactions: TransactionRecord[];
  next: HistoryCursor | null;
}

export async function listTransactions(
  db: Queryable,
  query: { accountId: string; kind?: TransactionKind; unit?: Unit; after?: HistoryCursor; limit: number },
): Promise<HistoryPage> {
  const rows = await db.query(
    `SELECT * FROM transactions
     WHERE account_id = $1
       AND ($2::text IS NULL OR kind = $2)
       AND ($3::text IS NULL OR unit = $3)
       AND ($4::timestamptz IS NULL OR (created_at, seq) < ($4, $5::int8))
     ORDER BY created_at DESC, seq DESC
     LIMIT $6`,
    [
      query.accountId,
      query.kind ?? null,
      query.unit ?? null,
      query.after?.createdAt ?? null,
      query.after?.seq ?? 0n,
      query.limit + 1,
    ],
  );
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    transactions: page.map(transactionFromRow),
    next:
      rows.length > query.limit && last
        ? { createdAt: last.created_at as Date, seq: last.seq as bigint }
        : null,
  };
}

export async function findHold(db: Queryable, holdId: string): Promise<HoldRecord | undefined> {
  const rows = await db.query('SELECT * FROM holds WHERE id = $1', [holdId]);
  return rows[0] ? holdFromRow(rows[0]) : undefined;
}

/** Due holds for the sweeper, oldest expiry first. */
export async function findExpiredHoldIds(db: Queryable, now: Date, limit: number): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `SELECT id FROM holds WHERE status = 'pending' AND expires_at <= $1 ORDER BY expires_at LIMIT $2`,
    [now, limit],
  );
  return rows.map((r) => r.id);
}
