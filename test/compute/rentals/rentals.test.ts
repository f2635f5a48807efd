import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Engine, startEngine } from '../../../src/server/engine.js';
import { type App, buildApp } from '../../../src/server/app.js';
import { SimulatedClock } from '../../../src/kernel/clock.js';
import { registerComputeWork } from '../../../src/compute/rentals/rental-work.js';
import { DueWorkRunner } from '../../../src/kernel/jobs/due-work-runner.js';
import type { ServiceContext } from '../../../src/server/context.js';
import { rentInstance } from '../../../src/compute/rentals/rent-instance.js';
import type { Queryable } from '../../../src/kernel/db/database.js';
import { type Backend, backends } from '../../support/databases.js';
import { type FakeFleet, startFakeFleet } from '../../support/fake-fleet.js';
import {
  type Harness,
  expectLedgerSound,
  rowCounts,
  startHarness,
  uniqueKey,
} from '../../support/harness.js';

const HOUR = 3_600_000;

interface Published {
  accountId: string;
  type: string;
  data: Record<string, string>;
}

function recorder() {
  const published: Published[] = [];
  return {
    published,
    events: {
      publish: async (accountId: string, e: { type: string; at: Date; data: Record<string, string> }) =>
        void published.push({ accountId, type: e.type, data: e.data }),
    },
  };
}

async function creditBalance(db: Queryable, accountId: string): Promise<bigint> {
  const rows = await db.query<{ b: bigint }>(
    `SELECT balance_micros AS b FROM wallet_balances WHERE account_id = $1 AND unit = 'CREDIT'`,
    [accountId],
  );
  return rows[0]!.b;
}

async function instanceCharges(db: Queryable, instanceId: string, like: string): Promise<bigint> {
  const rows = await db.query<{ s: bigint | null }>(
    `SELECT sum(amount_micros)::int8 AS s FROM transactions
     WHERE (metadata->>'instanceId' = $1 OR $1 = ANY(string_to_array(metadata->>'instanceIds', ',')))
       AND description LIKE $2`,
    [instanceId, like],
  );
  return -(rows[0]!.s ?? 0n);
}

