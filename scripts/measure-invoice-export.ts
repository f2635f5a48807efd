/**
 * Measures the invoices CSV export over 100,000 documents (docs/documents.md, "Invoices CSV
 * export"): seeds one account with 100,000 numbered compute documents on the PostgreSQL of
 * DATABASE_URL (a database of its own; it must be empty or a previous run's), then streams the
 * export and reports the time, the rows and bytes read, and the peak RSS and heap seen meanwhile.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/pictor_export_bench npx tsx scripts/measure-invoice-export.ts
 */
import process from 'node:process';
import { openPostgres } from '../src/kernel/db/postgres.js';
import { migrate } from '../src/kernel/db/migrate.js';
import { parseDateRange } from '../src/kernel/date-range-rules.js';
import { exportInvoicesCsv } from '../src/server/export-invoices.js';

const ROWS = 100_000;
const ACCOUNT = 'acct_exportbench';

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('set DATABASE_URL to an empty PostgreSQL database');
  const db = openPostgres(url, 4, 1);
  await migrate(db);
  const seeded = await db.query<{ n: bigint }>(
    'SELECT count(*)::int8 AS n FROM transactions WHERE account_id = $1',
    [ACCOUNT],
  );
  if (Number(seeded[0]!.n) === 0) {
    await db.query(
      `INSERT INTO accounts (id, name, created_at) VALUES ($1, 'Export bench', '2027-01-01T00:00:00Z')`,
      [ACCOUNT],
    );
    await db.query(
      `INSERT INTO transactions (id, account_id, kind, unit, amount_micros, description, created_at)
       SELECT 'txn_bench' || g, $1, 'charge', 'CREDIT', -450000, 'Render task ' || g || ', "final"',
              '2027-01-01T00:00:00Z'::timestamptz + g * interval '1 minute'
       FROM generate_series(1, $2::int) g`,
      [ACCOUNT, ROWS],
    );
    await db.query(
      `INSERT INTO invoices (transaction_id, account_id, number, bill_to_name, numbered_at, prefix)
       SELECT 'txn_bench' || g, $1, g, 'Export bench', now(), 'BENCH234' FROM generate_series(1, $2::int) g`,
      [ACCOUNT, ROWS],
    );
  }
  const range = parseDateRange('2027-01-01', '2027-12-31');
  if (!range.ok) throw new Error('range');
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const timer = setInterval(sample, 20);
  const before = process.memoryUsage();
  const started = process.hrtime.bigint();
  let lines = 0;
  let bytes = 0;
  for await (const line of exportInvoicesCsv({ db }, ACCOUNT, range.range)) {
    lines++;
    bytes += Buffer.byteLength(line);
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  clearInterval(timer);
  sample();
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  process.stdout.write(
    `rows ${lines - 1}, ${mb(bytes)} MB of CSV in ${(ms / 1000).toFixed(2)} s; ` +
      `RSS ${mb(before.rss)} → peak ${mb(peakRss)} MB, heap ${mb(before.heapUsed)} → peak ${mb(peakHeap)} MB\n`,
  );
  await db.close();
}

await main();
