import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import pg from 'pg';
import { RawHttpPool } from './raw-http.js';

export const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function createDatabase(
  prefix: string,
): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${Date.now()}_${randomBytes(3).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => {}),
  };
}

async function admin<T>(work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** pgbench's TPS (without initial connection time) for the given built-in script. */
export function pgbench(databaseUrl: string, args: string[]): number {
  const url = new URL(databaseUrl);
  const base = [
    '-h',
    url.hostname,
    '-p',
    url.port || '5432',
    '-U',
    decodeURIComponent(url.username) || 'postgres',
  ];
  const out = execFileSync('pgbench', [...base, ...args, url.pathname.slice(1)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tps = /tps = ([0-9.]+) \(without initial connection time\)/.exec(out);
  if (!tps) throw new Error(`could not read pgbench output:\n${out}`);
  return Number(tps[1]);
}

export function pgbenchInit(databaseUrl: string, scale: number): void {
  const url = new URL(databaseUrl);
  execFileSync(
    'pgbench',
    [
      '-h',
      url.hostname,
      '-p',
      url.port || '5432',
      '-U',
      decodeURIComponent(url.username) || 'postgres',
      '-i',
      '-q',
      '-s',
      String(scale),
      url.pathname.slice(1),
    ],
    { stdio: 'ignore' },
  );
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * The Node options `npm start` serves with (package.json's start script: what sits between `node`
 * and `dist/cli/main.js`), so a bench measures the server as it is run.
 */
export function serveNodeOptions(): string[] {
  const start = (JSON.parse(fs.readFileSync('package.json', 'utf8')) as { scripts: { start: string } })
    .scripts.start;
  const options = /^node\s+(.*?)\s*dist\/cli\/main\.js serve$/.exec(start);
  if (!options)
    throw new Error(`package.json's start script is not "node [options] dist/cli/main.js serve": ${start}`);
  return options[1]!.split(/\s+/).filter(Boolean);
}

/** Starts `pictor-billing serve` from dist/ as its own process, as `npm start` does, and waits for /health. */
export async function startServer(
  env: Record<string, string>,
): Promise<{ base: string; key: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const key = `pk_bench_${randomBytes(16).toString('hex')}`;
  // BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server under load.
  const nodeArgs = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child: ChildProcess = spawn(
    process.execPath,
    [...serveNodeOptions(), ...nodeArgs, 'dist/cli/main.js', 'serve', '--port', String(port)],
    {
      // Benches measure the engine, not the limiter: rate limits off.
      env: {
        ...process.env,
        LOG_LEVEL: 'warn',
        PICTOR_BOOTSTRAP_OPERATOR_KEY: key,
        PICTOR_RATE_LIMIT: 'off',
        ...env,
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  const base = `http://127.0.0.1:${port}`;
  // Up to two minutes: a loaded machine (other sessions' tests) can take long to migrate PGlite.
  let healthy = false;
  for (let i = 0; i < 1200 && !healthy && child.exitCode === null; i++) {
    try {
      healthy = (await fetch(`${base}/health`)).ok;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  if (!healthy) {
    child.kill('SIGTERM');
    throw new Error(`the server did not become healthy (exit code ${child.exitCode})`);
  }
  return {
    base,
    key,
    stop: async () => {
      closeClient(base);
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    },
  };
}

const pools = new Map<string, RawHttpPool>();
function poolFor(base: string): RawHttpPool {
  let pool = pools.get(base);
  if (!pool) {
    pool = new RawHttpPool(base);
    pools.set(base, pool);
  }
  return pool;
}

/** A POST over a keep-alive connection; resolves with the status code once the body is read. */
export function post(
  base: string,
  path: string,
  key: string,
  idempotencyKey: string,
  body: unknown,
): Promise<number> {
  const headers = {
    authorization: `Bearer ${key}`,
    'idempotency-key': idempotencyKey,
    'content-type': 'application/json',
  };
  return poolFor(base).request('POST', path, headers, JSON.stringify(body));
}

/** A GET over a keep-alive connection; resolves with the status code once the body is read. */
export function get(base: string, path: string, key: string): Promise<number> {
  return poolFor(base).request('GET', path, { authorization: `Bearer ${key}` });
}

/** Closes the clients' connections to `base` (before its server stops). */
export function closeClient(base: string): void {
  const pool = pools.get(base);
  pools.delete(base);
  pool?.close();
}

/**
 * Runs `clients` loops, each calling `request` back to back, for `until` seconds or until the
 * `until` promise settles; returns latencies and statuses.
 */
export async function closedLoop(
  clients: number,
  until: number | Promise<void>,
  request: (client: number, n: number) => Promise<number>,
) {
  const latenciesMs: number[] = [];
  const statuses = new Map<number, number>();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let done = false;
  const finished =
    typeof until === 'number'
      ? undefined
      : until.finally(() => {
          done = true;
        });
  const deadline = typeof until === 'number' ? started + until * 1000 : Infinity;
  await Promise.all([
    finished,
    ...Array.from({ length: clients }, async (_, client) => {
      for (let n = 0; !done && performance.now() < deadline; n++) {
        const start = performance.now();
        const status = await request(client, n);
        latenciesMs.push(performance.now() - start);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    }),
  ]);
  const seconds = typeof until === 'number' ? until : (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  latenciesMs.sort((a, b) => a - b);
  const pct = (p: number) =>
    latenciesMs[Math.min(latenciesMs.length - 1, Math.floor((p / 100) * latenciesMs.length))] ?? NaN;
  return {
    count: latenciesMs.length,
    perSecond: latenciesMs.length / seconds,
    p50: pct(50),
    p99: pct(99),
    statuses: Object.fromEntries(statuses),
    /** The load generator's own CPU per request (this process, so with whatever else it ran). */
    clientCpuMicrosPerRequest: (cpu.user + cpu.system) / Math.max(1, latenciesMs.length),
  };
}

/** Runs `total` tasks with at most `parallel` in flight. */
export async function inParallel(total: number, parallel: number, task: (i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < total) await task(next++);
    }),
  );
}

/** Flushes dirty pages so a measured phase does not pay for the previous phase's writes. */
export async function checkpoint(): Promise<void> {
  await admin((c) => c.query('CHECKPOINT'));
}

/** Opens `count` accounts through the API and funds each with 1,000,000 CREDIT; returns their ids. */
export async function openFundedAccounts(
  server: { base: string; key: string },
  count: number,
): Promise<string[]> {
  const ids: string[] = new Array(count);
  await inParallel(count, 16, async (i) => {
    const res = await fetch(`${server.base}/v1/accounts`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${server.key}`,
        'idempotency-key': `bench-acct-${i}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ name: `Bench ${i}` }),
    });
    ids[i] = ((await res.json()) as { id: string }).id;
    const funded = await post(
      server.base,
      `/v1/accounts/${ids[i]}/adjustments`,
      server.key,
      `bench-fund-${i}`,
      {
        direction: 'credit',
        amount: { amount: '1000000', unit: 'CREDIT' },
        reason: 'benchmark funding',
      },
    );
    if (funded !== 201) throw new Error(`funding failed: ${funded}`);
  });
  return ids;
}

/** The 1-minute load average, as `uptime` prints it, to record beside each figure. */
export function loadAverage(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
}
