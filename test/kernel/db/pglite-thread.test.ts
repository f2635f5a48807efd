import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isUniqueViolation } from '../../../src/kernel/db/database.js';
import { DataDirectoryInUseError, openPgliteThread } from '../../../src/kernel/db/pglite.js';
import { pglite } from '../../support/databases.js';
import { expectLedgerSound, startHarness } from '../../support/harness.js';

describe('PGlite on a worker thread of its own', () => {
  it('statements cross with bigint, Date and JSON intact; errors keep their code and constraint', async () => {
    const db = await openPgliteThread();
    try {
      await db.exec('CREATE TABLE t (id text PRIMARY KEY, n int8 NOT NULL, at timestamptz, doc jsonb)');
      const at = new Date('2026-03-01T12:00:00.123Z');
      await db.query('INSERT INTO t VALUES ($1, $2, $3, $4)', ['a', 9007199254740993n, at, { k: ['v'] }]);
      expect(await db.query('SELECT * FROM t')).toEqual([
        { id: 'a', n: 9007199254740993n, at, doc: { k: ['v'] } },
      ]);
      const error = await db.query('INSERT INTO t VALUES ($1, 1)', ['a']).catch((e: unknown) => e);
      expect(isUniqueViolation(error, 't_pkey')).toBe(true);
    } finally {
      await db.close();
    }
  });

  it('a transaction commits or rolls back as a whole, and holds the one connection until it ends', async () => {
    const db = await openPgliteThread();
    try {
      await db.exec('CREATE TABLE t (n int8)');
      await db.transaction(async (tx) => void (await tx.query('INSERT INTO t VALUES (1)')));
      await expect(
        db.transaction(async (tx) => {
          await tx.query('INSERT INTO t VALUES (2)');
          throw new Error('changed my mind');
        }),
      ).rejects.toThrow('changed my mind');
      const order: string[] = [];
      await Promise.all([
        db.transaction(async (tx) => {
          await tx.query('INSERT INTO t VALUES (3)');
          await new Promise((r) => setTimeout(r, 50));
          order.push('transaction');
        }),
        new Promise((r) => setTimeout(r, 10)).then(async () => {
          await db.query('SELECT 1');
          order.push('outside');
        }),
      ]);
      expect(order).toEqual(['transaction', 'outside']);
      expect((await db.query<{ n: bigint }>('SELECT n FROM t ORDER BY n')).map((r) => r.n)).toEqual([1n, 3n]);
    } finally {
      await db.close();
    }
  });

  it('one process per data directory, and what was committed is there after reopening', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pictor-thread-'));
    try {
      const db = await openPgliteThread(dir);
      await expect(openPgliteThread(dir)).rejects.toBeInstanceOf(DataDirectoryInUseError);
      await db.exec('CREATE TABLE t (n int8)');
      await db.query('INSERT INTO t VALUES (42)');
      await db.close();
      const again = await openPgliteThread(dir);
      expect(await again.query('SELECT n FROM t')).toEqual([{ n: 42n }]);
      await again.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the ledger on it: 30 concurrent charges of 0.35 on three accounts leave exactly 96.50 of 100 each', async () => {
    const h = await startHarness(pglite, {
      database: { open: () => openPgliteThread(), drop: async () => {} },
    });
    try {
      const accounts = [await h.openAccount('A'), await h.openAccount('B'), await h.openAccount('C')];
      for (const a of accounts) await h.fund(a, '100');
      const statuses = await Promise.all(
        Array.from({ length: 30 }, async (_, i) => {
          const res = await h.call('POST', `/v1/accounts/${accounts[i % 3]}/charges`, {
            key: h.serviceKey,
            body: {
              amount: { amount: '0.35', unit: 'CREDIT' },
              productLine: 'compute',
              description: 'Render task',
            },
          });
          return res.statusCode;
        }),
      );
      expect(statuses).toEqual(Array(30).fill(201));
      for (const a of accounts) {
        const balances = (await h.call('GET', `/v1/accounts/${a}/balances`)).json().balances;
        expect(balances.find((b: { unit: string }) => b.unit === 'CREDIT').balance).toBe('96.500000');
      }
      await expectLedgerSound(h.engine.db);
    } finally {
      await h.close();
    }
  });
});
