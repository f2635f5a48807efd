import fs from 'node:fs';
import { startEngine } from '../src/server/engine.js';
import { systemClock } from '../src/kernel/clock.js';
import { chargeWallet } from '../src/ledger/charge-wallet.js';
import { openPostgres } from '../src/kernel/db/postgres.js';
import os from 'node:os';
import path from 'node:path';
import {
  checkpoint,
  closedLoop,
  createDatabase,
  inParallel,
  pgbench,
  pgbenchInit,
  post,
  startServer,
  openFundedAccounts,
} from './support.js';

/**
 * Single charges over HTTP from 8 concurrent clients across 10k accounts, against the service on
 * PostgreSQL and on embedded PGlite, side by side with pgbench tpcb-like (-c 8 -j 2) on the same
 * server in the same run. The figure that matters is the ratio, not the absolute rate.
 */
export async function ledgerBench(options: {
  accounts: number;
  seconds: number;
  clients: number;
  skipPglite?: boolean;
}) {
  const { accounts, seconds, clients } = options;
  const rows: Record<string, string | number>[] = [];

  const reference = await createDatabase('pictor_bench_pgbench');
  console.log(`pgbench: initializing scale 10 in ${reference.name}`);
  pgbenchInit(reference.url, 10);
  await checkpoint();
  const tpsBefore = pgbench(reference.url, ['-b', 'tpcb-like', '-c', '8', '-j', '2', '-T', String(seconds)]);
  console.log(`pgbench tpcb-like -c 8 -j 2: ${tpsBefore.toFixed(0)} TPS`);

  const engineDb = await createDatabase('pictor_bench_ledger');
  const onPostgres = await runWorkload(
    'PostgreSQL',
    { DATABASE_URL: engineDb.url },
    accounts,
    seconds,
    clients,
  );
  // The same charges without HTTP: what the HTTP hop costs on this machine.
  const inProcess = await runInProcess(engineDb.url, onPostgres.accountIds, seconds, clients);
  await checkpoint();
  const tpsAfter = pgbench(reference.url, ['-b', 'tpcb-like', '-c', '8', '-j', '2', '-T', String(seconds)]);
  console.log(`pgbench tpcb-like -c 8 -j 2 (again): ${tpsAfter.toFixed(0)} TPS`);
  const tps = (tpsBefore + tpsAfter) / 2;

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pictor-bench-'));
  const onPglite = options.skipPglite
    ? undefined
    : await runWorkload('PGlite', { DATABASE_URL: '', PICTOR_DATA_DIR: dataDir }, accounts, seconds, clients);
  fs.rmSync(dataDir, { recursive: true, force: true });
  await engineDb.drop();
  await reference.drop();

  for (const [store, r] of [
    ['PostgreSQL', onPostgres],
    ['PostgreSQL, no HTTP (ledger writer in the bench process)', inProcess],
    ['PGlite (in-process)', onPglite],
  ] as const) {
    if (!r) continue;
    rows.push({
      store,
      'charges/s': Math.round(r.perSecond),
      'p50 ms': r.p50.toFixed(2),
      'p99 ms': r.p99.toFixed(2),
      'pgbench TPS': Math.round(tps),
      ratio: (r.perSecond / tps).toFixed(2),
      statuses: JSON.stringify(r.statuses),
    });
  }
  console.log(
    `\nledger: single charges over HTTP, ${clients} clients, ${accounts} accounts, ${seconds}s each; target ratio ≥ 1.5 (PostgreSQL)`,
  );
  console.table(rows);
  return rows;
}

async function runWorkload(
  label: string,
  env: Record<string, string>,
  accounts: number,
  seconds: number,
  clients: number,
) {
  const server = await startServer(env);
  try {
    console.log(`${label}: opening and funding ${accounts} accounts`);
    const ids = await openFundedAccounts(server, accounts);
    console.log(`${label}: ${clients} clients charging for ${seconds}s`);
    const result = await closedLoop(clients, seconds, (client, n) =>
      post(
        server.base,
        `/v1/accounts/${ids[(client * 7919 + n * 104729) % accounts]}/charges`,
        server.key,
        `bench-${client}-${n}`,
        {
          amount: { amount: '0.01', unit: 'CREDIT' },
          productLine: 'compute',
          description: 'Render task',
        },
      ),
    );
    console.log(
      `${label}: ${result.perSecond.toFixed(0)} charges/s, p50 ${result.p50.toFixed(2)} ms, p99 ${result.p99.toFixed(2)} ms`,
    );
    return { ...result, accountIds: ids };
  } finally {
    await server.stop();
  }
}

/**
 * The same charges through the engine's own `chargeWallet` (ledger writer, store, PostgreSQL), called
 * by `clients` loops in this process: no HTTP client, server, routing or validation.
 */
async function runInProcess(url: string, ids: string[], seconds: number, clients: number) {
  const engine = await startEngine(openPostgres(url), systemClock);
  const operator = { id: 'bench', role: 'operator' as const, accountId: null };
  const charge = async (accountId: string, key: string) => {
    const charged = await chargeWallet(
      engine,
      operator,
      {
        accountId,
        unit: 'CREDIT',
        amountMicros: 10_000n,
        productLine: 'compute',
        description: 'Render task',
      },
      key,
    );
    return charged.ok ? 201 : 422;
  };
  try {
    // A new writer knows no wallet yet: one charge each first, as the HTTP server had after funding.
    console.log(`PostgreSQL without HTTP: warming up on ${ids.length} accounts`);
    await inParallel(ids.length, clients, async (i) => void (await charge(ids[i]!, `warm-up-${i}`)));
    await checkpoint();
    console.log(`PostgreSQL without HTTP: ${clients} callers charging for ${seconds}s`);
    const result = await closedLoop(clients, seconds, (client, n) =>
      charge(ids[(client * 7919 + n * 104729) % ids.length]!, `in-process-${client}-${n}`),
    );
    console.log(`PostgreSQL without HTTP: ${result.perSecond.toFixed(0)} charges/s`);
    return result;
  } finally {
    await engine.close();
  }
}
