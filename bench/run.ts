import { execFileSync } from 'node:child_process';
import { boothUsageBench } from './booth-usage.js';
import { ledgerBench } from './ledger.js';
import { pdfBench } from './pdf.js';
import { readsBench } from './reads.js';
import { storageBench } from './storage.js';

/**
 * `npm run bench -- <name>`: builds the service, then runs the named benchmark against the
 * PostgreSQL server in DATABASE_URL (default: the local one), printing ratios to a reference run.
 */
const benches: Record<string, () => Promise<unknown>> = {
  ledger: () =>
    ledgerBench({
      accounts: Number(process.env.BENCH_ACCOUNTS ?? 10_000),
      seconds: Number(process.env.BENCH_SECONDS ?? 8),
      // The headline client count (BENCH_CLIENTS, default 64) and 8 beside it.
      clientCounts: [...new Set([Number(process.env.BENCH_CLIENTS ?? 64), 8])],
      skipPglite: process.env.BENCH_SKIP_PGLITE === '1',
      pgliteOnLoop: process.env.BENCH_PGLITE_LOOP === '1',
    }),
  'booth-usage': () =>
    boothUsageBench({
      accounts: Number(process.env.BENCH_ACCOUNTS ?? 200),
      seconds: Number(process.env.BENCH_SECONDS ?? 20),
      clients: Number(process.env.BENCH_CLIENTS ?? 8),
      batch: Number(process.env.BENCH_BATCH ?? 500),
    }),
  reads: () =>
    readsBench({
      entries: Number(process.env.BENCH_ENTRIES ?? 1_000_000),
      seconds: Number(process.env.BENCH_SECONDS ?? 8),
      clients: Number(process.env.BENCH_CLIENTS ?? 8),
    }),
  pdf: () =>
    pdfBench({
      seconds: Number(process.env.BENCH_SECONDS ?? 8),
      clients: Number(process.env.BENCH_CLIENTS ?? 64),
      downloaders: Number(process.env.BENCH_DOWNLOADERS ?? 16),
      accounts: Number(process.env.BENCH_ACCOUNTS ?? 1_000),
      rounds: Number(process.env.BENCH_ROUNDS ?? 3),
    }),
  storage: () =>
    storageBench({
      accounts: Number(process.env.BENCH_ACCOUNTS ?? 10_000),
      instances: Number(process.env.BENCH_INSTANCES ?? 100_000),
      clients: Number(process.env.BENCH_CLIENTS ?? 4),
      idleSeconds: Number(process.env.BENCH_SECONDS ?? 10),
    }),
};

const name = process.argv[2];
if (!name || !benches[name]) {
  console.error(`usage: npm run bench -- <${Object.keys(benches).join('|')}>`);
  process.exit(2);
}
execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
await benches[name]!();
