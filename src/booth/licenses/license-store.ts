import { decodeLicenseQuote, decodeRenewalLines } from './license-quote-decoder.js';
import {
  type BillingPeriod,
  type Feature,
  type Product,
  type StoredOutputCatalog,
  type Tier,
  outputCatalogFromJson,
  outputCatalogToJson,
  type BoothAccountRecord,
  type CatalogVersionRecord,
  type CouponRecord,
  type LicenseRecord,
  type LicenseStatus,
  type OrderRecord,
  type OrderStatus,
  type RenewalItem,
  type RenewalRecord,
} from './licensing-rules.js';
import { walletId } from '../../ledger/ledger-rules.js';
import { decodeJson, encodeJson } from '../../kernel/json-codec.js';
import type { Queryable } from '../../kernel/db/database.js';

// ---------------------------------------------------------------------------------------------
// Catalog

/** The columns `catalogFromRow` reads. */
type CatalogRow = {
  features: Record<string, Feature[]>;
  basic_monthly_micros: bigint;
  basic_annual_micros: bigint;
  pro_monthly_micros: bigint;
  pro_annual_micros: bigint;
  premium_monthly_micros: bigint;
  premium_annual_micros: bigint;
  enterprise_annual_micros: bigint;
  outputs: StoredOutputCatalog;
  reason: string;
  created_by: string;
  created_at: Date;
  version: number;
};

