import { currentTestClockId } from '../../kernel/clock.js';
import type { AlertKind, AlertStatus, AlertSettings, AlertStateRecord } from './alerts-rules.js';
import type { Queryable } from '../../kernel/db/database.js';

/** The columns `settingsFromRow` reads. */
type SettingsRow = {
  account_id: string;
  low_balance_micros: bigint | null;
  low_remaining_hours: number | null;
  email_recipients: string[] | null;
  webhook_url: string | null;
  webhook_secret: string | null;
  updated_at: Date;
};

function settingsFromRow(row: SettingsRow): AlertSettings {
  return {
    accountId: row.account_id,
    lowBalanceMicros: row.low_balance_micros ?? null,
    lowRemainingHours: row.low_remaining_hours ?? null,
    emailRecipients: row.email_recipients ?? null,
    webhookUrl: row.webhook_url ?? null,
    webhookSecret: row.webhook_secret ?? null,
    updatedAt: row.updated_at,
  };
}

export async function findAlertSettings(q: Queryable, accountId: string): Promise<AlertSettings | undefined> {
  const rows = await q.query<SettingsRow>('SELECT * FROM alert_settings WHERE account_id = $1', [accountId]);
  return rows[0] ? settingsFromRow(rows[0]) : undefined;
}

/** Replaces the settings and arms every alert again: a new threshold starts a new crossing. */
export async function upsertAlertSettings(tx: Queryable, s: AlertSettings, updatedBy: string): Promise<void> {
  await tx.query(
    `INSERT INTO alert_settings (account_id, low_balance_micros, low_remaining_hours, email_recipients,
       webhook_url, webhook_secret, updated_at, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (account_id) DO UPDATE SET low_balance_micros = $2, low_remaining_hours = $3,
       email_recipients = $4, webhook_url = $5, webhook_secret = $6, updated_at = $7, updated_by = $8`,
    [
      s.accountId,
      s.lowBalanceMicros,
      s.lowRemainingHours,
      s.emailRecipients,
      s.webhookUrl,
      s.webhookSecret,
      s.updatedAt,
      updatedBy,
    ],
  );
  await tx.query(`UPDATE alert_state SET status = 'armed', updated_at = $2 WHERE account_id = $1`, [
    s.accountId,
    s.updatedAt,
  ]);
}

/** Serializes alert checks of one account (and settings changes) for the rest of the transaction. */
export async function lockAlertSettings(
  tx: Queryable,
  accountId: string,
): Promise<AlertSettings | undefined> {
  const rows = await tx.query<SettingsRow>('SELECT * FROM alert_settings WHERE account_id = $1 FOR UPDATE', [
    accountId,
  ]);
  return rows[0] ? settingsFromRow(rows[0]) : undefined;
}

export async function findAlertStates(
  q: Queryable,
  accountId: string,
): Promise<Map<AlertKind, AlertStateRecord>> {
  const rows = await q.query<{ kind: AlertKind; status: AlertStatus; crossing: number }>(
    'SELECT kind, status, crossing FROM alert_state WHERE account_id = $1',
    [accountId],
  );
  return new Map(rows.map((r) => [r.kind, { status: r.status, crossing: r.crossing }]));
}

export async function saveAlertState(
  tx: Queryable,
  accountId: string,
  kind: AlertKind,
  state: AlertStateRecord,
  firedAt: Date | null,
  now: Date,
): Promise<void> {
  await tx.query(
    `INSERT INTO alert_state (account_id, kind, status, crossing, fired_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (account_id, kind) DO UPDATE SET status = $3, crossing = $4,
       fired_at = COALESCE($5, alert_state.fired_at), updated_at = $6`,
    [accountId, kind, state.status, state.crossing, firedAt, now],
  );
}

/** Accounts with an alert threshold set, in id order after `after` (a keyset page). */
export async function listAlertedAccounts(q: Queryable, after: string, limit: number): Promise<string[]> {
  const rows = await q.query<{ account_id: string }>(
    `SELECT s.account_id FROM alert_settings s JOIN accounts a ON a.id = s.account_id
     WHERE s.account_id > $1 AND (s.low_balance_micros IS NOT NULL OR s.low_remaining_hours IS NOT NULL)
       AND coalesce(a.test_clock_id, '') = $3
     ORDER BY s.account_id LIMIT $2`,
    [after, limit, currentTestClockId()],
  );
  return rows.map((r) => r.account_id);
}

// ---------------------------------------------------------------- verified alert emails

/**
 * The addresses alerts may be sent to for this account (lowercase): the alert emails verified by a
 * code or recorded as the account's own, its email ways in, and, unless `withContact` is false, its
 * contact email (given by the operator who opened it, or the newest linked way in).
 */
export async function findVerifiedAlertEmails(
  q: Queryable,
  accountId: string,
  withContact = true,
): Promise<Set<string>> {
  const rows = await q.query<{ email: string }>(
    `SELECT email FROM verified_alert_emails WHERE account_id = $1
     UNION SELECT email FROM account_emails WHERE account_id = $1
     UNION SELECT lower(email) FROM accounts WHERE id = $1 AND email IS NOT NULL AND $2`,
    [accountId, withContact],
  );
  return new Set(rows.map((r) => r.email));
}

/** Records addresses as verified alert emails of the account; one already recorded keeps its first record. */
export async function insertVerifiedAlertEmails(
  q: Queryable,
  accountId: string,
  emails: readonly string[],
  source: 'code' | 'account_email',
  now: Date,
): Promise<void> {
  if (emails.length === 0) return;
  await q.query(
    `INSERT INTO verified_alert_emails (account_id, email, source, verified_at)
     SELECT $1, e, $3, $4 FROM unnest($2::text[]) AS e ON CONFLICT DO NOTHING`,
    [accountId, [...new Set(emails.map((e) => e.toLowerCase()))], source, now],
  );
}
