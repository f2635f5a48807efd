/**
 * Rendering: the rate card (append-only versions), render jobs and their tasks.
 *
 * Money never lives here: a task's reservation is a ledger hold (hold_id) and its charge a ledger
 * Charge transaction (charge_transaction_id). These tables hold the job's lifecycle and which
 * ledger rows belong to which task.
 *
 * Version 1 of the rate card holds SAMPLE values (the seeds give none); operators replace them with
 * `PUT /v1/rendering/rates`. Rates are exact CREDIT micros per unit-hour:
 *   GPU 0.900000 / GPU-hour, CPU 0.020000 / core-hour, RAM 0.005000 / GB-hour,
 *   storage 0.000200 / GB-hour.
 */
export const sql = `
CREATE TABLE render_rate_cards (
  version                     int4 PRIMARY KEY CHECK (version > 0),
  gpu_hour_micros             int8 NOT NULL CHECK (gpu_hour_micros > 0),
  cpu_core_hour_micros        int8 NOT NULL CHECK (cpu_core_hour_micros > 0),
  ram_gb_hour_micros          int8 NOT NULL CHECK (ram_gb_hour_micros > 0),
  storage_gb_hour_micros      int8 NOT NULL CHECK (storage_gb_hour_micros > 0),
  effective_at                timestamptz NOT NULL,
  created_by                  text NOT NULL,
  reason                      text NOT NULL
);
INSERT INTO render_rate_cards (version, gpu_hour_micros, cpu_core_hour_micros, ram_gb_hour_micros,
  storage_gb_hour_micros, effective_at, created_by, reason)
VALUES (1, 900000, 20000, 5000, 200, '1970-01-01T00:00:00Z', 'migration', 'sample rates (the seeds give none)');

CREATE TABLE render_jobs (
  id                 text PRIMARY KEY,
  account_id         text NOT NULL REFERENCES accounts (id),
  external_id        text NOT NULL,
  -- The rate card the job started with; every task of the job is priced with it.
  rate_card_version  int4 NOT NULL REFERENCES render_rate_cards (version),
  status             text NOT NULL CHECK (status IN ('running', 'paused_insufficient_credits', 'completed', 'cancelled')),
  pause_reason       text,
  -- While paused: the max cost of the task whose hold was refused (what a resume must afford).
  required_micros    int8 CHECK (required_micros > 0),
  created_at         timestamptz NOT NULL,
  updated_at         timestamptz NOT NULL,
  CHECK ((status = 'paused_insufficient_credits') = (pause_reason IS NOT NULL)),
  CONSTRAINT render_jobs_external UNIQUE (account_id, external_id)
);
CREATE INDEX render_jobs_paused ON render_jobs (account_id, updated_at) WHERE status = 'paused_insufficient_credits';

CREATE TABLE render_tasks (
  id                    text PRIMARY KEY,
  job_id                text NOT NULL REFERENCES render_jobs (id),
  account_id            text NOT NULL REFERENCES accounts (id),
  external_id           text NOT NULL,
  status                text NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
  gpus                  int4 NOT NULL CHECK (gpus >= 0),
  cpu_cores             int4 NOT NULL CHECK (cpu_cores >= 0),
  ram_gb                int4 NOT NULL CHECK (ram_gb >= 0),
  storage_gb            int4 NOT NULL CHECK (storage_gb >= 0),
  time_limit_seconds    int4 NOT NULL CHECK (time_limit_seconds > 0),
  max_cost_micros       int8 NOT NULL CHECK (max_cost_micros > 0),
  hold_id               text NOT NULL,
  charge_transaction_id text,
  used_seconds          int4 CHECK (used_seconds >= 0),
  used_gpus             int4 CHECK (used_gpus >= 0),
  used_cpu_cores        int4 CHECK (used_cpu_cores >= 0),
  used_ram_gb           int4 CHECK (used_ram_gb >= 0),
  used_storage_gb       int4 CHECK (used_storage_gb >= 0),
  actual_cost_micros    int8 CHECK (actual_cost_micros >= 0 AND actual_cost_micros <= max_cost_micros),
  failure_reason        text,
  created_at            timestamptz NOT NULL,
  updated_at            timestamptz NOT NULL,
  CHECK (status <> 'completed' OR actual_cost_micros IS NOT NULL),
  CONSTRAINT render_tasks_external UNIQUE (job_id, external_id)
);
CREATE INDEX render_tasks_by_job ON render_tasks (job_id, created_at);
`;
