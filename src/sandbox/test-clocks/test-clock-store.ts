import type { Queryable } from '../../kernel/db/database.js';
import type { TestClockRecord } from './test-clock-rules.js';

/** The columns `testClockFromRow` reads. */
type TestClockRow = {
  id: string;
  name: string | null;
  frozen_time: Date;
  status: TestClockRecord['status'];
  created_at: Date;
};

function testClockFromRow(row: TestClockRow): TestClockRecord {
  return {
    id: row.id,
    name: row.name ?? null,
    frozenTime: row.frozen_time,
    status: row.status,
    createdAt: row.created_at,
  };
}

export async function insertTestClock(q: Queryable, clock: TestClockRecord): Promise<void> {
  await q.query(
    `INSERT INTO test_clocks (id, name, frozen_time, status, created_at) VALUES ($1, $2, $3, $4, $5)`,
    [clock.id, clock.name, clock.frozenTime, clock.status, clock.createdAt],
  );
}

export async function findTestClock(q: Queryable, id: string): Promise<TestClockRecord | undefined> {
  const rows = await q.query<TestClockRow>('SELECT * FROM test_clocks WHERE id = $1', [id]);
  return rows[0] ? testClockFromRow(rows[0]) : undefined;
}

/** The test clock an account lives on, or undefined (the real clock, or no such account). */
export async function findTestClockOfAccount(
  q: Queryable,
  accountId: string,
): Promise<TestClockRecord | undefined> {
  const rows = await q.query<TestClockRow>(
    `SELECT c.* FROM accounts a JOIN test_clocks c ON c.id = a.test_clock_id WHERE a.id = $1`,
    [accountId],
  );
  return rows[0] ? testClockFromRow(rows[0]) : undefined;
}

/** Marks the clock as advancing; false when another advance holds it (compare-and-set). */
export async function claimAdvance(q: Queryable, id: string): Promise<boolean> {
  const rows = await q.query(
    `UPDATE test_clocks SET status = 'advancing' WHERE id = $1 AND status = 'ready' RETURNING id`,
    [id],
  );
  return rows.length === 1;
}

/** Moves the clock's time on (never back), and sets its status. */
export async function saveTestClock(
  q: Queryable,
  id: string,
  frozenTime: Date,
  status: TestClockRecord['status'],
): Promise<void> {
  await q.query(`UPDATE test_clocks SET frozen_time = greatest(frozen_time, $2), status = $3 WHERE id = $1`, [
    id,
    frozenTime,
    status,
  ]);
}
