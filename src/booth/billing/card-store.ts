import type { Queryable } from '../../kernel/db/database.js';
import type { PaymentMethodRecord } from './booth-invoice-rules.js';

/** The columns `paymentMethodFromRow` reads. */
type PaymentMethodRow = {
  id: string;
  account_id: string;
  processor_payment_method_id: string;
  brand: string;
  last4: string;
  is_default: boolean;
  created_at: Date;
  removed_at: Date | null;
  exp_month: number;
  exp_year: number;
};

function paymentMethodFromRow(row: PaymentMethodRow): PaymentMethodRecord {
  return {
    id: row.id,
    accountId: row.account_id,
    processorPaymentMethodId: row.processor_payment_method_id,
    brand: row.brand,
    last4: row.last4,
    expMonth: Number(row.exp_month),
    expYear: Number(row.exp_year),
    isDefault: row.is_default,
    createdAt: row.created_at,
    removedAt: row.removed_at ?? null,
  };
}

export async function findCardCustomer(db: Queryable, accountId: string): Promise<string | undefined> {
  const rows = await db.query<{ id: string }>(
    'SELECT processor_customer_id AS id FROM card_customers WHERE account_id = $1',
    [accountId],
  );
  return rows[0]?.id;
}

/** Records the account's processor customer; the first one recorded wins (returned). */
export async function saveCardCustomer(
  db: Queryable,
  accountId: string,
  processorCustomerId: string,
  now: Date,
): Promise<string> {
  await db.query(
    `INSERT INTO card_customers (account_id, processor_customer_id, created_at) VALUES ($1, $2, $3)
     ON CONFLICT (account_id) DO NOTHING`,
    [accountId, processorCustomerId, now],
  );
  return (await findCardCustomer(db, accountId))!;
}

/** Serializes card changes of one account (add, remove, set default) for the rest of the transaction. */
export async function lockAccountCards(tx: Queryable, accountId: string): Promise<void> {
  await tx.query('SELECT 1 FROM card_customers WHERE account_id = $1 FOR UPDATE', [accountId]);
}

export async function listPaymentMethods(db: Queryable, accountId: string): Promise<PaymentMethodRecord[]> {
  const rows = await db.query<PaymentMethodRow>(
    `SELECT * FROM payment_methods WHERE account_id = $1 AND removed_at IS NULL ORDER BY created_at, id`,
    [accountId],
  );
  return rows.map(paymentMethodFromRow);
}

/** One of the account's cards, removed or not. */
export async function findPaymentMethod(
  db: Queryable,
  accountId: string,
  id: string,
): Promise<PaymentMethodRecord | undefined> {
  const rows = await db.query<PaymentMethodRow>(
    'SELECT * FROM payment_methods WHERE id = $1 AND account_id = $2',
    [id, accountId],
  );
  return rows[0] ? paymentMethodFromRow(rows[0]) : undefined;
}

export async function findByProcessorId(
  db: Queryable,
  processorPaymentMethodId: string,
): Promise<PaymentMethodRecord | undefined> {
  const rows = await db.query<PaymentMethodRow>(
    'SELECT * FROM payment_methods WHERE processor_payment_method_id = $1',
    [processorPaymentMethodId],
  );
  return rows[0] ? paymentMethodFromRow(rows[0]) : undefined;
}

export async function findDefaultPaymentMethod(
  db: Queryable,
  accountId: string,
): Promise<PaymentMethodRecord | undefined> {
  const rows = await db.query<PaymentMethodRow>(
    'SELECT * FROM payment_methods WHERE account_id = $1 AND is_default',
    [accountId],
  );
  return rows[0] ? paymentMethodFromRow(rows[0]) : undefined;
}

/**
 * Saves a card; it becomes the default when the account has none. Returns the card as stored:
 * a processor payment method saved before (a replay) comes back as it was.
 */
export async function insertPaymentMethod(
  tx: Queryable,
  card: Omit<PaymentMethodRecord, 'isDefault' | 'removedAt'>,
): Promise<PaymentMethodRecord> {
  await tx.query(
    `INSERT INTO payment_methods (id, account_id, processor_payment_method_id, brand, last4, exp_month, exp_year,
       is_default, created_at)
     SELECT $1, $2, $3, $4, $5, $6, $7,
       NOT EXISTS (SELECT 1 FROM payment_methods WHERE account_id = $2 AND is_default), $8
     ON CONFLICT (processor_payment_method_id) DO NOTHING`,
    [
      card.id,
      card.accountId,
      card.processorPaymentMethodId,
      card.brand,
      card.last4,
      card.expMonth,
      card.expYear,
      card.createdAt,
    ],
  );
  return (await findByProcessorId(tx, card.processorPaymentMethodId))!;
}

/** Makes one live card the default (and the previous default not); undefined when it is not live. */
export async function setDefaultPaymentMethod(
  tx: Queryable,
  accountId: string,
  id: string,
): Promise<PaymentMethodRecord | undefined> {
  await tx.query(
    'UPDATE payment_methods SET is_default = false WHERE account_id = $1 AND is_default AND id <> $2',
    [accountId, id],
  );
  const rows = await tx.query<PaymentMethodRow>(
    `UPDATE payment_methods SET is_default = true
     WHERE id = $1 AND account_id = $2 AND removed_at IS NULL RETURNING *`,
    [id, accountId],
  );
  return rows[0] ? paymentMethodFromRow(rows[0]) : undefined;
}

export async function markPaymentMethodRemoved(
  tx: Queryable,
  id: string,
  now: Date,
): Promise<PaymentMethodRecord | undefined> {
  const rows = await tx.query<PaymentMethodRow>(
    `UPDATE payment_methods SET removed_at = $2, is_default = false
     WHERE id = $1 AND removed_at IS NULL RETURNING *`,
    [id, now],
  );
  return rows[0] ? paymentMethodFromRow(rows[0]) : undefined;
}
