import type { Queryable } from '../../kernel/db/database.js';

/**
 * What an account's GPU instances cost per hour right now, at the prices each was rented at:
 * compute and storage for running instances (what renewing them costs), storage alone for stopped
 * ones (what they draw from the balance every hour). Terminated instances cost nothing.
 */
export async function hourlyBurnMicros(db: Queryable, accountId: string): Promise<bigint> {
  const rows = await db.query<{ burn: bigint }>(
    `SELECT COALESCE(sum(disk_gb::int8 * storage_micros_per_gb_hour
              + CASE WHEN status = 'running' THEN compute_micros_per_hour ELSE 0 END), 0)::int8 AS burn
     FROM gpu_instances WHERE account_id = $1 AND status IN ('running', 'stopped')`,
    [accountId],
  );
  return rows[0]!.burn;
}
