/**
 * Invoice settings (versioned) and invoices with gapless numbers.
 *
 * Settings are append-only: a change is a new version whose `effective_at` comes from the injected
 * clock, so an invoice can always be drawn with the version in force when its transaction was
 * recorded, however often the settings change afterwards.
 *
 * Invoices are numbered lazily, not by the ledger: a gapless counter written on every charge would
 * be one row that every ledger batch updates (a hot row). Instead, the numbering step
 * (services/number-invoices.ts) assigns consecutive numbers under a transaction-scoped advisory
 * lock, in (created_at, seq) order, to every transaction not numbered yet up to the one asked for.
 * Nothing consumes a number unless its row commits, so there are no gaps; the unique constraint
 * on `number` is the backstop. The invoice row also snapshots the bill-to details it was drawn
 * with, so the document never changes after it was numbered.
 *
 * The foreign key to transactions costs the ledger nothing: it is checked when an invoice is
 * inserted (a key-share lock on an immutable transaction row), never when a transaction is.
 */
export const sql = `
CREATE TABLE invoice_settings_versions (
  account_id      text NOT NULL REFERENCES accounts (id),
  version         int NOT NULL CHECK (version > 0),
  name            text,
  email           text NOT NULL,
  address         text,
  tax_information text,
  effective_at    timestamptz NOT NULL,
  -- The API key that made the change: settings decide what a legal document says.
  changed_by      text NOT NULL,
  PRIMARY KEY (account_id, version)
);
-- "The version in force at time t": the latest effective_at <= t for the account.
CREATE INDEX invoice_settings_in_force ON invoice_settings_versions (account_id, effective_at DESC, version DESC);

CREATE TABLE invoices (
  transaction_id          text PRIMARY KEY REFERENCES transactions (id),
  account_id              text NOT NULL REFERENCES accounts (id),
  number                  int8 NOT NULL CHECK (number > 0),
  -- NULL: the account had no invoice settings when the transaction was recorded; the bill-to
  -- details then come from the account itself.
  settings_version        int,
  bill_to_name            text NOT NULL,
  bill_to_email           text,
  bill_to_address         text,
  bill_to_tax_information text,
  numbered_at             timestamptz NOT NULL,
  CONSTRAINT invoices_number_unique UNIQUE (number),
  FOREIGN KEY (account_id, settings_version) REFERENCES invoice_settings_versions (account_id, version)
);
CREATE INDEX invoices_by_account ON invoices (account_id, number DESC);
`;
