/**
 * Per-account document numbering (issue 14, item 5). Each account gets, once, its own invoice
 * prefix (eight letters and digits derived from its id, like Stripe's customer invoice prefix) and
 * one gapless counter shared by its compute documents and its booth invoices. A number is taken
 * by incrementing the account's counter row inside the transaction that finalizes the document,
 * so a rolled-back finalization gives its number back and concurrent finalizations queue on the
 * row: no gaps, no duplicates. The row is per account, so it is never a hot row for the system.
 *
 * Documents numbered before this keep their numbers: their prefix is backfilled with the shared
 * series they were drawn from ('PB' compute, 'BTH' booth), which a per-account prefix (eight
 * characters) can never equal. UNIQUE (prefix, number) replaces the global UNIQUE (number).
 */
export const sql = `
CREATE TABLE account_document_series (
  account_id  text PRIMARY KEY REFERENCES accounts (id),
  prefix      text NOT NULL CHECK (prefix ~ '^[A-Z0-9]{8}$'),
  last_number int8 NOT NULL DEFAULT 0 CHECK (last_number >= 0),
  CONSTRAINT account_document_series_prefix_unique UNIQUE (prefix)
);

ALTER TABLE invoices ADD COLUMN prefix text;
UPDATE invoices SET prefix = 'PB';
ALTER TABLE invoices ALTER COLUMN prefix SET NOT NULL;
ALTER TABLE invoices DROP CONSTRAINT invoices_number_unique;
ALTER TABLE invoices ADD CONSTRAINT invoices_number_unique UNIQUE (prefix, number);

ALTER TABLE booth_invoices ADD COLUMN prefix text;
UPDATE booth_invoices SET prefix = 'BTH' WHERE number IS NOT NULL;
ALTER TABLE booth_invoices DROP CONSTRAINT booth_invoices_number_unique;
ALTER TABLE booth_invoices ADD CONSTRAINT booth_invoices_number_unique UNIQUE (prefix, number);
ALTER TABLE booth_invoices ADD CONSTRAINT booth_invoices_prefixed_when_numbered
  CHECK ((number IS NULL) = (prefix IS NULL));
`;
