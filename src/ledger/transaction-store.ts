import { currentTestClockId } from '../kernel/clock.js';
import type {
  HoldRecord,
  TransactionKind,
  TransactionRecord,
  HistoryCursor,
  HistoryPage,
} from './ledger-rules.js';
import type { Unit } from '../kernel/money.js';
import type { Queryable } from '../kernel/db/database.js';
import { type HoldRow, type TransactionRow, holdFromRow, transactionFromRow } from './ledger-store.js';

export async function listTransactions(
  db: Queryable,
  query: { accountId: string; kind?: TransactionKind; unit?: Unit; after?: HistoryCursor; limit: number },
): Promise<HistoryPage> {
  // Prepared by name (the history's hot statement), so its columns are named: a prepared
  // `SELECT *` would fail once a migration adds a column under a running server.
  const rows = await db.query<TransactionRow>(
    `SELECT id, seq, account_id, kind, unit, amount_micros, description, metadata, hold_id, created_at
     FROM transactions
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
    'history_page',
  );
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    transactions: page.map(transactionFromRow),
    next: rows.length > query.limit && last ? { createdAt: last.created_at, seq: last.seq } : null,
  };
}

export async function findHold(db: Queryable, holdId: string): Promise<HoldRecord | undefined> {
  const rows = await db.query<HoldRow>('SELECT * FROM holds WHERE id = $1', [holdId]);
  return rows[0] ? holdFromRow(rows[0]) : undefined;
}

/** Due holds for the sweeper, oldest expiry first. */
/** Due holds of the accounts on the current clock (the real one's, or a test clock's being advanced). */
export async function findExpiredHolds(
  db: Queryable,
  now: Date,
  limit: number,
): Promise<{ id: string; walletId: string }[]> {
  const rows = await db.query<{ id: string; walletId: string }>(
    `SELECT h.id, h.wallet_id AS "walletId" FROM holds h JOIN accounts a ON a.id = h.account_id
     WHERE h.status = 'pending' AND h.expires_at <= $1 AND coalesce(a.test_clock_id, '') = $3
     ORDER BY h.expires_at LIMIT $2`,
    [now, limit, currentTestClockId()],
  );
  return rows;
}

export async function findTransaction(
  db: Queryable,
  accountId: string,
  id: string,
): Promise<TransactionRecord | undefined> {
  const rows = await db.query<TransactionRow>(
    'SELECT * FROM transactions WHERE id = $1 AND account_id = $2',
    [id, accountId],
  );
  return rows[0] ? transactionFromRow(rows[0]) : undefined;
}

/**
 * Refunds recorded against one payment, read in one snapshot: how many (the next refund's
 * ordinal), how much, and the one made for a given request key, if any.
 */
export async function findRefundsOfPayment(
  db: Queryable,
  accountId: string,
  paymentId: string,
  requestKey: string,
): Promise<{ count: number; refundedMicros: bigint; forRequest: TransactionRecord | undefined }> {
  const rows = await db.query<TransactionRow>(
    `SELECT * FROM transactions WHERE account_id = $1 AND kind = 'refund' AND metadata->>'paymentId' = $2
     ORDER BY created_at, seq`,
    [accountId, paymentId],
  );
  const refunds = rows.map(transactionFromRow);
  return {
    count: refunds.length,
    refundedMicros: refunds.reduce((sum, r) => sum - r.amountMicros, 0n),
    forRequest: refunds.find((r) => r.metadata.requestKey === requestKey),
  };
}

/**
 * One page of the account's transactions in [start, end), oldest first, after `after`: the
 * export reads the history page by page (keyset), so it never holds more than a page.
 */
export async function listTransactionsInRange(
  db: Queryable,
  query: { accountId: string; start: Date; end: Date; after?: HistoryCursor; limit: number },
): Promise<{ transactions: TransactionRecord[]; last: HistoryCursor | null }> {
  const rows = await db.query<TransactionRow>(
    `SELECT * FROM transactions
     WHERE account_id = $1 AND created_at >= $2 AND created_at < $3
       AND ($4::timestamptz IS NULL OR (created_at, seq) > ($4, $5::int8))
     ORDER BY created_at, seq
     LIMIT $6`,
    [
      query.accountId,
      query.start,
      query.end,
      query.after?.createdAt ?? null,
      query.after?.seq ?? 0n,
      query.limit,
    ],
  );
  const last = rows[rows.length - 1];
  return {
    transactions: rows.map(transactionFromRow),
    last: last ? { createdAt: last.created_at, seq: last.seq } : null,
  };
}
