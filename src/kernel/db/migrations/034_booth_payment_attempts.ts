/**
 * Declined purchases leave a failed payment attempt, not a numbered invoice (issue 16, item 8).
 *
 * - A purchase invoice (settled `charge_default_card` with `on_decline = 'void'`: license and
 *   token-pack purchases) is charged while it is still a draft; it takes its number from the
 *   account's gapless series only once the card paid. A declined one is discarded: status `void`
 *   with no number, never listed, so the series has no gap and the customer's list no void row.
 *   Its credit, set aside while it is charged, counts against the account's available credit.
 * - Every card attempt of a booth invoice is a row of booth_payment_attempts: what was charged,
 *   when, on which card (brand and last 4 as they were), and how it ended.
 */
export const sql = `
ALTER TABLE booth_invoices DROP CONSTRAINT booth_invoices_numbered_when_final;
ALTER TABLE booth_invoices ADD CONSTRAINT booth_invoices_numbered_when_final
  CHECK ((status = 'draft' AND number IS NULL) OR (status = 'void') OR (number IS NOT NULL));
DROP INDEX booth_invoices_uncharged;
CREATE INDEX booth_invoices_uncharged ON booth_invoices (account_id)
  WHERE status IN ('draft', 'open', 'uncollectible') AND charge_transaction_id IS NULL;

CREATE TABLE booth_payment_attempts (
  invoice_id        text NOT NULL REFERENCES booth_invoices (id),
  attempt           int NOT NULL CHECK (attempt > 0),
  account_id        text NOT NULL REFERENCES accounts (id),
  -- NULL: there was no default card to charge.
  payment_method_id text REFERENCES payment_methods (id),
  card_brand        text,
  card_last4        text,
  amount_micros     int8 NOT NULL,
  description       text NOT NULL,
  attempted_at      timestamptz NOT NULL,
  outcome           text CHECK (outcome IN ('succeeded', 'declined')),
  decline_code      text,
  decline_message   text,
  settled_at        timestamptz,
  PRIMARY KEY (invoice_id, attempt)
);
CREATE INDEX booth_payment_attempts_by_account ON booth_payment_attempts (account_id, attempted_at DESC);
`;
