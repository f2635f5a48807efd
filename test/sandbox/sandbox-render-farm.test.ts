import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../src/kernel/clock.js';
import { registerComputeWork } from '../../src/compute/rentals/rental-work.js';
import { DueWorkRunner } from '../../src/kernel/jobs/due-work-runner.js';
import type { ServiceContext } from '../../src/server/context.js';
import { type App, buildApp } from '../../src/server/app.js';
import { registerSandboxRenderFarm } from '../../src/sandbox/sandbox-render-farm.js';
import { backends } from '../support/databases.js';
import { type Harness, expectLedgerSound, issueKey, startHarness, uniqueKey } from '../support/harness.js';

const MINUTE = 60_000;

/**
 * Issue 15, out of the box: a render job submitted to the built-in render farm runs its tasks on
 * the injected clock, each billed at completion for its resources × seconds; a task the balance
 * cannot hold pauses the job, a top-up resumes it, the farm's next poll starts the task, and the
 * job is completed with its last task. Over HTTP, on PGlite and PostgreSQL. Before submitting, the
 * quote states the hold and the charge per task, the total and the balance after.
 */
for (const backend of backends)
  describe(`the sandbox render farm (${backend.name})`, () => {
    let h: Harness;
    let app: App;
    let runner: DueWorkRunner<ServiceContext>;

    beforeAll(async () => {
      h = await startHarness(backend, { clock: new SimulatedClock('2026-11-02T09:00:00Z') });
      const ctx: ServiceContext = { ...h.engine, renderFarmSandbox: true };
      app = await buildApp(ctx);
      runner = registerSandboxRenderFarm(registerComputeWork(new DueWorkRunner(ctx)));
    });
    afterAll(async () => {
      await app?.close();
      await h?.close();
    });

    const call = (method: 'GET' | 'POST', url: string, key: string, body?: unknown) =>
      app.inject({
        method,
        url,
        headers: {
          authorization: `Bearer ${key}`,
          ...(method === 'POST' ? { 'idempotency-key': uniqueKey() } : {}),
        },
        ...(body === undefined ? {} : { payload: body as object }),
      });
    const minutes = async (n: number) => {
      for (let i = 0; i < n; i++) {
        h.clock.advance(MINUTE);
        await runner.runDue();
      }
    };

    it('3 tasks of 30 min: 0.615000 each; paused at the third until a top-up, then completed; 1.845000 in all', async () => {
      const acct = await h.openAccount('Farm Studio');
      const key = (await issueKey(h.engine, 'customer', acct)).secret;
      await h.fund(acct, '2');
      // Sample rates: 0.90 per GPU-hour, 0.02 per core-hour, 0.005 per GB-hour of RAM, 0.0002 per
      // GB-hour of storage: 0.90 + 0.16 + 0.16 + 0.01 = 1.23 an hour, so a 1-hour hold of 1.23 and
      // 30 minutes charged 0.615.
      const plan = {
        tasks: 3,
        resources: { gpus: 1, cpuCores: 8, ramGb: 32, storageGb: 50 },
        timeLimitSeconds: 3600,
        secondsPerTask: 1800,
      };
      const quote = await call('POST', `/v1/accounts/${acct}/render-job-quote`, key, plan);
      expect(quote.statusCode, quote.body).toBe(200);
      const credits = (amount: string) => ({ amount, unit: 'CREDIT' });
      expect(quote.json()).toEqual({
        rateCardVersion: 1,
        hourlyRate: credits('1.230000'),
        holdPerTask: credits('1.230000'),
        chargePerTask: credits('0.615000'),
        total: credits('1.845000'),
        available: credits('2.000000'),
        availableAfter: credits('0.155000'),
        firstTaskFits: true,
      });
      const submitted = await call('POST', `/v1/accounts/${acct}/render-jobs`, key, {
        jobId: 'shot-100',
        ...plan,
      });
      expect(submitted.statusCode).toBe(202);
      expect(submitted.json()).toEqual({
        jobId: 'shot-100',
        tasks: 3,
        secondsPerTask: 1800,
        pollSeconds: 900,
      });
      const job = async () => (await call('GET', `/v1/accounts/${acct}/render-jobs/shot-100`, key)).json();
      const credit = async () =>
        (await call('GET', `/v1/accounts/${acct}/balances`, key))
          .json()
          .balances.find((b: { unit: string }) => b.unit === 'CREDIT');

      await runner.runDue();
      expect(await job()).toMatchObject({ status: 'running', tasks: { running: 1, completed: 0 } });
      expect(await credit()).toMatchObject({ balance: '2.000000', held: '1.230000' });
      await minutes(30);
      expect(await job()).toMatchObject({
        tasks: { running: 1, completed: 1 },
        costSoFar: { amount: '0.615000' },
      });
      await minutes(30);
      // 2 − 2 × 0.615 = 0.77 cannot hold 1.23: paused, needing 1.23.
      expect(await job()).toMatchObject({
        status: 'paused_insufficient_credits',
        required: { amount: '1.230000' },
        tasks: { running: 0, completed: 2 },
        costSoFar: { amount: '1.230000' },
      });
      await minutes(20);
      expect((await job()).status).toBe('paused_insufficient_credits');
      await h.fund(acct, '1'); // the operator credit resumes the job (money arrived)
      expect((await job()).status).toBe('running');
      // The farm's next poll (every 15 min) starts task 3; 30 minutes later it completes, and the job.
      await minutes(15);
      expect(await job()).toMatchObject({ tasks: { running: 1, completed: 2 } });
      await minutes(30);
      expect(await job()).toMatchObject({
        status: 'completed',
        tasks: { running: 0, completed: 3, failed: 0 },
        costSoFar: { amount: '1.845000', unit: 'CREDIT' },
      });
      const charges = (await call('GET', `/v1/accounts/${acct}/transactions?kind=charge`, key))
        .json()
        .data.map(
          (t: { amount: { amount: string }; description: string }) => `${t.amount.amount} ${t.description}`,
        );
      expect(charges).toEqual([
        '-0.615000 Render task task-003 of job shot-100',
        '-0.615000 Render task task-002 of job shot-100',
        '-0.615000 Render task task-001 of job shot-100',
      ]);
      expect(await credit()).toMatchObject({ balance: '1.155000', held: '0.000000' });
      await minutes(60);
      expect((await job()).tasks.completed).toBe(3); // nothing more runs
      const tasks = (await call('GET', `/v1/accounts/${acct}/render-jobs/shot-100/tasks`, key)).json().data;
      expect(
        tasks.map(
          (t: {
            taskId: string;
            status: string;
            maxCost: { amount: string };
            actualCost: { amount: string };
          }) => `${t.taskId} ${t.status} held ${t.maxCost.amount} charged ${t.actualCost.amount}`,
        ),
      ).toEqual([
        'task-001 completed held 1.230000 charged 0.615000',
        'task-002 completed held 1.230000 charged 0.615000',
        'task-003 completed held 1.230000 charged 0.615000',
      ]);
      expect((await call('GET', `/v1/accounts/${acct}/render-jobs/shot-999/tasks`, key)).statusCode).toBe(
        404,
      );
      await expectLedgerSound(h.engine.db);
    });

    it('refuses a task longer than its limit (400 naming secondsPerTask) and another account (404)', async () => {
      const acct = await h.openAccount('Farm Checks');
      const key = (await issueKey(h.engine, 'customer', acct)).secret;
      const body = { jobId: 'x', tasks: 1, resources: { gpus: 1, cpuCores: 0, ramGb: 0, storageGb: 0 } };
      const long = await call('POST', `/v1/accounts/${acct}/render-jobs`, key, {
        ...body,
        timeLimitSeconds: 60,
        secondsPerTask: 61,
      });
      expect(long.statusCode).toBe(400);
      expect(long.json()).toMatchObject({ code: 'invalid_request', field: 'secondsPerTask' });
      const { jobId: _jobId, ...plan } = { ...body, timeLimitSeconds: 60, secondsPerTask: 61 };
      const longQuote = await call('POST', `/v1/accounts/${acct}/render-job-quote`, key, plan);
      expect(longQuote.statusCode).toBe(400);
      expect(longQuote.json()).toMatchObject({ code: 'invalid_request', field: 'secondsPerTask' });
      const typo = await call('POST', `/v1/accounts/${acct}/render-job-quote`, key, { ...plan, gpus: 1 });
      expect(typo.json()).toMatchObject({ code: 'unknown_field', field: 'gpus' });
      const other = await h.openAccount('Other');
      const foreign = await call('POST', `/v1/accounts/${other}/render-jobs`, key, {
        ...body,
        timeLimitSeconds: 60,
        secondsPerTask: 60,
      });
      expect(foreign.statusCode).toBe(404);
    });
  });
