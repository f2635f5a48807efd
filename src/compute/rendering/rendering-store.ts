import type {
  RenderRates,
  RateCardRecord,
  RenderJobRecord,
  RenderJobStatus,
  RenderTaskRecord,
  RenderTaskStatus,
  RenderUsage,
} from './rendering-rules.js';
import { type Queryable, isUniqueViolation } from '../../kernel/db/database.js';

/** The columns `rateCardFromRow` reads. */
type RateCardRow = {
  gpu_hour_micros: bigint;
  cpu_core_hour_micros: bigint;
  ram_gb_hour_micros: bigint;
  storage_gb_hour_micros: bigint;
  effective_at: Date;
  created_by: string;
  reason: string;
  version: number;
};

function rateCardFromRow(row: RateCardRow): RateCardRecord {
  return {
    version: Number(row.version),
    gpuHourMicros: row.gpu_hour_micros,
    cpuCoreHourMicros: row.cpu_core_hour_micros,
    ramGbHourMicros: row.ram_gb_hour_micros,
    storageGbHourMicros: row.storage_gb_hour_micros,
    effectiveAt: row.effective_at,
    createdBy: row.created_by,
    reason: row.reason,
  };
}

/** The columns `jobFromRow` reads. */
type JobRow = {
  id: string;
  account_id: string;
  external_id: string;
  status: RenderJobStatus;
  pause_reason: string | null;
  required_micros: bigint | null;
  created_at: Date;
  updated_at: Date;
  rate_card_version: number;
};

