import {
  type BoothInvoiceBillTo,
  type BoothInvoiceDunning,
  type BoothPaymentAttempt,
  type BoothInvoiceLine,
  type BoothInvoiceSettlement,
  type BoothInvoiceStatus,
  type BoothInvoiceCursor,
  type BoothInvoiceRecord,
  type DraftInvoice,
} from './booth-invoice-rules.js';
import { formatDocumentNumber } from '../../accounts/document-number-rules.js';
import { walletId } from '../../ledger/ledger-rules.js';
import { encodeJson } from '../../kernel/json-codec.js';
import type { Queryable } from '../../kernel/db/database.js';
import { type DunningAttempt, nextRetryAt } from '../licenses/dunning-rules.js';
import { decodeDunningAttempts, decodeRetryDays } from '../licenses/dunning-store.js';

/** The columns `settlementFromRow` reads. */
type SettlementRow = {
  apply_account_credit: boolean;
  on_decline: 'leave_open' | 'void';
  settlement_type: string;
};

function settlementFromRow(row: SettlementRow): BoothInvoiceSettlement {
  return row.settlement_type === 'credit_note'
    ? { type: 'credit_note' }
    : {
        type: 'charge_default_card',
        applyAccountCredit: row.apply_account_credit,
        onDecline: row.on_decline,
      };
}

/** The columns `lineFromRow` reads. */
type LineRow = {
  kind: BoothInvoiceLine['kind'];
  description: string;
  amount_micros: bigint;
  metadata: unknown;
  position: number;
  quantity: number;
};

function lineFromRow(row: LineRow): BoothInvoiceLine {
  const metadata = row.metadata;
  return {
    position: Number(row.position),
    kind: row.kind,
    description: row.description,
    quantity: Number(row.quantity),
    amountMicros: row.amount_micros,
    metadata: (typeof metadata === 'string' ? JSON.parse(metadata) : metadata) as Record<string, string>,
  };
}

/** The columns `invoiceFromRow` reads. */
type InvoiceRow = {
  number: bigint | null;
  settings_version: number | null;
  bill_to_name: string;
  bill_to_email: string | null;
  bill_to_address: string | null;
  bill_to_tax_information: string | null;
  id: string;
  account_id: string;
  source: string;
  prefix: string;
  status: BoothInvoiceStatus;
  description: string;
  subtotal_micros: bigint;
  credit_applied_micros: bigint;
  total_micros: bigint;
  amount_paid_micros: bigint;
  attempt_payment_method_id: string | null;
  last_decline_code: string | null;
  last_decline_message: string | null;
  created_at: Date;
  finalized_at: Date | null;
  paid_at: Date | null;
  voided_at: Date | null;
  uncollectible_at: Date | null;
  request_hash: string;
  attempt_outcome: 'succeeded' | 'declined' | null;
  processor_payment_id: string | null;
  payment_transaction_id: string | null;
  charge_transaction_id: string | null;
  payment_attempts: number;
};

function invoiceFromRow(
  row: StoredInvoiceRow,
  lines: BoothInvoiceLine[],
  dunning: BoothInvoiceDunning | null = null,
): BoothInvoiceRecord {
  const number = row.number ?? null;
  const billTo: BoothInvoiceBillTo | null =
    row.bill_to_name === null || row.bill_to_name === undefined
      ? null
      : {
          settingsVersion: row.settings_version ?? null,
          name: row.bill_to_name,
          email: row.bill_to_email ?? null,
          address: row.bill_to_address ?? null,
          taxInformation: row.bill_to_tax_information ?? null,
        };
  return {
    id: row.id,
    accountId: row.account_id,
    source: row.source,
    number,
    formattedNumber: number === null ? null : formatDocumentNumber(row.prefix, number),
    status: row.status,
    description: row.description,
    settlement: settlementFromRow(row),
    lines,
    subtotalMicros: row.subtotal_micros,
    creditAppliedMicros: row.credit_applied_micros,
    totalMicros: row.total_micros,
    amountPaidMicros: row.amount_paid_micros,
    billTo,
    paymentAttempts: Number(row.payment_attempts),
    paymentMethodId: row.attempt_payment_method_id ?? null,
    lastDeclineCode: row.last_decline_code ?? null,
    lastDeclineMessage: row.last_decline_message ?? null,
    createdAt: row.created_at,
    finalizedAt: row.finalized_at ?? null,
    paidAt: row.paid_at ?? null,
    voidedAt: row.voided_at ?? null,
    markedUncollectibleAt: row.uncollectible_at ?? null,
    dunning,
    requestHash: row.request_hash,
    attemptOutcome: row.attempt_outcome ?? null,
    processorPaymentId: row.processor_payment_id ?? null,
    paymentTransactionId: row.payment_transaction_id ?? null,
    chargeTransactionId: row.charge_transaction_id ?? null,
  };
}

