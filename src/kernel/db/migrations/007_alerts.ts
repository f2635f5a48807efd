/**
 * Alerts and notifications.
 *
 * alert_settings: one row per account that configured alerts (thresholds, email recipients, the
 * webhook and its signing secret). alert_state: per account and alert kind, armed or fired, and
 * `crossing`, how many times it fired: the n-th crossing's notification is deduped on
 * `alert:<kind>:<account>:<n>`, so a check repeated after a crash fires it once.
 * notifications: every event published for an account, unique on its dedupe id.
 * notification_deliveries: one per notification and channel, driven by due work
 * (`notify.email` / `notify.webhook`, subject = notification id, period = channel).
 */
export const sql = `
CREATE TABLE alert_settings (
  account_id          text PRIMARY KEY REFERENCES accounts (id),
  low_balance_micros  int8 CHECK (low_balance_micros > 0),
  low_remaining_hours int4 CHECK (low_remaining_hours > 0),
  -- NULL: the account's email.
  email_recipients    text[],
  webhook_url         text,
  webhook_secret      text,
  updated_at          timestamptz NOT NULL,
  updated_by          text NOT NULL,
  CHECK ((webhook_url IS NULL) = (webhook_secret IS NULL))
);

CREATE TABLE alert_state (
  account_id text NOT NULL REFERENCES accounts (id),
  kind       text NOT NULL CHECK (kind IN ('low_balance', 'low_remaining_time')),
  status     text NOT NULL CHECK (status IN ('armed', 'fired')),
  crossing   int4 NOT NULL DEFAULT 0 CHECK (crossing >= 0),
  fired_at   timestamptz,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (account_id, kind)
);

CREATE TABLE notifications (
  id         text PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts (id),
  type       text NOT NULL,
  payload    jsonb NOT NULL,
  dedupe_id  text NOT NULL,
  occurred_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL,
  CONSTRAINT notifications_dedupe UNIQUE (dedupe_id)
);
CREATE INDEX notifications_by_account ON notifications (account_id, created_at DESC, id DESC);

CREATE TABLE notification_deliveries (
  notification_id text NOT NULL REFERENCES notifications (id),
  channel         text NOT NULL CHECK (channel IN ('email', 'webhook')),
  target          text NOT NULL,
  status          text NOT NULL CHECK (status IN ('pending', 'delivered', 'skipped')),
  attempts        int4 NOT NULL DEFAULT 0,
  last_error      text,
  delivered_at    timestamptz,
  updated_at      timestamptz NOT NULL,
  PRIMARY KEY (notification_id, channel)
);
`;
