import type { Queryable } from '../../kernel/db/database.js';
import type { TokenPurchaseRecord } from './booth-usage-rules.js';

/** Token pack purchases (migration 011): one per (caller, Idempotency-Key). */

/** The columns `purchaseFromRow` reads. */
type PurchaseRow = {
  id: string;
  account_id: string;
  token_micros: bigint;
  price_micros: bigint;
  status: TokenPurchaseRecord['status'];
  invoice_id: string | null;
  transaction_id: string | null;
  decline_reason: string | null;
  request_hash: string;
  created_at: Date;
  updated_at: Date;
  pack_tokens: number;
  quantity: number;
};

function purchaseFromRow(row: PurchaseRow): TokenPurchaseRecord {
  return {
    id: row.id,
    accountId: row.account_id,
    packTokens: Number(row.pack_tokens),
    quantity: Number(row.quantity),
    tokenMicros: BigInt(row.token_micros),
    priceMicros: BigInt(row.price_micros),
    status: row.status,
    invoiceId: row.invoice_id ?? null,
    transactionId: row.transaction_id ?? null,
    declineReason: row.decline_reason ?? null,
    requestHash: row.request_hash,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Records the purchase under its key, or finds the one already there (`inserted` false). */
export async function claimTokenPurchase(
  q: Queryable,
  p: Omit<TokenPurchaseRecord, 'status' | 'invoiceId' | 'transactionId' | 'declineReason' | 'updatedAt'>,
  scope: string,
  key: string,
): Promise<{ purchase: TokenPurchaseRecord; inserted: boolean }> {
  const inserted = await q.query<PurchaseRow>(
    `INSERT INTO booth_token_purchases (id, account_id, pack_tokens, quantity, token_micros, price_micros, status,
       scope, idempotency_key, request_hash, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7, $8, $9, $10, $10)
     ON CONFLICT (scope, idempotency_key) DO NOTHING RETURNING *`,
    [
      p.id,
      p.accountId,
      p.packTokens,
      p.quantity,
      p.tokenMicros,
      p.priceMicros,
      scope,
      key,
      p.requestHash,
      p.createdAt,
    ],
  );
  if (inserted[0]) return { purchase: purchaseFromRow(inserted[0]), inserted: true };
  const rows = await q.query<PurchaseRow>(
    'SELECT * FROM booth_token_purchases WHERE scope = $1 AND idempotency_key = $2',
    [scope, key],
  );
  return { purchase: purchaseFromRow(rows[0]!), inserted: false };
}

/** A purchase that could not even be invoiced leaves nothing behind: the key may be used again. */
export async function forgetTokenPurchase(q: Queryable, id: string): Promise<void> {
  await q.query(
    `DELETE FROM booth_token_purchases WHERE id = $1 AND status = 'pending' AND invoice_id IS NULL`,
    [id],
  );
}

export async function settleTokenPurchase(
  q: Queryable,
  id: string,
  s: {
    status: 'paid' | 'declined' | 'pending';
    invoiceId: string;
    transactionId: string | null;
    declineReason: string | null;
    at: Date;
  },
): Promise<TokenPurchaseRecord> {
  const [row] = await q.query<PurchaseRow>(
    `UPDATE booth_token_purchases SET status = $2, invoice_id = $3, transaction_id = $4, decline_reason = $5, updated_at = $6
     WHERE id = $1 RETURNING *`,
    [id, s.status, s.invoiceId, s.transactionId, s.declineReason, s.at],
  );
  return purchaseFromRow(row!);
}

export async function listTokenPurchases(
  q: Queryable,
  accountId: string,
  limit: number,
): Promise<TokenPurchaseRecord[]> {
  const rows = await q.query<PurchaseRow>(
    'SELECT * FROM booth_token_purchases WHERE account_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2',
    [accountId, limit],
  );
  return rows.map(purchaseFromRow);
}