/** A booth_invoices row as every read selects it (SELECT *). */
type StoredInvoiceRow = InvoiceRow & SettlementRow;

async function withLines(db: Queryable, rows: StoredInvoiceRow[]): Promise<BoothInvoiceRecord[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  // Invoices finalized before account credit became a deduction in the totals stored it as an
  // 'account_credit' line too; it is not a line (credit_applied_micros holds it), so it is skipped.
  const lineRows = await db.query<LineRow & { invoice_id: string }>(
    `SELECT * FROM booth_invoice_lines WHERE invoice_id = ANY($1::text[]) AND kind <> 'account_credit'
     ORDER BY invoice_id, position`,
    [ids],
  );
  const byInvoice = new Map<string, BoothInvoiceLine[]>();
  for (const r of lineRows) {
    const list = byInvoice.get(r.invoice_id) ?? [];
    list.push(lineFromRow(r));
    byInvoice.set(r.invoice_id, list);
  }
  const dunnings = await dunningOf(db, ids);
  return rows.map((r) => invoiceFromRow(r, byInvoice.get(r.id) ?? [], dunnings.get(r.id) ?? null));
}

/** The dunning of each of these invoices that has one (booth_dunning, docs/dunning.md). */
async function dunningOf(db: Queryable, ids: string[]): Promise<Map<string, BoothInvoiceDunning>> {
  const rows = await db.query<{
    invoice_id: string;
    status: BoothInvoiceDunning['status'];
    billing_date: Date;
    retry_days: unknown;
    attempts: unknown;
  }>(
    `SELECT invoice_id, status, billing_date, retry_days, attempts FROM booth_dunning
     WHERE invoice_id = ANY($1::text[])`,
    [ids],
  );
  return new Map(
    rows.map((r) => {
      const days = decodeRetryDays(r.invoice_id, r.retry_days);
      const attempts = decodeDunningAttempts(r.invoice_id, r.attempts);
      const last = attempts.reduce<DunningAttempt | null>(
        (a, b) => (a && a.attempt > b.attempt ? a : b),
        null,
      );
      const made = last?.attempt ?? 0;
      return [
        r.invoice_id,
        {
          status: r.status,
          billingDate: r.billing_date,
          retries: days.length,
          retriesMade: attempts.length,
          lastRetryAt: last ? new Date(last.at) : null,
          nextRetryAt: r.status === 'retrying' ? nextRetryAt(r.billing_date, days, made) : null,
        },
      ];
    }),
  );
}

/** Inserts a draft and its lines; false when an invoice for the same source exists (nothing written). */
export async function insertDraftInvoice(tx: Queryable, d: DraftInvoice): Promise<boolean> {
  const s = d.settlement;
  const inserted = await tx.query(
    `INSERT INTO booth_invoices (id, account_id, source, request_hash, status, description, settlement_type,
       apply_account_credit, on_decline, subtotal_micros, total_micros, created_at, updated_at)
     VALUES ($1, $2, $3, $4, 'draft', $5, $6, $7, $8, $9, $9, $10, $10)
     ON CONFLICT (source) DO NOTHING RETURNING id`,
    [
      d.id,
      d.accountId,
      d.source,
      d.requestHash,
      d.description,
      s.type,
      s.type === 'charge_default_card' ? s.applyAccountCredit : false,
      s.type === 'charge_default_card' ? s.onDecline : null,
      d.subtotalMicros,
      d.createdAt,
    ],
  );
  if (inserted.length === 0) return false;
  await insertLines(tx, d.id, 0, d.lines);
  return true;
}

async function insertLines(
  tx: Queryable,
  invoiceId: string,
  firstPosition: number,
  lines: Omit<BoothInvoiceLine, 'position'>[],
): Promise<void> {
  await tx.query(
    `INSERT INTO booth_invoice_lines (invoice_id, position, kind, description, quantity, amount_micros, metadata)
     SELECT $1, l.position, l.kind, l.description, l.quantity, l.amount_micros::int8, l.metadata
     FROM jsonb_to_recordset($2::jsonb)
       AS l(position int, kind text, description text, quantity int, amount_micros text, metadata jsonb)`,
    [
      invoiceId,
      encodeJson(
        lines.map((l, i) => ({
          position: firstPosition + i,
          kind: l.kind,
          description: l.description,
          quantity: l.quantity,
          amount_micros: l.amountMicros.toString(),
          metadata: l.metadata,
        })),
      ),
    ],
  );
}

