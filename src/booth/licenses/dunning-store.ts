import { z } from 'zod';
import type { Queryable } from '../../kernel/db/database.js';
import type { DunningAttempt, DunningRecord, DunningStatus } from './dunning-rules.js';

// The jsonb columns of booth_dunning, as written by insertDunning and recordDunningAttempt. Read
// through these, a row of another shape (a hand edit, a future writer) fails loudly here instead of
// reaching the schedule arithmetic as NaN dates.
const RetryDaysColumn = z.array(z.number().int());
const AttemptsColumn = z.array(
  z.object({
    attempt: z.number().int().positive(),
    at: z.iso.datetime(),
    outcome: z.enum(['paid', 'declined']),
    declineCode: z.string().nullable(),
  }),
);

/** A jsonb value as the driver hands it: parsed already (node-postgres, PGlite) or as text. */
function decodeColumn<T>(schema: z.ZodType<T>, invoiceId: string, column: string, value: unknown): T {
  let parsed: unknown = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      throw new Error(`booth_dunning ${invoiceId}: ${column} is not JSON`);
    }
  }
  const decoded = schema.safeParse(parsed);
  if (!decoded.success) {
    throw new Error(
      `booth_dunning ${invoiceId}: ${column} has a bad shape: ${z.prettifyError(decoded.error)}`,
    );
  }
  return decoded.data;
}

/** booth_dunning.retry_days: the schedule in whole days after the billing date. */
export function decodeRetryDays(invoiceId: string, value: unknown): number[] {
  return decodeColumn(RetryDaysColumn, invoiceId, 'retry_days', value);
}

/** booth_dunning.attempts: the retries that ran, in the order they were recorded. */
export function decodeDunningAttempts(invoiceId: string, value: unknown): DunningAttempt[] {
  return decodeColumn(AttemptsColumn, invoiceId, 'attempts', value);
}

/** The columns `fromRow` reads. */
type FromRow = {
  invoice_id: string;
  account_id: string;
  billing_date: Date;
  status: DunningStatus;
  created_at: Date;
  updated_at: Date;
  attempts: unknown;
  retry_days: unknown;
};

function fromRow(row: FromRow): DunningRecord {
  return {
    invoiceId: row.invoice_id,
    accountId: row.account_id,
    billingDate: row.billing_date,
    retryDays: decodeRetryDays(row.invoice_id, row.retry_days),
    attempts: decodeDunningAttempts(row.invoice_id, row.attempts),
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Starts the dunning of an invoice; a second start is a no-op. Returns whether it was created. */
export async function insertDunning(
  q: Queryable,
  d: { invoiceId: string; accountId: string; billingDate: Date; retryDays: readonly number[] },
  now: Date,
): Promise<boolean> {
  const rows = await q.query(
    `INSERT INTO booth_dunning (invoice_id, account_id, billing_date, retry_days, status, created_at, updated_at)
     VALUES ($1, $2, $3, $4, 'retrying', $5, $5) ON CONFLICT (invoice_id) DO NOTHING RETURNING invoice_id`,
    [d.invoiceId, d.accountId, d.billingDate, JSON.stringify(d.retryDays), now],
  );
  return rows.length > 0;
}

export async function findDunning(
  q: Queryable,
  invoiceId: string,
  forUpdate = false,
): Promise<DunningRecord | undefined> {
  const rows = await q.query<FromRow>(
    `SELECT * FROM booth_dunning WHERE invoice_id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [invoiceId],
  );
  return rows[0] ? fromRow(rows[0]) : undefined;
}

/** The account's dunnings, newest billing date first. */
export async function listDunning(q: Queryable, accountId: string): Promise<DunningRecord[]> {
  const rows = await q.query<FromRow>(
    `SELECT * FROM booth_dunning WHERE account_id = $1 ORDER BY billing_date DESC, invoice_id`,
    [accountId],
  );
  return rows.map(fromRow);
}

/**
 * Records one retry and the status it leads to, once: a retry already recorded (or a dunning no
 * longer retrying) changes nothing. Returns whether it was recorded.
 */
export async function recordDunningAttempt(
  q: Queryable,
  invoiceId: string,
  attempt: DunningAttempt,
  status: DunningStatus,
  now: Date,
): Promise<boolean> {
  const rows = await q.query(
    `UPDATE booth_dunning SET attempts = attempts || $2::jsonb, status = $3, updated_at = $4
     WHERE invoice_id = $1 AND status = 'retrying'
       AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(attempts) a WHERE (a->>'attempt')::int = $5)
     RETURNING invoice_id`,
    [invoiceId, JSON.stringify([attempt]), status, now, attempt.attempt],
  );
  return rows.length > 0;
}

/**
 * Ends a dunning that is still retrying: the customer paid the invoice by other means (`paid`), an
 * operator voided it (`voided`) or wrote it off (`uncollectible`). Returns whether it ended here.
 */
export async function endDunning(
  q: Queryable,
  invoiceId: string,
  status: Exclude<DunningStatus, 'retrying'>,
  now: Date,
): Promise<boolean> {
  const rows = await q.query(
    `UPDATE booth_dunning SET status = $2, updated_at = $3 WHERE invoice_id = $1 AND status = 'retrying'
     RETURNING invoice_id`,
    [invoiceId, status, now],
  );
  return rows.length > 0;
}
