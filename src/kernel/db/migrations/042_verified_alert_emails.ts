/**
 * Alert emails verified by a code (issue 15: "it is verified by a code sent over SMTP before
 * alerts use it"). One row per account and address (stored lowercase): the account proved it reads
 * mail there, by the one-time code sent to it (`source` `code`, purpose `alert-email:<account>` in
 * `sign_in_codes`), or the address was already the account's own (a way in or its contact email,
 * `source` `account_email`), recorded when alert settings name it so that it stays verified for the
 * alerts after it stops signing in.
 *
 * Existing settings: every named recipient that is one of its account's own emails is recorded as
 * verified now; the others stay unverified, and alerts are not sent to them (docs/compute.md,
 * "Alert emails are verified").
 */
export const sql = `
CREATE TABLE verified_alert_emails (
  account_id  text NOT NULL REFERENCES accounts (id),
  email       text NOT NULL CHECK (email = lower(email)),
  source      text NOT NULL CHECK (source IN ('code', 'account_email')),
  verified_at timestamptz NOT NULL,
  PRIMARY KEY (account_id, email)
);

INSERT INTO verified_alert_emails (account_id, email, source, verified_at)
SELECT DISTINCT s.account_id, lower(r.email), 'account_email', s.updated_at
FROM alert_settings s CROSS JOIN LATERAL unnest(s.email_recipients) AS r (email)
WHERE lower(r.email) IN (
  SELECT e.email FROM account_emails e WHERE e.account_id = s.account_id
  UNION SELECT lower(a.email) FROM accounts a WHERE a.id = s.account_id AND a.email IS NOT NULL)
ON CONFLICT DO NOTHING;
`;