export async function findBoothInvoice(db: Queryable, id: string): Promise<BoothInvoiceRecord | undefined> {
  const rows = await db.query<StoredInvoiceRow>('SELECT * FROM booth_invoices WHERE id = $1', [id]);
  return (await withLines(db, rows))[0];
}

export async function findBoothInvoiceBySource(
  db: Queryable,
  source: string,
): Promise<BoothInvoiceRecord | undefined> {
  const rows = await db.query<StoredInvoiceRow>('SELECT * FROM booth_invoices WHERE source = $1', [source]);
  return (await withLines(db, rows))[0];
}

/** Locks the invoice row for the rest of the transaction and returns it as it now is. */
export async function lockBoothInvoice(tx: Queryable, id: string): Promise<BoothInvoiceRecord | undefined> {
  const rows = await tx.query<StoredInvoiceRow>('SELECT * FROM booth_invoices WHERE id = $1 FOR UPDATE', [
    id,
  ]);
  return (await withLines(tx, rows))[0];
}

/**
 * The account's invoices, newest first, after the cursor: numbered ones only (drafts, and purchases
 * discarded unnumbered when their card declined, are not documents).
 */
export async function listBoothInvoices(
  db: Queryable,
  accountId: string,
  limit: number,
  after?: BoothInvoiceCursor,
): Promise<BoothInvoiceRecord[]> {
  const rows = await db.query<StoredInvoiceRow>(
    `SELECT * FROM booth_invoices
     WHERE account_id = $1 AND number IS NOT NULL
       AND ($2::timestamptz IS NULL OR (created_at, id) < ($2::timestamptz, $3::text))
     ORDER BY created_at DESC, id DESC LIMIT $4`,
    [accountId, after?.createdAt ?? null, after?.id ?? '', limit],
  );
  return withLines(db, rows);
}

/**
 * The USD account credit a new invoice may use: the wallet's available balance less what other
 * open invoices of the account (and purchase drafts being charged) have spoken for and not yet
 * taken by their ledger Charge: the credit they applied, and, once their card has paid, the card payment that sits in the wallet
 * until their Charge takes it. Read under the numbering lock, so two finalizations never count the
 * same credit. (Between a Charge and its recording here the amount counts twice: conservative.)
 */
export async function availableAccountCredit(tx: Queryable, accountId: string): Promise<bigint> {
  const rows = await tx.query<{ available: bigint }>(
    `SELECT (COALESCE((SELECT balance_micros - held_micros FROM wallet_balances WHERE ledger_account_id = $1), 0)
       - COALESCE((SELECT sum(credit_applied_micros
                              + CASE WHEN attempt_outcome = 'succeeded' THEN total_micros ELSE 0 END)
                   FROM booth_invoices
                   WHERE account_id = $2 AND status IN ('draft', 'open', 'uncollectible') AND charge_transaction_id IS NULL
                     AND settlement_type = 'charge_default_card'), 0))::int8 AS available`,
    [walletId(accountId, 'USD'), accountId],
  );
  return rows[0]!.available;
}

/** draft → open: the account credit deducted (if any), the number, the bill-to snapshot. The row must be locked. */
export async function finalizeBoothInvoice(
  tx: Queryable,
  invoice: BoothInvoiceRecord,
  f: {
    creditMicros: bigint;
    number: { prefix: string; number: bigint };
    billTo: BoothInvoiceBillTo;
    at: Date;
  },
): Promise<void> {
  await tx.query(
    `UPDATE booth_invoices SET status = 'open', number = $2, credit_applied_micros = $3,
       total_micros = subtotal_micros - $3, settings_version = $4, bill_to_name = $5, bill_to_email = $6,
       bill_to_address = $7, bill_to_tax_information = $8, finalized_at = $9, updated_at = $9, prefix = $10
     WHERE id = $1 AND status = 'draft'`,
    [
      invoice.id,
      f.number.number,
      f.creditMicros,
      f.billTo.settingsVersion,
      f.billTo.name,
      f.billTo.email,
      f.billTo.address,
      f.billTo.taxInformation,
      f.at,
      f.number.prefix,
    ],
  );
}

/**
 * Sets aside the account credit a purchase draft applies before its card is charged (it is
 * numbered only once paid); only before its first attempt, so a charged amount never changes.
 */
export async function setDraftCredit(tx: Queryable, id: string, creditMicros: bigint): Promise<void> {
  await tx.query(
    `UPDATE booth_invoices SET credit_applied_micros = $2, total_micros = subtotal_micros - $2
     WHERE id = $1 AND status = 'draft' AND payment_attempts = 0`,
    [id, creditMicros],
  );
}

