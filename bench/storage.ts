import pg from 'pg';
import { checkpoint, closedLoop, createDatabase, post, startServer, openFundedAccounts } from './support.js';

/**
 * Hourly storage accrual in bulk: `instances` stopped GPU instances (spread over `accounts` funded
 * accounts) each owe one storage hour; the service's own scheduler runs the storage sweep while
 * `clients` HTTP clients post single charges. Measures the sweep's wall time, and single-charge
 * p50/p99 while idle and while the sweep runs. Targets: ≤ 10 s, p99 ratio ≤ 2×.
 */
export async function storageBench(options: {
  accounts: number;
  instances: number;
  clients: number;
  idleSeconds: number;
}) {
  const { accounts, instances, clients, idleSeconds } = options;
  const db = await createDatabase('pictor_bench_storage');
  const server = await startServer({ DATABASE_URL: db.url, PICTOR_SCHEDULER_INTERVAL_SECONDS: '1' });
  const sql = new pg.Client({ connectionString: db.url });
  await sql.connect();
  try {
    console.log(`storage: opening and funding ${accounts} accounts`);
    const ids = await openFundedAccounts(server, accounts);

    console.log(`storage: inserting ${instances} stopped instances (100 GB each), one hour owed`);
    await sql.query(
      `INSERT INTO gpu_instances (id, account_id, type_code, type_version, disk_gb, period_unit, period_count,
         compute_micros_per_hour, storage_micros_per_gb_hour, status, auto_renew, fleet_instance_id,
         current_period_start, current_period_end, storage_paid_until, stopped_at, created_at, updated_at)
       SELECT 'inst_bench' || lpad(n::text, 19, '0'), ($1::text[])[1 + n % cardinality($1::text[])],
              'rtx-4090', 1, 100, 'hour', 1, 690000, 280, 'stopped', false, NULL,
              t - interval '2 hours', t - interval '1 hour', t - interval '1 hour', t - interval '1 hour', t, t
       FROM generate_series(1, $2::int) AS n, (SELECT date_trunc('second', now()) AS t) AS c`,
      [ids, instances],
    );
    await sql.query('ANALYZE');
    await checkpoint();

    const charge = (client: number, n: number) =>
      post(
        server.base,
        `/v1/accounts/${ids[(client * 7919 + n * 104729) % accounts]}/charges`,
        server.key,
        `bench-${client}-${n}-${Math.random()}`,
        { amount: { amount: '0.01', unit: 'CREDIT' }, productLine: 'compute', description: 'Render task' },
      );

    console.log(`storage: ${clients} clients charging for ${idleSeconds}s (idle)`);
    const idle = await closedLoop(clients, idleSeconds, charge);

    console.log('storage: scheduling the sweep; charging until it is done');
    let sweepMs = 0;
    const during = await closedLoop(
      clients,
      (async () => {
        const start = performance.now();
        await sql.query(
          `INSERT INTO due_work (kind, subject, period, due_at)
           VALUES ('rental.storage_accrue', 'all', $1, now())`,
          [new Date().toISOString()],
        );
        for (;;) {
          const { rows } = await sql.query<{ status: string; last_error: string | null }>(
            `SELECT status, last_error FROM due_work WHERE kind = 'rental.storage_accrue' ORDER BY id LIMIT 1`,
          );
          if (rows[0]?.status !== 'pending') {
            sweepMs = performance.now() - start;
            if (rows[0]?.status !== 'done')
              throw new Error(`sweep ${rows[0]?.status}: ${rows[0]?.last_error}`);
            return;
          }
          await waitFor(25);
        }
      })(),
      charge,
    );

    const [check] = (
      await sql.query<{
        charges: string;
        first: Date;
        finished: Date;
        owed: string;
        claimed: string;
        distinct: string;
      }>(
        `SELECT (SELECT count(*) FROM transactions WHERE description LIKE 'Storage charge%') AS charges,
                (SELECT min(created_at) FROM transactions WHERE description LIKE 'Storage charge%') AS first,
                (SELECT finished_at FROM due_work WHERE kind = 'rental.storage_accrue' ORDER BY id LIMIT 1) AS finished,
                (SELECT count(*) FROM gpu_instances WHERE storage_paid_until <= now() - interval '1 hour') AS owed,
                (SELECT count(*) FROM storage_charges, unnest(instance_ids)) AS claimed,
                (SELECT count(DISTINCT i) FROM storage_charges, unnest(instance_ids) AS i) AS distinct`,
      )
    ).rows;
    const c = check!;
    // Every instance's hour claimed once, paid by one charge per account.
    if (Number(c.claimed) !== instances || Number(c.distinct) !== instances || Number(c.owed) !== 0)
      throw new Error(`expected ${instances} instance-hours claimed once: ${JSON.stringify(c)}`);
    if (Number(c.charges) !== accounts)
      throw new Error(`expected ${accounts} storage charges: ${JSON.stringify(c)}`);
    const serverSideMs = c.finished.getTime() - c.first.getTime();

    const rows = [
      {
        phase: 'idle',
        'sweep s': '',
        'charges/s': Math.round(idle.perSecond),
        'p50 ms': idle.p50.toFixed(2),
        'p99 ms': idle.p99.toFixed(2),
        'p99 ratio': '',
        statuses: JSON.stringify(idle.statuses),
      },
      {
        phase: `during sweep of ${instances}`,
        'sweep s': (sweepMs / 1000).toFixed(2),
        'charges/s': Math.round(during.perSecond),
        'p50 ms': during.p50.toFixed(2),
        'p99 ms': during.p99.toFixed(2),
        'p99 ratio': (during.p99 / idle.p99).toFixed(2),
        statuses: JSON.stringify(during.statuses),
      },
    ];
    console.log(
      `\nstorage: one hour's accrual for ${instances} stopped instances over ${accounts} accounts, run by the service's scheduler; ` +
        `${clients} HTTP clients posting single charges. Sweep: ${(sweepMs / 1000).toFixed(2)} s from scheduling to done ` +
        `(includes up to 1 s until the scheduler's next tick), ${(serverSideMs / 1000).toFixed(2)} s from the first storage charge to done; ` +
        `${c.charges} charges (one per account). ` +
        `Targets: ≤ 10 s, p99 ratio ≤ 2.`,
    );
    console.table(rows);
    return rows;
  } finally {
    await sql.end();
    await server.stop();
    await db.drop();
  }
}

const waitFor = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
