import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgres } from '../support/databases.js';
import { type Harness, startHarness, uniqueKey } from '../support/harness.js';
import { openPostgres } from '../../src/kernel/db/postgres.js';
import { LedgerWriter } from '../../src/ledger/ledger-writer.js';

/**
 * Issue 18: a stalled database (a lock held on a wallet row) makes requests fail within the time
 * limit with 503 overloaded and Retry-After, never hang and never 500; once the lock goes the
 * service recovers by itself, and retries under the same keys charge exactly once.
 */
describe.skipIf(!postgres)('a stalled wallet row (postgres)', () => {
  const STATEMENT_MS = 500;
  const DEADLINE_MS = 1_500;
  let h: Harness;
  let locker: pg.Client;
  beforeAll(async () => {
    const fresh = await postgres!.fresh();
    h = await startHarness(postgres!, {
      database: {
        ...fresh,
        open: async () =>
          openPostgres(fresh.url!, 10, 2, {
            connectMs: 2_000,
            statementMs: STATEMENT_MS,
            idleInTransactionMs: 60_000,
          }),
      },
    });
    h.engine.ledger = new LedgerWriter(h.engine.db, h.clock, 512, {
      maxQueued: 1_000,
      queueDeadlineMs: DEADLINE_MS,
    });
    locker = new pg.Client({ connectionString: fresh.url });
    await locker.connect();
    const close = h.close;
    h.close = async () => {
      await locker.end().catch(() => {});
      await close();
      await fresh.drop();
    };
  });
  afterAll(async () => h?.close());

  const charge = (accountId: string, key: string) =>
    h.call('POST', `/v1/accounts/${accountId}/charges`, {
      key: h.serviceKey,
      idempotencyKey: key,
      body: { amount: { amount: '1', unit: 'CREDIT' }, productLine: 'compute', description: 'stalled' },
    });

  it('answers 503 overloaded within the bound while the row is locked, then recovers; retries charge once', async () => {
    const accountId = await h.openAccount('Stalled');
    await h.fund(accountId, '100');
    const other = await h.openAccount('Unaffected');
    await h.fund(other, '100');

    await locker.query('BEGIN');
    await locker.query(`SELECT * FROM wallet_balances WHERE ledger_account_id = $1 FOR UPDATE`, [
      `wallet:${accountId}:CREDIT`,
    ]);
    const keys = Array.from({ length: 8 }, () => uniqueKey('stall'));
    const started = performance.now();
    const stalled = await Promise.all(keys.map((k) => charge(accountId, k)));
    const elapsed = Math.round(performance.now() - started);
    for (const res of stalled) {
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ code: 'overloaded' });
      expect(res.headers['retry-after']).toBe('1');
    }
    // Every request waited at most for one statement limit plus the queue deadline.
    expect(elapsed).toBeLessThan(STATEMENT_MS + DEADLINE_MS + 2_000);
    console.info(`stall: ${stalled.length} charges on a locked wallet answered 503 in ${elapsed} ms`);

    // Another account's wallet is not stalled by it once the writer has let go.
    expect((await charge(other, uniqueKey('free'))).statusCode).toBe(201);

    await locker.query('ROLLBACK');
    const retried = await Promise.all(keys.map((k) => charge(accountId, k)));
    for (const res of retried) expect(res.statusCode).toBe(201);
    const again = await Promise.all(keys.map((k) => charge(accountId, k)));
    for (const res of again) expect(res.statusCode).toBe(201);
    const balances = (await h.call('GET', `/v1/accounts/${accountId}/balances`)).json().balances;
    expect(balances.find((b: { unit: string }) => b.unit === 'CREDIT').balance).toBe('92.000000');
  });
});
