import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import pg from 'pg';
import { closedLoop, createDatabase, freePort, post, serveNodeOptions } from './support.js';

/**
 * The server's CPU per read (P6: balance GET + 50-row history page GET), several builds side by
 * side in the same run: on a machine shared with others, wall-clock rates and latencies say little,
 * CPU time per request less noisy and alternating rounds compare like with like.
 *
 *   npx tsc -p tsconfig.build.json --outDir .bench/before    # (on the older commit)
 *   npx tsc -p tsconfig.build.json --outDir .bench/after
 *   npx tsx bench/reads-cpu.ts .bench/before .bench/after
 *
 * Each build serves its own database (DATABASE_URL's server) holding one account with ENTRIES
 * (100,000) charges at fixed times, so every build must answer the same bytes: the script checks
 * bodies and headers first. Then ROUNDS (6) rounds of READS (2,500) reads by CLIENTS (8) clients
 * at the middle page, after 1,000 warm-up reads, reading the server's utime + stime from /proc.
 * PROF=1 writes each server's CPU profile to /tmp/reads-cpu-prof/<build index>/. A build may name
 * Node options for its server after `::`, e.g. `.bench/after::--max-semi-space-size=32`, to
 * compare the same build under two settings.
 */
const builds = process.argv.slice(2);
const ENTRIES = Number(process.env.ENTRIES ?? 100_000);
const READS = Number(process.env.READS ?? 2_500);
const ROUNDS = Number(process.env.ROUNDS ?? 6);
const CLIENTS = Number(process.env.CLIENTS ?? 8);
const TICK_US = 1e6 / 100; // /proc/<pid>/stat counts clock ticks of 10 ms

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/** A GET over a keep-alive connection: status, body, and the raw headers but Date and Keep-Alive. */
function get(base: string, path: string, key: string) {
  return new Promise<{ status: number; body: string; headers: string }>((resolve, reject) => {
    const req = http.request(
      `${base}${path}`,
      { agent, headers: { authorization: `Bearer ${key}` } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const raw = res.rawHeaders;
          const kept = raw.filter((_, i) => !/^(date|keep-alive)$/i.test(raw[i - (i % 2)]!));
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString(),
            headers: kept.join('|'),
          });
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

function cpuTicks(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime
}

async function startBuild(build: string, databaseUrl: string, index: number) {
  const [dist, ...nodeOptions] = build.split('::');
  const port = await freePort();
  const key = `pk_bench_${randomBytes(16).toString('hex')}`;
  const prof = process.env.PROF ? ['--cpu-prof', `--cpu-prof-dir=/tmp/reads-cpu-prof/${index}`] : [];
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...prof,
      ...serveNodeOptions(),
      ...nodeOptions.flatMap((o) => o.split(' ')),
      `${dist}/cli/main.js`,
      'serve',
      '--port',
      String(port),
    ],
    {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        LOG_LEVEL: 'warn',
        PICTOR_BOOTSTRAP_OPERATOR_KEY: key,
        PICTOR_RATE_LIMIT: 'off',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  const base = `http://127.0.0.1:${port}`;
  for (
    let i = 0;
    i < 1200 &&
    !(await fetch(`${base}/health`).then(
      (r) => r.ok,
      () => false,
    ));
    i++
  ) {
    await new Promise((r) => setTimeout(r, 100));
  }
  const stop = () =>
    new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return { base, key, pid: child.pid!, stop };
}

/** One account, funded, with ENTRIES charges one second apart (and varied milliseconds). */
async function seed(server: { base: string; key: string }, databaseUrl: string) {
  const auth = { authorization: `Bearer ${server.key}`, 'content-type': 'application/json' };
  const res = await fetch(`${server.base}/v1/accounts`, {
    method: 'POST',
    headers: { ...auth, 'idempotency-key': 'reads-cpu-account' },
    body: JSON.stringify({ name: 'Bench reads' }),
  });
  const accountId = ((await res.json()) as { id: string }).id;
  await post(server.base, `/v1/accounts/${accountId}/adjustments`, server.key, 'reads-cpu-fund', {
    direction: 'credit',
    amount: { amount: '1000000', unit: 'CREDIT' },
    reason: 'benchmark funding',
  });
  const sql = new pg.Client({ connectionString: databaseUrl });
  await sql.connect();
  try {
    await sql.query(
      `WITH t AS (
         INSERT INTO transactions (id, account_id, kind, unit, amount_micros, description, metadata, created_at)
         SELECT 'txn_bench' || lpad(g::text, 12, '0'), $1, 'charge', 'CREDIT', -10000, 'Render task', '{}',
                timestamptz '2026-12-01T00:00:00Z' - make_interval(secs => $2::int - g) + make_interval(secs => g % 1000 / 1000.0)
         FROM generate_series(0, $2::int - 1) g RETURNING id, created_at)
       INSERT INTO transfers (id, transaction_id, debit_account_id, credit_account_id, unit, amount_micros, created_at)
       SELECT 'xfr' || substr(id, 4), id, 'wallet:' || $1 || ':CREDIT', 'system:revenue.compute:CREDIT', 'CREDIT', 10000, created_at
       FROM t`,
      [accountId, ENTRIES],
    );
    await sql.query('VACUUM ANALYZE transactions');
    const { rows } = await sql.query(
      `SELECT created_at, seq::text AS seq FROM transactions WHERE account_id = $1
       ORDER BY created_at DESC, seq DESC OFFSET $2 LIMIT 1`,
      [accountId, Math.floor(ENTRIES / 2)],
    );
    const row = rows[0] as { created_at: Date; seq: string };
    const cursor = Buffer.from(`${row.created_at.toISOString()}|${row.seq}`).toString('base64url');
    return {
      accountId,
      balances: `/v1/accounts/${accountId}/balances`,
      page: `/v1/accounts/${accountId}/transactions?limit=50&cursor=${cursor}`,
    };
  } finally {
    await sql.end();
  }
}

type Build = Awaited<ReturnType<typeof startBuild>> & Awaited<ReturnType<typeof seed>>;

async function round(build: Build, reads: number) {
  let started = 0;
  const enough = (async () => {
    while (started < reads) await new Promise((r) => setTimeout(r, 5));
  })();
  const before = cpuTicks(build.pid);
  const r = await closedLoop(CLIENTS, enough, async () => {
    started++;
    const balances = await get(build.base, build.balances, build.key);
    const page = await get(build.base, build.page, build.key);
    return balances.status === 200 ? page.status : balances.status;
  });
  return { ...r, cpuUsPerRead: ((cpuTicks(build.pid) - before) * TICK_US) / r.count };
}

/** Every build answers the same bytes (the account id aside): bodies and headers of five requests. */
async function sameAnswers(all: Build[]) {
  const probes: [string, (b: Build) => string, string | null][] = [
    ['balances', (b) => b.balances, null],
    ['history page', (b) => b.page, null],
    ['/health', () => '/health', null],
    ['unknown route', () => '/v1/no-such-route', null],
    ['unknown key', (b) => b.balances, 'pk_not_a_key'],
  ];
  for (const [name, path, key] of probes) {
    const answers = await Promise.all(
      all.map(async (b) => {
        const a = await get(b.base, path(b), key ?? b.key);
        return `${a.status} ${a.headers.replaceAll(b.accountId, 'ACCOUNT')}\n${a.body.replaceAll(b.accountId, 'ACCOUNT')}`;
      }),
    );
    const same = answers.every((a) => a === answers[0]);
    console.log(
      `${name}: ${same ? 'same bytes in every build' : 'DIFFERENT'} (${answers[0]!.length} characters)`,
    );
  }
}

const all: Build[] = [];
const databases: Awaited<ReturnType<typeof createDatabase>>[] = [];
try {
  for (const [index, dist] of builds.entries()) {
    const db = await createDatabase(`pictor_bench_reads_cpu_${index}`);
    databases.push(db);
    const server = await startBuild(dist, db.url, index);
    all.push({ ...server, ...(await seed(server, db.url)) });
  }
  await sameAnswers(all);
  for (const b of all) await round(b, 1_000); // warm-up
  const cpu = builds.map(() => [] as number[]);
  for (let r = 0; r < ROUNDS; r++) {
    for (const [i, b] of all.entries()) {
      const x = await round(b, READS);
      cpu[i]!.push(x.cpuUsPerRead);
      const load = os.loadavg().map((l) => l.toFixed(1));
      console.log(
        `round ${r + 1} ${builds[i]}: ${x.count} reads, server CPU ${x.cpuUsPerRead.toFixed(0)} µs/read, ` +
          `${x.perSecond.toFixed(0)} reads/s, p50 ${x.p50.toFixed(1)} p99 ${x.p99.toFixed(1)} ms (load ${load.join(' ')})`,
      );
    }
  }
  for (const [i, xs] of cpu.entries()) {
    const sorted = [...xs].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    const mean = xs.reduce((a, c) => a + c, 0) / xs.length;
    console.log(
      `${builds[i]}: server CPU per read median ${median.toFixed(0)} µs, mean ${mean.toFixed(0)} µs ` +
        `(${xs.map((x) => x.toFixed(0)).join(' / ')})`,
    );
  }
} finally {
  for (const b of all) await b.stop();
  for (const db of databases) await db.drop();
}
