/**
 * GPU rentals: the instance-type catalog (append-only versions), the instances customers rent, and
 * their billing events. Money itself lives in the ledger: every period, refund and storage hour is
 * a transaction keyed in idempotency_keys under the scope `rental:<instance id>`.
 *
 * The compute rates seeded below are SAMPLES (the seeds give no GPU prices): operators publish real
 * ones with PUT /v1/gpu/instance-types/{code}. The storage rate, 0.00028 CREDIT per GB per hour
 * (280 micros), is the seeds' own.
 */
export const sql = `
CREATE TABLE gpu_instance_type_versions (
  code                      text NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9-]{0,39}$'),
  version                   int4 NOT NULL CHECK (version > 0),
  name                      text NOT NULL,
  compute_micros_per_hour   int8 NOT NULL CHECK (compute_micros_per_hour > 0),
  storage_micros_per_gb_hour int8 NOT NULL CHECK (storage_micros_per_gb_hour > 0),
  available                 boolean NOT NULL DEFAULT true,
  created_by                text NOT NULL,
  created_at                timestamptz NOT NULL,
  PRIMARY KEY (code, version)
);

INSERT INTO gpu_instance_type_versions
  (code, version, name, compute_micros_per_hour, storage_micros_per_gb_hour, created_by, created_at) VALUES
  ('rtx-4090', 1, 'NVIDIA RTX 4090 24 GB (sample rate)', 690000, 280, 'migration', '2026-01-01T00:00:00Z'),
  ('a100-80gb', 1, 'NVIDIA A100 80 GB (sample rate)', 1890000, 280, 'migration', '2026-01-01T00:00:00Z'),
  ('h100-80gb', 1, 'NVIDIA H100 80 GB (sample rate)', 2990000, 280, 'migration', '2026-01-01T00:00:00Z');

CREATE TABLE gpu_instances (
  id                         text PRIMARY KEY,
  account_id                 text NOT NULL REFERENCES accounts (id),
  type_code                  text NOT NULL,
  type_version               int4 NOT NULL,
  disk_gb                    int4 NOT NULL CHECK (disk_gb > 0),
  period_unit                text NOT NULL CHECK (period_unit IN ('hour', 'day', 'week', 'month')),
  period_count               int4 NOT NULL CHECK (period_count > 0),
  -- Prices fixed at rent time: renewals and restarts pay these, whatever the catalog says later.
  compute_micros_per_hour    int8 NOT NULL CHECK (compute_micros_per_hour > 0),
  storage_micros_per_gb_hour int8 NOT NULL CHECK (storage_micros_per_gb_hour > 0),
  status                     text NOT NULL CHECK (status IN ('running', 'stopped', 'terminated')),
  auto_renew                 boolean NOT NULL,
  fleet_instance_id          text,
  current_period_start       timestamptz NOT NULL,
  current_period_end         timestamptz NOT NULL,
  -- Storage is paid up to here (the period's prepaid storage, then hourly fees while stopped).
  storage_paid_until         timestamptz NOT NULL,
  stopped_at                 timestamptz,
  termination_requested_at   timestamptz,
  terminated_at              timestamptz,
  created_at                 timestamptz NOT NULL,
  updated_at                 timestamptz NOT NULL,
  FOREIGN KEY (type_code, type_version) REFERENCES gpu_instance_type_versions (code, version),
  CHECK (current_period_end > current_period_start)
);
CREATE INDEX gpu_instances_by_account ON gpu_instances (account_id, created_at DESC);

-- What happened to an instance and what it cost: one row per billing event, for history and support.
CREATE TABLE gpu_instance_events (
  id             int8 GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  instance_id    text NOT NULL REFERENCES gpu_instances (id),
  type           text NOT NULL,
  transaction_id text,
  at             timestamptz NOT NULL,
  details        jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX gpu_instance_events_by_instance ON gpu_instance_events (instance_id, id);
`;
