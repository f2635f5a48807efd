import type { TransactionKind } from '../../ledger/ledger-rules.js';
import type { Unit } from '../../kernel/money.js';
import type { Queryable } from '../../kernel/db/database.js';
import type { UsageDay } from './billing-rules.js';

/** Sum of each kind's signed amounts for one account and unit. */
export async function sumByKind(
  db: Queryable,
  accountId: string,
  unit: Unit,
): Promise<Map<TransactionKind, bigint>> {
  return new Map([...(await sumsByKind(db, accountId, unit))].map(([kind, s]) => [kind, s.total]));
}

/**
 * Per kind: the net total and the part that came INTO the wallet. For refunds that part is the
 * refunds of charges (unused compute returned, say); a refund of a payment takes credits out.
 */
export async function sumsByKind(
  db: Queryable,
  accountId: string,
  unit: Unit,
): Promise<Map<TransactionKind, { total: bigint; inflow: bigint }>> {
  const rows = await db.query<{ kind: TransactionKind; total: bigint; inflow: bigint }>(
    `SELECT kind, sum(amount_micros)::int8 AS total,
            COALESCE(sum(amount_micros) FILTER (WHERE amount_micros > 0), 0)::int8 AS inflow
     FROM transactions WHERE account_id = $1 AND unit = $2 GROUP BY kind`,
    [accountId, unit],
  );
  return new Map(rows.map((r) => [r.kind, { total: r.total, inflow: r.inflow }]));
}

/** Daily (UTC) credits used and topped up in [from, to), days without activity included as zero. */
export async function usageByDay(
  db: Queryable,
  accountId: string,
  unit: Unit,
  from: Date,
  to: Date,
): Promise<UsageDay[]> {
  const rows = await db.query<{ day: string; used: bigint; topped_up: bigint }>(
    `SELECT to_char(d.day, 'YYYY-MM-DD') AS day,
            -- Credits used: charges less the refunds of charges (refunds into the wallet).
            (COALESCE(-sum(t.amount_micros) FILTER (WHERE t.kind = 'charge'), 0)
             - COALESCE(sum(t.amount_micros) FILTER (WHERE t.kind = 'refund' AND t.amount_micros > 0), 0))::int8 AS used,
            COALESCE(sum(t.amount_micros) FILTER (WHERE t.kind = 'payment'), 0)::int8 AS topped_up
     FROM generate_series(date_trunc('day', $3::timestamptz AT TIME ZONE 'UTC'),
                          date_trunc('day', ($4::timestamptz - interval '1 microsecond') AT TIME ZONE 'UTC'),
                          interval '1 day') AS d(day)
     LEFT JOIN transactions t
       ON t.account_id = $1 AND t.unit = $2 AND t.created_at >= $3 AND t.created_at < $4
      AND date_trunc('day', t.created_at AT TIME ZONE 'UTC') = d.day
     GROUP BY d.day ORDER BY d.day`,
    [accountId, unit, from, to],
  );
  return rows.map((r) => ({ day: r.day, usedMicros: r.used, toppedUpMicros: r.topped_up }));
}
