import type {
  InvoiceRecord,
  WalletMovement,
  ComputeDocumentRecord,
  NumberingPosition,
} from './invoice-rules.js';
import type { TransactionKind, TransactionRecord } from '../../ledger/ledger-rules.js';
import type { Queryable } from '../../kernel/db/database.js';
import { type TransactionRow, transactionFromRow } from '../../ledger/ledger-store.js';

/** The columns `invoiceFromRow` reads. */
type InvoiceRow = {
  transaction_id: string;
  account_id: string;
  prefix: string;
  number: bigint;
  settings_version: number | null;
  bill_to_name: string;
  bill_to_email: string | null;
  bill_to_address: string | null;
  bill_to_tax_information: string | null;
  numbered_at: Date;
};

function invoiceFromRow(row: InvoiceRow): InvoiceRecord {
  return {
    transactionId: row.transaction_id,
    accountId: row.account_id,
    prefix: row.prefix,
    number: row.number,
    settingsVersion: row.settings_version ?? null,
    billTo: {
      name: row.bill_to_name,
      email: row.bill_to_email ?? null,
      address: row.bill_to_address ?? null,
      taxInformation: row.bill_to_tax_information ?? null,
    },
    numberedAt: row.numbered_at,
  };
}

/** One of the account's transactions, with its place in numbering order. */
export async function findAccountTransaction(
  db: Queryable,
  accountId: string,
  transactionId: string,
): Promise<{ transaction: TransactionRecord; position: NumberingPosition } | undefined> {
  const rows = await db.query<TransactionRow>(
    'SELECT * FROM transactions WHERE id = $1 AND account_id = $2',
    [transactionId, accountId],
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    transaction: transactionFromRow(row),
    position: { createdAt: row.created_at, seq: row.seq },
  };
}

export async function findInvoice(db: Queryable, transactionId: string): Promise<InvoiceRecord | undefined> {
  const rows = await db.query<InvoiceRow>('SELECT * FROM invoices WHERE transaction_id = $1', [
    transactionId,
  ]);
  return rows[0] ? invoiceFromRow(rows[0]) : undefined;
}

/**
 * The WITH items that number documents: they lock the series rows of the accounts in `accounts`
 * (a text[] parameter; account id order, so two batches cannot deadlock; settings changes lock the
 * same row, so the bill-to version chosen is never one that commits a moment later),
 * number each account's documents in `pending` (id, account_id, created_at, seq) in (created_at,
 * seq) order after its `last_number`, and advance the series by as many. Each gets the bill-to
 * details of the settings version in force at its own time (the latest with effective_at <=
 * created_at), or the account's name and email when there was none. `doc_series` holds the
 * accounts that have a series: one without gets none of its documents numbered.
 *
 * `doc_settings_seen.ok` is false when a series row, locked after a wait, names a settings version
 * this statement's snapshot does not hold: a settings change committed while the statement waited
 * for its lock, and the documents would get the version before it. The statement must then fail
 * (`ledger_guard`, 40001) and be run again, on a snapshot that holds it.
 */
function numberingCtes(p: { pending: string; accounts: string; at: string }): string {
  return `doc_series AS (
       SELECT account_id, prefix, last_number, settings_version FROM account_document_series
       WHERE account_id = ANY(${p.accounts}::text[]) ORDER BY account_id FOR UPDATE),
     doc_settings_seen AS (
       SELECT COALESCE(bool_and(s.settings_version = COALESCE(
         (SELECT max(sv.version) FROM invoice_settings_versions sv WHERE sv.account_id = s.account_id), 0)), true) AS ok
       FROM doc_series s),
     doc_pending AS (${p.pending}),
     doc_numbered AS (
       INSERT INTO invoices (transaction_id, account_id, prefix, number, settings_version, bill_to_name,
                             bill_to_email, bill_to_address, bill_to_tax_information, numbered_at)
       SELECT p.id, p.account_id, s.prefix,
              s.last_number + row_number() OVER (PARTITION BY p.account_id ORDER BY p.created_at, p.seq),
              v.version, COALESCE(v.name, a.name, p.account_id),
              CASE WHEN v.version IS NULL THEN a.email ELSE v.email END,
              v.address, v.tax_information, ${p.at}
       FROM doc_pending p
       JOIN doc_series s ON s.account_id = p.account_id
       LEFT JOIN accounts a ON a.id = p.account_id
       LEFT JOIN LATERAL (
         SELECT sv.* FROM invoice_settings_versions sv
         WHERE sv.account_id = p.account_id AND sv.effective_at <= p.created_at
         ORDER BY sv.effective_at DESC, sv.version DESC LIMIT 1) v ON true
       RETURNING account_id),
     doc_counts AS (SELECT account_id, count(*) AS n FROM doc_numbered GROUP BY account_id),
     doc_advanced AS (
       UPDATE account_document_series s SET last_number = s.last_number + c.n
       FROM doc_counts c WHERE s.account_id = ANY(${p.accounts}::text[]) AND s.account_id = c.account_id)`;
}

