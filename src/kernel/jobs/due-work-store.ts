import { currentTestClockId } from '../clock.js';
import type { Queryable } from '../db/database.js';
import type { DueWork, DueWorkSpec } from './due-work-rules.js';

/** The columns `dueWorkFromRow` reads. */
type DueWorkRow = {
  id: bigint;
  kind: string;
  subject: string;
  period: string;
  due_at: Date;
  payload: Record<string, unknown>;
  attempts: number;
};

function dueWorkFromRow(row: DueWorkRow): DueWork {
  return {
    id: row.id,
    kind: row.kind,
    subject: row.subject,
    period: row.period,
    dueAt: row.due_at,
    payload: row.payload,
    attempts: row.attempts,
  };
}

/**
 * Schedules work; an occurrence already scheduled (same kind, subject, period) is left as it is.
 * Work scheduled on a test clock (a request or work of an account on one) belongs to that clock.
 */
export async function scheduleWork(q: Queryable, items: readonly DueWorkSpec[]): Promise<number> {
  if (items.length === 0) return 0;
  const rows = await q.query(
    `INSERT INTO due_work (kind, subject, period, due_at, payload, test_clock_id)
     SELECT kind, subject, period, due_at, payload, $2 FROM jsonb_to_recordset($1::jsonb)
       AS w(kind text, subject text, period text, due_at timestamptz, payload jsonb)
     ON CONFLICT ON CONSTRAINT due_work_once DO NOTHING RETURNING id`,
    [
      JSON.stringify(
        items.map((w) => ({
          ...w,
          due_at: w.dueAt.toISOString(),
          payload: w.payload ?? {},
          dueAt: undefined,
        })),
      ),
      currentTestClockId(),
    ],
  );
  return rows.length;
}

/**
 * Claims up to `limit` due rows for `leaseMs`: one statement, rows locked with SKIP LOCKED so two
 * runners never take the same row, and a lease so a runner that dies mid-work hands it back. Only
 * the work of the current clock: the real one's, or the test clock's being advanced.
 */
export async function claimDueWork(
  q: Queryable,
  now: Date,
  limit: number,
  leaseMs: number,
): Promise<DueWork[]> {
  const rows = await q.query<DueWorkRow>(
    `UPDATE due_work SET leased_until = $2, attempts = attempts + 1
     WHERE id IN (
       SELECT id FROM due_work
       WHERE status = 'pending' AND due_at <= $1 AND (leased_until IS NULL OR leased_until <= $1)
         AND test_clock_id = $4
       ORDER BY due_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)
     RETURNING *`,
    [now, new Date(now.getTime() + leaseMs), limit, currentTestClockId()],
  );
  return rows
    .map(dueWorkFromRow)
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || Number(a.id - b.id));
}

export async function finishWork(q: Queryable, id: bigint, now: Date): Promise<void> {
  await q.query(`UPDATE due_work SET status = 'done', finished_at = $2, leased_until = NULL WHERE id = $1`, [
    id,
    now,
  ]);
}

/** Hands work back for another attempt at `retryAt`, or gives up (`failed`) when `retryAt` is null. */
export async function failWork(
  q: Queryable,
  id: bigint,
  error: string,
  retryAt: Date | null,
  now: Date,
): Promise<void> {
  await q.query(
    `UPDATE due_work SET last_error = $2, leased_until = $3,
       status = CASE WHEN $3::timestamptz IS NULL THEN 'failed' ELSE 'pending' END,
       finished_at = CASE WHEN $3::timestamptz IS NULL THEN $4::timestamptz END
     WHERE id = $1`,
    [id, error.slice(0, 2000), retryAt, now],
  );
}

/** Cancels the pending occurrences of one kind of work about a subject (an instance stopped early). */
export async function cancelWork(q: Queryable, kind: string, subject: string, now: Date): Promise<number> {
  const rows = await q.query(
    `UPDATE due_work SET status = 'cancelled', finished_at = $3
     WHERE subject = $2 AND kind = $1 AND status = 'pending' RETURNING id`,
    [kind, subject, now],
  );
  return rows.length;
}

/**
 * When the current clock's pending work can next be claimed (its due time, or the end of its lease:
 * a retry's time), or null: lets a test clock jump there.
 */
export async function nextDueAt(q: Queryable): Promise<Date | null> {
  const rows = await q.query<{ due_at: Date | null }>(
    `SELECT min(greatest(due_at, coalesce(leased_until, due_at))) AS due_at FROM due_work
     WHERE status = 'pending' AND test_clock_id = $1`,
    [currentTestClockId()],
  );
  return rows[0]?.due_at ?? null;
}
