/**
 * Sign-In with Ethereum and USDT deposits.
 *
 * Addresses are stored lowercase (`0x` + 40 hex); the API presents them checksummed (EIP-55).
 * Only hashes of session tokens are stored. A deposit is one ERC-20 Transfer log, unique on
 * (tx_hash, log_index): however often a log is delivered, it is one row, credited at most once
 * (the ledger's idempotency key on (rail, sourceId) backs this up).
 */
export const sql = `
-- Single-use sign-in nonces: consumed by an UPDATE ... WHERE used_at IS NULL AND expires_at > now.
CREATE TABLE siwe_nonces (
  nonce       text PRIMARY KEY,
  created_at  timestamptz NOT NULL,
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz
);
CREATE INDEX siwe_nonces_expiry ON siwe_nonces (expires_at);

-- A wallet belongs to one account; an account may have several wallets.
CREATE TABLE wallet_addresses (
  address     text PRIMARY KEY CHECK (address ~ '^0x[0-9a-f]{40}$'),
  account_id  text NOT NULL REFERENCES accounts (id),
  created_at  timestamptz NOT NULL
);
CREATE INDEX wallet_addresses_account ON wallet_addresses (account_id);

CREATE TABLE sessions (
  id          text PRIMARY KEY,
  token_hash  text NOT NULL UNIQUE,
  account_id  text NOT NULL REFERENCES accounts (id),
  address     text NOT NULL REFERENCES wallet_addresses (address),
  created_at  timestamptz NOT NULL,
  expires_at  timestamptz NOT NULL,
  revoked_at  timestamptz
);
CREATE INDEX sessions_account ON sessions (account_id);

CREATE TABLE usdt_deposits (
  id              text PRIMARY KEY,
  chain_id        int8 NOT NULL,
  token_address   text NOT NULL,
  tx_hash         text NOT NULL CHECK (tx_hash ~ '^0x[0-9a-f]{64}$'),
  log_index       int4 NOT NULL CHECK (log_index >= 0),
  from_address    text NOT NULL,
  to_address      text NOT NULL,
  -- The token's uint256 value in its 6 decimals, i.e. CREDIT micros 1:1; numeric so that no value,
  -- however absurd, is truncated or refused before an operator has seen it.
  amount_micros   numeric(78, 0) NOT NULL CHECK (amount_micros > 0),
  block_number    int8 NOT NULL,
  block_hash      text NOT NULL,
  status          text NOT NULL CHECK (status IN ('seen', 'credited', 'held_for_review', 'reorged')),
  -- Known sender's account (or the account an operator assigned a held deposit to).
  account_id      text REFERENCES accounts (id),
  transaction_id  text,
  -- A watcher's lease on the row while it checks and credits it; NULL when nobody holds it.
  claimed_until   timestamptz,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL,
  UNIQUE (tx_hash, log_index),
  CHECK ((status = 'credited') = (transaction_id IS NOT NULL)),
  CHECK (status <> 'credited' OR account_id IS NOT NULL)
);
CREATE INDEX usdt_deposits_open ON usdt_deposits (block_number) WHERE status = 'seen';
CREATE INDEX usdt_deposits_by_account ON usdt_deposits (account_id, id DESC);
CREATE INDEX usdt_deposits_by_status ON usdt_deposits (status, id DESC);

-- The last block whose Transfer logs are all recorded and which had enough confirmations.
CREATE TABLE usdt_watcher_checkpoints (
  id            text PRIMARY KEY,
  block_number  int8 NOT NULL,
  block_hash    text NOT NULL,
  updated_at    timestamptz NOT NULL
);
`;
