import { afterAll, describe, expect, it } from 'vitest';
import { createBillingClient } from '../../clients/typescript/src/index.js';
import type { Database } from '../../src/kernel/db/database.js';
import { type FreshDatabase, postgres } from '../support/databases.js';
import { type FakeFleet, startFakeFleet } from '../support/fake-fleet.js';
import { expectLedgerSound } from '../support/harness.js';
import {
  type ServerProcess,
  randomPort,
  serverEnv,
  startServerProcess,
  stopProcess,
} from '../support/server-process.js';

/**
 * Scale-out (issue 18, docs/scale-out.md): two API processes (`serve`, PICTOR_ROLE=api) and two
 * scheduler processes (`scheduler`, and `serve` with PICTOR_ROLE=scheduler) on one PostgreSQL
 * database. Eight clients (the TypeScript client, whose fetch fails over between the two APIs)
 * charge, top up (operator credits), place holds that expire and rent GPU instances under their own
 * Idempotency-Keys, retrying each under its key until it is acknowledged. One API process is killed
 * with SIGKILL mid-load; its clients go on through the other. Meanwhile the test plays the clock for
 * the renewals: every round it moves the due time of every pending `rental.period_end` to now (what
 * an hour passing does), and the two schedulers share the renewals they find due.
 *
 * Then, from the database: every acknowledged operation stored once under its key (charges, top-ups,
 * holds, rentals), units sum to 0, no wallet negative (also sampled every 250 ms during the run),
 * every due period end run exactly once (one claim, one renewal charge, periods contiguous), every
 * hold expired by the schedulers.
 */
const CLIENTS = 8;
const ACCOUNTS = 4;
const RENTALS_PER_CLIENT = 3;
const LOAD_MS = 10_000;
const KILL_AT_MS = 4_000;
const ROUND_EVERY_MS = 2_000;
const OPERATOR_KEY = 'pk_scale_out_operator_key_0123456789';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The nodes a client may use, as a load balancer sees them: a node that refused a connection rests 1 s. */
class Nodes {
  private downUntil = new Map<string, number>();
  private next = 0;
  readonly sent = new Map<string, number>();
  /** Attempts that found no server (the killed one): the client retried them on the other node. */
  refused = 0;

  constructor(readonly urls: string[]) {}

  pick(): string {
    const now = performance.now();
    const up = this.urls.filter((u) => (this.downUntil.get(u) ?? 0) <= now);
    const url = (up.length ? up : this.urls)[this.next++ % (up.length || this.urls.length)]!;
    this.sent.set(url, (this.sent.get(url) ?? 0) + 1);
    return url;
  }

  down(url: string) {
    this.downUntil.set(url, performance.now() + 1000);
  }

  /** A fetch for the client: each attempt goes to a node that is up; a refused connection marks it down. */
  fetch = async (request: Request): Promise<Response> => {
    const node = this.pick();
    const url = new URL(request.url);
    const target = `${node}${url.pathname}${url.search}`;
    const body = request.body ? await request.arrayBuffer() : undefined;
    try {
      return await fetch(target, {
        method: request.method,
        headers: request.headers,
        body,
        signal: AbortSignal.timeout(15_000),
      });
    } catch (error) {
      this.refused++;
      this.down(node);
      throw error;
    }
  };
}

type Kind = 'charge' | 'topup' | 'hold' | 'rental';

interface Run {
  /** Acknowledged operations: key → the id the server answered (transaction, hold or instance). */
  acknowledged: Map<string, { kind: Kind; accountId: string; id: string }>;
  unexpected: string[];
  /** Attempts that failed and were sent again under the same key (network errors, 5xx, key in use). */
  retries: number;
  stop: boolean;
}

