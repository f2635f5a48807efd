import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEngine } from '../../../src/server/engine.js';
import { SimulatedClock } from '../../../src/kernel/clock.js';
import { adjustWallet } from '../../../src/ledger/adjust-wallet.js';
import { createAccount } from '../../../src/accounts/create-account.js';
import { getBalances } from '../../../src/ledger/get-balances.js';
import { listTransactions } from '../../../src/ledger/list-transactions.js';
import type { Database } from '../../../src/kernel/db/database.js';
import { MIGRATIONS } from '../../../src/kernel/db/migrate.js';
import { openPglite } from '../../../src/kernel/db/pglite.js';
import { postgres } from '../../support/databases.js';

const clock = new SimulatedClock('2026-02-01T00:00:00Z');
const operator = { id: 'key_restart', role: 'operator' as const, accountId: null };

/** Writes an account with history through one engine, closes it, and reads it back through another. */
async function survivesRestart(open: () => Promise<Database>) {
  const first = await startEngine(await open(), clock);
  const created = await createAccount(first, operator, { name: 'Kept' }, 'restart-account');
  if (!created.ok) throw new Error('account');
  const accountId = created.value.id;
  await adjustWallet(
    first,
    operator,
    { accountId, direction: 'credit', unit: 'CREDIT', amountMicros: 12_345_678n, reason: 'before restart' },
    'restart-adjust',
  );
  await first.close();

  const second = await startEngine(await open(), clock);
  const balances = await getBalances(second, accountId);
  expect(balances.ok && balances.value.find((b) => b.unit === 'CREDIT')?.balanceMicros).toBe(12_345_678n);
  const history = await listTransactions(second, { accountId, unit: 'CREDIT', limit: 10 });
  expect(history.ok && history.value.transactions.map((t) => t.description)).toEqual([
    'Adjustment: before restart',
  ]);
  // The idempotency record survived too: the same request is a replay, not a second credit.
  const replay = await adjustWallet(
    second,
    operator,
    { accountId, direction: 'credit', unit: 'CREDIT', amountMicros: 12_345_678n, reason: 'before restart' },
    'restart-adjust',
  );
  expect(replay.ok && replay.replayed).toBe(true);
  await second.close();
}

describe('restarts keep everything', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('PGlite: the data directory reopens with every row', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pictor-restart-'));
    dirs.push(dir);
    await survivesRestart(() => openPglite(dir));
  });

  it.runIf(postgres)('PostgreSQL: a new pool on the same database sees every row', async () => {
    const database = await postgres!.fresh();
    try {
      await survivesRestart(() => database.open());
    } finally {
      await database.drop();
    }
  });

  it('PGlite: a second process opening a held data directory gets a clear error, and the data is intact', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pictor-lock-'));
    dirs.push(dir);
    const db = await openPglite(dir);
    try {
      await startEngine(db, clock);
      const second = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'migrate'], {
        env: { ...process.env, PICTOR_DATA_DIR: dir, DATABASE_URL: '' },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(second.status).toBe(1);
      expect(second.stderr).toContain(`data directory ${dir} is in use by process ${process.pid}`);
      await expect(openPglite(dir)).rejects.toThrow(/is in use by process/);
      expect((await db.query('SELECT count(*)::int8 AS n FROM schema_migrations'))[0]).toEqual({
        n: BigInt(MIGRATIONS.length),
      });
    } finally {
      await db.close();
    }
    // Released on close: the directory opens again.
    const again = await openPglite(dir);
    await again.close();
  });

  it('PGlite: a lock left by a dead process is taken over', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pictor-stale-'));
    dirs.push(dir);
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    });
    fs.writeFileSync(path.join(dir, 'pictor.lock'), dead.stdout);
    const db = await openPglite(dir);
    await db.close();
  });
});