/**
 * Starts card attempt `attempts + 1` with a card, unless another process moved the invoice on
 * (compare-and-set on the attempt count), and records it in booth_payment_attempts (amount, card
 * as it is now); returns whether this call started it. A purchase draft is charged before it is
 * numbered, so drafts can be attempted too.
 */
export async function startPaymentAttempt(
  db: Queryable,
  id: string,
  seenAttempts: number,
  /** null: there was no card to charge (the attempt is recorded as declined right away). */
  paymentMethodId: string | null,
  at: Date,
): Promise<boolean> {
  const rows = await db.query(
    `WITH started AS (
       UPDATE booth_invoices SET payment_attempts = payment_attempts + 1, attempt_payment_method_id = $3,
         attempt_outcome = NULL, updated_at = $4
       WHERE id = $1 AND payment_attempts = $2 AND status IN ('draft', 'open', 'uncollectible')
         AND (attempt_outcome IS DISTINCT FROM 'succeeded')
       RETURNING id, account_id, payment_attempts, total_micros, amount_paid_micros, description)
     INSERT INTO booth_payment_attempts (invoice_id, attempt, account_id, payment_method_id, card_brand,
       card_last4, amount_micros, description, attempted_at)
     SELECT s.id, s.payment_attempts, s.account_id, $3, pm.brand, pm.last4,
       s.total_micros - s.amount_paid_micros, s.description, $4
     FROM started s LEFT JOIN payment_methods pm ON pm.id = $3::text
     RETURNING invoice_id`,
    [id, seenAttempts, paymentMethodId, at],
  );
  return rows.length > 0;
}

/** How attempt `attempt` ended, on its booth_payment_attempts row. */
async function settleAttemptRow(
  db: Queryable,
  id: string,
  attempt: number,
  outcome: { outcome: 'succeeded' | 'declined'; code: string | null; message: string | null },
  at: Date,
): Promise<void> {
  await db.query(
    `UPDATE booth_payment_attempts SET outcome = $3, decline_code = $4, decline_message = $5, settled_at = $6
     WHERE invoice_id = $1 AND attempt = $2 AND outcome IS NULL`,
    [id, attempt, outcome.outcome, outcome.code, outcome.message, at],
  );
}

/** The card paid attempt `attempt`. */
export async function recordCardSuccess(
  db: Queryable,
  id: string,
  attempt: number,
  processorPaymentId: string,
  at: Date,
): Promise<void> {
  await db.query(
    `UPDATE booth_invoices SET attempt_outcome = 'succeeded', processor_payment_id = $3, updated_at = $4
     WHERE id = $1 AND payment_attempts = $2 AND attempt_outcome IS NULL`,
    [id, attempt, processorPaymentId, at],
  );
  await settleAttemptRow(db, id, attempt, { outcome: 'succeeded', code: null, message: null }, at);
}

/**
 * The card declined attempt `attempt`; with `voidIt` the invoice is voided at once: a purchase
 * draft (charged before numbering) is discarded unnumbered; an open one keeps its number.
 */
export async function recordDecline(
  db: Queryable,
  id: string,
  attempt: number,
  decline: { code: string; message: string; voidIt: boolean },
  at: Date,
): Promise<void> {
  await db.query(
    `UPDATE booth_invoices SET attempt_outcome = 'declined', last_decline_code = $3, last_decline_message = $4,
       status = CASE WHEN $5 AND status IN ('draft', 'open') THEN 'void' ELSE status END,
       voided_at = CASE WHEN $5 AND status IN ('draft', 'open') THEN $6 ELSE voided_at END, updated_at = $6
     WHERE id = $1 AND payment_attempts = $2 AND attempt_outcome IS NULL`,
    [id, attempt, decline.code, decline.message, decline.voidIt, at],
  );
  const declined = { outcome: 'declined' as const, code: decline.code, message: decline.message };
  await settleAttemptRow(db, id, attempt, declined, at);
}

/** A purchase draft that cannot be charged at all (no card any more): discarded unnumbered. */
export async function discardDraft(db: Queryable, id: string, at: Date): Promise<void> {
  await db.query(
    `UPDATE booth_invoices SET status = 'void', voided_at = $2, updated_at = $2
     WHERE id = $1 AND status = 'draft' AND (payment_attempts = 0 OR attempt_outcome = 'declined')`,
    [id, at],
  );
}

/** One row of booth_payment_attempts as read. */
type AttemptRow = {
  invoice_id: string;
  attempt: number;
  account_id: string;
  payment_method_id: string | null;
  card_brand: string | null;
  card_last4: string | null;
  amount_micros: bigint;
  description: string;
  attempted_at: Date;
  outcome: 'succeeded' | 'declined' | null;
  decline_code: string | null;
  decline_message: string | null;
  settled_at: Date | null;
  number: bigint | null;
  prefix: string | null;
};

