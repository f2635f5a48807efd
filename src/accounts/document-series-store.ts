import { createHash } from 'node:crypto';
import type { Queryable } from '../kernel/db/database.js';
import { prefixFromDigest, type DocumentSeries } from './document-number-rules.js';

const PREFIX_ATTEMPTS = 20;

/**
 * Gives the account its series if it has none: the prefix is derived from its id once and stored,
 * so it never changes afterwards. A prefix another account already holds is skipped (next salt).
 */
async function ensureSeries(tx: Queryable, accountId: string): Promise<void> {
  const existing = await tx.query('SELECT 1 FROM account_document_series WHERE account_id = $1', [accountId]);
  if (existing.length > 0) return;
  for (let salt = 0; salt < PREFIX_ATTEMPTS; salt++) {
    const digest = createHash('sha256').update(`${accountId}:${salt}`).digest();
    // DO NOTHING on either key: a concurrent creation for this account, or a prefix already taken.
    // It starts knowing the account's latest settings version (a series is created after its
    // account's first settings change only for accounts from before series existed).
    await tx.query(
      `INSERT INTO account_document_series (account_id, prefix, settings_version)
       SELECT $1, $2, COALESCE((SELECT max(version) FROM invoice_settings_versions WHERE account_id = $1), 0)
       ON CONFLICT DO NOTHING`,
      [accountId, prefixFromDigest(digest)],
    );
    const rows = await tx.query('SELECT 1 FROM account_document_series WHERE account_id = $1', [accountId]);
    if (rows.length > 0) return;
  }
  throw new Error(`no free document prefix for account ${accountId}`);
}

/**
 * Locks the account's series row for the rest of the transaction and returns it. Every number is
 * taken under this lock, and invoice settings changes take it in share mode, so the bill-to
 * version chosen for a document is never one that commits a moment later.
 */
export async function lockDocumentSeries(tx: Queryable, accountId: string): Promise<DocumentSeries> {
  await ensureSeries(tx, accountId);
  const rows = await tx.query<{ prefix: string; last_number: bigint }>(
    'SELECT prefix, last_number FROM account_document_series WHERE account_id = $1 FOR UPDATE',
    [accountId],
  );
  return { prefix: rows[0]!.prefix, lastNumber: BigInt(rows[0]!.last_number) };
}

/**
 * `lockDocumentSeries` for several accounts at once, in one statement (account id order, so two
 * callers cannot deadlock), creating the series an account lacks first. Keyed by account id.
 */
export async function lockDocumentSeriesOf(
  tx: Queryable,
  accountIds: readonly string[],
): Promise<Map<string, DocumentSeries>> {
  const lock = async (ids: readonly string[]) =>
    tx.query<{ account_id: string; prefix: string; last_number: bigint }>(
      `SELECT account_id, prefix, last_number FROM account_document_series
       WHERE account_id = ANY($1::text[]) ORDER BY account_id FOR UPDATE`,
      [ids],
      'document_series_lock_many',
    );
  let rows = await lock(accountIds);
  if (rows.length < accountIds.length) {
    const found = new Set(rows.map((r) => r.account_id));
    const missing = accountIds.filter((id) => !found.has(id));
    for (const id of missing) await ensureSeries(tx, id);
    rows = [...rows, ...(await lock(missing))];
  }
  return new Map(rows.map((r) => [r.account_id, { prefix: r.prefix, lastNumber: BigInt(r.last_number) }]));
}

/** Records that `count` more numbers were issued; call under `lockDocumentSeries`. */
export async function advanceDocumentSeries(tx: Queryable, accountId: string, count: number): Promise<void> {
  if (count === 0) return;
  await tx.query('UPDATE account_document_series SET last_number = last_number + $2 WHERE account_id = $1', [
    accountId,
    count,
  ]);
}

/** Takes the account's next number in the caller's transaction (a rollback gives it back). */
export async function takeDocumentNumber(
  tx: Queryable,
  accountId: string,
): Promise<{ prefix: string; number: bigint }> {
  const series = await lockDocumentSeries(tx, accountId);
  await advanceDocumentSeries(tx, accountId, 1);
  return { prefix: series.prefix, number: series.lastNumber + 1n };
}
