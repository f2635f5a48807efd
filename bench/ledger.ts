import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEngine } from '../src/server/engine.js';
import { systemClock } from '../src/kernel/clock.js';
import { chargeWallet } from '../src/ledger/charge-wallet.js';
import { openPostgres } from '../src/kernel/db/postgres.js';
import {
  checkpoint,
  closedLoop,
  createDatabase,
  inParallel,
  loadAverage,
  pgbench,
  pgbenchInit,
  post,
  startServer,
  openFundedAccounts,
} from './support.js';

type Loop = Awaited<ReturnType<typeof closedLoop>>;
type Store = 'postgres' | 'no-http' | 'pglite' | 'pglite-loop';

/**
 * Single charges across `accounts` accounts at each client count in `clientCounts` (the first is
 * the headline, BENCH_CLIENTS, default 64; 8 beside it): over HTTP against the service on
 * PostgreSQL, the same charges without HTTP, and over HTTP against the service on embedded PGlite,
 * side by side with `pgbench -b tpcb-like -c N` at the SAME client count on the same server in the
 * same run (before and after the PostgreSQL phases; the mean is the reference). The figures that
 * matter are the ratios, not the absolute rates.
 */
export async function ledgerBench(options: {
  accounts: number;
  seconds: number;
  clientCounts: number[];
  skipPglite?: boolean;
  /** Also PGlite on the server's event loop, as before it had a thread of its own. */
  pgliteOnLoop?: boolean;
}) {
  const { accounts, seconds, clientCounts } = options;
  const load = [loadAverage()];
  const reference = await createDatabase('pictor_bench_pgbench');
  console.log(`pgbench: initializing scale 10 in ${reference.name}`);
  pgbenchInit(reference.url, 10);
  const tps = new Map<number, number[]>();
  const runPgbench = async () => {
    for (const c of clientCounts) {
      await checkpoint();
      const t = pgbench(reference.url, [
        '-b',
        'tpcb-like',
        '-c',
        String(c),
        '-j',
        '2',
        '-T',
        String(seconds),
      ]);
      console.log(`pgbench tpcb-like -c ${c} -j 2: ${t.toFixed(0)} TPS (load ${loadAverage()})`);
      tps.set(c, [...(tps.get(c) ?? []), t]);
    }
  };
  await runPgbench();

  const results = new Map<string, Loop>();
  const engineDb = await createDatabase('pictor_bench_ledger');
  const ids = await runWorkload(
    'postgres',
    { DATABASE_URL: engineDb.url },
    accounts,
    seconds,
    clientCounts,
    results,
  );
  // The same charges without HTTP: what the HTTP hop costs on this machine.
  await runInProcess(engineDb.url, ids, seconds, clientCounts, results);
  await runPgbench();
  load.push(loadAverage());

  const embedded: [Store, string][] = options.skipPglite ? [] : [['pglite', 'on']];
  if (options.pgliteOnLoop) embedded.push(['pglite-loop', 'off']);
  for (const [store, thread] of embedded) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pictor-bench-'));
    try {
      const env = { DATABASE_URL: '', PICTOR_DATA_DIR: dataDir, PICTOR_PGLITE_THREAD: thread };
      await runWorkload(store, env, accounts, seconds, clientCounts, results);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
    load.push(loadAverage());
  }
  await engineDb.drop();
  await reference.drop();
  return printLedgerTable(results, tps, { accounts, seconds, clientCounts, load });
}

const LABELS: Record<Store, string> = {
  postgres: 'PostgreSQL over HTTP',
  'no-http': 'PostgreSQL, no HTTP (writer in the bench process)',
  pglite: 'PGlite over HTTP (the default)',
  'pglite-loop': 'PGlite over HTTP, on the event loop (PICTOR_PGLITE_THREAD=off)',
};

