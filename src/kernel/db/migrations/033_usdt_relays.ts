/**
 * Network-fee sponsorship for USDT top-ups (issue 15, docs/usdt-relay.md): an EIP-3009
 * transferWithAuthorization the customer signs and Pictor's relayer submits, paying the gas.
 *
 * One row per authorization, unique on (chain, token, signer, nonce): the token itself accepts a
 * nonce once, and so does this table, so a replayed request finds the row and its transaction
 * instead of sending another. The gas Pictor paid is kept on the row once the watcher has the
 * receipt (the ledger has no native-token unit: docs/usdt-relay.md § Gas).
 */
export const sql = `
CREATE TABLE usdt_relays (
  id                   text PRIMARY KEY,
  account_id           text NOT NULL REFERENCES accounts (id),
  chain_id             int8 NOT NULL,
  token_address        text NOT NULL CHECK (token_address ~ '^0x[0-9a-f]{40}$'),
  from_address         text NOT NULL CHECK (from_address ~ '^0x[0-9a-f]{40}$'),
  to_address           text NOT NULL CHECK (to_address ~ '^0x[0-9a-f]{40}$'),
  amount_micros        numeric(78, 0) NOT NULL CHECK (amount_micros > 0),
  valid_after          int8 NOT NULL,
  valid_before         int8 NOT NULL CHECK (valid_before > valid_after),
  nonce                text NOT NULL CHECK (nonce ~ '^0x[0-9a-f]{64}$'),
  relayer_address      text NOT NULL,
  status               text NOT NULL CHECK (status IN ('prepared', 'submitting', 'submitted', 'failed')),
  signature            text,
  tx_hash              text UNIQUE CHECK (tx_hash ~ '^0x[0-9a-f]{64}$'),
  failure              text,
  gas_used             numeric(78, 0),
  effective_gas_price  numeric(78, 0),
  created_at           timestamptz NOT NULL,
  updated_at           timestamptz NOT NULL,
  UNIQUE (chain_id, token_address, from_address, nonce),
  CHECK ((status = 'submitted') = (tx_hash IS NOT NULL))
);
CREATE INDEX usdt_relays_by_account ON usdt_relays (account_id, id DESC);
`;
