/**
 * Due work: everything time-driven (renewals, hourly storage fees, alerts, terminations,
 * notification retries) is a row with a due time, unique per (kind, subject, period), so
 * scheduling the same work twice, late, or from two nodes at once makes one row. Runners claim
 * due rows with FOR UPDATE SKIP LOCKED under a lease; the work itself must be idempotent (its
 * ledger writes carry keys derived from kind, subject and period), so a run repeated after a
 * crash or an expired lease changes nothing twice.
 */
export const sql = `
CREATE TABLE due_work (
  id           int8 GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind         text NOT NULL,
  subject      text NOT NULL,
  period       text NOT NULL,
  due_at       timestamptz NOT NULL,
  payload      jsonb NOT NULL DEFAULT '{}',
  status       text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed', 'cancelled')),
  attempts     int NOT NULL DEFAULT 0,
  leased_until timestamptz,
  last_error   text,
  finished_at  timestamptz,
  CONSTRAINT due_work_once UNIQUE (kind, subject, period)
);
CREATE INDEX due_work_due ON due_work (due_at) WHERE status = 'pending';
CREATE INDEX due_work_by_subject ON due_work (subject, kind) WHERE status = 'pending';
`;
