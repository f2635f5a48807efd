import { UNITS } from '../../money.js';

// The ledger's system accounts (ledger-rules SYSTEM_ACCOUNT_CODES) as of this migration, written out so
// the kernel's migrations import no slice and a later change to the list cannot change this SQL.
const SYSTEM_ACCOUNT_CODES = [
  'revenue.compute',
  'revenue.booth',
  'clearing.paypal',
  'clearing.usdt',
  'clearing.card',
  'clearing.sandbox',
  'promotions',
  'adjustments',
  'refunds',
  'sales.tokens',
] as const;

const systemAccounts = SYSTEM_ACCOUNT_CODES.flatMap((code) =>
  UNITS.map((unit) => `('system:${code}:${unit}', '${unit}', NULL, '${code}')`),
).join(',\n  ');

/**
 * The ledger. Amounts are int8 micro-units.
 *
 * The two hot tables, transactions and transfers, carry no foreign keys on purpose: a foreign-key
 * check share-locks the referenced row (a tuple write per charge), and against a system account it
 * would make that account a hot row. Integrity holds by construction instead: a transaction is
 * only written by the batch that locked (or compare-and-set) its customer's wallet row, which does
 * reference accounts; its transfers are written in the same statement; ledger account ids are
 * validated by the domain before anything is written.
 */
export const sql = `
CREATE TABLE accounts (
  id          text PRIMARY KEY,
  name        text NOT NULL,
  email       text,
  metadata    jsonb NOT NULL DEFAULT '{}',
  created_at  timestamptz NOT NULL
);

CREATE TABLE ledger_accounts (
  id          text PRIMARY KEY,
  unit        text NOT NULL CHECK (unit IN ('USD', 'CREDIT', 'TOKEN')),
  account_id  text REFERENCES accounts (id),
  code        text NOT NULL,
  UNIQUE (account_id, unit, code)
);

INSERT INTO ledger_accounts (id, unit, account_id, code) VALUES
  ${systemAccounts};

-- The cached balance of each customer wallet: the one row the overdraft rule locks.
CREATE TABLE wallet_balances (
  ledger_account_id text PRIMARY KEY REFERENCES ledger_accounts (id),
  account_id        text NOT NULL REFERENCES accounts (id),
  unit              text NOT NULL,
  balance_micros    int8 NOT NULL DEFAULT 0,
  held_micros       int8 NOT NULL DEFAULT 0,
  -- Second line of defence behind the domain's check: a wallet can never be overdrawn.
  CONSTRAINT wallet_not_overdrawn CHECK (held_micros >= 0 AND balance_micros >= held_micros),
  UNIQUE (account_id, unit)
);

CREATE TABLE transactions (
  id            text PRIMARY KEY,
  seq           int8 GENERATED ALWAYS AS IDENTITY,
  account_id    text NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('payment', 'charge', 'promotion', 'refund', 'other')),
  unit          text NOT NULL,
  amount_micros int8 NOT NULL,
  description   text NOT NULL,
  metadata      jsonb NOT NULL DEFAULT '{}',
  hold_id       text,
  created_at    timestamptz NOT NULL
);
CREATE INDEX transactions_history ON transactions (account_id, created_at DESC, seq DESC);

CREATE TABLE transfers (
  id                text PRIMARY KEY,
  transaction_id    text NOT NULL,
  debit_account_id  text NOT NULL,
  credit_account_id text NOT NULL,
  unit              text NOT NULL,
  amount_micros     int8 NOT NULL CHECK (amount_micros > 0),
  created_at        timestamptz NOT NULL,
  CHECK (debit_account_id <> credit_account_id)
);
CREATE INDEX transfers_debit ON transfers (debit_account_id);
CREATE INDEX transfers_credit ON transfers (credit_account_id);

CREATE TABLE holds (
  id                text PRIMARY KEY,
  account_id        text NOT NULL REFERENCES accounts (id),
  unit              text NOT NULL,
  wallet_id         text NOT NULL REFERENCES wallet_balances (ledger_account_id),
  credit_account_id text NOT NULL,
  amount_micros     int8 NOT NULL CHECK (amount_micros > 0),
  status            text NOT NULL CHECK (status IN ('pending', 'posted', 'voided', 'expired')),
  posted_micros     int8,
  transaction_id    text REFERENCES transactions (id),
  description       text NOT NULL,
  metadata          jsonb NOT NULL DEFAULT '{}',
  created_at        timestamptz NOT NULL,
  expires_at        timestamptz NOT NULL,
  resolved_at       timestamptz,
  CHECK (posted_micros IS NULL OR posted_micros <= amount_micros)
);
CREATE INDEX holds_pending_by_wallet ON holds (wallet_id, expires_at) WHERE status = 'pending';
CREATE INDEX holds_pending_by_expiry ON holds (expires_at) WHERE status = 'pending';
CREATE INDEX holds_by_account ON holds (account_id, created_at DESC);

-- A repeat of a request returns the stored result; the primary key makes a key usable once.
CREATE TABLE idempotency_keys (
  scope        text NOT NULL,
  key          text NOT NULL,
  request_hash text NOT NULL,
  result       jsonb NOT NULL,
  created_at   timestamptz NOT NULL,
  PRIMARY KEY (scope, key)
);

-- Raises inside a statement when its argument is false: lets one statement check what it wrote
-- (a compare-and-set on wallets) and undo everything if the check fails. 40001: try again.
CREATE FUNCTION ledger_guard(ok boolean, message text) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
  IF NOT ok THEN
    RAISE EXCEPTION '%', message USING ERRCODE = '40001';
  END IF;
  RETURN true;
END $$;

CREATE TABLE api_keys (
  id          text PRIMARY KEY,
  secret_hash text NOT NULL UNIQUE,
  role        text NOT NULL CHECK (role IN ('operator', 'service', 'customer')),
  account_id  text REFERENCES accounts (id),
  label       text NOT NULL DEFAULT '',
  created_at  timestamptz NOT NULL,
  revoked_at  timestamptz,
  CHECK ((role = 'customer') = (account_id IS NOT NULL))
);

CREATE TABLE audit_log (
  id          text PRIMARY KEY,
  seq         int8 GENERATED ALWAYS AS IDENTITY,
  actor       text NOT NULL,
  action      text NOT NULL,
  subject     text NOT NULL,
  reason      text NOT NULL,
  details     jsonb NOT NULL DEFAULT '{}',
  created_at  timestamptz NOT NULL
);
CREATE INDEX audit_log_subject ON audit_log (subject, seq DESC);
`;
