/**
 * Email sign-in with one-time codes, several ways into one account, and one session kind for
 * wallet and email (issue 21).
 *
 * - `account_emails`: a verified email is a way into exactly one account (stored lowercase).
 * - `sign_in_codes`: one-time 6-digit codes, only their hash; `purpose` is `sign_in`, or
 *   `link:<account>` when a signed-in customer verifies an email to add it. A newer code for the
 *   same email and purpose supersedes the older (`used_at` set); `attempts` counts wrong guesses of
 *   this code, so even concurrent guesses cannot exceed the limit.
 * - `sign_in_throttle`: failures per email and per IP (`email:…`, `ip:…`, and the same for code
 *   requests), counted in a window; past the limit the key is locked until `locked_until`.
 * - `sessions` now also open by email: `method`, `email`, and `address` optional. A wallet can be
 *   removed from an account while its old (revoked) sessions keep naming it, so the address no
 *   longer references `wallet_addresses`.
 */
export const sql = `
CREATE TABLE account_emails (
  email       text PRIMARY KEY CHECK (email = lower(email)),
  account_id  text NOT NULL REFERENCES accounts (id),
  created_at  timestamptz NOT NULL
);
CREATE INDEX account_emails_account ON account_emails (account_id);

CREATE TABLE sign_in_codes (
  id          text PRIMARY KEY,
  email       text NOT NULL,
  purpose     text NOT NULL,
  code_hash   text NOT NULL,
  attempts    int4 NOT NULL DEFAULT 0,
  created_at  timestamptz NOT NULL,
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz
);
CREATE INDEX sign_in_codes_email ON sign_in_codes (email, purpose, created_at DESC);

CREATE TABLE sign_in_throttle (
  key           text PRIMARY KEY,
  failures      int4 NOT NULL,
  window_start  timestamptz NOT NULL,
  locked_until  timestamptz
);

ALTER TABLE sessions DROP CONSTRAINT sessions_address_fkey;
ALTER TABLE sessions ALTER COLUMN address DROP NOT NULL;
ALTER TABLE sessions ADD COLUMN method text NOT NULL DEFAULT 'wallet' CHECK (method IN ('wallet', 'email'));
ALTER TABLE sessions ADD COLUMN email text;
`;
