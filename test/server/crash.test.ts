import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/kernel/db/database.js';
import { openPglite } from '../../src/kernel/db/pglite.js';
import { type FreshDatabase, postgres } from '../support/databases.js';
import { expectLedgerSound } from '../support/harness.js';
import {
  type ServerProcess,
  chargingClient,
  randomPort,
  serverEnv,
  startServerProcess,
  stopProcess,
} from '../support/server-process.js';

/**
 * Crash tests (issue 18): a real `serve` process is killed with SIGKILL 5 times while 8 clients
 * charge one account under fresh Idempotency-Keys, retrying each under its key until it is
 * acknowledged. After each kill, read from the store while nothing runs: every acknowledged charge
 * is there once with the id it was acknowledged with, no key charged twice, every unit sums to 0,
 * no wallet negative. At the end every charge any client started is acknowledged, once.
 * On PostgreSQL (a database of its own) and on PGlite (a data directory, reopened after each kill).
 */
const KILLS = 5;
const CLIENTS = 8;
const LOAD_MS = 1_000;
const OPERATOR_KEY = 'pk_crash_test_operator_key_0123456789';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Store {
  env: Record<string, string>;
  /** Opens the store for reading while no server runs (PGlite: one process per directory). */
  open(): Promise<Database>;
  cleanUp(): Promise<void>;
}

async function pgliteStore(): Promise<Store> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pictor-crash-'));
  return {
    env: { PICTOR_DATA_DIR: dir },
    open: () => openPglite(dir),
    cleanUp: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

async function postgresStore(): Promise<Store> {
  const database: FreshDatabase = await postgres!.fresh();
  return {
    env: { DATABASE_URL: database.url!, PICTOR_DB_POOL_SIZE: '8' },
    open: () => database.open(),
    cleanUp: () => database.drop(),
  };
}

/** What the store holds of the run: lost and duplicated acknowledged charges, and the ledger's soundness. */
async function checkStore(store: Store, accountId: string, acknowledged: Map<string, string>) {
  const db = await store.open();
  try {
    const rows = await db.query<{ id: string; op: string }>(
      `SELECT id, metadata->>'op' AS op FROM transactions WHERE account_id = $1 AND kind = 'charge'`,
      [accountId],
    );
    const byOp = new Map<string, string[]>();
    for (const r of rows) byOp.set(r.op, [...(byOp.get(r.op) ?? []), r.id]);
    const duplicated = [...byOp.values()].filter((ids) => ids.length > 1).length;
    const lost = [...acknowledged].filter(([op, id]) => !(byOp.get(op) ?? []).includes(id)).length;
    await expectLedgerSound(db);
    return { charges: rows.length, duplicated, lost };
  } finally {
    await db.close();
  }
}

async function setUp(server: ServerProcess) {
  const post = async (url: string, body: object, key: string) => {
    const res = await fetch(`${server.url}${url}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${OPERATOR_KEY}`,
        'idempotency-key': key,
        'content-type': 'application/json',
      },
      body: JSON.stringify(body),
    });
    if (res.status !== 201) throw new Error(`${url}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: string };
  };
  const { id: accountId } = await post('/v1/accounts', { name: 'Crash' }, 'crash-open');
  await post(
    `/v1/accounts/${accountId}/adjustments`,
    { direction: 'credit', amount: { amount: '1000000', unit: 'CREDIT' }, reason: 'crash test funding' },
    'crash-fund',
  );
  return accountId;
}

const stores: [string, (() => Promise<Store>) | undefined][] = [
  ['postgres', postgres ? postgresStore : undefined],
  ['pglite', pgliteStore],
];

for (const [name, makeStore] of stores) {
  describe.runIf(makeStore)(`SIGKILL under load (${name})`, () => {
    let store: Store | undefined;
    let server: ServerProcess | undefined;
    afterAll(async () => {
      if (server) await stopProcess(server);
      await store?.cleanUp();
    });

    it(`${KILLS} kills of the server under ${CLIENTS} clients: 0 acknowledged charges lost, 0 duplicated, units sum to 0`, async () => {
      store = await makeStore!();
      const env = serverEnv({
        ...store.env,
        PORT: String(await randomPort()),
        PICTOR_BOOTSTRAP_OPERATOR_KEY: OPERATOR_KEY,
        // A request killed mid-flight holds its key until the lease passes; then its retry runs it.
        PICTOR_IDEMPOTENCY_LEASE_SECONDS: '2',
      });
      server = await startServerProcess(env);
      const accountId = await setUp(server);
      const acknowledged = new Map<string, string>();
      const unexpected: string[] = [];
      const stop = { now: false };
      const base = () => server!.url;
      const clients = Array.from({ length: CLIENTS }, (_, i) =>
        chargingClient({ base, accountId, key: OPERATOR_KEY, name: `c${i}`, acknowledged, unexpected, stop }),
      );
      const started = performance.now();
      const afterKills: string[] = [];
      for (let kill = 1; kill <= KILLS; kill++) {
        await sleep(LOAD_MS);
        await stopProcess(server, 'SIGKILL');
        const found = await checkStore(store, accountId, new Map(acknowledged));
        afterKills.push(`kill ${kill}: ${acknowledged.size} acknowledged, ${found.charges} charges stored`);
        expect(found).toMatchObject({ lost: 0, duplicated: 0 });
        server = await startServerProcess(env);
      }
      await sleep(LOAD_MS);
      stop.now = true;
      await Promise.all(clients);
      await stopProcess(server, 'SIGTERM');
      const final = await checkStore(store, accountId, acknowledged);
      console.info(
        `crash ${name}: ${KILLS} SIGKILLs, ${acknowledged.size} acknowledged charges, ` +
          `${final.charges} stored, lost ${final.lost}, duplicated ${final.duplicated}, ` +
          `${Math.round(performance.now() - started)} ms; ${afterKills.join('; ')}`,
      );
      expect(unexpected).toEqual([]);
      expect(final).toEqual({ charges: acknowledged.size, lost: 0, duplicated: 0 });
    }, 300_000);
  });
}