/**
 * The account's card attempts, newest first (`declined` only when asked), with the invoice's
 * number when it has one (a declined purchase has none).
 */
export async function listPaymentAttempts(
  db: Queryable,
  accountId: string,
  q: { outcome?: 'succeeded' | 'declined'; limit: number },
): Promise<BoothPaymentAttempt[]> {
  const rows = await db.query<AttemptRow>(
    `SELECT a.*, i.number, i.prefix FROM booth_payment_attempts a JOIN booth_invoices i ON i.id = a.invoice_id
     WHERE a.account_id = $1 AND ($2::text IS NULL OR a.outcome = $2::text)
     ORDER BY a.attempted_at DESC, a.invoice_id DESC, a.attempt DESC LIMIT $3`,
    [accountId, q.outcome ?? null, q.limit],
  );
  return rows.map((r) => ({
    invoiceId: r.invoice_id,
    invoiceNumber: r.number === null ? null : formatDocumentNumber(r.prefix ?? '', r.number),
    attempt: Number(r.attempt),
    accountId: r.account_id,
    paymentMethodId: r.payment_method_id ?? null,
    card: r.card_last4 ? { brand: r.card_brand ?? '', last4: r.card_last4 } : null,
    amountMicros: r.amount_micros,
    description: r.description,
    attemptedAt: r.attempted_at,
    outcome: r.outcome ?? null,
    declineCode: r.decline_code ?? null,
    declineMessage: r.decline_message ?? null,
    settledAt: r.settled_at ?? null,
  }));
}

/** open | uncollectible → paid, with the ledger transactions that settled it. */
export async function markBoothInvoicePaid(
  db: Queryable,
  id: string,
  p: {
    amountPaidMicros: bigint;
    paymentTransactionId: string | null;
    chargeTransactionId: string | null;
    at: Date;
  },
): Promise<void> {
  await db.query(
    `UPDATE booth_invoices SET status = 'paid', amount_paid_micros = $2, payment_transaction_id = $3,
       charge_transaction_id = $4, paid_at = $5, updated_at = $5
     WHERE id = $1 AND status IN ('open', 'uncollectible')`,
    [id, p.amountPaidMicros, p.paymentTransactionId, p.chargeTransactionId, p.at],
  );
}

/** Records the ledger charge as soon as it is written (it releases the credit the invoice had claimed). */
export async function recordChargeTransaction(db: Queryable, id: string, chargeTransactionId: string) {
  await db.query('UPDATE booth_invoices SET charge_transaction_id = $2 WHERE id = $1', [
    id,
    chargeTransactionId,
  ]);
}

/**
 * An operator's status change (void, uncollectible) from one of `from`. Refused (false) while a
 * card attempt's outcome is unknown or once the card has paid: the engine finishes those first.
 */
export async function changeBoothInvoiceStatus(
  db: Queryable,
  id: string,
  from: readonly BoothInvoiceStatus[],
  to: 'void' | 'uncollectible',
  at: Date,
): Promise<boolean> {
  const column = to === 'void' ? 'voided_at' : 'uncollectible_at';
  const rows = await db.query(
    `UPDATE booth_invoices SET status = $3, ${column} = $4, updated_at = $4
     WHERE id = $1 AND status = ANY($2::text[]) AND (payment_attempts = 0 OR attempt_outcome = 'declined')
     RETURNING id`,
    [id, from, to, at],
  );
  return rows.length > 0;
}

/**
 * One page of the account's finalized booth invoices (numbered: drafts have no document) in
 * [start, end) of their finalization, oldest first, after the keyset cursor. Lines are not read.
 */
export async function listFinalizedBoothInvoicesInRange(
  db: Queryable,
  q: { accountId: string; start: Date; end: Date; after?: { finalizedAt: Date; id: string }; limit: number },
): Promise<BoothInvoiceRecord[]> {
  const rows = await db.query<StoredInvoiceRow>(
    `SELECT * FROM booth_invoices
     WHERE account_id = $1 AND number IS NOT NULL AND finalized_at >= $2 AND finalized_at < $3
       AND ($4::timestamptz IS NULL OR (finalized_at, id) > ($4, $5::text))
     ORDER BY finalized_at, id LIMIT $6`,
    [q.accountId, q.start, q.end, q.after?.finalizedAt ?? null, q.after?.id ?? '', q.limit],
  );
  return rows.map((r) => invoiceFromRow(r, []));
}