const SETTINGS_CHANGED = 'invoice settings changed while numbering waited: number again';

/**
 * Numbers those of `transactionIds` that have a compute document of their own and no number yet,
 * for every account of `accountIds` in one statement (`numberingCtes`). Returns the accounts that
 * have a series: the caller creates the others' series and numbers them again. One statement, not
 * lock, number and advance in three: a round trip is most of what numbering costs (issue 20, P1).
 */
export async function numberTransactions(
  tx: Queryable,
  transactionIds: readonly string[],
  accountIds: readonly string[],
  now: Date,
): Promise<Set<string>> {
  const pending = `SELECT t.id, t.account_id, t.created_at, t.seq FROM transactions t
       WHERE t.id = ANY($1::text[]) AND t.account_id = ANY($2::text[]) AND t.unit = 'CREDIT'
         AND t.kind <> 'promotion' AND NOT EXISTS (SELECT 1 FROM invoices i WHERE i.transaction_id = t.id)`;
  const rows = await tx.query<{ locked: string[] | null }>(
    `WITH ${numberingCtes({ pending, accounts: '$2', at: '$3' })}
     SELECT (SELECT array_agg(account_id) FROM doc_series) AS locked,
            ledger_guard((SELECT ok FROM doc_settings_seen), '${SETTINGS_CHANGED}')`,
    [transactionIds, accountIds, now],
    'invoices_number_transactions',
  );
  return new Set(rows[0]?.locked ?? []);
}

/**
 * The same numbering as part of a ledger batch's one statement (`BatchStatementPart`): the batch's
 * own inserted rows (`txns`) with a compute document are numbered, under the series locks of
 * their accounts (the first parameter). Ready only when every one of those accounts has a series
 * (an account's first document takes the batch's locking path, which creates it) and no settings
 * change committed while the statement waited for a series lock.
 */
export function numberingInBatchStatement(firstParam: number): { ctes: string; ready: string } {
  const accounts = `$${firstParam}`;
  const pending = `SELECT id, account_id, created_at, seq FROM txns WHERE unit = 'CREDIT' AND kind <> 'promotion'`;
  return {
    ctes: numberingCtes({ pending, accounts, at: `$${firstParam + 1}::timestamptz` }),
    ready: `(SELECT count(*) FROM doc_series) = cardinality(${accounts}::text[]) AND (SELECT ok FROM doc_settings_seen)`,
  };
}

/** The transfers of a transaction that moved the given wallet, in the order they were made. */
export async function findWalletMovements(
  db: Queryable,
  transactionId: string,
  walletLedgerAccountId: string,
): Promise<WalletMovement[]> {
  // Filtering on the wallet lets the planner use the debit/credit indexes (transfers has no index
  // on transaction_id) and reads only this customer's transfers.
  const rows = await db.query<{ debit_account_id: string; credit_account_id: string; amount_micros: bigint }>(
    `SELECT debit_account_id, credit_account_id, amount_micros FROM transfers
     WHERE transaction_id = $1 AND (debit_account_id = $2 OR credit_account_id = $2)
     ORDER BY id`,
    [transactionId, walletLedgerAccountId],
  );
  return rows.map((r) =>
    r.debit_account_id === walletLedgerAccountId
      ? { walletSide: 'debit', amountMicros: r.amount_micros, counterpartyAccountId: r.credit_account_id }
      : { walletSide: 'credit', amountMicros: r.amount_micros, counterpartyAccountId: r.debit_account_id },
  );
}