function catalogFromRow(row: CatalogRow): CatalogVersionRecord {
  const f = row.features;
  return {
    version: Number(row.version),
    prices: {
      basic: { monthly: row.basic_monthly_micros, annual: row.basic_annual_micros },
      pro: { monthly: row.pro_monthly_micros, annual: row.pro_annual_micros },
      premium: { monthly: row.premium_monthly_micros, annual: row.premium_annual_micros },
      enterpriseAnnual: row.enterprise_annual_micros,
    },
    features: { basic: f.basic ?? [], pro: f.pro ?? [], premium: f.premium ?? [] },
    enterpriseFeatures: f.enterprise ?? [],
    outputs: outputCatalogFromJson(row.outputs),
    reason: row.reason,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

/** The catalog in force: its latest version. */
export async function currentCatalog(q: Queryable): Promise<CatalogVersionRecord> {
  const rows = await q.query<CatalogRow>(
    `SELECT * FROM license_catalog_versions ORDER BY version DESC LIMIT 1`,
  );
  return catalogFromRow(rows[0]!);
}

/** Appends a catalog version (the next number); a race on the number fails the insert (retried). */
export async function insertCatalogVersion(
  tx: Queryable,
  c: Omit<CatalogVersionRecord, 'version'>,
): Promise<CatalogVersionRecord> {
  const p = c.prices;
  const rows = await tx.query<CatalogRow>(
    `INSERT INTO license_catalog_versions (version, basic_monthly_micros, basic_annual_micros, pro_monthly_micros,
       pro_annual_micros, premium_monthly_micros, premium_annual_micros, enterprise_annual_micros, features,
       reason, created_by, created_at, outputs)
     SELECT COALESCE(max(version), 0) + 1, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12
     FROM license_catalog_versions
     RETURNING *`,
    [
      p.basic.monthly,
      p.basic.annual,
      p.pro.monthly,
      p.pro.annual,
      p.premium.monthly,
      p.premium.annual,
      p.enterpriseAnnual,
      JSON.stringify({ ...c.features, enterprise: c.enterpriseFeatures }),
      c.reason,
      c.createdBy,
      c.createdAt,
      JSON.stringify(outputCatalogToJson(c.outputs)),
    ],
  );
  return catalogFromRow(rows[0]!);
}

// ---------------------------------------------------------------------------------------------
// Coupons

/** The columns `couponFromRow` reads. */
type CouponRow = {
  id: string;
  code: string;
  amount_off_micros: bigint | null;
  valid_from: Date | null;
  valid_until: Date | null;
  duration: CouponRecord['duration'];
  reason: string;
  created_by: string;
  created_at: Date;
  duration_renewals: number | null;
  max_redemptions: number | null;
  percent_bp: number | null;
};

function couponFromRow(row: CouponRow): CouponRecord {
  return {
    id: row.id,
    code: row.code,
    percentBp: row.percent_bp === null ? null : Number(row.percent_bp),
    amountOffMicros: row.amount_off_micros ?? null,
    validFrom: row.valid_from ?? null,
    validUntil: row.valid_until ?? null,
    maxRedemptions: row.max_redemptions === null ? null : Number(row.max_redemptions),
    duration: row.duration,
    durationRenewals: row.duration_renewals === null ? null : Number(row.duration_renewals),
    reason: row.reason,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

export async function insertCoupon(tx: Queryable, c: CouponRecord): Promise<CouponRecord> {
  const rows = await tx.query<CouponRow>(
    `INSERT INTO coupons (id, code, percent_bp, amount_off_micros, valid_from, valid_until, max_redemptions,
       duration, duration_renewals, reason, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING *`,
    [
      c.id,
      c.code,
      c.percentBp,
      c.amountOffMicros,
      c.validFrom,
      c.validUntil,
      c.maxRedemptions,
      c.duration,
      c.durationRenewals,
      c.reason,
      c.createdBy,
      c.createdAt,
    ],
  );
  return couponFromRow(rows[0]!);
}

/** The coupon with this code, its row locked when `forUpdate` (a purchase counting redemptions). */
export async function findCouponByCode(
  q: Queryable,
  code: string,
  forUpdate = false,
): Promise<CouponRecord | undefined> {
  const rows = await q.query<CouponRow>(
    `SELECT * FROM coupons WHERE code = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [code.toUpperCase()],
  );
  return rows[0] ? couponFromRow(rows[0]) : undefined;
}

export async function findCouponsByIds(
  q: Queryable,
  ids: readonly string[],
): Promise<Map<string, CouponRecord>> {
  if (ids.length === 0) return new Map();
  const rows = await q.query<CouponRow>(`SELECT * FROM coupons WHERE id = ANY($1::text[])`, [
    [...new Set(ids)],
  ]);
  return new Map(rows.map((r) => [r.id, couponFromRow(r)]));
}

/** Redemptions that count against the limit: reserved by a purchase in flight, or redeemed. */
export async function countRedemptions(q: Queryable, couponId: string): Promise<number> {
  const rows = await q.query<{ n: bigint }>(
    `SELECT count(*)::int8 AS n FROM coupon_redemptions WHERE coupon_id = $1 AND status <> 'released'`,
    [couponId],
  );
  return Number(rows[0]!.n);
}

export async function insertRedemption(
  tx: Queryable,
  r: { orderId: string; couponId: string; accountId: string; at: Date },
): Promise<void> {
  await tx.query(
    `INSERT INTO coupon_redemptions (order_id, coupon_id, account_id, status, created_at, updated_at)
     VALUES ($1, $2, $3, 'reserved', $4, $4)`,
    [r.orderId, r.couponId, r.accountId, r.at],
  );
}

export async function setRedemptionStatus(
  tx: Queryable,
  orderId: string,
  status: 'redeemed' | 'released',
  at: Date,
): Promise<void> {
  await tx.query(
    `UPDATE coupon_redemptions SET status = $2, updated_at = $3 WHERE order_id = $1 AND status = 'reserved'`,
    [orderId, status, at],
  );
}

// ---------------------------------------------------------------------------------------------
// Orders

/** The columns `orderFromRow` reads. */
type OrderRow = {
  id: string;
  account_id: string;
  idempotency_scope: string;
  idempotency_key: string;
  request_hash: string;
  product: Product;
  period: BillingPeriod;
  coupon_id: string | null;
  status: OrderStatus;
  total_micros: bigint;
  invoice_id: string | null;
  failure: OrderRecord['failure'];
  created_at: Date;
  updated_at: Date;
  catalog_version: number;
  quantity: number;
  quote: unknown;
};

function orderFromRow(row: OrderRow): OrderRecord {
  return {
    id: row.id,
    accountId: row.account_id,
    idempotencyScope: row.idempotency_scope,
    idempotencyKey: row.idempotency_key,
    requestHash: row.request_hash,
    product: row.product,
    period: row.period,
    quantity: Number(row.quantity),
    catalogVersion: Number(row.catalog_version),
    couponId: row.coupon_id ?? null,
    status: row.status,
    totalMicros: row.total_micros,
    quote: decodeLicenseQuote(row.id, decodeJson(row.quote)),
    invoiceId: row.invoice_id ?? null,
    failure: row.failure ?? null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function findOrderByKey(
  q: Queryable,
  scope: string,
  key: string,
): Promise<OrderRecord | undefined> {
  const rows = await q.query<OrderRow>(
    `SELECT * FROM license_orders WHERE idempotency_scope = $1 AND idempotency_key = $2`,
    [scope, key],
  );
  return rows[0] ? orderFromRow(rows[0]) : undefined;
}

export async function insertOrder(
  tx: Queryable,
  o: Omit<OrderRecord, 'invoiceId' | 'failure'>,
): Promise<void> {
  await tx.query(
    `INSERT INTO license_orders (id, account_id, idempotency_scope, idempotency_key, request_hash, product, period,
       quantity, catalog_version, coupon_id, status, total_micros, quote, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
    [
      o.id,
      o.accountId,
      o.idempotencyScope,
      o.idempotencyKey,
      o.requestHash,
      o.product,
      o.period,
      o.quantity,
      o.catalogVersion,
      o.couponId,
      o.status,
      o.totalMicros,
      encodeJson(o.quote),
      o.createdAt,
      o.updatedAt,
    ],
  );
}

/** pending → paid | failed, once: the single winner of this update creates the licenses. */
export async function settleOrder(
  tx: Queryable,
  id: string,
  status: 'paid' | 'failed',
  invoiceId: string | null,
  failure: OrderRecord['failure'],
  at: Date,
): Promise<OrderRecord | undefined> {
  const rows = await tx.query<OrderRow>(
    `UPDATE license_orders SET status = $2, invoice_id = $3, failure = $4, updated_at = $5
     WHERE id = $1 AND status = 'pending' RETURNING *`,
    [id, status, invoiceId, failure === null ? null : JSON.stringify(failure), at],
  );
  return rows[0] ? orderFromRow(rows[0]) : undefined;
}

/**
 * Orders being charged now (created after `since`: an order left pending longer, by a charge whose
 * outcome stayed unknown and was never retried, stops counting): their licenses count for the
 * volume rate, their credit is spoken for, and the account's renewals wait for them.
 */
export async function pendingOrders(
  q: Queryable,
  accountId: string,
  since: Date,
): Promise<{ count: number; deviceQuantity: number; creditMicros: bigint }> {
  const rows = await q.query<{ n: bigint; q: bigint | null; c: bigint | null }>(
    `SELECT count(*)::int8 AS n, sum(CASE WHEN product <> 'enterprise' THEN quantity ELSE 0 END)::int8 AS q,
            sum((quote->'accountCreditMicros'->>'$bigint')::int8)::int8 AS c
     FROM license_orders WHERE account_id = $1 AND status = 'pending' AND created_at > $2`,
    [accountId, since],
  );
  return {
    count: Number(rows[0]?.n ?? 0n),
    deviceQuantity: Number(rows[0]?.q ?? 0n),
    creditMicros: rows[0]?.c ?? 0n,
  };
}

/** What renewals being invoiced right now may take from the account credit (their subtotals). */
export async function buildingRenewalsSubtotal(q: Queryable, accountId: string): Promise<bigint> {
  const rows = await q.query(
    `SELECT lines FROM license_renewals WHERE account_id = $1 AND status = 'building'`,
    [accountId],
  );
  let total = 0n;
  for (const r of rows) {
    for (const l of decodeJson<{ amountMicros: bigint }[]>(r.lines)) total += l.amountMicros;
  }
  return total;
}

/** The account's USD wallet: its account credit. */
export async function usdBalance(q: Queryable, accountId: string): Promise<bigint> {
  const rows = await q.query<{ b: bigint }>(
    `SELECT balance_micros AS b FROM wallet_balances WHERE ledger_account_id = $1`,
    [walletId(accountId, 'USD')],
  );
  return rows[0]?.b ?? 0n;
}

// ---------------------------------------------------------------------------------------------
// Booth account state: monthly anchor, lock

/** The columns `boothAccountFromRow` reads. */
type BoothAccountRow = {
  account_id: string;
  monthly_anchor: Date | null;
  locked: boolean;
  lock_reason: string | null;
  locked_since: Date | null;
  updated_at: Date;
};

function boothAccountFromRow(row: BoothAccountRow): BoothAccountRecord {
  return {
    accountId: row.account_id,
    monthlyAnchor: row.monthly_anchor ?? null,
    locked: row.locked,
    lockReason: row.lock_reason ?? null,
    lockedSince: row.locked_since ?? null,
    updatedAt: row.updated_at,
  };
}

export async function findBoothAccount(
  q: Queryable,
  accountId: string,
): Promise<BoothAccountRecord | undefined> {
  const rows = await q.query<BoothAccountRow>(`SELECT * FROM booth_accounts WHERE account_id = $1`, [
    accountId,
  ]);
  return rows[0] ? boothAccountFromRow(rows[0]) : undefined;
}

/**
 * The account's booth row, created if missing, locked for the transaction: purchases, renewals and
 * cancellations of one account run one at a time from here on.
 */
export async function lockBoothAccount(
  tx: Queryable,
  accountId: string,
  now: Date,
): Promise<BoothAccountRecord> {
  const booth = await lockKnownBoothAccount(tx, accountId, now);
  if (!booth) throw new Error(`no account ${accountId} to lock`);
  return booth;
}

/**
 * The account's booth row, created when missing and locked; null for an account that does not
 * exist (checked in the same statement, so an unknown id is a 404, never a foreign-key error).
 */
export async function lockKnownBoothAccount(
  tx: Queryable,
  accountId: string,
  now: Date,
): Promise<BoothAccountRecord | null> {
  await tx.query(
    `INSERT INTO booth_accounts (account_id, locked, lock_reason, locked_since, updated_at)
     SELECT $1, true, 'no_active_base_license', NULL, $2 WHERE EXISTS (SELECT 1 FROM accounts WHERE id = $1)
     ON CONFLICT (account_id) DO NOTHING`,
    [accountId, now],
  );
  const rows = await tx.query<BoothAccountRow>(
    `SELECT * FROM booth_accounts WHERE account_id = $1 FOR UPDATE`,
    [accountId],
  );
  return rows[0] ? boothAccountFromRow(rows[0]) : null;
}

export async function setMonthlyAnchor(tx: Queryable, accountId: string, anchor: Date | null, now: Date) {
  await tx.query(`UPDATE booth_accounts SET monthly_anchor = $2, updated_at = $3 WHERE account_id = $1`, [
    accountId,
    anchor,
    now,
  ]);
}

/** Locks or unlocks the account (a change only), with a history row. Returns whether it changed. */
export async function setLockState(
  tx: Queryable,
  accountId: string,
  locked: boolean,
  reason: string,
  at: Date,
): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE booth_accounts SET locked = $2, lock_reason = $3, locked_since = $4, updated_at = $4
     WHERE account_id = $1 AND (locked <> $2 OR locked_since IS NULL) RETURNING account_id`,
    [accountId, locked, locked ? reason : null, at],
  );
  if (rows.length === 0) return false;
  await tx.query(`INSERT INTO booth_lock_history (account_id, locked, reason, at) VALUES ($1, $2, $3, $4)`, [
    accountId,
    locked,
    reason,
    at,
  ]);
  return true;
}

export async function lockHistory(
  q: Queryable,
  accountId: string,
): Promise<{ locked: boolean; reason: string; at: Date }[]> {
  const rows = await q.query<{ locked: boolean; reason: string; at: Date }>(
    `SELECT locked, reason, at FROM booth_lock_history WHERE account_id = $1 ORDER BY id`,
    [accountId],
  );
  return rows.map((r) => ({ locked: r.locked, reason: r.reason, at: r.at }));
}

// ---------------------------------------------------------------------------------------------
// Licenses

/** The columns `licenseFromRow` reads. */
type LicenseRow = {
  id: string;
  account_id: string;
  order_id: string;
  product: Product;
  period: BillingPeriod;
  status: LicenseStatus;
  list_price_micros: bigint;
  period_list_micros: bigint;
  paid_micros: bigint;
  period_anchor: Date;
  current_period_start: Date;
  current_period_end: Date;
  cancel_at_period_end: boolean;
  cancel_requested_at: Date | null;
  pending_product: Tier | null;
  pending_requested_at: Date | null;
  coupon_id: string | null;
  open_invoice_id: string | null;
  ended_at: Date | null;
  end_reason: string | null;
  created_at: Date;
  updated_at: Date;
  catalog_version: number;
  coupon_renewals_left: number | null;
  volume_rate_bp: number;
};

function licenseFromRow(row: LicenseRow): LicenseRecord {
  return {
    id: row.id,
    accountId: row.account_id,
    orderId: row.order_id,
    product: row.product,
    period: row.period,
    status: row.status,
    catalogVersion: Number(row.catalog_version),
    listPriceMicros: row.list_price_micros,
    periodListMicros: row.period_list_micros,
    paidMicros: row.paid_micros,
    volumeRateBp: Number(row.volume_rate_bp),
    periodAnchor: row.period_anchor,
    currentPeriodStart: row.current_period_start,
    currentPeriodEnd: row.current_period_end,
    cancelAtPeriodEnd: row.cancel_at_period_end,
    cancelRequestedAt: row.cancel_requested_at ?? null,
    pendingProduct: row.pending_product ?? null,
    pendingRequestedAt: row.pending_requested_at ?? null,
    couponId: row.coupon_id ?? null,
    couponRenewalsLeft: row.coupon_renewals_left === null ? null : Number(row.coupon_renewals_left),
    openInvoiceId: row.open_invoice_id ?? null,
    endedAt: row.ended_at ?? null,
    endReason: row.end_reason ?? null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function insertLicenses(tx: Queryable, licenses: readonly LicenseRecord[]): Promise<void> {
  if (licenses.length === 0) return;
  await tx.query(
    `INSERT INTO licenses (id, account_id, order_id, product, period, status, catalog_version, list_price_micros,
       period_list_micros, paid_micros, volume_rate_bp, period_anchor, current_period_start, current_period_end,
       cancel_at_period_end, coupon_id, coupon_renewals_left, created_at, updated_at)
     SELECT id, account_id, order_id, product, period, status, catalog_version, list_price_micros::int8,
       period_list_micros::int8, paid_micros::int8, volume_rate_bp, period_anchor, current_period_start,
       current_period_end, false, coupon_id, coupon_renewals_left, created_at, created_at
     FROM jsonb_to_recordset($1::jsonb) AS l(id text, account_id text, order_id text, product text, period text,
       status text, catalog_version int4, list_price_micros text, period_list_micros text, paid_micros text,
       volume_rate_bp int4, period_anchor timestamptz, current_period_start timestamptz,
       current_period_end timestamptz, coupon_id text, coupon_renewals_left int4, created_at timestamptz)`,
    [
      JSON.stringify(
        licenses.map((l) => ({
          id: l.id,
          account_id: l.accountId,
          order_id: l.orderId,
          product: l.product,
          period: l.period,
          status: l.status,
          catalog_version: l.catalogVersion,
          list_price_micros: l.listPriceMicros.toString(),
          period_list_micros: l.periodListMicros.toString(),
          paid_micros: l.paidMicros.toString(),
          volume_rate_bp: l.volumeRateBp,
          period_anchor: l.periodAnchor.toISOString(),
          current_period_start: l.currentPeriodStart.toISOString(),
          current_period_end: l.currentPeriodEnd.toISOString(),
          coupon_id: l.couponId,
          coupon_renewals_left: l.couponRenewalsLeft,
          created_at: l.createdAt.toISOString(),
        })),
      ),
    ],
  );
}

export async function listLicenses(q: Queryable, accountId: string): Promise<LicenseRecord[]> {
  const rows = await q.query<LicenseRow>(
    `SELECT * FROM licenses WHERE account_id = $1
     ORDER BY (status = 'active') DESC, current_period_end, created_at, id LIMIT 1000`,
    [accountId],
  );
  return rows.map(licenseFromRow);
}

export async function findLicense(q: Queryable, accountId: string, id: string, forUpdate = false) {
  const rows = await q.query<LicenseRow>(
    `SELECT * FROM licenses WHERE id = $1 AND account_id = $2${forUpdate ? ' FOR UPDATE' : ''}`,
    [id, accountId],
  );
  return rows[0] ? licenseFromRow(rows[0]) : undefined;
}

/** Licenses whose status is active (cancelled-but-still-running included). */
export async function activeLicenses(q: Queryable, accountId: string): Promise<LicenseRecord[]> {
  const rows = await q.query<LicenseRow>(
    `SELECT * FROM licenses WHERE account_id = $1 AND status = 'active' ORDER BY id`,
    [accountId],
  );
  return rows.map(licenseFromRow);
}

/**
 * The account's device licenses that can run events at `at` (for booth events, issue 6): active,
 * and either inside their paid period or waiting for a renewal that is due (a renewal decides
 * within the scheduler's interval; a cancelled license ends exactly at its period end).
 * Empty ⇒ the account is locked.
 */
export async function usableLicenses(
  q: Queryable,
  accountId: string,
  at: Date,
): Promise<{ id: string; tier: 'basic' | 'pro' | 'premium' }[]> {
  const rows = await q.query<{ id: string; product: Tier }>(
    `SELECT id, product FROM licenses
     WHERE account_id = $1 AND status = 'active' AND product <> 'enterprise'
       AND current_period_start <= $2 AND (current_period_end > $2 OR NOT cancel_at_period_end)
     ORDER BY id`,
    [accountId, at],
  );
  return rows.map((r) => ({ id: r.id, tier: r.product }));
}

/** Active licenses of the account whose period ends at `billingDate` (the renewal's subjects). */
export async function licensesDue(
  q: Queryable,
  accountId: string,
  billingDate: Date,
): Promise<LicenseRecord[]> {
  const rows = await q.query<LicenseRow>(
    `SELECT * FROM licenses WHERE account_id = $1 AND status = 'active' AND current_period_end = $2
     ORDER BY id FOR UPDATE`,
    [accountId, billingDate],
  );
  return rows.map(licenseFromRow);
}

export async function licensesByOpenInvoice(q: Queryable, invoiceId: string): Promise<LicenseRecord[]> {
  const rows = await q.query<LicenseRow>(
    `SELECT * FROM licenses WHERE open_invoice_id = $1 ORDER BY id FOR UPDATE`,
    [invoiceId],
  );
  return rows.map(licenseFromRow);
}

export async function setCancelAtPeriodEnd(tx: Queryable, id: string, at: Date) {
  const rows = await tx.query<LicenseRow>(
    `UPDATE licenses SET cancel_at_period_end = true, cancel_requested_at = $2, updated_at = $2
     WHERE id = $1 AND status = 'active' RETURNING *`,
    [id, at],
  );
  return rows[0] ? licenseFromRow(rows[0]) : undefined;
}

/** Undoes a cancellation: the license renews at its date again. */
export async function clearCancelAtPeriodEnd(tx: Queryable, id: string, at: Date) {
  const rows = await tx.query<LicenseRow>(
    `UPDATE licenses SET cancel_at_period_end = false, cancel_requested_at = NULL, updated_at = $2
     WHERE id = $1 AND status = 'active' RETURNING *`,
    [id, at],
  );
  return rows[0] ? licenseFromRow(rows[0]) : undefined;
}

/** Undoes a pending downgrade: the license renews at its own tier. */
export async function clearPendingProduct(tx: Queryable, id: string, at: Date) {
  const rows = await tx.query<LicenseRow>(
    `UPDATE licenses SET pending_product = NULL, pending_requested_at = NULL, updated_at = $2
     WHERE id = $1 AND status = 'active' RETURNING *`,
    [id, at],
  );
  return rows[0] ? licenseFromRow(rows[0]) : undefined;
}

export async function setPendingProduct(tx: Queryable, id: string, product: Tier, at: Date) {
  const rows = await tx.query<LicenseRow>(
    `UPDATE licenses SET pending_product = $2, pending_requested_at = $3, updated_at = $3
     WHERE id = $1 AND status = 'active' RETURNING *`,
    [id, product, at],
  );
  return rows[0] ? licenseFromRow(rows[0]) : undefined;
}

/** Ends licenses now (removed by a cancellation, expired by a declined renewal ...). */
export async function endLicenses(
  tx: Queryable,
  ids: readonly string[],
  status: 'expired' | 'removed',
  reason: string,
  endedAt: Date,
  openInvoiceId: string | null,
  now: Date,
): Promise<void> {
  if (ids.length === 0) return;
  await tx.query(
    `UPDATE licenses SET status = $2, end_reason = $3, ended_at = $4, open_invoice_id = $5, updated_at = $6
     WHERE id = ANY($1::text[]) AND status = 'active'`,
    [ids, status, reason, endedAt, openInvoiceId, now],
  );
}

/** Raises the volume rate of running licenses (after a volume-discount credit for the difference). */
/**
 * Licenses credited up to a higher volume rate: what their period was billed is scaled to that rate
 * too, so a later crossing credits only the difference on what is left of it.
 */
export async function raiseVolumeRate(tx: Queryable, ids: readonly string[], rateBp: number, now: Date) {
  if (ids.length === 0) return;
  await tx.query(
    `UPDATE licenses SET volume_rate_bp = $2, updated_at = $3,
       paid_micros = paid_micros * (10000 - $2) / (10000 - volume_rate_bp)
     WHERE id = ANY($1::text[]) AND status = 'active' AND volume_rate_bp < $2`,
    [ids, rateBp, now],
  );
}

/** A renewal paid (or an open renewal invoice paid): the license runs a new period at its new terms. */
export async function renewLicense(
  tx: Queryable,
  r: {
    id: string;
    product: Product;
    catalogVersion: number;
    listPriceMicros: bigint;
    paidMicros: bigint;
    volumeRateBp: number;
    start: Date;
    end: Date;
    couponRenewalsLeft: number | null;
    keepCoupon: boolean;
  },
  now: Date,
): Promise<void> {
  await tx.query(
    `UPDATE licenses SET status = 'active', product = $2, catalog_version = $3, list_price_micros = $4,
       period_list_micros = $4, paid_micros = $5, volume_rate_bp = $6, current_period_start = $7,
       current_period_end = $8, pending_product = NULL, pending_requested_at = NULL,
       coupon_renewals_left = $9, coupon_id = CASE WHEN $10 THEN coupon_id ELSE NULL END,
       open_invoice_id = NULL, ended_at = NULL, end_reason = NULL, updated_at = $11
     WHERE id = $1`,
    [
      r.id,
      r.product,
      r.catalogVersion,
      r.listPriceMicros,
      r.paidMicros,
      r.volumeRateBp,
      r.start,
      r.end,
      r.couponRenewalsLeft,
      r.keepCoupon,
      now,
    ],
  );
}

// ---------------------------------------------------------------------------------------------
// Renewals

/** The columns `renewalFromRow` reads. */
type RenewalRow = {
  account_id: string;
  billing_date: Date;
  status: RenewalRecord['status'];
  invoice_id: string | null;
  items: unknown;
  lines: unknown;
  rate_bp: number;
};

function renewalFromRow(row: RenewalRow): RenewalRecord {
  const items = decodeJson<{ items: RenewalItem[]; catalogVersion: number }>(row.items);
  return {
    accountId: row.account_id,
    billingDate: row.billing_date,
    status: row.status,
    items: items.items,
    catalogVersion: items.catalogVersion,
    lines: decodeRenewalLines(row.account_id, row.billing_date, decodeJson(row.lines)),
    rateBp: Number(row.rate_bp),
    invoiceId: row.invoice_id ?? null,
  };
}

export async function findRenewal(q: Queryable, accountId: string, billingDate: Date) {
  const rows = await q.query<RenewalRow>(
    `SELECT * FROM license_renewals WHERE account_id = $1 AND billing_date = $2`,
    [accountId, billingDate],
  );
  return rows[0] ? renewalFromRow(rows[0]) : undefined;
}

export async function findRenewalByInvoice(q: Queryable, invoiceId: string) {
  const rows = await q.query<RenewalRow>(`SELECT * FROM license_renewals WHERE invoice_id = $1`, [invoiceId]);
  return rows[0] ? renewalFromRow(rows[0]) : undefined;
}

export async function insertRenewal(tx: Queryable, r: RenewalRecord, now: Date): Promise<void> {
  await tx.query(
    `INSERT INTO license_renewals (account_id, billing_date, status, items, lines, rate_bp, invoice_id, created_at,
       updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)`,
    [
      r.accountId,
      r.billingDate,
      r.status,
      encodeJson({ items: r.items, catalogVersion: r.catalogVersion }),
      encodeJson(r.lines),
      r.rateBp,
      r.invoiceId,
      now,
    ],
  );
}

export async function setRenewalStatus(
  tx: Queryable,
  accountId: string,
  billingDate: Date,
  from: RenewalRecord['status'][],
  to: RenewalRecord['status'],
  invoiceId: string | null,
  now: Date,
): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE license_renewals SET status = $4, invoice_id = COALESCE($5, invoice_id), updated_at = $6
     WHERE account_id = $1 AND billing_date = $2 AND status = ANY($3::text[]) RETURNING account_id`,
    [accountId, billingDate, from, to, invoiceId, now],
  );
  return rows.length > 0;
}
