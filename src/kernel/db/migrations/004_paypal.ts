/**
 * PayPal (and sandbox) top-up orders, operator-defined promotions and their redemptions.
 *
 * Crediting itself is not recorded here: a top-up is a Payment transaction in the ledger, keyed on
 * (rail, capture id) in idempotency_keys, and its bonus a separate Promotion transaction keyed the
 * same way. These tables hold the order's lifecycle and who got which bonus.
 */
export const sql = `
CREATE TABLE topup_orders (
  id                text PRIMARY KEY,
  account_id        text NOT NULL REFERENCES accounts (id),
  rail              text NOT NULL CHECK (rail IN ('paypal', 'sandbox')),
  amount_micros     int8 NOT NULL CHECK (amount_micros > 0),
  fee_micros        int8 NOT NULL CHECK (fee_micros >= 0),
  total_micros      int8 NOT NULL,
  currency          text NOT NULL CHECK (currency = 'USD'),
  provider_order_id text NOT NULL,
  approve_url       text NOT NULL,
  status            text NOT NULL CHECK (status IN ('created', 'approved', 'captured', 'declined', 'pending')),
  status_detail     text,
  capture_id        text,
  -- Bumped after a decline so the next capture gets a fresh PayPal-Request-Id.
  capture_attempt   int4 NOT NULL DEFAULT 0,
  created_at        timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL,
  CHECK (total_micros = amount_micros + fee_micros),
  CHECK (status <> 'captured' OR capture_id IS NOT NULL),
  CONSTRAINT topup_orders_provider_order UNIQUE (rail, provider_order_id),
  CONSTRAINT topup_orders_capture UNIQUE (rail, capture_id)
);
CREATE INDEX topup_orders_by_account ON topup_orders (account_id, created_at DESC);

CREATE TABLE promotions (
  id                 text PRIMARY KEY,
  name               text NOT NULL,
  starts_at          timestamptz NOT NULL,
  ends_at            timestamptz,
  min_topup_micros   int8 NOT NULL CHECK (min_topup_micros >= 0),
  bonus_kind         text NOT NULL CHECK (bonus_kind IN ('percentage', 'fixed')),
  bonus_basis_points int4 CHECK (bonus_basis_points > 0 AND bonus_basis_points <= 100000),
  bonus_fixed_micros int8 CHECK (bonus_fixed_micros > 0),
  max_bonus_micros   int8 CHECK (max_bonus_micros > 0),
  per_customer_limit int4 CHECK (per_customer_limit > 0),
  created_by         text NOT NULL,
  created_at         timestamptz NOT NULL,
  deactivated_at     timestamptz,
  CHECK (ends_at IS NULL OR ends_at > starts_at),
  CHECK ((bonus_kind = 'percentage') = (bonus_basis_points IS NOT NULL)),
  CHECK ((bonus_kind = 'fixed') = (bonus_fixed_micros IS NOT NULL))
);

-- One bonus per top-up (rail, source id), whatever the promotion, so redeliveries grant it once.
-- slot numbers a customer's redemptions of a promotion 1, 2, ...: two concurrent top-ups racing
-- for the last allowed redemption collide on the unique slot, and the loser sees the limit reached.
CREATE TABLE promotion_redemptions (
  rail           text NOT NULL,
  source_id      text NOT NULL,
  promotion_id   text NOT NULL REFERENCES promotions (id),
  account_id     text NOT NULL REFERENCES accounts (id),
  slot           int4 NOT NULL CHECK (slot > 0),
  topup_micros   int8 NOT NULL CHECK (topup_micros > 0),
  bonus_micros   int8 NOT NULL CHECK (bonus_micros > 0),
  created_at     timestamptz NOT NULL,
  CONSTRAINT promotion_redemptions_source PRIMARY KEY (rail, source_id),
  CONSTRAINT promotion_redemptions_slot UNIQUE (promotion_id, account_id, slot)
);
`;
