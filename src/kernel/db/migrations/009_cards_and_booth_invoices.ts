/**
 * The booth line's card rail and its invoices.
 *
 * Cards: the processor (Stripe or the sandbox) keeps the card; we keep its processor ids and what
 * the page shows (brand, last 4 digits, expiry). No card number ever reaches these tables. One
 * default card per account, enforced by a unique partial index; a removed card keeps its row
 * (`removed_at`) so old invoices can still name the card that paid them.
 *
 * Booth invoices: one per `source` (the caller's natural id: an order, a renewal date, a token
 * purchase), with a lifecycle draft → open → paid | void | uncollectible. The number is assigned
 * at finalization from a one-row counter, locked and incremented in the finalizing transaction:
 * a rolled-back finalization gives its number back, so the series is gapless; UNIQUE (number) is
 * the backstop. Booth invoices are low-rate (purchases, renewals, token packs), so one counter row
 * is not a hot row worth striping.
 */
export const sql = `
CREATE TABLE card_customers (
  account_id            text PRIMARY KEY REFERENCES accounts (id),
  processor_customer_id text NOT NULL UNIQUE,
  created_at            timestamptz NOT NULL
);

CREATE TABLE payment_methods (
  id                          text PRIMARY KEY,
  account_id                  text NOT NULL REFERENCES accounts (id),
  processor_payment_method_id text NOT NULL,
  brand                       text NOT NULL,
  last4                       text NOT NULL CHECK (last4 ~ '^[0-9]{4}$'),
  exp_month                   int NOT NULL CHECK (exp_month BETWEEN 1 AND 12),
  exp_year                    int NOT NULL CHECK (exp_year BETWEEN 2000 AND 2200),
  is_default                  boolean NOT NULL DEFAULT false,
  created_at                  timestamptz NOT NULL,
  removed_at                  timestamptz,
  CONSTRAINT payment_methods_removed_not_default CHECK (NOT (is_default AND removed_at IS NOT NULL)),
  -- A processor payment method is attached once, to one customer: adding it again is a replay.
  CONSTRAINT payment_methods_processor_id_unique UNIQUE (processor_payment_method_id)
);
CREATE UNIQUE INDEX payment_methods_one_default ON payment_methods (account_id) WHERE is_default;
CREATE INDEX payment_methods_by_account ON payment_methods (account_id, created_at, id);

CREATE TABLE booth_invoice_counter (
  id          int PRIMARY KEY CHECK (id = 1),
  last_number int8 NOT NULL CHECK (last_number >= 0)
);
INSERT INTO booth_invoice_counter (id, last_number) VALUES (1, 0);

CREATE TABLE booth_invoices (
  id                      text PRIMARY KEY,
  account_id              text NOT NULL REFERENCES accounts (id),
  source                  text NOT NULL,
  -- Fingerprint of (account, description, lines, settlement): the same source with another request is a conflict.
  request_hash            text NOT NULL,
  status                  text NOT NULL CHECK (status IN ('draft', 'open', 'paid', 'void', 'uncollectible')),
  number                  int8 CHECK (number > 0),
  description             text NOT NULL,
  settlement_type         text NOT NULL CHECK (settlement_type IN ('charge_default_card', 'credit_note')),
  apply_account_credit    boolean NOT NULL,
  on_decline              text CHECK (on_decline IN ('leave_open', 'void')),
  subtotal_micros         int8 NOT NULL,
  credit_applied_micros   int8 NOT NULL DEFAULT 0 CHECK (credit_applied_micros >= 0),
  total_micros            int8 NOT NULL,
  amount_paid_micros      int8 NOT NULL DEFAULT 0 CHECK (amount_paid_micros >= 0),
  -- Bill-to snapshot: the invoice settings version in force at finalization (NULL: the account's own details).
  settings_version        int,
  bill_to_name            text,
  bill_to_email           text,
  bill_to_address         text,
  bill_to_tax_information text,
  -- Card attempts: the processor idempotency key is '<id>:<attempt>'; an attempt whose outcome is
  -- unknown (attempt_outcome NULL) is retried with the same key, so it is never charged twice.
  payment_attempts        int NOT NULL DEFAULT 0 CHECK (payment_attempts >= 0),
  attempt_payment_method_id text REFERENCES payment_methods (id),
  attempt_outcome         text CHECK (attempt_outcome IN ('succeeded', 'declined')),
  processor_payment_id    text,
  last_decline_code       text,
  last_decline_message    text,
  payment_transaction_id  text,
  charge_transaction_id   text,
  created_at              timestamptz NOT NULL,
  finalized_at            timestamptz,
  paid_at                 timestamptz,
  voided_at               timestamptz,
  uncollectible_at        timestamptz,
  updated_at              timestamptz NOT NULL,
  CONSTRAINT booth_invoices_source_unique UNIQUE (source),
  CONSTRAINT booth_invoices_number_unique UNIQUE (number),
  CONSTRAINT booth_invoices_numbered_when_final CHECK ((status = 'draft') = (number IS NULL)),
  CONSTRAINT booth_invoices_total_is_sum CHECK (total_micros = subtotal_micros - credit_applied_micros)
);
CREATE INDEX booth_invoices_by_account ON booth_invoices (account_id, created_at DESC, id DESC);
-- Open invoices not yet charged in the ledger: what they claim of the account's USD credit.
CREATE INDEX booth_invoices_uncharged ON booth_invoices (account_id)
  WHERE status IN ('open', 'uncollectible') AND charge_transaction_id IS NULL;

CREATE TABLE booth_invoice_lines (
  invoice_id    text NOT NULL REFERENCES booth_invoices (id),
  position      int NOT NULL CHECK (position >= 0),
  kind          text NOT NULL CHECK (kind IN ('purchase', 'renewal', 'pro_rata', 'volume_discount', 'coupon',
                  'account_credit', 'cancellation_credit', 'volume_discount_adjustment', 'token_top_up')),
  description   text NOT NULL,
  quantity      int NOT NULL CHECK (quantity > 0),
  amount_micros int8 NOT NULL,
  metadata      jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (invoice_id, position)
);
`;
