import type { Queryable } from '../../kernel/db/database.js';
import type { OrderRail, TopUpOrderRecord, TopUpOrderStatus } from './topups-rules.js';

/** The columns `orderFromRow` reads. */
type OrderRow = {
  id: string;
  account_id: string;
  rail: OrderRail;
  amount_micros: bigint;
  fee_micros: bigint;
  total_micros: bigint;
  provider_order_id: string;
  approve_url: string;
  status: TopUpOrderStatus;
  status_detail: string | null;
  capture_id: string | null;
  created_at: Date;
  updated_at: Date;
  capture_attempt: number;
};

function orderFromRow(row: OrderRow): TopUpOrderRecord {
  return {
    id: row.id,
    accountId: row.account_id,
    rail: row.rail,
    amountMicros: row.amount_micros,
    feeMicros: row.fee_micros,
    totalMicros: row.total_micros,
    currency: 'USD',
    providerOrderId: row.provider_order_id,
    approveUrl: row.approve_url,
    status: row.status,
    statusDetail: row.status_detail ?? null,
    captureId: row.capture_id ?? null,
    captureAttempt: Number(row.capture_attempt),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function insertTopUpOrder(tx: Queryable, o: TopUpOrderRecord): Promise<void> {
  await tx.query(
    `INSERT INTO topup_orders (id, account_id, rail, amount_micros, fee_micros, total_micros, currency,
       provider_order_id, approve_url, status, status_detail, capture_id, capture_attempt, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
    [
      o.id,
      o.accountId,
      o.rail,
      o.amountMicros,
      o.feeMicros,
      o.totalMicros,
      o.currency,
      o.providerOrderId,
      o.approveUrl,
      o.status,
      o.statusDetail,
      o.captureId,
      o.captureAttempt,
      o.createdAt,
      o.updatedAt,
    ],
  );
}

export async function findTopUpOrder(db: Queryable, id: string): Promise<TopUpOrderRecord | undefined> {
  const rows = await db.query<OrderRow>('SELECT * FROM topup_orders WHERE id = $1', [id]);
  return rows[0] ? orderFromRow(rows[0]) : undefined;
}

export async function findTopUpOrderByProviderId(
  db: Queryable,
  rail: OrderRail,
  providerOrderId: string,
): Promise<TopUpOrderRecord | undefined> {
  const rows = await db.query<OrderRow>(
    'SELECT * FROM topup_orders WHERE rail = $1 AND provider_order_id = $2',
    [rail, providerOrderId],
  );
  return rows[0] ? orderFromRow(rows[0]) : undefined;
}

/**
 * Marks the order captured by `captureId`. Captured is final; an order already bound to another
 * capture is left alone (returns undefined).
 */
export async function markOrderCaptured(
  db: Queryable,
  id: string,
  captureId: string,
  now: Date,
): Promise<TopUpOrderRecord | undefined> {
  const rows = await db.query<OrderRow>(
    // A repeat (a retried capture, a redelivered webhook) changes nothing, updatedAt included, so
    // every answer about the capture is the first one.
    `UPDATE topup_orders SET status = 'captured', capture_id = $2, status_detail = NULL,
       updated_at = CASE WHEN status = 'captured' AND capture_id = $2 THEN updated_at ELSE $3 END
     WHERE id = $1 AND (capture_id IS NULL OR capture_id = $2) RETURNING *`,
    [id, captureId, now],
  );
  return rows[0] ? orderFromRow(rows[0]) : undefined;
}

/**
 * Records a non-final outcome. Never overrides a capture (webhooks arrive in any order); a decline
 * bumps the capture attempt so that a later capture is a new request to PayPal.
 */
export async function markOrderStatus(
  db: Queryable,
  id: string,
  change: {
    status: 'approved' | 'declined' | 'pending';
    detail: string | null;
    captureId?: string | null;
  },
  now: Date,
): Promise<TopUpOrderRecord | undefined> {
  const rows = await db.query<OrderRow>(
    `UPDATE topup_orders SET status = $2, status_detail = $3,
       capture_id = CASE WHEN $2 = 'pending' THEN COALESCE($4, capture_id) ELSE capture_id END,
       capture_attempt = capture_attempt + CASE WHEN $2 = 'declined' THEN 1 ELSE 0 END,
       updated_at = $5
     WHERE id = $1 AND status <> 'captured' AND ($2 <> 'approved' OR status = 'created')
     RETURNING *`,
    [id, change.status, change.detail, change.captureId ?? null, now],
  );
  return rows[0] ? orderFromRow(rows[0]) : findTopUpOrder(db, id);
}

/** The next capture of this order is a new request to PayPal (a new PayPal-Request-Id). */
export async function bumpCaptureAttempt(db: Queryable, id: string, now: Date): Promise<void> {
  await db.query(
    `UPDATE topup_orders SET capture_attempt = capture_attempt + 1, updated_at = $2
     WHERE id = $1 AND status <> 'captured'`,
    [id, now],
  );
}
