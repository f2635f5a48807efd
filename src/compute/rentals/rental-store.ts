import { currentTestClockId } from '../../kernel/clock.js';
import type {
  PeriodUnit,
  InstanceRecord,
  InstanceStatus,
  InstanceTypeRecord,
  OwedStorage,
} from './rentals-rules.js';
import type { Queryable } from '../../kernel/db/database.js';

/** The columns `typeFromRow` reads. */
type TypeRow = {
  code: string;
  name: string;
  compute_micros_per_hour: bigint;
  storage_micros_per_gb_hour: bigint;
  available: boolean;
  created_by: string;
  created_at: Date;
  max_disk_gb: number;
  version: number;
};

function typeFromRow(row: TypeRow): InstanceTypeRecord {
  return {
    code: row.code,
    version: Number(row.version),
    name: row.name,
    computeMicrosPerHour: row.compute_micros_per_hour,
    storageMicrosPerGbHour: row.storage_micros_per_gb_hour,
    maxDiskGb: Number(row.max_disk_gb),
    available: row.available,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

/** The columns `instanceFromRow` reads. */
type InstanceRow = {
  id: string;
  account_id: string;
  type_code: string;
  period_unit: PeriodUnit;
  compute_micros_per_hour: bigint;
  storage_micros_per_gb_hour: bigint;
  status: InstanceStatus;
  auto_renew: boolean;
  fleet_instance_id: string | null;
  current_period_start: Date;
  current_period_end: Date;
  storage_paid_until: Date;
  stopped_at: Date | null;
  termination_requested_at: Date | null;
  terminated_at: Date | null;
  created_at: Date;
  updated_at: Date;
  disk_gb: number;
  period_count: number;
  type_version: number;
};

function instanceFromRow(row: InstanceRow): InstanceRecord {
  return {
    id: row.id,
    accountId: row.account_id,
    typeCode: row.type_code,
    typeVersion: Number(row.type_version),
    diskGb: Number(row.disk_gb),
    periodUnit: row.period_unit,
    periodCount: Number(row.period_count),
    computeMicrosPerHour: row.compute_micros_per_hour,
    storageMicrosPerGbHour: row.storage_micros_per_gb_hour,
    status: row.status,
    autoRenew: row.auto_renew,
    fleetInstanceId: row.fleet_instance_id ?? null,
    currentPeriodStart: row.current_period_start,
    currentPeriodEnd: row.current_period_end,
    storagePaidUntil: row.storage_paid_until,
    stoppedAt: row.stopped_at ?? null,
    terminationRequestedAt: row.termination_requested_at ?? null,
    terminatedAt: row.terminated_at ?? null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The catalog in force: the latest version of each type. */
export async function listInstanceTypes(db: Queryable): Promise<InstanceTypeRecord[]> {
  const rows = await db.query<TypeRow>(
    `SELECT DISTINCT ON (code) * FROM gpu_instance_type_versions ORDER BY code, version DESC`,
  );
  return rows.map(typeFromRow);
}

export async function findInstanceType(db: Queryable, code: string): Promise<InstanceTypeRecord | undefined> {
  const rows = await db.query<TypeRow>(
    `SELECT * FROM gpu_instance_type_versions WHERE code = $1 ORDER BY version DESC LIMIT 1`,
    [code],
  );
  return rows[0] ? typeFromRow(rows[0]) : undefined;
}

/** Appends a catalog version (the next number for its code); a race on the number fails the insert. */
export async function insertInstanceTypeVersion(
  tx: Queryable,
  t: Omit<InstanceTypeRecord, 'version'>,
): Promise<InstanceTypeRecord> {
  const rows = await tx.query<TypeRow>(
    `INSERT INTO gpu_instance_type_versions
       (code, version, name, compute_micros_per_hour, storage_micros_per_gb_hour, max_disk_gb, available,
        created_by, created_at)
     SELECT $1, COALESCE(max(version), 0) + 1, $2, $3, $4, $5, $6, $7, $8
       FROM gpu_instance_type_versions WHERE code = $1
     RETURNING *`,
    [
      t.code,
      t.name,
      t.computeMicrosPerHour,
      t.storageMicrosPerGbHour,
      t.maxDiskGb,
      t.available,
      t.createdBy,
      t.createdAt,
    ],
  );
  return typeFromRow(rows[0]!);
}

/** Records an instance; an instance already recorded (a replayed rent) is left as it is. */
export async function insertInstance(tx: Queryable, i: InstanceRecord): Promise<void> {
  await tx.query(
    `INSERT INTO gpu_instances (id, account_id, type_code, type_version, disk_gb, period_unit, period_count,
       compute_micros_per_hour, storage_micros_per_gb_hour, status, auto_renew, fleet_instance_id,
       current_period_start, current_period_end, storage_paid_until, stopped_at, termination_requested_at,
       terminated_at, created_at, updated_at, test_clock_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)
     ON CONFLICT (id) DO NOTHING`,
    [
      i.id,
      i.accountId,
      i.typeCode,
      i.typeVersion,
      i.diskGb,
      i.periodUnit,
      i.periodCount,
      i.computeMicrosPerHour,
      i.storageMicrosPerGbHour,
      i.status,
      i.autoRenew,
      i.fleetInstanceId,
      i.currentPeriodStart,
      i.currentPeriodEnd,
      i.storagePaidUntil,
      i.stoppedAt,
      i.terminationRequestedAt,
      i.terminatedAt,
      i.createdAt,
      i.updatedAt,
      // The clock the instance's hours are counted on: the storage sweep of that clock charges them.
      currentTestClockId(),
    ],
  );
}

export async function findInstance(db: Queryable, id: string): Promise<InstanceRecord | undefined> {
  const rows = await db.query<InstanceRow>('SELECT * FROM gpu_instances WHERE id = $1', [id]);
  return rows[0] ? instanceFromRow(rows[0]) : undefined;
}

export async function findInstances(db: Queryable, ids: readonly string[]): Promise<InstanceRecord[]> {
  if (ids.length === 0) return [];
  const rows = await db.query<InstanceRow>(
    'SELECT * FROM gpu_instances WHERE id = ANY($1::text[]) ORDER BY id',
    [ids],
  );
  return rows.map(instanceFromRow);
}

export async function listInstances(db: Queryable, accountId: string): Promise<InstanceRecord[]> {
  const rows = await db.query<InstanceRow>(
    'SELECT * FROM gpu_instances WHERE account_id = $1 ORDER BY created_at DESC, id DESC LIMIT 500',
    [accountId],
  );
  return rows.map(instanceFromRow);
}

/** An account's instances that can still be terminated (running or stopped), in id order. */
export async function listLiveInstances(db: Queryable, accountId: string): Promise<InstanceRecord[]> {
  const rows = await db.query<InstanceRow>(
    `SELECT * FROM gpu_instances WHERE account_id = $1 AND status IN ('running', 'stopped') ORDER BY id`,
    [accountId],
  );
  return rows.map(instanceFromRow);
}

async function updateOne(db: Queryable, sql: string, params: unknown[]): Promise<InstanceRecord | undefined> {
  const rows = await db.query<InstanceRow>(sql, params);
  return rows[0] ? instanceFromRow(rows[0]) : undefined;
}

export function setFleetInstanceId(db: Queryable, id: string, fleetId: string, now: Date) {
  return updateOne(
    db,
    `UPDATE gpu_instances SET fleet_instance_id = $2, updated_at = $3
     WHERE id = $1 AND fleet_instance_id IS NULL RETURNING *`,
    [id, fleetId, now],
  );
}

/** running → stopped, only while still in the period the caller saw (compare-and-set). */
export function markStopped(db: Queryable, id: string, periodEnd: Date, stoppedAt: Date, now: Date) {
  return updateOne(
    db,
    `UPDATE gpu_instances SET status = 'stopped', stopped_at = $3, updated_at = $4
     WHERE id = $1 AND status = 'running' AND current_period_end = $2 RETURNING *`,
    [id, periodEnd, stoppedAt, now],
  );
}

/** A renewal: the next period follows the current one, whose end the caller saw. */
export function markRenewed(db: Queryable, id: string, oldEnd: Date, newEnd: Date, now: Date) {
  return updateOne(
    db,
    `UPDATE gpu_instances SET current_period_start = $2, current_period_end = $3, storage_paid_until = $3,
       updated_at = $4
     WHERE id = $1 AND status = 'running' AND current_period_end = $2 RETURNING *`,
    [id, oldEnd, newEnd, now],
  );
}

/** stopped → running with a newly paid period. */
export function markStarted(db: Queryable, id: string, stoppedAt: Date, start: Date, end: Date, now: Date) {
  return updateOne(
    db,
    `UPDATE gpu_instances SET status = 'running', stopped_at = NULL, current_period_start = $3,
       current_period_end = $4, storage_paid_until = GREATEST(storage_paid_until, $4), updated_at = $5
     WHERE id = $1 AND status = 'stopped' AND stopped_at = $2 AND termination_requested_at IS NULL
     RETURNING *`,
    [id, stoppedAt, start, end, now],
  );
}

export function setAutoRenew(db: Queryable, id: string, autoRenew: boolean, now: Date) {
  return updateOne(
    db,
    `UPDATE gpu_instances SET auto_renew = $2, updated_at = $3 WHERE id = $1 AND status <> 'terminated'
     RETURNING *`,
    [id, autoRenew, now],
  );
}

/** The single winner of this update is the one that asks the fleet to destroy the instance. */
export function requestTermination(db: Queryable, id: string, now: Date) {
  return updateOne(
    db,
    `UPDATE gpu_instances SET termination_requested_at = $2, updated_at = $2
     WHERE id = $1 AND status = 'stopped' AND termination_requested_at IS NULL RETURNING *`,
    [id, now],
  );
}

export function markTerminated(db: Queryable, id: string, now: Date) {
  return updateOne(
    db,
    `UPDATE gpu_instances SET status = 'terminated', terminated_at = $2, updated_at = $2
     WHERE id = $1 AND status = 'stopped' AND termination_requested_at IS NOT NULL RETURNING *`,
    [id, now],
  );
}

export async function insertInstanceEvent(
  db: Queryable,
  e: {
    instanceId: string;
    type: string;
    transactionId: string | null;
    at: Date;
    details?: Record<string, string>;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO gpu_instance_events (instance_id, type, transaction_id, at, details) VALUES ($1, $2, $3, $4, $5)`,
    [e.instanceId, e.type, e.transactionId, e.at, JSON.stringify(e.details ?? {})],
  );
}

/**
 * One page of the hourly storage sweep: stopped instances that owe the hour starting at their
 * `storage_paid_until` by `cutoff` (= now − 1 h), or whose termination a crash interrupted, account
 * by account (keyset on account and id, after `after`), so an account's instances share a page.
 * Only the columns the sweep reads: it reads every stopped instance each hour.
 */
export async function listStorageOwed(
  db: Queryable,
  cutoff: Date,
  after: { accountId: string; id: string },
  limit: number,
): Promise<OwedStorage[]> {
  const rows = await db.query<{
    id: string;
    account_id: string;
    disk_gb: number;
    storage_micros_per_gb_hour: bigint;
    storage_paid_until: Date;
    terminating: boolean;
  }>(
    `SELECT id, account_id, disk_gb, storage_micros_per_gb_hour, storage_paid_until,
            termination_requested_at IS NOT NULL AS terminating
     FROM gpu_instances
     WHERE status = 'stopped' AND (termination_requested_at IS NOT NULL OR storage_paid_until <= $1)
       AND (account_id, id) > ($2, $3) AND test_clock_id = $5
     ORDER BY account_id, id LIMIT $4`,
    [cutoff, after.accountId, after.id, limit, currentTestClockId()],
  );
  return rows.map((row) => ({
    id: row.id,
    accountId: row.account_id,
    diskGb: Number(row.disk_gb),
    storageMicrosPerGbHour: row.storage_micros_per_gb_hour,
    hourStart: row.storage_paid_until,
    terminating: row.terminating,
  }));
}

/** When the storage sweep is next needed: the earliest end of a stopped instance's unpaid hour, or null. */
export async function nextStorageOwedAt(db: Queryable, now: Date): Promise<Date | null> {
  const rows = await db.query<{ at: Date | null }>(
    `SELECT min(CASE WHEN termination_requested_at IS NOT NULL THEN $1::timestamptz
                     ELSE storage_paid_until + interval '1 hour' END) AS at
     FROM gpu_instances WHERE status = 'stopped' AND test_clock_id = $2`,
    [now, currentTestClockId()],
  );
  return rows[0]?.at ?? null;
}

/** Available CREDIT (balance − live holds) of each account, in one query. */
export async function creditAvailableOf(
  db: Queryable,
  accountIds: readonly string[],
  now: Date,
): Promise<Map<string, bigint>> {
  if (accountIds.length === 0) return new Map();
  const rows = await db.query<{ account_id: string; available: bigint }>(
    `SELECT w.account_id,
            (w.balance_micros - (w.held_micros - COALESCE((SELECT sum(h.amount_micros) FROM holds h
               WHERE h.wallet_id = w.ledger_account_id AND h.status = 'pending' AND h.expires_at <= $2), 0)))::int8
              AS available
     FROM wallet_balances w WHERE w.account_id = ANY($1::text[]) AND w.unit = 'CREDIT'`,
    [accountIds, now],
  );
  return new Map(rows.map((r) => [r.account_id, r.available]));
}
