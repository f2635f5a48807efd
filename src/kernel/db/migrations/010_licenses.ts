/**
 * Booth licenses: the catalog (append-only versions, edited by operators), coupons and their
 * redemptions (one per order), orders (one per Idempotency-Key), the licenses themselves with
 * their current period, each account's booth state (monthly anchor, lock) with its lock history,
 * and one renewal row per (account, billing date).
 *
 * Money itself is on booth invoices (009) and the ledger; these tables say what was bought, at
 * which catalog version and price, and until when it runs.
 */
export const sql = `
CREATE TABLE license_catalog_versions (
  version                 int4 PRIMARY KEY CHECK (version > 0),
  basic_monthly_micros    int8 NOT NULL CHECK (basic_monthly_micros > 0 AND basic_monthly_micros % 10000 = 0),
  basic_annual_micros     int8 NOT NULL CHECK (basic_annual_micros > 0 AND basic_annual_micros % 10000 = 0),
  pro_monthly_micros      int8 NOT NULL CHECK (pro_monthly_micros > 0 AND pro_monthly_micros % 10000 = 0),
  pro_annual_micros       int8 NOT NULL CHECK (pro_annual_micros > 0 AND pro_annual_micros % 10000 = 0),
  premium_monthly_micros  int8 NOT NULL CHECK (premium_monthly_micros > 0 AND premium_monthly_micros % 10000 = 0),
  premium_annual_micros   int8 NOT NULL CHECK (premium_annual_micros > 0 AND premium_annual_micros % 10000 = 0),
  enterprise_annual_micros int8 NOT NULL CHECK (enterprise_annual_micros > 0 AND enterprise_annual_micros % 10000 = 0),
  -- {"basic": [{code, name}], "pro": [...], "premium": [...], "enterprise": [...]}: each tier's own features.
  features                jsonb NOT NULL,
  reason                  text NOT NULL,
  created_by              text NOT NULL,
  created_at              timestamptz NOT NULL
);

INSERT INTO license_catalog_versions VALUES (1,
  49000000, 490000000, 99000000, 990000000, 149000000, 1490000000, 1500000000,
  '{"basic":[{"code":"photo_capture","name":"Photo, GIF and boomerang capture"},{"code":"templates","name":"Templates and overlays"},{"code":"delivery","name":"Email, SMS and QR delivery"},{"code":"gallery","name":"Event gallery"}],
    "pro":[{"code":"ai_image","name":"AI image outputs"},{"code":"custom_branding","name":"Custom branding"},{"code":"data_capture","name":"Data capture forms"},{"code":"analytics","name":"Event analytics"}],
    "premium":[{"code":"ai_video","name":"AI video outputs"},{"code":"premium_background_removal","name":"Premium background removal"},{"code":"virtual_booth","name":"Virtual booth"},{"code":"multi_booth","name":"Multi-booth operations"}],
    "enterprise":[{"code":"white_label","name":"Account-wide white labeling"},{"code":"custom_domain","name":"Custom domain"},{"code":"branded_emails","name":"Branded delivery emails"},{"code":"dedicated_support","name":"Dedicated support"}]}',
  'seed prices (seeds 001, 002)', 'migration', '2026-01-01T00:00:00Z');

CREATE TABLE coupons (
  id                 text PRIMARY KEY,
  code               text NOT NULL CHECK (code ~ '^[A-Z0-9][A-Z0-9_-]{0,39}$'),
  percent_bp         int4 CHECK (percent_bp BETWEEN 1 AND 10000),
  amount_off_micros  int8 CHECK (amount_off_micros > 0 AND amount_off_micros % 10000 = 0),
  valid_from         timestamptz,
  valid_until        timestamptz,
  max_redemptions    int4 CHECK (max_redemptions > 0),
  duration           text NOT NULL CHECK (duration IN ('once', 'repeating', 'forever')),
  duration_renewals  int4 CHECK (duration_renewals > 0),
  reason             text NOT NULL,
  created_by         text NOT NULL,
  created_at         timestamptz NOT NULL,
  CONSTRAINT coupons_code_unique UNIQUE (code),
  CHECK ((percent_bp IS NULL) <> (amount_off_micros IS NULL)),
  CHECK ((duration = 'repeating') = (duration_renewals IS NOT NULL)),
  CHECK (valid_until IS NULL OR valid_from IS NULL OR valid_until > valid_from)
);

CREATE TABLE license_orders (
  id                 text PRIMARY KEY,
  account_id         text NOT NULL REFERENCES accounts (id),
  idempotency_scope  text NOT NULL,
  idempotency_key    text NOT NULL,
  request_hash       text NOT NULL,
  product            text NOT NULL CHECK (product IN ('basic', 'pro', 'premium', 'enterprise')),
  period             text NOT NULL CHECK (period IN ('monthly', 'annual')),
  quantity           int4 NOT NULL CHECK (quantity > 0),
  catalog_version    int4 NOT NULL REFERENCES license_catalog_versions (version),
  coupon_id          text REFERENCES coupons (id),
  -- pending: reserved, being charged; paid: licenses created; failed: the charge was declined.
  status             text NOT NULL CHECK (status IN ('pending', 'paid', 'failed')),
  total_micros       int8 NOT NULL CHECK (total_micros >= 0),
  -- The quote as charged (lines, period, rates), so a retry charges exactly the same.
  quote              jsonb NOT NULL,
  invoice_id         text,
  failure            jsonb,
  created_at         timestamptz NOT NULL,
  updated_at         timestamptz NOT NULL,
  CONSTRAINT license_orders_idempotency UNIQUE (idempotency_scope, idempotency_key)
);
CREATE INDEX license_orders_pending ON license_orders (account_id) WHERE status = 'pending';

-- One redemption per order; 'released' when the order's charge was declined (it no longer counts).
CREATE TABLE coupon_redemptions (
  order_id    text PRIMARY KEY REFERENCES license_orders (id),
  coupon_id   text NOT NULL REFERENCES coupons (id),
  account_id  text NOT NULL REFERENCES accounts (id),
  status      text NOT NULL CHECK (status IN ('reserved', 'redeemed', 'released')),
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL
);
CREATE INDEX coupon_redemptions_by_coupon ON coupon_redemptions (coupon_id) WHERE status <> 'released';

CREATE TABLE booth_accounts (
  account_id      text PRIMARY KEY REFERENCES accounts (id),
  -- The monthly billing anchor: the instant of the first monthly purchase (whole seconds).
  monthly_anchor  timestamptz,
  locked          boolean NOT NULL DEFAULT true,
  lock_reason     text,
  locked_since    timestamptz,
  updated_at      timestamptz NOT NULL
);

CREATE TABLE booth_lock_history (
  id          int8 GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id  text NOT NULL REFERENCES accounts (id),
  locked      boolean NOT NULL,
  reason      text NOT NULL,
  at          timestamptz NOT NULL
);
CREATE INDEX booth_lock_history_by_account ON booth_lock_history (account_id, id);

CREATE TABLE licenses (
  id                    text PRIMARY KEY,
  account_id            text NOT NULL REFERENCES accounts (id),
  order_id              text NOT NULL REFERENCES license_orders (id),
  product               text NOT NULL CHECK (product IN ('basic', 'pro', 'premium', 'enterprise')),
  period                text NOT NULL CHECK (period IN ('monthly', 'annual')),
  -- active: runs until current_period_end (then renews, or ends if cancelled);
  -- expired: its renewal was declined (open_invoice_id) or it lost its base license; removed: cancelled.
  status                text NOT NULL CHECK (status IN ('active', 'expired', 'removed')),
  catalog_version       int4 NOT NULL REFERENCES license_catalog_versions (version),
  -- Its full-period list price at that version: kept until its next renewal.
  list_price_micros     int8 NOT NULL CHECK (list_price_micros > 0),
  -- The list amount of the current period (pro-rata part when bought mid-cycle) and what it paid, exact micros.
  period_list_micros    int8 NOT NULL CHECK (period_list_micros >= 0),
  paid_micros           int8 NOT NULL CHECK (paid_micros >= 0),
  volume_rate_bp        int4 NOT NULL CHECK (volume_rate_bp BETWEEN 0 AND 10000),
  -- Annual: the purchase instant its renewals count from; monthly: the account's anchor.
  period_anchor         timestamptz NOT NULL,
  current_period_start  timestamptz NOT NULL,
  current_period_end    timestamptz NOT NULL,
  cancel_at_period_end  boolean NOT NULL DEFAULT false,
  cancel_requested_at   timestamptz,
  pending_product       text CHECK (pending_product IN ('basic', 'pro', 'premium')),
  pending_requested_at  timestamptz,
  coupon_id             text REFERENCES coupons (id),
  -- Renewals the coupon still covers; NULL with a coupon = forever.
  coupon_renewals_left  int4 CHECK (coupon_renewals_left >= 0),
  open_invoice_id       text,
  ended_at              timestamptz,
  end_reason            text,
  created_at            timestamptz NOT NULL,
  updated_at            timestamptz NOT NULL,
  CHECK (current_period_end > current_period_start)
);
CREATE INDEX licenses_by_account ON licenses (account_id, status, current_period_end);
CREATE INDEX licenses_by_open_invoice ON licenses (open_invoice_id) WHERE open_invoice_id IS NOT NULL;

-- One per (account, billing date): what it renewed, at which lines, and how it ended.
CREATE TABLE license_renewals (
  account_id    text NOT NULL REFERENCES accounts (id),
  billing_date  timestamptz NOT NULL,
  -- building: lines written, invoice not yet settled; paid; open (declined); nothing (all cancelled).
  status        text NOT NULL CHECK (status IN ('building', 'paid', 'open', 'nothing')),
  -- [{licenseId, product, period, newEnd, listMicros, paidMicros}]
  items         jsonb NOT NULL,
  lines         jsonb NOT NULL,
  rate_bp       int4 NOT NULL,
  invoice_id    text,
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL,
  PRIMARY KEY (account_id, billing_date)
);
CREATE INDEX license_renewals_by_invoice ON license_renewals (invoice_id) WHERE invoice_id IS NOT NULL;
`;
