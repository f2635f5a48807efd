import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import {
  checkpoint,
  closedLoop,
  createDatabase,
  inParallel,
  pgbench,
  pgbenchInit,
  post,
  startServer,
} from './support.js';

/**
 * Booth usage ingestion (issue 6, "Measure"), against the service on PostgreSQL, side by side with
 * pgbench on the same server in the same run:
 *
 * 1. spread: `clients` HTTP clients post batches of `batch` AI outputs (1 token each) to events
 *    of `accounts` accounts; outputs recorded per second ÷ pgbench tpcb-like TPS (-c 8 -j 2);
 * 2. hot: the same clients all post to ONE event of ONE account; outputs/s ÷ pgbench's rate on a
 *    custom script that updates one row (-c 8 -j 2). Afterwards the account's balance must be
 *    exactly what was funded minus the recorded outputs, and never below zero (zero overdraft);
 *    then the balance is cut to a few thousand tokens and the clients run it dry: exactly that many
 *    outputs are recorded, the rest refused, and the balance ends at zero.
 */
export async function boothUsageBench(options: {
  accounts: number;
  seconds: number;
  clients: number;
  batch: number;
}) {
  const { accounts, seconds, clients, batch } = options;

  const reference = await createDatabase('pictor_bench_pgbench');
  console.log(`pgbench: initializing scale 10 in ${reference.name}`);
  pgbenchInit(reference.url, 10);
  const hotScript = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pictor-bench-')), 'hot-row.sql');
  fs.writeFileSync(hotScript, 'UPDATE pgbench_branches SET bbalance = bbalance + 1 WHERE bid = 1;\n');
  const tpcb = () => pgbench(reference.url, ['-b', 'tpcb-like', '-c', '8', '-j', '2', '-T', String(seconds)]);
  const hotRow = () => pgbench(reference.url, ['-f', hotScript, '-c', '8', '-j', '2', '-T', String(seconds)]);

  await checkpoint();
  const tpsBefore = tpcb();
  const hotBefore = hotRow();
  console.log(`pgbench tpcb-like: ${tpsBefore.toFixed(0)} TPS; one hot row: ${hotBefore.toFixed(0)} TPS`);

  const engineDb = await createDatabase('pictor_bench_booth');
  const server = await startServer({ DATABASE_URL: engineDb.url });
  const sql = new pg.Pool({ connectionString: engineDb.url, max: 8 });
  let spread;
  let hot;
  let dry;
  try {
    console.log(`opening ${accounts} accounts with a Pro license, tokens and a running event each`);
    const events = await prepareAccounts(server, sql, accounts + 1);
    const hotAccount = events.pop()!;

    await checkpoint();
    console.log(
      `spread: ${clients} clients, batches of ${batch} outputs over ${accounts} accounts, ${seconds}s`,
    );
    spread = await measure(
      server,
      clients,
      seconds,
      batch,
      (client, n) => events[(client * 7919 + n * 104729) % events.length]!,
      'spread',
    );
    console.log(
      `spread: ${spread.outputsPerSecond.toFixed(0)} outputs/s (${spread.requests.perSecond.toFixed(1)} req/s, p50 ${spread.requests.p50.toFixed(1)} ms, p99 ${spread.requests.p99.toFixed(1)} ms)`,
    );

    await checkpoint();
    console.log(`hot: ${clients} clients, batches of ${batch} outputs on ONE event, ${seconds}s`);
    const before = await tokenBalance(sql, hotAccount.accountId);
    hot = await measure(server, clients, seconds, batch, () => hotAccount, 'hot');
    const after = await tokenBalance(sql, hotAccount.accountId);
    const recordedRows = await countOutputs(sql, hotAccount.eventId);
    console.log(
      `hot: ${hot.outputsPerSecond.toFixed(0)} outputs/s (p50 ${hot.requests.p50.toFixed(1)} ms, p99 ${hot.requests.p99.toFixed(1)} ms)`,
    );
    if (before - after !== BigInt(hot.recorded) * 1_000_000n || recordedRows !== hot.recorded) {
      throw new Error(
        `hot account: ${before - after} micros charged for ${hot.recorded} outputs (${recordedRows} rows)`,
      );
    }

    // Run it dry: exactly the balance is spent, nothing more.
    const left = 5_000n;
    const spend = after - left * 1_000_000n;
    await adjust(server, hotAccount.accountId, 'debit', spend, 'bench-dry');
    dry = await measure(server, clients, 3, batch, () => hotAccount, 'dry');
    const final = await tokenBalance(sql, hotAccount.accountId);
    console.log(`dry: ${dry.recorded} recorded, ${dry.refused} refused, balance ${final}`);
    if (final !== 0n || BigInt(dry.recorded) !== left) {
      throw new Error(
        `overdraft check failed: ${dry.recorded} recorded from ${left} tokens, balance ${final}`,
      );
    }
    const invariant = await sql.query(
      `SELECT min(balance_micros) AS min FROM wallet_balances WHERE unit = 'TOKEN'`,
    );
    console.log(`lowest TOKEN balance of any account: ${invariant.rows[0].min}`);
  } finally {
    await sql.end();
    await server.stop();
  }

  await checkpoint();
  const tpsAfter = tpcb();
  const hotAfter = hotRow();
  console.log(`pgbench again: ${tpsAfter.toFixed(0)} TPS; one hot row: ${hotAfter.toFixed(0)} TPS`);
  const tps = (tpsBefore + tpsAfter) / 2;
  const hotTps = (hotBefore + hotAfter) / 2;
  await engineDb.drop();
  await reference.drop();

  const rows = [
    {
      workload: `spread (${accounts} accounts)`,
      'outputs/s': Math.round(spread.outputsPerSecond),
      'req/s': spread.requests.perSecond.toFixed(1),
      'p50 ms': spread.requests.p50.toFixed(1),
      'p99 ms': spread.requests.p99.toFixed(1),
      reference: `tpcb-like ${Math.round(tps)} TPS`,
      ratio: (spread.outputsPerSecond / tps).toFixed(2),
      target: '≥ 15',
    },
    {
      workload: 'hot (one account, one event)',
      'outputs/s': Math.round(hot.outputsPerSecond),
      'req/s': hot.requests.perSecond.toFixed(1),
      'p50 ms': hot.requests.p50.toFixed(1),
      'p99 ms': hot.requests.p99.toFixed(1),
      reference: `one hot row ${Math.round(hotTps)} TPS`,
      ratio: (hot.outputsPerSecond / hotTps).toFixed(2),
      target: '≥ 5',
    },
  ];
  console.log(
    `\nbooth usage: batches of ${batch} outputs over HTTP, ${clients} clients, ${seconds}s each, PostgreSQL`,
  );
  console.table(rows);
  console.log(
    `statuses: spread ${JSON.stringify(spread.requests.statuses)}, hot ${JSON.stringify(hot.requests.statuses)}`,
  );
  return rows;
}

