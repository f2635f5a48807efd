import pg from 'pg';
import {
  checkpoint,
  closedLoop,
  createDatabase,
  loadAverage,
  pgbench,
  pgbenchInit,
  get,
  post,
  startServer,
} from './support.js';

const cursorOf = (row: { created_at: Date; seq: string }) =>
  Buffer.from(`${row.created_at.toISOString()}|${row.seq}`).toString('base64url');

/**
 * Reads at scale (P6): ONE account with `entries` ledger entries (bulk SQL, not measured), then
 * `clients` HTTP clients each read the balance and a 50-row history page, back to back, for
 * `seconds`: at the first page, a page in the middle and the last page (keyset cursors). Beside
 * `pgbench -S -c N` (select-only) at the same client count on the same server in the same run.
 * Target: p99 of balance + page ≤ 10 ms, flat from the first page to the last.
 */
export async function readsBench(options: { entries: number; seconds: number; clients: number }) {
  const { entries, seconds, clients } = options;
  const load = [loadAverage()];
  const reference = await createDatabase('pictor_bench_pgbench');
  pgbenchInit(reference.url, 10);
  const selectOnly = () =>
    pgbench(reference.url, ['-S', '-c', String(clients), '-j', '2', '-T', String(seconds)]);
  const db = await createDatabase('pictor_bench_reads');
  const server = await startServer({ DATABASE_URL: db.url });
  const sql = new pg.Client({ connectionString: db.url });
  await sql.connect();
  try {
    const accountId = await openAccount(server);
    console.log(`reads: inserting ${entries} ledger entries for ${accountId} (load ${loadAverage()})`);
    await insertEntries(sql, accountId, entries);
    const pages = await pageCursors(sql, accountId, entries);
    await checkpoint();
    const tps = [selectOnly()];
    console.log(`pgbench -S -c ${clients}: ${tps[0]!.toFixed(0)} TPS (load ${loadAverage()})`);
    const results: Record<string, string | number>[] = [];
    for (const [label, cursor] of pages) {
      const history = `/v1/accounts/${accountId}/transactions?limit=50${cursor ? `&cursor=${cursor}` : ''}`;
      const read = async () => {
        const balance = await get(server.base, `/v1/accounts/${accountId}/balances`, server.key);
        const page = await get(server.base, history, server.key);
        return balance === 200 ? page : balance;
      };
      await closedLoop(clients, 1, read);
      const r = await closedLoop(clients, seconds, read);
      console.log(
        `${label}: ${r.perSecond.toFixed(0)} reads/s, p99 ${r.p99.toFixed(2)} ms (load ${loadAverage()})`,
      );
      results.push({
        page: label,
        'balance + page /s': Math.round(r.perSecond),
        'p50 ms': r.p50.toFixed(2),
        'p99 ms': r.p99.toFixed(2),
        statuses: JSON.stringify(r.statuses),
        'client CPU µs': Math.round(r.clientCpuMicrosPerRequest),
      });
    }
    tps.push(selectOnly());
    load.push(loadAverage());
    const mean = (tps[0]! + tps[1]!) / 2;
    for (const row of results) {
      row['pgbench -S TPS'] = `${Math.round(mean)} (${tps.map((t) => Math.round(t)).join('/')})`;
      row['÷ pgbench -S'] = (Number(row['balance + page /s']) / mean).toFixed(3);
    }
    console.log(
      `\nreads: one account with ${entries} entries, ${clients} clients, ${seconds}s phases; ` +
        `load average ${load.join(' → ')}. Target (P6): p99 ≤ 10 ms, flat from the first page to the last.`,
    );
    console.table(results);
    return results;
  } finally {
    await sql.end();
    await server.stop();
    await db.drop();
    await reference.drop();
  }
}

async function openAccount(server: { base: string; key: string }): Promise<string> {
  const res = await fetch(`${server.base}/v1/accounts`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${server.key}`,
      'idempotency-key': 'bench-reads-account',
      'content-type': 'application/json',
    },
    body: JSON.stringify({ name: 'Bench reads' }),
  });
  const id = ((await res.json()) as { id: string }).id;
  const funded = await post(server.base, `/v1/accounts/${id}/adjustments`, server.key, 'bench-reads-fund', {
    direction: 'credit',
    amount: { amount: '1000000', unit: 'CREDIT' },
    reason: 'benchmark funding',
  });
  if (funded !== 201) throw new Error(`funding failed: ${funded}`);
  return id;
}

/** `entries` charges of 0.01 CREDIT, one a second back from now, with their transfers. */
async function insertEntries(sql: pg.Client, accountId: string, entries: number): Promise<void> {
  const chunk = 200_000;
  for (let from = 0; from < entries; from += chunk) {
    const to = Math.min(entries, from + chunk);
    await sql.query(
      `WITH n AS (SELECT g FROM generate_series($2::int, $3::int - 1) g)
       , t AS (
         INSERT INTO transactions (id, account_id, kind, unit, amount_micros, description, metadata, created_at)
         SELECT 'txn_bench' || lpad(g::text, 12, '0'), $1, 'charge', 'CREDIT', -10000, 'Render task', '{}',
                now() - make_interval(secs => $4::int - g)
         FROM n RETURNING id, created_at)
       INSERT INTO transfers (id, transaction_id, debit_account_id, credit_account_id, unit, amount_micros, created_at)
       SELECT 'xfr' || substr(id, 4), id, 'wallet:' || $1 || ':CREDIT', 'system:revenue.compute:CREDIT', 'CREDIT', 10000, created_at
       FROM t`,
      [accountId, from, to, entries],
    );
  }
  await sql.query('VACUUM ANALYZE transactions');
  await sql.query('VACUUM ANALYZE transfers');
}

/** The cursors of the first page (none), the middle page and the last page, newest first. */
async function pageCursors(
  sql: pg.Client,
  accountId: string,
  entries: number,
): Promise<[string, string | null][]> {
  // The page after the row at position k (newest first) holds rows k+1 … k+50.
  const at = async (k: number) => {
    const { rows } = await sql.query(
      `SELECT created_at, seq::text AS seq FROM transactions WHERE account_id = $1
       ORDER BY created_at DESC, seq DESC OFFSET $2 LIMIT 1`,
      [accountId, k],
    );
    return cursorOf(rows[0] as { created_at: Date; seq: string });
  };
  const total = entries + 1; // the funding adjustment
  return [
    ['first page', null],
    ['middle page', await at(Math.floor(total / 2))],
    ['last page', await at(total - 51)],
  ];
}
