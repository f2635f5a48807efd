/**
 * Storage hours charged per account, not per instance (issue 4, the 100k-instance sweep).
 *
 * A stopped instance's hour is first CLAIMED: in one statement its `storage_paid_until` moves on by
 * an hour and a `storage_charges` row records which instances (and their fees) one ledger charge
 * will pay for. Only then is the charge written, keyed by the row's id, and the row settled with
 * its transaction. A crash anywhere leaves either nothing (the hour is still owed) or an unsettled
 * claim that the next sweep charges with the same key: an instance-hour is never claimed twice
 * (compare-and-set on `storage_paid_until`) and a claim is never charged twice (its key).
 *
 * `paid_micros` may be less than the fees: the charge takes at most what the wallet has (a
 * balancing debit); instances whose fee the paid amount does not cover, in id order, are
 * terminated. `paid_micros` = 0 with no transaction: nothing was available.
 */
export const sql = `
CREATE TABLE storage_charges (
  id             text PRIMARY KEY,
  account_id     text NOT NULL,
  hour_start     timestamptz NOT NULL,
  instance_ids   text[] NOT NULL,
  fees_micros    int8[] NOT NULL CHECK (cardinality(fees_micros) = cardinality(instance_ids)),
  disk_gb        int8 NOT NULL,
  amount_micros  int8 NOT NULL CHECK (amount_micros > 0),
  paid_micros    int8 CHECK (paid_micros >= 0 AND paid_micros <= amount_micros),
  transaction_id text,
  created_at     timestamptz NOT NULL,
  settled_at     timestamptz,
  CHECK ((settled_at IS NULL) = (paid_micros IS NULL))
);
CREATE INDEX storage_charges_unsettled ON storage_charges (id) WHERE settled_at IS NULL;
CREATE INDEX storage_charges_by_account ON storage_charges (account_id, hour_start);

-- The sweep reads owed instances account by account; the claim's update then stays a HOT update
-- (no indexed column changes, room left on the page).
CREATE INDEX gpu_instances_stopped_by_account ON gpu_instances (account_id, id) WHERE status = 'stopped';
ALTER TABLE gpu_instances SET (fillfactor = 80);
`;
