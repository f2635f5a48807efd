import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../src/kernel/clock.js';
import { registerComputeWork } from '../../../src/compute/rentals/rental-work.js';
import { DueWorkRunner } from '../../../src/kernel/jobs/due-work-runner.js';
import type { ServiceContext } from '../../../src/server/context.js';
import { type App, buildApp } from '../../../src/server/app.js';
import { backends } from '../../support/databases.js';
import { type FakeFleet, startFakeFleet } from '../../support/fake-fleet.js';
import { type Harness, expectLedgerSound, issueKey, startHarness, uniqueKey } from '../../support/harness.js';

const HOUR = 3_600_000;
/** On the sample rate card 1 GPU + 10 cores + 16 GB RAM + 100 GB = 1.20 CREDIT/h. */
const RESOURCES = { gpus: 1, cpuCores: 10, ramGb: 16, storageGb: 100 };
/** 27,846 s × 1.20/h = exactly 9.282000: a hold of the whole balance. */
const ALL_OF_IT = 27_846;

/**
 * Termination protects data (docs/termination.md): a storage charge is paid from the settled
 * Credit Balance before render holds; the hold shrinks. An instance is terminated only when the
 * balance itself is 0 and an owed hour cannot be paid.
 */
for (const backend of backends) {
  describe(`termination: storage is paid before holds (${backend.name})`, () => {
    let h: Harness;
    let fleet: FakeFleet;
    let ctx: ServiceContext;
    let app: App;
    let runner: DueWorkRunner<ServiceContext>;
    const published: { accountId: string; type: string; at: Date; data: Record<string, string> }[] = [];

    beforeAll(async () => {
      fleet = await startFakeFleet();
      h = await startHarness(backend, { clock: new SimulatedClock('2026-09-01T00:00:00Z') });
      ctx = {
        ...h.engine,
        fleet: fleet.client(),
        events: { publish: async (accountId, e) => void published.push({ accountId, ...e }) },
      };
      app = await buildApp(ctx);
      runner = registerComputeWork(new DueWorkRunner(ctx));
    });
    afterAll(async () => {
      await app?.close();
      await h?.close();
      await fleet?.close();
    });

    const api = (method: 'GET' | 'POST', url: string, body?: unknown, key = h.operatorKey) =>
      app.inject({
        method,
        url,
        headers: {
          authorization: `Bearer ${key}`,
          ...(method === 'GET' ? {} : { 'idempotency-key': uniqueKey() }),
        },
        ...(body === undefined ? {} : { payload: body as object }),
      });
    const credit = async (acct: string) =>
      (await api('GET', `/v1/accounts/${acct}/balances`))
        .json()
        .balances.find((b: { unit: string }) => b.unit === 'CREDIT');
    const status = async (acct: string, id: string) =>
      (await api('GET', `/v1/accounts/${acct}/instances/${id}`)).json().status as string;
    const storageCharges = async (acct: string) =>
      (
        await h.engine.db.query<{ amount: bigint }>(
          `SELECT amount_micros AS amount FROM transactions
           WHERE account_id = $1 AND description LIKE 'Storage charge%' ORDER BY created_at, seq`,
          [acct],
        )
      ).map((r) => r.amount);
    async function hours(n: number) {
      for (let i = 0; i < n; i++) {
        h.clock.advance(HOUR);
        await runner.runDue();
      }
    }

    it('balance 9.282000 all held by a render task, a stopped 100 GB instance: storage paid, hold shrinks, no termination', async () => {
      const acct = await h.openAccount('Held Studio');
      await h.fund(acct, '10'); // 0.718 rents an hour of rtx-4090 with 100 GB: 9.282 is left
      const rented = await api('POST', `/v1/accounts/${acct}/instances`, {
        instanceType: 'rtx-4090',
        diskGb: 100,
        period: { unit: 'hour', count: 1 },
        autoRenew: false,
      });
      expect(rented.statusCode).toBe(201);
      const { instance } = rented.json();
      await hours(1); // the hour ends: stopped, owing 0.028 per stopped hour from now on
      expect(await status(acct, instance.id)).toBe('stopped');

      const start = await api(
        'POST',
        `/v1/accounts/${acct}/render-jobs/shot-1/tasks/t1/start`,
        { resources: RESOURCES, timeLimitSeconds: ALL_OF_IT },
        h.serviceKey,
      );
      expect(start.statusCode).toBe(200);
      expect(start.json().task.maxCost.amount).toBe('9.282000');
      expect(await credit(acct)).toMatchObject({
        balance: '9.282000',
        held: '9.282000',
        available: '0.000000',
      });

      // Three stopped hours: each takes 0.028 from the settled balance and the hold shrinks by as much.
      await hours(3);
      expect(await storageCharges(acct)).toEqual([-28_000n, -28_000n, -28_000n]);
      expect(await credit(acct)).toMatchObject({
        balance: '9.198000',
        held: '9.198000',
        available: '0.000000',
      });
      expect(await status(acct, instance.id)).toBe('stopped');
      expect(fleet.calls(instance.fleetInstanceId, 'terminate')).toBe(0);

      // The task ran to its limit (9.282): it is charged what is still held, 9.198; 0.084 is not collected.
      const done = await api(
        'POST',
        `/v1/accounts/${acct}/render-jobs/shot-1/tasks/t1/complete`,
        { usage: { seconds: ALL_OF_IT, ...RESOURCES } },
        h.serviceKey,
      );
      expect(done.statusCode).toBe(200);
      expect(done.json()).toMatchObject({
        task: { status: 'completed', actualCost: { amount: '9.198000', unit: 'CREDIT' } },
        transaction: { amount: { amount: '-9.198000', unit: 'CREDIT' } },
      });
      expect(await credit(acct)).toMatchObject({ balance: '0.000000', held: '0.000000' });
      expect(await status(acct, instance.id)).toBe('stopped');

      // Now the balance is 0 and the next stopped hour cannot be paid: terminated, once.
      await hours(1);
      expect(await status(acct, instance.id)).toBe('terminated');
      expect(fleet.calls(instance.fleetInstanceId, 'terminate')).toBe(1);
      await hours(2);
      expect(fleet.calls(instance.fleetInstanceId, 'terminate')).toBe(1);
      expect(await storageCharges(acct)).toEqual([-28_000n, -28_000n, -28_000n]);
      await expectLedgerSound(h.engine.db);
    });

    it('storage fees that take a whole hold void it; the task then completes with nothing charged', async () => {
      const acct = await h.openAccount('Small Hold');
      await h.fund(acct, '0.778'); // 0.718 rent + 0.060 left
      const { instance } = (
        await api('POST', `/v1/accounts/${acct}/instances`, {
          instanceType: 'rtx-4090',
          diskGb: 100,
          period: { unit: 'hour', count: 1 },
          autoRenew: false,
        })
      ).json();
      await hours(1);
      // 100 GB of render storage alone is 0.02/h: a 3-hour limit holds 0.060, the whole balance.
      const diskOnly = { gpus: 0, cpuCores: 0, ramGb: 0, storageGb: 100 };
      const started = await api(
        'POST',
        `/v1/accounts/${acct}/render-jobs/shot-2/tasks/t1/start`,
        { resources: diskOnly, timeLimitSeconds: 3 * 3600 },
        h.serviceKey,
      );
      expect(started.json().task.maxCost.amount).toBe('0.060000');
      await hours(2); // 0.028 + 0.028 taken: the hold is 0.004
      expect(await credit(acct)).toMatchObject({ balance: '0.004000', held: '0.004000' });
      await hours(1); // 0.004 of 0.028 paid: the balance is 0, the hold voided, the instance terminated
      expect(await storageCharges(acct)).toEqual([-28_000n, -28_000n, -4_000n]);
      expect(await credit(acct)).toMatchObject({ balance: '0.000000', held: '0.000000' });
      expect(await status(acct, instance.id)).toBe('terminated');
      const done = await api(
        'POST',
        `/v1/accounts/${acct}/render-jobs/shot-2/tasks/t1/complete`,
        { usage: { seconds: 3 * 3600 - 60, ...diskOnly } },
        h.serviceKey,
      );
      expect(done.statusCode).toBe(200);
      expect(done.json()).toMatchObject({
        task: { status: 'completed', actualCost: { amount: '0.000000', unit: 'CREDIT' } },
        transaction: null,
      });
      await expectLedgerSound(h.engine.db);
    });

    it('warns 24 h and 1 h before with terminatesAt; a top-up re-arms; the preview says what and when', async () => {
      const acct = await h.openAccount('Warned Studio');
      await h.fund(acct, '1.558'); // 0.718 rents an hour; 0.840 = 30 stopped hours of 100 GB
      const { instance } = (
        await api('POST', `/v1/accounts/${acct}/instances`, {
          instanceType: 'rtx-4090',
          diskGb: 100,
          period: { unit: 'hour', count: 1 },
          autoRenew: false,
        })
      ).json();
      const rentedAt = h.clock.now().getTime();
      const warnings = () =>
        published
          .filter((e) => e.accountId === acct && e.type === 'instance.termination_imminent')
          .map((e) => ({
            at: (e.at.getTime() - rentedAt) / HOUR,
            level: e.data.level,
            terminatesAt: e.data.terminatesAt,
          }));
      await hours(1); // stopped; 30 hours paid from 0.84, the 31st (at +32 h from renting) cannot be
      const terminatesAt = new Date(rentedAt + 32 * HOUR).toISOString();
      const preview = await api('GET', `/v1/accounts/${acct}/termination-preview`);
      expect(preview.statusCode).toBe(200);
      expect(preview.json()).toMatchObject({
        balance: { amount: '0.840000', unit: 'CREDIT' },
        hourlyStorageFee: { amount: '0.028000', unit: 'CREDIT' },
        terminatesAt,
        instances: [{ instanceId: instance.id, status: 'stopped', diskGb: 100, terminatesAt }],
      });
      expect(warnings()).toEqual([]);
      await hours(7); // +8 h: 24 h left
      expect(warnings()).toEqual([{ at: 8, level: 'lead', terminatesAt }]);
      await hours(23); // +31 h: 1 h left
      expect(warnings()).toEqual([
        { at: 8, level: 'lead', terminatesAt },
        { at: 31, level: 'final', terminatesAt },
      ]);

      // A top-up of 1.000 pushes the termination 35 hours on (+67 h): re-armed, and warned again later.
      const topUp = await api('POST', `/v1/accounts/${acct}/adjustments`, {
        direction: 'credit',
        amount: { amount: '1', unit: 'CREDIT' },
        reason: 'top-up',
      });
      expect(topUp.statusCode).toBe(201);
      await hours(1);
      const later = (await api('GET', `/v1/accounts/${acct}/termination-preview`)).json();
      expect(later.terminatesAt).toBe(new Date(rentedAt + 67 * HOUR).toISOString());
      expect(warnings()).toHaveLength(2);
      await hours(13); // +45 h: the check at +43 h warned
      expect(warnings().slice(2)).toEqual([
        { at: 43, level: 'lead', terminatesAt: new Date(rentedAt + 67 * HOUR).toISOString() },
      ]);
      await hours(24); // +69 h: terminated once
      expect(await status(acct, instance.id)).toBe('terminated');
      expect(warnings()).toHaveLength(4);
      expect(published.filter((e) => e.accountId === acct && e.type === 'instance.terminated')).toHaveLength(
        1,
      );
      expect((await api('GET', `/v1/accounts/${acct}/termination-preview`)).json()).toMatchObject({
        terminatesAt: null,
        instances: [],
      });
    });

    it("the preview of another account's is 404 for a customer", async () => {
      const mine = await h.openAccount();
      const theirs = await h.openAccount();
      const key = await issueKey(h.engine, 'customer', mine);
      const res = await api('GET', `/v1/accounts/${theirs}/termination-preview`, undefined, key.secret);
      expect(res.statusCode).toBe(404);
      expect(
        (await api('GET', `/v1/accounts/${mine}/termination-preview`, undefined, key.secret)).statusCode,
      ).toBe(200);
    });
  });
}
