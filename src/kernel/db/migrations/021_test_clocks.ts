/**
 * Test clocks (issue 19): sandbox-only clocks an operator creates, attaches accounts to and
 * advances. An account, its due work and its GPU instances remember their clock ('' = the real
 * one), so the real scheduler never runs a test clock's work and advancing a clock runs only its own.
 * Due work's uniqueness now includes the clock: two clocks may each have a storage sweep at 10:00.
 */
export const sql = `
CREATE TABLE test_clocks (
  id text PRIMARY KEY,
  name text,
  frozen_time timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'ready' CHECK (status IN ('ready', 'advancing')),
  created_at timestamptz NOT NULL
);
ALTER TABLE accounts ADD COLUMN test_clock_id text REFERENCES test_clocks (id);
CREATE INDEX accounts_by_test_clock ON accounts (test_clock_id) WHERE test_clock_id IS NOT NULL;
ALTER TABLE gpu_instances ADD COLUMN test_clock_id text NOT NULL DEFAULT '';
ALTER TABLE due_work ADD COLUMN test_clock_id text NOT NULL DEFAULT '';
ALTER TABLE due_work DROP CONSTRAINT due_work_once;
ALTER TABLE due_work ADD CONSTRAINT due_work_once UNIQUE (kind, subject, period, test_clock_id);
CREATE INDEX due_work_due_on_test_clock ON due_work (test_clock_id, due_at)
  WHERE status = 'pending' AND test_clock_id <> '';
`;