interface Target {
  accountId: string;
  eventId: string;
}

async function prepareAccounts(
  server: { base: string; key: string },
  sql: pg.Pool,
  count: number,
): Promise<Target[]> {
  const targets: Target[] = new Array(count);
  await inParallel(count, 8, async (i) => {
    const account = await request(
      server,
      'POST',
      '/v1/accounts',
      { name: `Booth bench ${i}` },
      `bench-acct-${i}`,
    );
    const accountId = account.id as string;
    // Templates belong to an account (migration 018): each bench account defines its own.
    await request(server, 'PUT', `/v1/accounts/${accountId}/booth/templates/bench-ai`, {
      name: 'Bench AI image',
      outputs: [{ kind: 'ai_image_low', count: 1 }],
      features: [],
    });
    await adjust(server, accountId, 'credit', 100_000_000n * 1_000_000n, `bench-fund-${i}`);
    const now = new Date();
    const orderId = `lord_bench${i}`;
    await sql.query(
      `INSERT INTO license_orders (id, account_id, idempotency_scope, idempotency_key, request_hash, product, period,
         quantity, catalog_version, status, total_micros, quote, created_at, updated_at)
       VALUES ($1, $2, 'bench', $1, 'x', 'pro', 'annual', 1, 1, 'paid', 0, '{}', $3, $3)`,
      [orderId, accountId, now],
    );
    await sql.query(
      `INSERT INTO licenses (id, account_id, order_id, product, period, status, catalog_version, list_price_micros,
         period_list_micros, paid_micros, volume_rate_bp, period_anchor, current_period_start, current_period_end,
         created_at, updated_at)
       VALUES ($1, $2, $3, 'pro', 'annual', 'active', 1, 990000000, 990000000, 990000000, 0, $4, $4, $5, $4, $4)`,
      [
        `lic_bench${i}`,
        accountId,
        orderId,
        new Date(now.getTime() - 60_000),
        new Date(now.getTime() + 365 * 86_400_000),
      ],
    );
    const event = await request(
      server,
      'POST',
      `/v1/accounts/${accountId}/events`,
      { name: `Bench event ${i}`, templateIds: ['bench-ai'] },
      `bench-event-${i}`,
    );
    const started = await request(
      server,
      'POST',
      `/v1/accounts/${accountId}/events/${event.id}/start`,
      undefined,
    );
    if (started.status !== 'running') throw new Error(`event did not start: ${JSON.stringify(started)}`);
    targets[i] = { accountId, eventId: event.id as string };
  });
  return targets;
}

