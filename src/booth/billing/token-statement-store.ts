import type { Queryable } from '../../kernel/db/database.js';
import type { TokenChargeRow } from './token-statement-rules.js';

/** The account's token charges in [from, to), oldest first. */
export async function findTokenCharges(
  db: Queryable,
  accountId: string,
  from: Date,
  to: Date,
): Promise<TokenChargeRow[]> {
  const rows = await db.query<{
    id: string;
    created_at: Date;
    amount_micros: bigint;
    event_id: string | null;
    event_name: string | null;
    session_id: string | null;
  }>(
    `SELECT t.id, t.created_at, t.amount_micros, t.metadata->>'eventId' AS event_id, e.name AS event_name,
            t.metadata->>'sessionId' AS session_id
     FROM transactions t LEFT JOIN booth_events e ON e.id = t.metadata->>'eventId'
     WHERE t.account_id = $1 AND t.unit = 'TOKEN' AND t.kind = 'charge'
       AND t.created_at >= $2 AND t.created_at < $3
     ORDER BY t.created_at, t.seq`,
    [accountId, from, to],
  );
  return rows.map((r) => ({
    transactionId: r.id,
    createdAt: r.created_at,
    tokensMicros: -r.amount_micros,
    eventId: r.event_id,
    eventName: r.event_name,
    sessionId: r.session_id,
  }));
}

/** Outputs paid by these charges, counted and summed per (event, kind). */
export async function countOutputsOfCharges(
  db: Queryable,
  accountId: string,
  transactionIds: readonly string[],
): Promise<{ eventId: string; kind: string; count: number; tokensMicros: bigint }[]> {
  if (transactionIds.length === 0) return [];
  const rows = await db.query<{ event_id: string; kind: string; n: bigint; tokens: bigint }>(
    `SELECT event_id, kind, count(*)::int8 AS n, sum(cost_micros)::int8 AS tokens FROM booth_outputs
     WHERE account_id = $1 AND transaction_id = ANY($2::text[])
     GROUP BY event_id, kind ORDER BY event_id, kind`,
    [accountId, transactionIds],
  );
  return rows.map((r) => ({ eventId: r.event_id, kind: r.kind, count: Number(r.n), tokensMicros: r.tokens }));
}