function jobFromRow(row: JobRow): RenderJobRecord {
  return {
    id: row.id,
    accountId: row.account_id,
    externalId: row.external_id,
    rateCardVersion: Number(row.rate_card_version),
    status: row.status,
    pauseReason: row.pause_reason ?? null,
    requiredMicros: row.required_micros ?? null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The columns `taskFromRow` reads. */
type TaskRow = {
  id: string;
  job_id: string;
  account_id: string;
  external_id: string;
  status: RenderTaskStatus;
  max_cost_micros: bigint;
  hold_id: string;
  charge_transaction_id: string | null;
  actual_cost_micros: bigint | null;
  failure_reason: string | null;
  created_at: Date;
  updated_at: Date;
  cpu_cores: number;
  gpus: number;
  ram_gb: number;
  storage_gb: number;
  time_limit_seconds: number;
  used_cpu_cores: number | null;
  used_gpus: number | null;
  used_ram_gb: number | null;
  used_seconds: number | null;
  used_storage_gb: number | null;
};

function taskFromRow(row: TaskRow): RenderTaskRecord {
  return {
    id: row.id,
    jobId: row.job_id,
    accountId: row.account_id,
    externalId: row.external_id,
    status: row.status,
    limits: {
      gpus: Number(row.gpus),
      cpuCores: Number(row.cpu_cores),
      ramGb: Number(row.ram_gb),
      storageGb: Number(row.storage_gb),
    },
    timeLimitSeconds: Number(row.time_limit_seconds),
    maxCostMicros: row.max_cost_micros,
    holdId: row.hold_id,
    chargeTransactionId: row.charge_transaction_id ?? null,
    usage:
      row.used_seconds === null
        ? null
        : {
            seconds: Number(row.used_seconds),
            gpus: Number(row.used_gpus),
            cpuCores: Number(row.used_cpu_cores),
            ramGb: Number(row.used_ram_gb),
            storageGb: Number(row.used_storage_gb),
          },
    actualCostMicros: row.actual_cost_micros ?? null,
    failureReason: row.failure_reason ?? null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

// --- rate cards -------------------------------------------------------------------------------

/** The version in force at `at`: the highest one already effective. */
export async function findRatesInForce(db: Queryable, at: Date): Promise<RateCardRecord | undefined> {
  const rows = await db.query<RateCardRow>(
    'SELECT * FROM render_rate_cards WHERE effective_at <= $1 ORDER BY version DESC LIMIT 1',
    [at],
  );
  return rows[0] ? rateCardFromRow(rows[0]) : undefined;
}

export async function findRates(db: Queryable, version: number): Promise<RateCardRecord | undefined> {
  const rows = await db.query<RateCardRow>('SELECT * FROM render_rate_cards WHERE version = $1', [version]);
  return rows[0] ? rateCardFromRow(rows[0]) : undefined;
}

/** Appends the next version. Two concurrent writers collide on the primary key (`isRateCardRace`). */
export async function insertNextRates(
  tx: Queryable,
  r: RenderRates & { effectiveAt: Date; createdBy: string; reason: string },
): Promise<RateCardRecord> {
  const rows = await tx.query<RateCardRow>(
    `INSERT INTO render_rate_cards (version, gpu_hour_micros, cpu_core_hour_micros, ram_gb_hour_micros,
       storage_gb_hour_micros, effective_at, created_by, reason)
     SELECT COALESCE(max(version), 0) + 1, $1, $2, $3, $4, $5, $6, $7 FROM render_rate_cards
     RETURNING *`,
    [
      r.gpuHourMicros,
      r.cpuCoreHourMicros,
      r.ramGbHourMicros,
      r.storageGbHourMicros,
      r.effectiveAt,
      r.createdBy,
      r.reason,
    ],
  );
  return rateCardFromRow(rows[0]!);
}

export function isRateCardRace(error: unknown): boolean {
  return isUniqueViolation(error, 'render_rate_cards_pkey');
}

// --- jobs -------------------------------------------------------------------------------------

/** Creates the job on the farm's first report of it; a concurrent twin keeps the first row. */
export async function ensureJob(db: Queryable, job: RenderJobRecord): Promise<RenderJobRecord> {
  await db.query(
    `INSERT INTO render_jobs (id, account_id, external_id, rate_card_version, status, pause_reason,
       required_micros, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT ON CONSTRAINT render_jobs_external DO NOTHING`,
    [
      job.id,
      job.accountId,
      job.externalId,
      job.rateCardVersion,
      job.status,
      job.pauseReason,
      job.requiredMicros,
      job.createdAt,
      job.updatedAt,
    ],
  );
  return (await findJob(db, job.accountId, job.externalId))!;
}

export async function findJob(
  db: Queryable,
  accountId: string,
  externalId: string,
): Promise<RenderJobRecord | undefined> {
  const rows = await db.query<JobRow>(
    'SELECT * FROM render_jobs WHERE account_id = $1 AND external_id = $2',
    [accountId, externalId],
  );
  return rows[0] ? jobFromRow(rows[0]) : undefined;
}

/** An account's jobs (or the one with this farm id), newest first, with task counts per state. */
export async function listJobs(
  db: Queryable,
  accountId: string,
  limit: number,
  externalId?: string,
): Promise<(RenderJobRecord & { taskCounts: Record<RenderTaskStatus, number>; costMicros: bigint })[]> {
  const rows = await db.query<
    JobRow & { n_running: bigint; n_completed: bigint; n_failed: bigint; cost_micros: bigint }
  >(
    `SELECT j.*,
       (SELECT count(*) FROM render_tasks t WHERE t.job_id = j.id AND t.status = 'running')::int8 AS n_running,
       (SELECT count(*) FROM render_tasks t WHERE t.job_id = j.id AND t.status = 'completed')::int8 AS n_completed,
       (SELECT count(*) FROM render_tasks t WHERE t.job_id = j.id AND t.status = 'failed')::int8 AS n_failed,
       (SELECT COALESCE(sum(t.actual_cost_micros), 0) FROM render_tasks t
         WHERE t.job_id = j.id AND t.status = 'completed')::int8 AS cost_micros
     FROM render_jobs j WHERE j.account_id = $1 AND ($3::text IS NULL OR j.external_id = $3)
     ORDER BY j.created_at DESC, j.id DESC LIMIT $2`,
    [accountId, limit, externalId ?? null],
  );
  return rows.map((row) => ({
    ...jobFromRow(row),
    taskCounts: {
      running: Number(row.n_running),
      completed: Number(row.n_completed),
      failed: Number(row.n_failed),
    },
    costMicros: BigInt(row.cost_micros),
  }));
}

/** Pauses a running (or re-pauses a paused) job for lack of credits, remembering what it needs. */
/** Running → paused (or stays paused with a new requirement); true when it was running until now. */
export async function pauseJob(
  db: Queryable,
  jobId: string,
  requiredMicros: bigint,
  now: Date,
): Promise<boolean> {
  const rows = await db.query<{ was: string }>(
    `UPDATE render_jobs r SET status = 'paused_insufficient_credits', pause_reason = 'insufficient_credits',
       required_micros = $2, updated_at = $3
     FROM (SELECT status AS was FROM render_jobs WHERE id = $1 FOR UPDATE) before
     WHERE r.id = $1 AND r.status IN ('running', 'paused_insufficient_credits')
     RETURNING before.was`,
    [jobId, requiredMicros, now],
  );
  return rows[0]?.was === 'running';
}

/** Paused → running; returns false when the job was not paused (someone else resumed it). */
export async function resumeJob(db: Queryable, jobId: string, now: Date): Promise<boolean> {
  const rows = await db.query(
    `UPDATE render_jobs SET status = 'running', pause_reason = NULL, required_micros = NULL, updated_at = $2
     WHERE id = $1 AND status = 'paused_insufficient_credits' RETURNING id`,
    [jobId, now],
  );
  return rows.length > 0;
}

/**
 * Running (or paused) → completed when at least `taskCount` of its tasks are completed and none is
 * running: a job is completed when all its tasks are. Returns true when this call completed it.
 */
export async function completeJobIfDone(
  db: Queryable,
  jobId: string,
  taskCount: number,
  now: Date,
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE render_jobs j SET status = 'completed', pause_reason = NULL, required_micros = NULL, updated_at = $3
     WHERE j.id = $1 AND j.status IN ('running', 'paused_insufficient_credits')
       AND (SELECT count(*) FROM render_tasks t WHERE t.job_id = j.id AND t.status = 'completed') >= $2
       AND NOT EXISTS (SELECT 1 FROM render_tasks t WHERE t.job_id = j.id AND t.status = 'running')
     RETURNING id`,
    [jobId, taskCount, now],
  );
  return rows.length > 0;
}

/** An account's paused jobs, longest-paused first. */
export async function findPausedJobs(db: Queryable, accountId: string): Promise<RenderJobRecord[]> {
  const rows = await db.query<JobRow>(
    `SELECT * FROM render_jobs WHERE account_id = $1 AND status = 'paused_insufficient_credits'
     ORDER BY updated_at, id`,
    [accountId],
  );
  return rows.map(jobFromRow);
}

// --- tasks ------------------------------------------------------------------------------------

/** Records a task whose hold is placed; a repeat (same job and farm task id) keeps the first row. */
export async function ensureTask(db: Queryable, task: RenderTaskRecord): Promise<RenderTaskRecord> {
  await db.query(
    `INSERT INTO render_tasks (id, job_id, account_id, external_id, status, gpus, cpu_cores, ram_gb,
       storage_gb, time_limit_seconds, max_cost_micros, hold_id, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
     ON CONFLICT ON CONSTRAINT render_tasks_external DO NOTHING`,
    [
      task.id,
      task.jobId,
      task.accountId,
      task.externalId,
      task.status,
      task.limits.gpus,
      task.limits.cpuCores,
      task.limits.ramGb,
      task.limits.storageGb,
      task.timeLimitSeconds,
      task.maxCostMicros,
      task.holdId,
      task.createdAt,
      task.updatedAt,
    ],
  );
  return (await findTask(db, task.jobId, task.externalId))!;
}

export async function findTask(
  db: Queryable,
  jobId: string,
  externalId: string,
): Promise<RenderTaskRecord | undefined> {
  const rows = await db.query<TaskRow>('SELECT * FROM render_tasks WHERE job_id = $1 AND external_id = $2', [
    jobId,
    externalId,
  ]);
  return rows[0] ? taskFromRow(rows[0]) : undefined;
}

/** A job's tasks in the order they were started. */
export async function listTasks(db: Queryable, jobId: string): Promise<RenderTaskRecord[]> {
  const rows = await db.query<TaskRow>(
    'SELECT * FROM render_tasks WHERE job_id = $1 ORDER BY created_at, external_id',
    [jobId],
  );
  return rows.map(taskFromRow);
}

/** running → completed, once; a concurrent duplicate changes nothing. */
export async function markTaskCompleted(
  db: Queryable,
  taskId: string,
  c: { usage: RenderUsage; actualCostMicros: bigint; chargeTransactionId: string | null; now: Date },
): Promise<void> {
  await db.query(
    `UPDATE render_tasks SET status = 'completed', used_seconds = $2, used_gpus = $3, used_cpu_cores = $4,
       used_ram_gb = $5, used_storage_gb = $6, actual_cost_micros = $7, charge_transaction_id = $8,
       updated_at = $9
     WHERE id = $1 AND status = 'running'`,
    [
      taskId,
      c.usage.seconds,
      c.usage.gpus,
      c.usage.cpuCores,
      c.usage.ramGb,
      c.usage.storageGb,
      c.actualCostMicros,
      c.chargeTransactionId,
      c.now,
    ],
  );
}

/** running → failed, once, with why. */
export async function markTaskFailed(
  db: Queryable,
  taskId: string,
  reason: string,
  now: Date,
): Promise<void> {
  await db.query(
    `UPDATE render_tasks SET status = 'failed', failure_reason = $2, updated_at = $3
     WHERE id = $1 AND status = 'running'`,
    [taskId, reason, now],
  );
}