/** One operation under `key`, sent again under the same key until the server acknowledges it. */
async function acknowledge(
  client: ReturnType<typeof createBillingClient>,
  run: Run,
  kind: Kind,
  accountId: string,
  key: string,
) {
  const headers = { 'idempotency-key': key };
  const params = { path: { accountId } };
  for (;;) {
    const answer = await (async () => {
      switch (kind) {
        case 'charge':
          return client.POST('/v1/accounts/{accountId}/charges', {
            params,
            headers,
            body: {
              amount: { amount: '0.01', unit: 'CREDIT' },
              productLine: 'compute',
              description: 'Render task',
              metadata: { op: key },
            },
          });
        case 'topup':
          return client.POST('/v1/accounts/{accountId}/adjustments', {
            params,
            headers,
            body: { direction: 'credit', amount: { amount: '5', unit: 'CREDIT' }, reason: key },
          });
        case 'hold':
          return client.POST('/v1/accounts/{accountId}/holds', {
            params,
            headers,
            body: {
              amount: { amount: '0.5', unit: 'CREDIT' },
              productLine: 'compute',
              description: 'Render task estimate',
              metadata: { op: key },
              expiresInSeconds: 1,
            },
          });
        case 'rental':
          return client.POST('/v1/accounts/{accountId}/instances', {
            params,
            headers,
            body: {
              instanceType: 'rtx-4090',
              diskGb: 10,
              period: { unit: 'hour', count: 1 },
              autoRenew: true,
            },
          });
      }
    })().catch(() => undefined);
    if (answer?.response.status === 201) {
      const data = answer.data as { id?: string; instance?: { id: string } };
      run.acknowledged.set(key, { kind, accountId, id: data.instance?.id ?? data.id! });
      return;
    }
    const code = (answer?.error as { code?: string } | undefined)?.code;
    if (answer && answer.response.status < 500 && code !== 'idempotency_key_in_use') {
      run.unexpected.push(`${key}: ${answer.response.status} ${JSON.stringify(answer.error).slice(0, 200)}`);
      return;
    }
    run.retries++;
    await sleep(100);
  }
}

/** A customer's service: a mix of operations on the accounts, each under a fresh key. */
async function worker(nodes: Nodes, run: Run, name: string, accounts: string[]) {
  const client = createBillingClient({
    baseUrl: 'http://nodes',
    apiKey: OPERATOR_KEY,
    fetch: nodes.fetch as typeof fetch,
    baseDelayMs: 50,
    maxDelayMs: 500,
  });
  let rentals = 0;
  for (let n = 0; !run.stop; n++) {
    const accountId = accounts[n % accounts.length]!;
    // Rentals first, so that every renewal round finds their period ends.
    const kind: Kind =
      rentals < RENTALS_PER_CLIENT ? 'rental' : n % 5 === 1 ? 'topup' : n % 5 === 2 ? 'hold' : 'charge';
    if (kind === 'rental') rentals++;
    await acknowledge(client, run, kind, accountId, `${name}-${n}-${kind}`);
  }
}

/** The test's clock for renewals: every pending period end becomes due now, as if its hour had passed. */
async function renewalRound(db: Database): Promise<number> {
  const rows = await db.query(
    `UPDATE due_work SET due_at = now()
     WHERE kind = 'rental.period_end' AND status = 'pending' AND due_at > now() RETURNING id`,
  );
  return rows.length;
}

