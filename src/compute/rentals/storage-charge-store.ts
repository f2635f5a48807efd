import type { Database, Queryable } from '../../kernel/db/database.js';
import type { StorageChargeRecord, StorageHourClaim } from './rentals-rules.js';

const RETURNED = `id, account_id, hour_start, instance_ids, fees_micros::text[] AS fees, disk_gb, amount_micros`;

/** The columns `chargeFromRow` reads. */
type ChargeRow = {
  id: string;
  account_id: string;
  hour_start: Date;
  instance_ids: string[];
  fees: string[];
  amount_micros: bigint;
  disk_gb: bigint;
};

function chargeFromRow(row: ChargeRow): StorageChargeRecord {
  return {
    id: row.id,
    accountId: row.account_id,
    hourStart: row.hour_start,
    instanceIds: row.instance_ids,
    feesMicros: row.fees.map((f) => BigInt(f)),
    diskGb: Number(row.disk_gb),
    amountMicros: row.amount_micros,
  };
}

/**
 * Claims stopped hours, in one statement: every instance still stopped, not being terminated and
 * still paid up to exactly `hourStart` moves on by an hour (compare-and-set, so two sweeps never
 * claim one instance-hour), and each `chargeId` becomes a row holding the instances it won.
 * Returns the charges created; an instance another caller claimed first is simply left out.
 * Committed lazily: a claim lost in a crash leaves its hours owed, and the next sweep claims them.
 */
export async function claimStorageHours(
  db: Database,
  claims: readonly StorageHourClaim[],
  now: Date,
): Promise<StorageChargeRecord[]> {
  if (claims.length === 0) return [];
  const claim = (tx: Queryable) =>
    tx.query<ChargeRow>(
      `WITH input AS (
       SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::int8[])
         AS i(charge_id, instance_id, hour_start, fee_micros)),
     claimed AS (
       UPDATE gpu_instances g SET storage_paid_until = g.storage_paid_until + interval '1 hour', updated_at = $5
       FROM input i
       WHERE g.id = ANY($2::text[]) AND g.id = i.instance_id AND g.status = 'stopped'
         AND g.termination_requested_at IS NULL
         -- JavaScript dates carry milliseconds; a value written by SQL could carry microseconds.
         AND date_trunc('milliseconds', g.storage_paid_until) = i.hour_start
       RETURNING i.charge_id, g.account_id, i.instance_id, i.hour_start, i.fee_micros, g.disk_gb)
     INSERT INTO storage_charges (id, account_id, hour_start, instance_ids, fees_micros, disk_gb, amount_micros, created_at)
     SELECT charge_id, account_id, hour_start, array_agg(instance_id ORDER BY instance_id),
            array_agg(fee_micros ORDER BY instance_id), sum(disk_gb), sum(fee_micros), $5
     FROM claimed GROUP BY charge_id, account_id, hour_start
     RETURNING ${RETURNED}`,
      [
        claims.map((c) => c.chargeId),
        claims.map((c) => c.instanceId),
        claims.map((c) => c.hourStart.toISOString()),
        claims.map((c) => c.feeMicros.toString()),
        now,
      ],
    );
  return (await db.transaction(claim, { lazyCommit: true })).map(chargeFromRow);
}

/** Claims without a ledger outcome yet (a crash, a failed charge, or a sweep running now), by id after `afterId`. */
export async function listUnsettledStorageCharges(
  db: Queryable,
  afterId: string,
  limit: number,
): Promise<StorageChargeRecord[]> {
  const rows = await db.query<ChargeRow>(
    `SELECT ${RETURNED} FROM storage_charges WHERE settled_at IS NULL AND id > $1 ORDER BY id LIMIT $2`,
    [afterId, limit],
  );
  return rows.map(chargeFromRow);
}

/**
 * Records each charge's outcome (what it took, its transaction; none when nothing was available)
 * and requests the termination of `terminate`: the instances whose fee it did not cover. One
 * statement, so a crash cannot record an uncovered hour without its termination.
 */
export async function settleStorageCharges(
  db: Queryable,
  settled: readonly { id: string; paidMicros: bigint; transactionId: string | null }[],
  terminate: readonly string[],
  now: Date,
): Promise<void> {
  if (settled.length === 0) return;
  await db.query(
    `WITH settled AS (
       UPDATE storage_charges c SET paid_micros = v.paid_micros, transaction_id = v.transaction_id, settled_at = $5
       FROM unnest($1::text[], $2::int8[], $3::text[]) AS v(id, paid_micros, transaction_id)
       WHERE c.id = ANY($1::text[]) AND c.id = v.id AND c.settled_at IS NULL
       RETURNING 1)
     UPDATE gpu_instances SET termination_requested_at = $5, updated_at = $5
     WHERE id = ANY($4::text[]) AND status = 'stopped' AND termination_requested_at IS NULL`,
    [
      settled.map((s) => s.id),
      settled.map((s) => s.paidMicros.toString()),
      settled.map((s) => s.transactionId),
      terminate,
      now,
    ],
  );
}