/** The Promotion transaction granted for a payment (apply-top-up-promotion.ts records which). */
export async function findPromotionOfPayment(
  db: Queryable,
  payment: TransactionRecord,
): Promise<TransactionRecord | undefined> {
  const rows = await db.query<TransactionRow>(
    `SELECT * FROM transactions
     WHERE account_id = $1 AND kind = 'promotion' AND created_at >= $2
       AND metadata->>'paymentTransactionId' = $3 AND metadata->>'reason' IS DISTINCT FROM 'network_fee'
     ORDER BY created_at, seq LIMIT 1`,
    [payment.accountId, payment.createdAt, payment.id],
  );
  return rows[0] ? transactionFromRow(rows[0]) : undefined;
}

/** The "Network fee sponsored" refund of a USDT payment's gas (docs/usdt-relay.md § Refund), if any. */
export async function findNetworkFeeRefundsOfPayments(
  db: Queryable,
  payments: readonly { accountId: string; paymentId: string }[],
): Promise<Map<string, TransactionRecord>> {
  if (payments.length === 0) return new Map();
  // By account first (the history index), then the payment each refund names.
  const rows = await db.query<TransactionRow>(
    `SELECT * FROM transactions
     WHERE account_id = ANY($1::text[]) AND kind = 'promotion' AND metadata->>'reason' = 'network_fee'
       AND metadata->>'paymentTransactionId' = ANY($2::text[])
     ORDER BY created_at, seq`,
    [[...new Set(payments.map((p) => p.accountId))], payments.map((p) => p.paymentId)],
  );
  const found = new Map<string, TransactionRecord>();
  for (const row of rows) {
    const t = transactionFromRow(row);
    if (!found.has(t.metadata.paymentTransactionId!)) found.set(t.metadata.paymentTransactionId!, t);
  }
  return found;
}

/** The rental charge of an instance's period: what a refund of unused hours gives back part of. */
export async function findRentalChargeOfPeriod(
  db: Queryable,
  accountId: string,
  instanceId: string,
  periodStart: string,
): Promise<TransactionRecord | undefined> {
  const rows = await db.query<TransactionRow>(
    `SELECT * FROM transactions
     WHERE account_id = $1 AND kind = 'charge' AND metadata->>'instanceId' = $2
       AND metadata->>'periodStart' = $3
     ORDER BY created_at, seq LIMIT 1`,
    [accountId, instanceId, periodStart],
  );
  return rows[0] ? transactionFromRow(rows[0]) : undefined;
}

/**
 * One page of the account's compute documents (CREDIT transactions other than promotions) in
 * [start, end), oldest first, after the keyset cursor, with their numbers (null: not numbered).
 */
export async function listComputeDocumentsInRange(
  db: Queryable,
  q: { accountId: string; start: Date; end: Date; after?: { createdAt: Date; seq: bigint }; limit: number },
): Promise<ComputeDocumentRecord[]> {
  const rows = await db.query<{
    id: string;
    created_at: Date;
    seq: bigint;
    kind: TransactionKind;
    description: string;
    amount_micros: bigint;
    prefix: string | null;
    number: bigint | null;
  }>(
    `SELECT t.id, t.created_at, t.seq, t.kind, t.description, t.amount_micros, i.prefix, i.number
     FROM transactions t LEFT JOIN invoices i ON i.transaction_id = t.id
     WHERE t.account_id = $1 AND t.unit = 'CREDIT' AND t.kind <> 'promotion'
       AND t.created_at >= $2 AND t.created_at < $3
       AND ($4::timestamptz IS NULL OR (t.created_at, t.seq) > ($4, $5::int8))
     ORDER BY t.created_at, t.seq LIMIT $6`,
    [q.accountId, q.start, q.end, q.after?.createdAt ?? null, q.after?.seq ?? 0n, q.limit],
  );
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.created_at,
    seq: r.seq,
    kind: r.kind,
    description: r.description,
    amountMicros: r.amount_micros,
    prefix: r.prefix ?? null,
    number: r.number ?? null,
  }));
}
