import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordTopUp } from '../../../src/compute/topups/record-top-up.js';
import { backends } from '../../support/databases.js';
import {
  type Harness,
  issueKey,
  ledgerInvariants,
  rowCounts,
  startHarness,
  uniqueKey,
} from '../../support/harness.js';

/** On the sample rate card: 1 GPU 0.90 + 10 cores 0.20 + 16 GB RAM 0.08 + 100 GB storage 0.02 = 1.20/h. */
const RESOURCES = { gpus: 1, cpuCores: 10, ramGb: 16, storageGb: 100 };
/** 30 minutes of RESOURCES: a max cost of exactly 0.600000 CREDIT. */
const TASK = { resources: RESOURCES, timeLimitSeconds: 1800 };
/** 22.5 minutes of RESOURCES: 0.450000 CREDIT. */
const USED = { usage: { seconds: 1350, ...RESOURCES } };

for (const backend of backends) {
  describe(`rendering billed per completed task (${backend.name})`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(backend);
    });
    afterAll(async () => h.close());

    const taskUrl = (acct: string, job: string, task: string, action: string) =>
      `/v1/accounts/${acct}/render-jobs/${job}/tasks/${task}/${action}`;
    const start = (acct: string, job: string, task: string, body: unknown = TASK, key?: string) =>
      h.call('POST', taskUrl(acct, job, task, 'start'), { key: key ?? h.serviceKey, body });
    const complete = (acct: string, job: string, task: string, body: unknown = USED) =>
      h.call('POST', taskUrl(acct, job, task, 'complete'), { key: h.serviceKey, body });
    const credit = async (acct: string) => {
      const res = await h.call('GET', `/v1/accounts/${acct}/balances`);
      return res.json().balances.find((b: { unit: string }) => b.unit === 'CREDIT');
    };
    const job = async (acct: string, jobId: string, key?: string) =>
      (await h.call('GET', `/v1/accounts/${acct}/render-jobs/${jobId}`, { key })).json();
    const charges = async (acct: string) =>
      (await h.call('GET', `/v1/accounts/${acct}/transactions?kind=charge`)).json().data;
    const putRates = (body: unknown, key = h.operatorKey) =>
      h.app.inject({
        method: 'PUT',
        url: '/v1/rendering/rates',
        headers: { authorization: `Bearer ${key}`, 'idempotency-key': uniqueKey() },
        payload: body as object,
      });

    it('tells the customer once when a job pauses for lack of credits, not on every refused task', async () => {
      const published: { accountId: string; type: string; data: Record<string, string> }[] = [];
      h.engine.events = {
        publish: async (accountId, e) => void published.push({ accountId, type: e.type, data: e.data }),
      };
      try {
        const acct = await h.openAccount();
        await h.fund(acct, '0.5');
        expect((await start(acct, 'shot-900', 't1')).json().jobStatus).toBe('paused_insufficient_credits');
        expect((await start(acct, 'shot-900', 't2')).json().jobStatus).toBe('paused_insufficient_credits');
        expect(published).toEqual([
          {
            accountId: acct,
            type: 'render_job.paused',
            data: expect.objectContaining({
              jobId: 'shot-900',
              reason: 'insufficient_credits',
              required: '0.600000',
            }),
          },
        ]);
      } finally {
        h.engine.events = undefined;
      }
    });

    it('balance 1.00, task max cost 0.60: first runs, second refused → paused; top-up → resumes by itself', async () => {
      const acct = await h.openAccount('Render Studio');
      await h.fund(acct, '1.000000');

      const first = await start(acct, 'shot-010', 't1');
      expect(first.statusCode).toBe(200);
      expect(first.json()).toMatchObject({
        jobStatus: 'running',
        task: {
          taskId: 't1',
          jobId: 'shot-010',
          status: 'running',
          maxCost: { amount: '0.600000', unit: 'CREDIT' },
        },
      });
      expect(await credit(acct)).toMatchObject({
        balance: '1.000000',
        held: '0.600000',
        available: '0.400000',
      });

      const second = await start(acct, 'shot-010', 't2');
      expect(second.statusCode).toBe(422);
      expect(second.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(second.json()).toMatchObject({
        code: 'insufficient_funds',
        jobStatus: 'paused_insufficient_credits',
        available: '0.400000',
        required: '0.600000',
      });
      expect(await job(acct, 'shot-010')).toMatchObject({
        status: 'paused_insufficient_credits',
        statusLabel: 'paused (insufficient credits)',
        required: { amount: '0.600000', unit: 'CREDIT' },
      });

      const done = await complete(acct, 'shot-010', 't1');
      expect(done.statusCode).toBe(200);
      expect(done.json()).toMatchObject({
        task: { status: 'completed', actualCost: { amount: '0.450000', unit: 'CREDIT' } },
        transaction: { kind: 'charge', amount: { amount: '-0.450000', unit: 'CREDIT' } },
      });
      expect(await credit(acct)).toMatchObject({
        balance: '0.550000',
        held: '0.000000',
        available: '0.550000',
      });
      expect((await job(acct, 'shot-010')).status).toBe('paused_insufficient_credits'); // 0.55 < 0.60

      // A customer asking to resume now is told what is missing.
      const customer = await issueKey(h.engine, 'customer', acct);
      const early = await h.call('POST', `/v1/accounts/${acct}/render-jobs/shot-010/resume`, {
        key: customer.secret,
      });
      expect(early.statusCode).toBe(422);
      expect(early.json()).toMatchObject({
        code: 'insufficient_funds',
        available: '0.550000',
        required: '0.600000',
      });

      const topUp = await recordTopUp(h.engine, {
        accountId: acct,
        rail: 'sandbox',
        amountMicros: 1_000_000n,
        sourceId: uniqueKey('sandbox-capture'),
        description: 'Top-up',
      });
      expect(topUp.ok).toBe(true);
      expect(await job(acct, 'shot-010', customer.secret)).toMatchObject({
        status: 'running',
        statusLabel: 'running',
        required: null,
      });

      const retried = await start(acct, 'shot-010', 't2');
      expect(retried.statusCode).toBe(200);
      expect(retried.json()).toMatchObject({ jobStatus: 'running', task: { status: 'running' } });
      expect(await credit(acct)).toMatchObject({
        balance: '1.550000',
        held: '0.600000',
        available: '0.950000',
      });
      expect(await charges(acct)).toHaveLength(1);

      const listed = (
        await h.call('GET', `/v1/accounts/${acct}/render-jobs`, { key: customer.secret })
      ).json();
      expect(listed.data).toEqual([
        expect.objectContaining({
          jobId: 'shot-010',
          status: 'running',
          tasks: { running: 1, completed: 1, failed: 0 },
        }),
      ]);
    });

    it('charges a completed task once however many reports arrive (5 concurrent duplicates), same answer', async () => {
      const acct = await h.openAccount();
      await h.fund(acct, '1.000000');
      expect((await start(acct, 'j', 't')).statusCode).toBe(200);
      // A duplicate start gets the same task and hold.
      const again = await start(acct, 'j', 't');
      expect(again.statusCode).toBe(200);
      expect(again.json().task.holdId).toBeDefined();

      const reports = await Promise.all(Array.from({ length: 5 }, () => complete(acct, 'j', 't')));
      expect(reports.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200]);
      const transactionIds = new Set(reports.map((r) => r.json().transaction.id));
      expect(transactionIds.size).toBe(1);
      const bodies = new Set(
        reports.map((r) => JSON.stringify({ ...r.json(), task: { ...r.json().task, updatedAt: 0 } })),
      );
      expect(bodies.size).toBe(1);
      const late = await complete(acct, 'j', 't');
      expect(late.json().transaction.id).toBe([...transactionIds][0]);

      expect(await charges(acct)).toHaveLength(1);
      expect(await credit(acct)).toMatchObject({ balance: '0.550000', held: '0.000000' });
      // A "duplicate" with other usage is a conflict, not a second charge.
      const other = await complete(acct, 'j', 't', { usage: { seconds: 10, ...RESOURCES } });
      expect(other.statusCode).toBe(409);
      expect(await charges(acct)).toHaveLength(1);
      const { wallets } = await ledgerInvariants(h.engine.db);
      for (const w of wallets) expect(w.balance).toBe(w.derived);
    });

    it('a failed task releases its hold and charges nothing; failing again replays', async () => {
      const acct = await h.openAccount();
      await h.fund(acct, '1.000000');
      await start(acct, 'j', 't');
      expect(await credit(acct)).toMatchObject({ held: '0.600000' });
      const failed = await h.call('POST', taskUrl(acct, 'j', 't', 'fail'), {
        key: h.serviceKey,
        body: { reason: 'out of memory' },
      });
      expect(failed.statusCode).toBe(200);
      expect(failed.json()).toMatchObject({
        status: 'failed',
        failureReason: 'out of memory',
        actualCost: null,
      });
      expect(await credit(acct)).toMatchObject({
        balance: '1.000000',
        held: '0.000000',
        available: '1.000000',
      });
      const again = await h.call('POST', taskUrl(acct, 'j', 't', 'fail'), {
        key: h.serviceKey,
        body: { reason: 'out of memory' },
      });
      expect(again.statusCode).toBe(200);
      // A completion after the failure is refused: the hold is gone.
      const done = await complete(acct, 'j', 't');
      expect(done.statusCode).toBe(409);
      expect(done.json().code).toBe('render_task_not_running');
      expect(await charges(acct)).toHaveLength(0);
    });

    it('a report after the hold expired charges nothing and records the task failed (hold_expired)', async () => {
      const acct = await h.openAccount();
      await h.fund(acct, '1.000000');
      await start(acct, 'j', 't');
      // Time limit 30 min + 1 h grace, then a little more.
      h.clock.advance((1800 + 3600 + 1) * 1000);
      expect(await credit(acct)).toMatchObject({ held: '0.000000', available: '1.000000' });
      for (let i = 0; i < 2; i++) {
        const late = await complete(acct, 'j', 't');
        expect(late.statusCode).toBe(409);
        expect(late.json()).toMatchObject({ code: 'hold_not_pending', holdStatus: 'expired' });
      }
      expect((await job(acct, 'j')).tasks).toEqual({ running: 0, completed: 0, failed: 1 });
      expect(await charges(acct)).toHaveLength(0);
      expect(await credit(acct)).toMatchObject({ balance: '1.000000' });
    });

    it('a rate change (audited) applies to new jobs; a running job keeps the card it started with', async () => {
      const acct = await h.openAccount();
      await h.fund(acct, '10.000000');
      await start(acct, 'old-job', 't1');
      const customer = await issueKey(h.engine, 'customer', acct);
      expect(
        (
          await putRates(
            {
              gpuHour: { amount: '1', unit: 'CREDIT' },
              cpuCoreHour: { amount: '1', unit: 'CREDIT' },
              ramGbHour: { amount: '1', unit: 'CREDIT' },
              storageGbHour: { amount: '1', unit: 'CREDIT' },
              reason: 'x',
            },
            customer.secret,
          )
        ).statusCode,
      ).toBe(403);

      h.clock.advance(1000);
      const put = await putRates({
        gpuHour: { amount: '1.800000', unit: 'CREDIT' },
        cpuCoreHour: { amount: '0.04', unit: 'CREDIT' },
        ramGbHour: { amount: '0.01', unit: 'CREDIT' },
        storageGbHour: { amount: '0.0004', unit: 'CREDIT' },
        reason: 'GPU prices doubled',
      });
      expect(put.statusCode).toBe(200);
      const card = put.json();
      expect(card).toMatchObject({ version: 2, gpuHour: { amount: '1.800000', unit: 'CREDIT' } });
      expect((await h.call('GET', '/v1/rendering/rates', { key: customer.secret })).json()).toEqual(card);
      const audit = (await h.call('GET', '/v1/audit-log?subject=rendering_rates:2')).json();
      expect(audit.data[0]).toMatchObject({ action: 'rendering.rates.set', reason: 'GPU prices doubled' });

      const oldJob = await start(acct, 'old-job', 't2');
      expect(oldJob.json().task.maxCost.amount).toBe('0.600000');
      expect((await job(acct, 'old-job')).rateCardVersion).toBe(1);
      const oldDone = await complete(acct, 'old-job', 't2');
      expect(oldDone.json().transaction.amount.amount).toBe('-0.450000');
      const newJob = await start(acct, 'new-job', 't1');
      expect(newJob.json().task.maxCost.amount).toBe('1.200000');
      expect((await job(acct, 'new-job')).rateCardVersion).toBe(2);
    });

    it('bad input is 400 problem+json naming the field, and writes nothing', async () => {
      const acct = await h.openAccount();
      await h.fund(acct, '1.000000');
      const before = await rowCounts(h.engine.db);
      const cases: [string, unknown, string][] = [
        ['start', { ...TASK, timeLimitSeconds: 0 }, 'timeLimitSeconds'],
        ['start', { ...TASK, resources: { ...RESOURCES, gpus: -1 } }, 'resources.gpus'],
        ['start', { ...TASK, resources: { ...RESOURCES, gpus: 1.5 } }, 'resources.gpus'],
        ['start', { ...TASK, price: '0' }, 'price'],
        ['start', { resources: RESOURCES }, 'timeLimitSeconds'],
        ['complete', { usage: { ...USED.usage, seconds: -5 } }, 'usage.seconds'],
        ['fail', { reason: '' }, 'reason'],
      ];
      for (const [action, body, field] of cases) {
        const res = await h.call('POST', taskUrl(acct, 'j', 't', action), { key: h.serviceKey, body });
        expect(res.statusCode, `${action} ${JSON.stringify(body)}`).toBe(400);
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(res.json().field).toBe(field);
      }
      const badId = await start(acct, 'bad job!', 't');
      expect(badId.statusCode).toBe(400);
      expect(badId.json().field).toBe('jobId');
      const zero = await start(acct, 'j', 't', {
        resources: { gpus: 0, cpuCores: 0, ramGb: 0, storageGb: 0 },
        timeLimitSeconds: 60,
      });
      expect(zero.statusCode).toBe(400);
      expect(zero.json()).toMatchObject({ code: 'invalid_request', field: 'resources' });
      const rates = await putRates({
        gpuHour: { amount: '0.1234567', unit: 'CREDIT' },
        cpuCoreHour: { amount: '1', unit: 'CREDIT' },
        ramGbHour: { amount: '1', unit: 'CREDIT' },
        storageGbHour: { amount: '1', unit: 'USD' },
        reason: 'r',
      });
      expect(rates.statusCode).toBe(400);
      expect(rates.json().field).toBe('gpuHour.amount');
      const unknownTask = await complete(acct, 'nope', 't');
      expect(unknownTask.statusCode).toBe(404);
      expect(unknownTask.json().code).toBe('render_job_not_found');
      expect(await rowCounts(h.engine.db)).toEqual(before);
    });

    it("customers cannot call the farm endpoints (403) nor see another account's jobs (404)", async () => {
      const mine = await h.openAccount();
      const theirs = await h.openAccount();
      await h.fund(theirs, '1.000000');
      await start(theirs, 'their-job', 't');
      const customer = await issueKey(h.engine, 'customer', mine);
      for (const action of ['start', 'complete', 'fail']) {
        const res = await h.call('POST', taskUrl(mine, 'j', 't', action), {
          key: customer.secret,
          body: TASK,
        });
        expect(res.statusCode).toBe(403);
        expect(res.json().code).toBe('forbidden');
      }
      const other = await h.call('GET', `/v1/accounts/${theirs}/render-jobs`, { key: customer.secret });
      expect(other.statusCode).toBe(404);
      expect(other.json().code).toBe('account_not_found');
      expect(
        (await h.call('GET', `/v1/accounts/${theirs}/render-jobs/their-job`, { key: customer.secret }))
          .statusCode,
      ).toBe(404);
      expect(
        (
          await h.call('POST', `/v1/accounts/${theirs}/render-jobs/their-job/resume`, {
            key: customer.secret,
          })
        ).statusCode,
      ).toBe(404);
      expect(
        (await h.call('GET', `/v1/accounts/${mine}/render-jobs`, { key: customer.secret })).json(),
      ).toEqual({
        data: [],
      });
    });
  });
}
