/**
 * Booth events, their licenses, sessions and outputs, templates and token purchases (issue 6).
 *
 * - One license runs one event at a time, and an event holds one license at a time: two unique
 *   partial indexes on the open assignments, so no race between two starts can break it.
 * - An output is recorded once per (account, output id): the primary key is the idempotency of
 *   usage reports. Its `transaction_id` is the ledger Charge that paid for it (one Charge per
 *   reported batch); the output counts as charged only when that transaction exists.
 * - `sales.tokens` is the system account tokens are issued from when a pack is bought.
 */
export const sql = `
INSERT INTO ledger_accounts (id, unit, account_id, code) VALUES
  ('system:sales.tokens:USD', 'USD', NULL, 'sales.tokens'),
  ('system:sales.tokens:CREDIT', 'CREDIT', NULL, 'sales.tokens'),
  ('system:sales.tokens:TOKEN', 'TOKEN', NULL, 'sales.tokens')
ON CONFLICT DO NOTHING;

CREATE TABLE booth_templates (
  id           text PRIMARY KEY,
  name         text NOT NULL,
  outputs      jsonb NOT NULL,
  features     jsonb NOT NULL,
  cost_micros  int8 NOT NULL CHECK (cost_micros >= 0),
  has_ai       boolean NOT NULL,
  tier         text NOT NULL CHECK (tier IN ('basic', 'pro', 'premium')),
  created_at   timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL
);

CREATE TABLE booth_events (
  id             text PRIMARY KEY,
  account_id     text NOT NULL REFERENCES accounts (id),
  name           text NOT NULL,
  tag            text NOT NULL CHECK (tag IN ('basic', 'pro', 'premium')),
  virtual_booth  boolean NOT NULL,
  features       jsonb NOT NULL,
  template_ids   jsonb NOT NULL,
  status         text NOT NULL CHECK (status IN ('registered', 'running', 'paused', 'ended')),
  pause_reason   text,
  sessions_ended int4 NOT NULL DEFAULT 0,
  created_at     timestamptz NOT NULL,
  started_at     timestamptz,
  ended_at       timestamptz
);
CREATE INDEX booth_events_by_account ON booth_events (account_id, created_at DESC, id DESC);
CREATE INDEX booth_events_running ON booth_events (account_id) WHERE status = 'running';

CREATE TABLE booth_event_licenses (
  id           int8 GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  event_id     text NOT NULL REFERENCES booth_events (id),
  license_id   text NOT NULL,
  account_id   text NOT NULL,
  tier         text NOT NULL,
  assigned_at  timestamptz NOT NULL,
  released_at  timestamptz,
  CHECK (released_at IS NULL OR released_at >= assigned_at)
);
CREATE UNIQUE INDEX booth_license_runs_one_event ON booth_event_licenses (license_id) WHERE released_at IS NULL;
CREATE UNIQUE INDEX booth_event_holds_one_license ON booth_event_licenses (event_id) WHERE released_at IS NULL;
CREATE INDEX booth_event_licenses_open_by_account ON booth_event_licenses (account_id) WHERE released_at IS NULL;

CREATE TABLE booth_outputs (
  account_id     text NOT NULL,
  output_id      text NOT NULL,
  event_id       text NOT NULL,
  session_id     text NOT NULL,
  kind           text NOT NULL,
  cost_micros    int8 NOT NULL CHECK (cost_micros >= 0),
  transaction_id text,
  -- An AI output on a virtual booth event: the one kind a session-end lookup needs.
  vb_ai          boolean NOT NULL,
  created_at     timestamptz NOT NULL,
  -- Output id first: a batch's lookups probe it directly, whatever the account's size.
  PRIMARY KEY (output_id, account_id)
);
-- Only virtual booth AI outputs are looked up by session: every other output skips this index.
CREATE INDEX booth_outputs_vb_ai_by_session ON booth_outputs (event_id, session_id) WHERE vb_ai;

CREATE TABLE booth_sessions (
  event_id       text NOT NULL REFERENCES booth_events (id),
  session_id     text NOT NULL,
  account_id     text NOT NULL,
  ordinal        int4 NOT NULL CHECK (ordinal > 0),
  paid_for_ai    boolean NOT NULL,
  cost_micros    int8 NOT NULL CHECK (cost_micros >= 0),
  transaction_id text,
  ended_at       timestamptz NOT NULL,
  PRIMARY KEY (event_id, session_id),
  UNIQUE (event_id, ordinal)
);

CREATE TABLE booth_token_purchases (
  id              text PRIMARY KEY,
  account_id      text NOT NULL REFERENCES accounts (id),
  pack_tokens     int4 NOT NULL CHECK (pack_tokens > 0),
  quantity        int4 NOT NULL CHECK (quantity > 0),
  token_micros    int8 NOT NULL CHECK (token_micros > 0),
  price_micros    int8 NOT NULL CHECK (price_micros > 0),
  status          text NOT NULL CHECK (status IN ('pending', 'paid', 'declined')),
  invoice_id      text,
  transaction_id  text,
  decline_reason  text,
  scope           text NOT NULL,
  idempotency_key text NOT NULL,
  request_hash    text NOT NULL,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL,
  UNIQUE (scope, idempotency_key)
);
CREATE INDEX booth_token_purchases_by_account ON booth_token_purchases (account_id, created_at DESC);
`;