/** Waits until no work is due and unfinished (the schedulers have run every round). */
async function drained(db: Database, timeoutMs = 20_000) {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const [row] = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM due_work WHERE status = 'pending' AND due_at <= now()
         AND kind IN ('rental.period_end', 'holds.expire')`,
    );
    const [holds] = await db.query<{ n: string }>(`SELECT count(*) AS n FROM holds WHERE status = 'pending'`);
    if (Number(row!.n) === 0 && Number(holds!.n) === 0) return;
    if (performance.now() > deadline)
      throw new Error(`due work not drained: ${row!.n} due, ${holds!.n} holds`);
    await sleep(200);
  }
}

async function lowestWallet(db: Database): Promise<bigint> {
  const [row] = await db.query<{ low: string | null }>(
    `SELECT min(balance_micros) AS low FROM wallet_balances`,
  );
  return BigInt(row!.low ?? 0);
}

/** Operations stored per key, and acknowledged ones missing (lost) or stored more than once (duplicated). */
async function storedOnce(db: Database, run: Run) {
  const charges = await db.query<{ key: string; id: string }>(
    `SELECT metadata->>'op' AS key, id FROM transactions WHERE kind = 'charge' AND metadata ? 'op'`,
  );
  const topups = await db.query<{ key: string; id: string }>(
    `SELECT metadata->>'reason' AS key, id FROM transactions WHERE kind = 'other' AND metadata->>'reason' LIKE 'w%'`,
  );
  const holds = await db.query<{ key: string; id: string }>(`SELECT metadata->>'op' AS key, id FROM holds`);
  const rentals = await db.query<{ key: string; id: string }>(
    `SELECT i.id AS key, i.id FROM gpu_instances i`,
  );
  const stored = new Map<string, string[]>();
  for (const r of [...charges, ...topups, ...holds]) stored.set(r.key, [...(stored.get(r.key) ?? []), r.id]);
  const instanceIds = new Set(rentals.map((r) => r.id));
  let lost = 0;
  const lostHolds: string[] = [];
  for (const [key, ack] of run.acknowledged) {
    if (ack.kind === 'rental' ? !instanceIds.has(ack.id) : !(stored.get(key) ?? []).includes(ack.id)) {
      if (ack.kind === 'hold') lostHolds.push(`${key} → ${ack.id}`);
      else lost++;
    }
  }
  const duplicated = [...stored.values()].filter((ids) => ids.length > 1).length;
  const ackRentals = [...run.acknowledged.values()].filter((a) => a.kind === 'rental').length;
  return {
    lost,
    lostHolds,
    duplicated,
    extraInstances: instanceIds.size - ackRentals,
    stored: charges.length + topups.length + holds.length + instanceIds.size,
  };
}

/** Every due period end run once: one claim, one renewal charge; each instance's periods follow on. */
async function renewalsOnce(db: Database) {
  const work = await db.query<{ subject: string; period: string; status: string; attempts: number }>(
    `SELECT subject, period, status, attempts FROM due_work WHERE kind = 'rental.period_end'`,
  );
  const renewals = await db.query<{ instance: string; start: string; end: string }>(
    `SELECT metadata->>'instanceId' AS instance, metadata->>'periodStart' AS start, metadata->>'periodEnd' AS end
     FROM transactions WHERE kind = 'charge' AND metadata->>'renewal' = 'true'`,
  );
  const done = work.filter((w) => w.status === 'done');
  const byInstance = new Map<string, { start: string; end: string }[]>();
  for (const r of renewals) byInstance.set(r.instance, [...(byInstance.get(r.instance) ?? []), r]);
  const broken: string[] = [];
  for (const [instance, list] of byInstance) {
    list.sort((a, b) => a.start.localeCompare(b.start));
    for (let i = 1; i < list.length; i++) {
      if (list[i]!.start !== list[i - 1]!.end)
        broken.push(`${instance}: ${list[i - 1]!.end} → ${list[i]!.start}`);
    }
  }
  const renewedPeriods = new Set(renewals.map((r) => `${r.instance} ${r.start}`));
  return {
    due: done.length,
    claimedTwice: done.filter((w) => w.attempts !== 1).length,
    failed: work.filter((w) => w.status === 'failed').length,
    renewals: renewals.length,
    renewedTwice: renewals.length - renewedPeriods.size,
    // A done period end without its renewal charge (or a charge without its period end).
    unmatched: done.filter((w) => !renewedPeriods.has(`${w.subject} ${new Date(w.period).toISOString()}`))
      .length,
    gaps: broken,
  };
}

describe.runIf(postgres)('scale-out: 2 API processes and 2 schedulers on one PostgreSQL', () => {
  let database: FreshDatabase | undefined;
  let db: Database | undefined;
  let fleet: FakeFleet | undefined;
  const processes: ServerProcess[] = [];
  afterAll(async () => {
    for (const p of processes) await stopProcess(p);
    await db?.close();
    await fleet?.close();
    await database?.drop();
  });

  it('one API killed mid-load: 0 acknowledged charges, top-ups or rentals lost or duplicated (holds included), each due renewal run once, units sum to 0, no wallet negative', async () => {
    const started = performance.now();
    database = await postgres!.fresh();
    fleet = await startFakeFleet();
    const common = {
      DATABASE_URL: database.url!,
      PICTOR_DB_POOL_SIZE: '6',
      PICTOR_BOOTSTRAP_OPERATOR_KEY: OPERATOR_KEY,
      PICTOR_FLEET_BASE_URL: fleet.baseUrl,
      PICTOR_SANDBOX: 'off',
      // A request killed mid-flight holds its key until the lease passes; then its retry runs it.
      PICTOR_IDEMPOTENCY_LEASE_SECONDS: '2',
      PICTOR_HOLD_SWEEP_SECONDS: '1',
      PICTOR_SCHEDULER_INTERVAL_SECONDS: '1',
    };
    const api = async (role: string) =>
      serverEnv({ ...common, PICTOR_ROLE: role, PORT: String(await randomPort()) });
    // The first API migrates the database and creates the operator key; the others then start together.
    const api1 = await startServerProcess(await api('api'));
    processes.push(api1);
    const [api2, scheduler1, scheduler2] = await Promise.all([
      startServerProcess(await api('api')),
      startServerProcess(serverEnv(common), 'scheduler'),
      startServerProcess(serverEnv({ ...common, PICTOR_ROLE: 'scheduler' })),
    ]);
    processes.push(api2, scheduler1, scheduler2);
    const startedMs = performance.now() - started;
    db = await database.open();

    const nodes = new Nodes([api1.url, api2.url]);
    const setUp = createBillingClient({
      baseUrl: 'http://nodes',
      apiKey: OPERATOR_KEY,
      fetch: nodes.fetch as typeof fetch,
    });
    const accounts: string[] = [];
    for (let i = 0; i < ACCOUNTS; i++) {
      const { data } = await setUp.POST('/v1/accounts', { body: { name: `Studio ${i}` } });
      await setUp.POST('/v1/accounts/{accountId}/adjustments', {
        params: { path: { accountId: data!.id } },
        body: { direction: 'credit', amount: { amount: '100000', unit: 'CREDIT' }, reason: 'funding' },
      });
      accounts.push(data!.id);
    }

    const run: Run = { acknowledged: new Map(), unexpected: [], retries: 0, stop: false };
    const loadStarted = performance.now();
    const workers = Array.from({ length: CLIENTS }, (_, i) => worker(nodes, run, `w${i}`, accounts));
    let lowest = await lowestWallet(db);
    const sampler = (async () => {
      while (!run.stop) {
        const low = await lowestWallet(db!);
        if (low < lowest) lowest = low;
        await sleep(250);
      }
    })();
    let pulled = 0;
    let rounds = 0;
    let killedAt = 0;
    let ackedAtKill = 0;
    for (let t = ROUND_EVERY_MS; t <= LOAD_MS; t += ROUND_EVERY_MS) {
      await sleep(ROUND_EVERY_MS);
      pulled += await renewalRound(db);
      rounds++;
      if (!killedAt && performance.now() - loadStarted >= KILL_AT_MS) {
        await stopProcess(api1, 'SIGKILL');
        killedAt = performance.now() - loadStarted;
        ackedAtKill = run.acknowledged.size;
      }
    }
    run.stop = true;
    await Promise.all([...workers, sampler]);
    const loadMs = performance.now() - loadStarted;
    pulled += await renewalRound(db);
    rounds++;
    await drained(db);
    for (const p of [api2, scheduler1, scheduler2]) await stopProcess(p, 'SIGTERM');

    await expectLedgerSound(db);
    const stored = await storedOnce(db, run);
    const renewals = await renewalsOnce(db);
    const holdStates = await db.query<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM holds GROUP BY status`,
    );
    const counts = { charge: 0, topup: 0, hold: 0, rental: 0 };
    for (const a of run.acknowledged.values()) counts[a.kind]++;
    console.info(
      `scale-out: 2 API + 2 schedulers up in ${Math.round(startedMs)} ms; ${run.acknowledged.size} operations ` +
        `acknowledged in ${Math.round(loadMs)} ms (${JSON.stringify(counts)}), ${nodes.refused} attempts refused and retried by the client, ${run.retries} resent under their key, ` +
        `API 1 SIGKILLed at ${Math.round(killedAt)} ms after ${ackedAtKill}; requests per node ` +
        `${JSON.stringify([...nodes.sent.values()])}; ${rounds} renewal rounds, ${pulled} period ends made due, ` +
        `${renewals.renewals} renewals; lowest wallet ${lowest} µ; ${JSON.stringify({ ...stored, ...renewals, gaps: renewals.gaps.length })}; ` +
        `holds ${JSON.stringify(holdStates)}; ${Math.round(performance.now() - started)} ms in all`,
    );
    expect(run.unexpected).toEqual([]);
    expect(killedAt).toBeGreaterThan(0);
    expect(run.acknowledged.size).toBeGreaterThan(ackedAtKill);
    expect(counts.rental).toBeGreaterThan(0);
    expect(stored).toMatchObject({ lost: 0, duplicated: 0, extraInstances: 0 });
    // Found by this test on 2026-12-05: a hold placed as an equal one lapsed (expired lazily in the
    // same batch) left the wallet unchanged, so the batch wrote nothing yet answered 201
    // (test/ledger/net-zero-batch.test.ts; fixed in the ledger store).
    expect(stored.lostHolds).toEqual([]);
    expect(renewals).toMatchObject({ claimedTwice: 0, failed: 0, renewedTwice: 0, unmatched: 0, gaps: [] });
    expect(renewals.renewals).toBe(renewals.due);
    expect(renewals.renewals).toBeGreaterThanOrEqual(counts.rental);
    expect(lowest >= 0n).toBe(true);
    expect(holdStates.map((h) => h.status)).toEqual(['expired']);
  }, 240_000);
});