for (const backend of backends) {
  describe(`GPU rentals (${backend.name})`, () => {
    let h: Harness;
    let fleet: FakeFleet;
    let ctx: ServiceContext;
    let app: App;
    let runner: DueWorkRunner<ServiceContext>;
    const rec = recorder();

    beforeAll(async () => {
      fleet = await startFakeFleet();
      h = await startHarness(backend, { clock: new SimulatedClock('2026-06-01T00:00:00Z') });
      ctx = { ...h.engine, fleet: fleet.client(), events: rec.events };
      app = await buildApp(ctx);
      runner = registerComputeWork(new DueWorkRunner(ctx));
    });
    afterAll(async () => {
      await app?.close();
      await h?.close();
      await fleet?.close();
    });

    const api = (method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown, key?: string) =>
      app.inject({
        method,
        url,
        headers: {
          authorization: `Bearer ${h.operatorKey}`,
          ...(method === 'GET' ? {} : { 'idempotency-key': key ?? uniqueKey() }),
        },
        ...(body === undefined ? {} : { payload: body as object }),
      });

    /** Moves the simulated clock hour by hour, running due work after each step. */
    async function hours(n: number) {
      for (let i = 0; i < n; i++) {
        h.clock.advance(HOUR);
        await runner.runDue();
      }
    }

    async function rent(accountId: string, body: Record<string, unknown>, key?: string) {
      return api('POST', `/v1/accounts/${accountId}/instances`, body, key);
    }

    const hourly = { unit: 'hour', count: 1 };
    const daily = { unit: 'day', count: 1 };

    it('lists the sample catalog; an operator publishes an audited new version', async () => {
      const list = await api('GET', '/v1/gpu/instance-types');
      expect(list.statusCode).toBe(200);
      const rtx = list.json().data.find((t: { code: string }) => t.code === 'rtx-4090');
      expect(rtx.computeRatePerHour).toEqual({ amount: '0.690000', unit: 'CREDIT' });
      expect(rtx.storageRatePerGbHour).toEqual({ amount: '0.000280', unit: 'CREDIT' });

      const put = await api('PUT', '/v1/gpu/instance-types/test-gpu', {
        name: 'Test GPU',
        computeRatePerHour: { amount: '1.000000', unit: 'CREDIT' },
        reason: 'test catalog',
      });
      expect(put.statusCode).toBe(201);
      expect(put.json()).toMatchObject({
        code: 'test-gpu',
        version: 1,
        storageRatePerGbHour: { amount: '0.000280' },
      });
      const audit = await h.engine.db.query(`SELECT action FROM audit_log WHERE subject = 'test-gpu'`);
      expect(audit).toEqual([{ action: 'gpu_instance_type.publish' }]);
      const customer = await app.inject({
        method: 'PUT',
        url: '/v1/gpu/instance-types/test-gpu',
        headers: { authorization: `Bearer ${h.serviceKey}`, 'idempotency-key': uniqueKey() },
        payload: { name: 'x', computeRatePerHour: { amount: '1', unit: 'CREDIT' }, reason: 'r' },
      });
      expect(customer.statusCode).toBe(403);
    });

    it('renting charges exactly the period cost up front, once per Idempotency-Key; the fleet creates it', async () => {
      const acct = await h.openAccount();
      await h.fund(acct, '100');
      const key = uniqueKey('rent');
      const body = { instanceType: 'rtx-4090', diskGb: 100, period: daily, autoRenew: false };
      const res = await rent(acct, body, key);
      expect(res.statusCode).toBe(201);
      const rented = res.json();
      // 24 h × (0.69 + 100 × 0.00028) = 17.232
      expect(rented.charged).toEqual({ amount: '17.232000', unit: 'CREDIT' });
      expect(rented.instance).toMatchObject({ status: 'running', diskGb: 100, autoRenew: false });
      expect(await creditBalance(h.engine.db, acct)).toBe(82_768_000n);
      const again = await rent(acct, body, key);
      expect(again.statusCode).toBe(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.json().instance.id).toBe(rented.instance.id);
      expect(await creditBalance(h.engine.db, acct)).toBe(82_768_000n);
      expect(fleet.calls(rented.instance.fleetInstanceId, 'create')).toBe(1);
      const got = await api('GET', `/v1/accounts/${acct}/instances/${rented.instance.id}`);
      expect(got.json().id).toBe(rented.instance.id);
      const listed = await api('GET', `/v1/accounts/${acct}/instances`);
      expect(listed.json().data).toHaveLength(1);
    });

    it('refuses a rental the balance cannot cover (422) and bad input (400 with field), writing nothing', async () => {
      const acct = await h.openAccount();
      await h.fund(acct, '1');
      const before = await rowCounts(h.engine.db);
      const poor = await rent(acct, { instanceType: 'rtx-4090', diskGb: 100, period: daily });
      expect(poor.statusCode).toBe(422);
      expect(poor.json().code).toBe('insufficient_funds');
      const cases: [unknown, string][] = [
        [{ instanceType: 'rtx-4090', diskGb: 0, period: daily }, 'diskGb'],
        [{ instanceType: 'rtx-4090', diskGb: 1.5, period: daily }, 'diskGb'],
        [{ instanceType: 'rtx-4090', diskGb: 10, period: { unit: 'year', count: 1 } }, 'period.unit'],
        [{ instanceType: 'rtx-4090', diskGb: 10, period: daily, color: 'red' }, 'color'],
      ];
      for (const [body, field] of cases) {
        const bad = await rent(acct, body as Record<string, unknown>);
        expect(bad.statusCode).toBe(400);
        expect(bad.headers['content-type']).toContain('application/problem+json');
        expect(bad.json().field).toBe(field);
      }
      const unknown = await rent(acct, { instanceType: 'no-such-gpu', diskGb: 10, period: daily });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().code).toBe('instance_type_not_found');
      expect(await rowCounts(h.engine.db)).toEqual(before);
    });

    it('stopping early refunds the unused whole compute hours; storage then accrues after the prepaid period', async () => {
      const acct = await h.openAccount();
      await h.fund(acct, '100');
      const { instance } = (
        await rent(acct, { instanceType: 'rtx-4090', diskGb: 100, period: daily })
      ).json();
      await hours(10);
      h.clock.advance(HOUR / 2); // 10.5 h used: 13 whole hours unused
      const stop = await api('POST', `/v1/accounts/${acct}/instances/${instance.id}/stop`);
      expect(stop.statusCode).toBe(200);
      expect(stop.json().refunded).toEqual({ amount: '8.970000', unit: 'CREDIT' });
      expect(stop.json().instance.status).toBe('stopped');
      const refund = await h.engine.db.query<{ kind: string; amount_micros: bigint }>(
        `SELECT kind, amount_micros FROM transactions WHERE id = $1`,
        [stop.json().refundTransactionId],
      );
      expect(refund).toEqual([{ kind: 'refund', amount_micros: 8_970_000n }]);
      expect(fleet.calls(instance.fleetInstanceId, 'stop')).toBe(1);
      expect(rec.published.some((e) => e.accountId === acct && e.type === 'instance.stopped')).toBe(true);
      // A second stop changes nothing: it answers the same refund, replayed.
      const again = await api('POST', `/v1/accounts/${acct}/instances/${instance.id}/stop`);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.json().refundTransactionId).toBe(stop.json().refundTransactionId);
      expect(fleet.calls(instance.fleetInstanceId, 'stop')).toBe(1);
      expect(await creditBalance(h.engine.db, acct)).toBe(100_000_000n - 17_232_000n + 8_970_000n);
      // Storage is prepaid to the period end (13.5 h away); then one hour in arrears.
      await hours(15);
      expect(await instanceCharges(h.engine.db, instance.id, 'Storage charge%')).toBe(28_000n);
    });

    it('100 GB stopped for 24 h costs exactly 0.672000; starting again pays a new period', async () => {
      const acct = await h.openAccount();
      await h.fund(acct, '10');
      const { instance } = (
        await rent(acct, { instanceType: 'rtx-4090', diskGb: 100, period: hourly, autoRenew: false })
      ).json();
      await hours(1);
      const stopped = (await api('GET', `/v1/accounts/${acct}/instances/${instance.id}`)).json();
      expect(stopped.status).toBe('stopped');
      await hours(24);
      const storage = await instanceCharges(h.engine.db, instance.id, 'Storage charge%');
      expect(storage).toBe(672_000n);
      expect(await creditBalance(h.engine.db, acct)).toBe(10_000_000n - 718_000n - 672_000n);

      const start = await api('POST', `/v1/accounts/${acct}/instances/${instance.id}/start`);
      expect(start.statusCode).toBe(200);
      expect(start.json().charged.amount).toBe('0.718000');
      expect(start.json().instance.status).toBe('running');
      expect(fleet.calls(instance.fleetInstanceId, 'start')).toBe(1);
      await hours(3); // stopped again at the period end, then two storage hours
      expect(await instanceCharges(h.engine.db, instance.id, 'Storage charge%')).toBe(672_000n + 56_000n);
    });

    it('1,000 GB for 30 days: the storage part of the up-front charge is exactly 201.600000', async () => {
      const acct = await h.openAccount();
      await h.fund(acct, '700');
      const res = await rent(acct, {
        instanceType: 'rtx-4090',
        diskGb: 1000,
        period: { unit: 'day', count: 30 },
        autoRenew: false,
      });
      expect(res.statusCode).toBe(201);
      // 720 h × 0.69 compute + 720 h × 1,000 GB × 0.00028 storage
      expect(res.json().charged.amount).toBe('698.400000');
      const [txn] = await h.engine.db.query<{ metadata: Record<string, string> }>(
        `SELECT metadata FROM transactions WHERE id = $1`,
        [res.json().transactionId],
      );
      expect(txn!.metadata.storage).toBe('201.600000');
      expect(txn!.metadata.hours).toBe('720');
    });

    it('auto-renews while the balance covers a period, then stops', async () => {
      const acct = await h.openAccount();
      await h.fund(acct, '1.5'); // two hourly periods of 0.718 and 0.064 over
      const { instance } = (
        await rent(acct, { instanceType: 'rtx-4090', diskGb: 100, period: hourly })
      ).json();
      await hours(1);
      let got = (await api('GET', `/v1/accounts/${acct}/instances/${instance.id}`)).json();
      expect(got.status).toBe('running');
      // (0.782 left after renting covers less than 24 h: the termination warning came at rent time.)
      expect(
        rec.published
          .filter((e) => e.accountId === acct && e.type !== 'instance.termination_imminent')
          .map((e) => e.type),
      ).toEqual(['instance.renewed']);
      expect(await creditBalance(h.engine.db, acct)).toBe(64_000n);
      await hours(1);
      got = (await api('GET', `/v1/accounts/${acct}/instances/${instance.id}`)).json();
      expect(got.status).toBe('stopped');
      const stopped = rec.published.find((e) => e.accountId === acct && e.type === 'instance.stopped');
      expect(stopped?.data.reason).toBe('renewal_unaffordable');
      const off = await api('POST', `/v1/accounts/${acct}/instances/${instance.id}/auto-renew`, {
        autoRenew: false,
      });
      expect(off.json().autoRenew).toBe(false);
    });

    it('a running prepaid instance is never terminated early; at zero balance the owed storage hour terminates it once', async () => {
      const acct = await h.openAccount();
      await h.fund(acct, '17.232'); // exactly one day: the balance is 0 while it runs
      const { instance } = (
        await rent(acct, { instanceType: 'rtx-4090', diskGb: 100, period: daily })
      ).json();
      expect(await creditBalance(h.engine.db, acct)).toBe(0n);
      await hours(23);
      let got = (await api('GET', `/v1/accounts/${acct}/instances/${instance.id}`)).json();
      expect(got.status).toBe('running');
      expect(fleet.calls(instance.fleetInstanceId, 'terminate')).toBe(0);
      await hours(1); // period end: renewal unaffordable → stopped
      got = (await api('GET', `/v1/accounts/${acct}/instances/${instance.id}`)).json();
      expect(got.status).toBe('stopped');
      await hours(1); // the first stopped hour is owed and the balance is 0
      got = (await api('GET', `/v1/accounts/${acct}/instances/${instance.id}`)).json();
      expect(got.status).toBe('terminated');
      expect(fleet.calls(instance.fleetInstanceId, 'terminate')).toBe(1);
      expect(fleet.status(instance.fleetInstanceId)).toBe('terminated');
      await hours(3);
      expect(fleet.calls(instance.fleetInstanceId, 'terminate')).toBe(1);
      expect(
        rec.published.filter((e) => e.accountId === acct && e.type === 'instance.terminated'),
      ).toHaveLength(1);
      const start = await api('POST', `/v1/accounts/${acct}/instances/${instance.id}/start`);
      expect(start.statusCode).toBe(409);
      await expectLedgerSound(h.engine.db);
    });

    it('a stopped instance drains the balance to exactly 0, warns, then is terminated (fleet called once)', async () => {
      const acct = await h.openAccount();
      await h.fund(acct, '1.428'); // 0.718 rent + 25 storage hours (0.7) + 0.01
      const { instance } = (
        await rent(acct, { instanceType: 'rtx-4090', diskGb: 100, period: hourly, autoRenew: false })
      ).json();
      await hours(1 + 25);
      expect(await creditBalance(h.engine.db, acct)).toBe(10_000n);
      let got = (await api('GET', `/v1/accounts/${acct}/instances/${instance.id}`)).json();
      expect(got.status).toBe('stopped');
      await hours(1); // 0.028 owed, 0.01 left: taken, balance 0, terminated
      expect(await creditBalance(h.engine.db, acct)).toBe(0n);
      got = (await api('GET', `/v1/accounts/${acct}/instances/${instance.id}`)).json();
      expect(got.status).toBe('terminated');
      expect(fleet.calls(instance.fleetInstanceId, 'terminate')).toBe(1);
      const types = rec.published.filter((e) => e.accountId === acct).map((e) => e.type);
      // Warned when less than 24 h was left, then in the last hour (check-termination-warning.ts).
      expect(types).toEqual([
        'instance.stopped',
        'instance.termination_imminent',
        'instance.termination_imminent',
        'instance.terminated',
      ]);
      await expectLedgerSound(h.engine.db);
    });
  });

  describe(`GPU rentals: two schedulers (${backend.name})`, () => {
    /** A simulated week of rentals, with one runner or two at once; returns what the ledger holds. */
    async function week(runners: 1 | 2) {
      const fleet = await startFakeFleet();
      const clock = new SimulatedClock('2026-07-01T00:00:00Z');
      const database = await backendFresh(backend);
      const h = await startHarness(backend, { clock, database });
      let other: Engine | undefined;
      if (runners === 2 && backend.name === 'postgres')
        other = await startEngine(await database.open(), clock);
      const client = fleet.client();
      const ctx: ServiceContext = { ...h.engine, fleet: client };
      const all = [registerComputeWork(new DueWorkRunner(ctx, { batchSize: 3 }))];
      if (runners === 2) {
        all.push(
          registerComputeWork(
            new DueWorkRunner<ServiceContext>({ ...(other ?? h.engine), fleet: client }, { batchSize: 3 }),
          ),
        );
      }
      try {
        const plans = [
          { fund: '50', diskGb: 100, period: { unit: 'hour', count: 6 }, autoRenew: true },
          { fund: '3', diskGb: 500, period: { unit: 'hour', count: 1 }, autoRenew: false },
          { fund: '20', diskGb: 200, period: { unit: 'day', count: 1 }, autoRenew: true },
          { fund: '1', diskGb: 50, period: { unit: 'hour', count: 1 }, autoRenew: true },
        ] as const;
        const accounts: string[] = [];
        for (const [i, p] of plans.entries()) {
          const acct = await h.openAccount(`customer ${i}`);
          await h.fund(acct, p.fund);
          const rented = await rentInstance(
            ctx,
            h.service,
            {
              accountId: acct,
              instanceType: 'rtx-4090',
              diskGb: p.diskGb,
              period: p.period,
              autoRenew: p.autoRenew,
            },
            `week-${i}`,
          );
          if (!rented.ok) throw new Error(rented.failure.detail);
          accounts.push(acct);
        }
        for (let hour = 0; hour < 7 * 24; hour++) {
          clock.advance(HOUR);
          await Promise.all(all.map((r) => r.runDue()));
        }
        const ledger = [];
        for (const acct of accounts) {
          const txns = await h.engine.db.query<Record<string, unknown>>(
            `SELECT kind, amount_micros, description, created_at,
                    metadata - 'instanceId' - 'instanceIds' - 'storageChargeId' - 'operator' AS metadata
             FROM transactions WHERE account_id = $1 ORDER BY created_at, amount_micros, description`,
            [acct],
          );
          const instances = await h.engine.db.query<{ status: string; fleet_instance_id: string }>(
            `SELECT status, fleet_instance_id FROM gpu_instances WHERE account_id = $1`,
            [acct],
          );
          ledger.push({
            balance: await creditBalance(h.engine.db, acct),
            txns,
            status: instances.map((i) => i.status),
            terminateCalls: instances.map((i) => fleet.calls(i.fleet_instance_id, 'terminate')),
          });
        }
        await expectLedgerSound(h.engine.db);
        return ledger;
      } finally {
        await other?.close();
        await h.close();
        await database.drop();
        await fleet.close();
      }
    }

    it('two scheduler processes over a simulated week write the same ledger as one', async () => {
      const one = await week(1);
      const two = await week(2);
      expect(two).toEqual(one);
      expect(one.map((a) => a.status[0])).toContain('terminated');
      for (const a of one) expect(a.terminateCalls[0]).toBe(a.status[0] === 'terminated' ? 1 : 0);
    }, 300_000); // two simulated weeks, hour by hour, on a machine shared with other test runs
  });
}

async function backendFresh(backend: Backend) {
  return backend.fresh();
}
