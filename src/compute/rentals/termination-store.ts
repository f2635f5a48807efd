import type { Queryable } from '../../kernel/db/database.js';
import type { AccountBurn, TerminationWarningRecord } from './termination-rules.js';

/** The settled CREDIT balance (holds not subtracted: storage is paid before holds). */
export async function settledCreditOf(db: Queryable, accountId: string): Promise<bigint> {
  const rows = await db.query<{ balance: bigint }>(
    `SELECT balance_micros AS balance FROM wallet_balances WHERE account_id = $1 AND unit = 'CREDIT'`,
    [accountId],
  );
  return rows[0]?.balance ?? 0n;
}

/** Balance, stopped instances' hourly fees and running count of each account, in one query. */
export async function burnsOf(db: Queryable, accountIds: readonly string[]): Promise<AccountBurn[]> {
  if (accountIds.length === 0) return [];
  const rows = await db.query<{ account_id: string; balance: bigint; stopped: bigint; running: bigint }>(
    `SELECT w.account_id, w.balance_micros AS balance,
            COALESCE((SELECT sum(g.disk_gb::int8 * g.storage_micros_per_gb_hour) FROM gpu_instances g
                      WHERE g.account_id = w.account_id AND g.status = 'stopped'), 0)::int8 AS stopped,
            (SELECT count(*) FROM gpu_instances g
              WHERE g.account_id = w.account_id AND g.status = 'running')::int8 AS running
     FROM wallet_balances w WHERE w.account_id = ANY($1::text[]) AND w.unit = 'CREDIT'`,
    [accountIds],
  );
  return rows.map((r) => ({
    accountId: r.account_id,
    balanceMicros: r.balance,
    stoppedBurnMicros: r.stopped,
    running: Number(r.running),
  }));
}

export async function findTerminationWarning(
  db: Queryable,
  accountId: string,
): Promise<TerminationWarningRecord | undefined> {
  const [row] = await db.query<{
    terminates_at: Date;
    warned_lead_at: Date | null;
    warned_final_at: Date | null;
  }>(
    `SELECT terminates_at, warned_lead_at, warned_final_at FROM termination_warnings WHERE account_id = $1`,
    [accountId],
  );
  return row
    ? {
        accountId,
        terminatesAt: row.terminates_at,
        warnedLeadAt: row.warned_lead_at ?? null,
        warnedFinalAt: row.warned_final_at ?? null,
      }
    : undefined;
}

/**
 * Records that the `level` warning is sent for the termination at `terminatesAt`. Returns false
 * when that level was already recorded (another check sent it): each warning goes out once.
 */
export async function markWarned(
  db: Queryable,
  accountId: string,
  level: 'lead' | 'final',
  terminatesAt: Date,
  now: Date,
): Promise<boolean> {
  const column = level === 'lead' ? 'warned_lead_at' : 'warned_final_at';
  const rows = await db.query(
    `INSERT INTO termination_warnings (account_id, terminates_at, ${column}, updated_at)
     VALUES ($1, $2, $3, $3)
     ON CONFLICT (account_id) DO UPDATE SET terminates_at = $2, ${column} = $3, updated_at = $3
       WHERE termination_warnings.${column} IS NULL
     RETURNING 1`,
    [accountId, terminatesAt, now],
  );
  return rows.length > 0;
}

/** Re-arms both warnings: no termination is foreseen within the lead any more. */
export async function clearTerminationWarning(db: Queryable, accountId: string): Promise<void> {
  await db.query(`DELETE FROM termination_warnings WHERE account_id = $1`, [accountId]);
}