function printLedgerTable(
  results: Map<string, Loop>,
  tps: Map<number, number[]>,
  run: { accounts: number; seconds: number; clientCounts: number[]; load: string[] },
) {
  const rows: Record<string, string | number>[] = [];
  for (const c of run.clientCounts) {
    const runs = tps.get(c)!;
    const reference = runs.reduce((a, b) => a + b, 0) / runs.length;
    const pg = results.get(`postgres:${c}`);
    for (const store of Object.keys(LABELS) as Store[]) {
      const r = results.get(`${store}:${c}`);
      if (!r) continue;
      rows.push({
        store: LABELS[store],
        clients: c,
        'charges/s': Math.round(r.perSecond),
        'p50 ms': r.p50.toFixed(2),
        'p99 ms': r.p99.toFixed(2),
        'pgbench TPS': `${Math.round(reference)} (${runs.map((t) => Math.round(t)).join('/')})`,
        '÷ pgbench': (r.perSecond / reference).toFixed(2),
        '÷ PG HTTP': pg ? (r.perSecond / pg.perSecond).toFixed(2) : '',
        statuses: JSON.stringify(r.statuses),
        // The load generator's CPU per charge; without HTTP, the writer's and its pool's as well.
        'bench process CPU µs': Math.round(r.clientCpuMicrosPerRequest),
      });
    }
  }
  console.log(
    `\nledger: single charges, ${run.accounts} accounts, ${run.seconds}s phases, pgbench tpcb-like -c N -j 2 ` +
      `at the same client count (mean of the runs before/after); load average ${run.load.join(' → ')}. ` +
      'Targets at 64 clients: PostgreSQL over HTTP ≥ 3× pgbench with p99 ≤ 25 ms (P1); PGlite ≥ 0.5× PostgreSQL over HTTP (P5).',
  );
  console.table(rows);
  return rows;
}

function key(store: Store, clients: number) {
  return `${store}:${clients}`;
}

async function runWorkload(
  store: Store,
  env: Record<string, string>,
  accounts: number,
  seconds: number,
  clientCounts: number[],
  results: Map<string, Loop>,
): Promise<string[]> {
  const server = await startServer(env);
  try {
    console.log(`${LABELS[store]}: opening and funding ${accounts} accounts`);
    const ids = await openFundedAccounts(server, accounts);
    for (const clients of clientCounts) {
      const charge = (client: number, n: number, tag: string) =>
        post(
          server.base,
          `/v1/accounts/${ids[(client * 7919 + n * 104729) % accounts]}/charges`,
          server.key,
          `bench-${tag}-${clients}-${client}-${n}`,
          { amount: { amount: '0.01', unit: 'CREDIT' }, productLine: 'compute', description: 'Render task' },
        );
      if (store === 'postgres') await checkpoint();
      await closedLoop(clients, 1, (client, n) => charge(client, n, 'warm'));
      const result = await closedLoop(clients, seconds, (client, n) => charge(client, n, 'run'));
      console.log(
        `${LABELS[store]}, ${clients} clients: ${result.perSecond.toFixed(0)} charges/s, ` +
          `p50 ${result.p50.toFixed(2)} ms, p99 ${result.p99.toFixed(2)} ms (load ${loadAverage()})`,
      );
      results.set(key(store, clients), result);
    }
    return ids;
  } finally {
    await server.stop();
  }
}

/**
 * The same charges through the engine's own `chargeWallet` (ledger writer, store, PostgreSQL), called
 * by N loops in this process: no HTTP client, server, routing or validation.
 */
async function runInProcess(
  url: string,
  ids: string[],
  seconds: number,
  clientCounts: number[],
  results: Map<string, Loop>,
) {
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
    console.log(`${LABELS['no-http']}: warming up on ${ids.length} accounts`);
    await inParallel(ids.length, 16, async (i) => void (await charge(ids[i]!, `warm-up-${i}`)));
    for (const clients of clientCounts) {
      await checkpoint();
      const result = await closedLoop(clients, seconds, (client, n) =>
        charge(ids[(client * 7919 + n * 104729) % ids.length]!, `in-process-${clients}-${client}-${n}`),
      );
      console.log(
        `${LABELS['no-http']}, ${clients} callers: ${result.perSecond.toFixed(0)} charges/s (load ${loadAverage()})`,
      );
      results.set(key('no-http', clients), result);
    }
  } finally {
    await engine.close();
  }
}
