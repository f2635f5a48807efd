import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withRest } from '../../src/kernel/pacing.js';
import type { Database } from '../../src/kernel/db/database.js';
import { type FreshDatabase, postgres } from '../support/databases.js';

/**
 * The storage sweep's claims and ledger batches commit without waiting for the WAL flush. That
 * must stay inside their own transactions: a pooled connection handed to a customer's charge
 * afterwards commits durably again.
 */
describe.runIf(postgres)('lazy commits on real PostgreSQL', () => {
  let database: FreshDatabase;
  let db: Database;
  beforeAll(async () => {
    database = await postgres!.fresh();
    db = await database.open();
  });
  afterAll(async () => database.drop());

  const setting = (tx: { query: Database['query'] }) =>
    tx.query<{ synchronous_commit: string }>('SHOW synchronous_commit').then((r) => r[0]!.synchronous_commit);

  it('a lazy transaction commits with synchronous_commit off; every other one, on every pooled connection, durably', async () => {
    const lazy = await Promise.all(
      Array.from({ length: 20 }, () => db.transaction(setting, { lazyCommit: true })),
    );
    expect(lazy).toEqual(Array(20).fill('off'));
    const after = await Promise.all(Array.from({ length: 20 }, () => db.transaction(setting)));
    expect(after).toEqual(Array(20).fill('on'));
    expect(await setting(db)).toBe('on');
  });

  it('an autocommitted statement that turns synchronous_commit off (a background batch, a claim) changes no pooled connection', async () => {
    const lazy = await Promise.all(
      Array.from({ length: 20 }, () =>
        db.query<{ lazy: string }>(`SELECT set_config('synchronous_commit', 'off', true) AS lazy`),
      ),
    );
    expect(lazy.map((r) => r[0]!.lazy)).toEqual(Array(20).fill('off'));
    const after = await Promise.all(Array.from({ length: 20 }, () => setting(db)));
    expect(after).toEqual(Array(20).fill('on'));
  });

  it('a lazy transaction that fails rolls back like any other', async () => {
    await db.query('CREATE TABLE lazy_probe (id int PRIMARY KEY)');
    await expect(
      db.transaction(
        async (tx) => {
          await tx.query('INSERT INTO lazy_probe VALUES (1)');
          await tx.query('INSERT INTO lazy_probe VALUES (1)'); // duplicate key
        },
        { lazyCommit: true },
      ),
    ).rejects.toThrow(/duplicate key/);
    expect(await db.query('SELECT * FROM lazy_probe')).toEqual([]);
  });
});

describe('pacing background work', () => {
  const busy = (ms: number) => new Promise<string>((resolve) => setTimeout(() => resolve('done'), ms));

  it('rests the given share of the time the work took, after it, and returns its result', async () => {
    const start = performance.now();
    expect(await withRest(0.5, () => busy(40))).toBe('done');
    // 40 ms of work, then at least 20 ms of rest (timers may fire up to 1 ms early).
    expect(performance.now() - start).toBeGreaterThanOrEqual(58);
  });

  it('does not rest at a ratio of 0', async () => {
    const start = performance.now();
    await withRest(0, () => busy(40));
    expect(performance.now() - start).toBeLessThan(58);
  });
});