async function measure(
  server: { base: string; key: string },
  clients: number,
  seconds: number,
  batch: number,
  target: (client: number, n: number) => Target,
  label: string,
) {
  let recorded = 0;
  let refused = 0;
  const requests = await closedLoop(clients, seconds, async (client, n) => {
    const t = target(client, n);
    const outputs = Array.from({ length: batch }, (_, i) => ({
      outputId: `${label}-${client}-${n}-${i}`,
      sessionId: `${label}-${client}-${n}-${Math.floor(i / 4)}`,
      kind: 'ai_image_low',
    }));
    const { status, body } = await postBody(
      server,
      `/v1/accounts/${t.accountId}/events/${t.eventId}/outputs`,
      { outputs },
    );
    if (status === 200) {
      recorded += count(body, '"status":"recorded"');
      refused += count(body, '"status":"refused"');
    }
    return status;
  });
  return { requests, recorded, refused, outputsPerSecond: recorded / seconds };
}

function count(text: string, needle: string): number {
  let n = 0;
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + needle.length)) n++;
  return n;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function postBody(
  server: { base: string; key: string },
  url: string,
  body: unknown,
): Promise<{ status: number; body: string }> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${server.base}${url}`,
      {
        method: 'POST',
        agent,
        headers: {
          authorization: `Bearer ${server.key}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

async function request(
  server: { base: string; key: string },
  method: 'POST' | 'PUT',
  url: string,
  body: unknown,
  idempotencyKey?: string,
): Promise<Record<string, unknown>> {
  const res = await fetch(`${server.base}${url}`, {
    method,
    headers: {
      authorization: `Bearer ${server.key}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function adjust(
  server: { base: string; key: string },
  accountId: string,
  direction: 'credit' | 'debit',
  micros: bigint,
  key: string,
) {
  const whole = micros / 1_000_000n;
  const fraction = (micros % 1_000_000n).toString().padStart(6, '0');
  const status = await post(server.base, `/v1/accounts/${accountId}/adjustments`, server.key, key, {
    direction,
    amount: { amount: `${whole}.${fraction}`, unit: 'TOKEN' },
    reason: 'benchmark',
  });
  if (status !== 201) throw new Error(`adjustment failed: ${status}`);
}

async function tokenBalance(sql: pg.Pool, accountId: string): Promise<bigint> {
  const res = await sql.query(
    `SELECT balance_micros FROM wallet_balances WHERE account_id = $1 AND unit = 'TOKEN'`,
    [accountId],
  );
  return BigInt(res.rows[0].balance_micros);
}

async function countOutputs(sql: pg.Pool, eventId: string): Promise<number> {
  const res = await sql.query(`SELECT count(*)::int AS n FROM booth_outputs WHERE event_id = $1`, [eventId]);
  return res.rows[0].n as number;
}
