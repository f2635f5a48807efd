import type { BillTo, InvoiceSettingsInput, InvoiceSettingsVersion } from './billing-profile-rules.js';
import type { Queryable } from '../kernel/db/database.js';
import { lockDocumentSeries } from './document-series-store.js';

/** The columns `settingsFromRow` reads. */
type SettingsRow = {
  account_id: string;
  version: number;
  name: string | null;
  email: string;
  address: string | null;
  tax_information: string | null;
  effective_at: Date;
  changed_by: string;
};

function settingsFromRow(row: SettingsRow): InvoiceSettingsVersion {
  return {
    accountId: row.account_id,
    version: row.version,
    name: row.name ?? null,
    email: row.email,
    address: row.address ?? null,
    taxInformation: row.tax_information ?? null,
    effectiveAt: row.effective_at,
    changedBy: row.changed_by,
  };
}

/** The account's current invoice settings: its latest version, if it ever set any. */
export async function findCurrentInvoiceSettings(
  db: Queryable,
  accountId: string,
): Promise<InvoiceSettingsVersion | undefined> {
  const rows = await db.query<SettingsRow>(
    `SELECT * FROM invoice_settings_versions WHERE account_id = $1 ORDER BY version DESC LIMIT 1`,
    [accountId],
  );
  return rows[0] ? settingsFromRow(rows[0]) : undefined;
}

/**
 * Holds the account's numbering (and other settings changes) off for the rest of the transaction:
 * its document series row, locked for update. A settings version therefore never commits while a
 * numbering step is choosing "the version in force" for the documents it numbers, so a version
 * stamped at time t is in force for every document drawn for a transaction at or after t. A
 * numbering statement that waited for this lock sees the new version named on the row
 * (`insertInvoiceSettingsVersion` sets it) and refuses to number on its older snapshot.
 */
export async function lockForSettingsChange(tx: Queryable, accountId: string): Promise<void> {
  await lockDocumentSeries(tx, accountId);
}

/**
 * Appends the next version of the account's settings. Two concurrent changes compute the same
 * version; the loser fails on the primary key (`isSettingsVersionRace`) and is retried.
 */
export async function insertInvoiceSettingsVersion(
  tx: Queryable,
  accountId: string,
  settings: InvoiceSettingsInput,
  effectiveAt: Date,
  changedBy: string,
): Promise<InvoiceSettingsVersion> {
  const rows = await tx.query<SettingsRow>(
    `WITH version AS (
       INSERT INTO invoice_settings_versions
         (account_id, version, name, email, address, tax_information, effective_at, changed_by)
       SELECT $1, COALESCE(max(version), 0) + 1, $2, $3, $4, $5, $6, $7
       FROM invoice_settings_versions WHERE account_id = $1
       RETURNING *),
     told AS (
       UPDATE account_document_series SET settings_version = (SELECT version FROM version)
       WHERE account_id = $1)
     SELECT * FROM version`,
    [
      accountId,
      settings.name ?? null,
      settings.email,
      settings.address ?? null,
      settings.taxInformation ?? null,
      effectiveAt,
      changedBy,
    ],
  );
  return settingsFromRow(rows[0]!);
}

export function isSettingsVersionRace(error: unknown): boolean {
  const e = error as { code?: unknown; constraint?: unknown } | null;
  return e?.code === '23505' && e.constraint === 'invoice_settings_versions_pkey';
}

/** The bill-to details in force at `at`: the latest invoice settings version then, else the account's own. */
export async function billToInForce(tx: Queryable, accountId: string, at: Date): Promise<BillTo> {
  const rows = await tx.query<{
    version: number;
    name: string;
    email: string | null;
    address: string | null;
    tax_information: string | null;
  }>(
    `SELECT s.version, COALESCE(s.name, a.name) AS name, s.email, s.address, s.tax_information
     FROM invoice_settings_versions s JOIN accounts a ON a.id = s.account_id
     WHERE s.account_id = $1 AND s.effective_at <= $2
     ORDER BY s.effective_at DESC, s.version DESC LIMIT 1`,
    [accountId, at],
  );
  if (rows[0]) {
    const r = rows[0];
    return {
      settingsVersion: r.version,
      name: r.name,
      email: r.email ?? null,
      address: r.address ?? null,
      taxInformation: r.tax_information ?? null,
    };
  }
  const account = await tx.query('SELECT name, email FROM accounts WHERE id = $1', [accountId]);
  return {
    settingsVersion: null,
    name: account[0]!.name as string,
    email: (account[0]!.email as string | null) ?? null,
    address: null,
    taxInformation: null,
  };
}
