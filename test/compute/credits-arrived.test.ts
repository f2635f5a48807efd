import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../src/kernel/clock.js';
import type { ServiceContext } from '../../src/server/context.js';
import { type App, buildApp } from '../../src/server/app.js';
import { backends } from '../support/databases.js';
import { type FakeFleet, startFakeFleet } from '../support/fake-fleet.js';
import { type Harness, startHarness, uniqueKey } from '../support/harness.js';

const HOUR = 3_600_000;
/** 30 minutes of 1 GPU + 10 cores + 16 GB + 100 GB: a task's max cost of exactly 0.600000. */
const TASK = { resources: { gpus: 1, cpuCores: 10, ramGb: 16, storageGb: 100 }, timeLimitSeconds: 1800 };

/** Money arrived → paused render jobs resume, whatever brought it (compute/credits-arrived.ts). */
for (const backend of backends) {
  describe(`credits arrived: one place resumes paused jobs (${backend.name})`, () => {
    let h: Harness;
    let fleet: FakeFleet;
    let app: App;
    beforeAll(async () => {
      fleet = await startFakeFleet();
      h = await startHarness(backend, { clock: new SimulatedClock('2026-11-10T00:00:00Z') });
      const ctx: ServiceContext = { ...h.engine, fleet: fleet.client() };
      app = await buildApp(ctx);
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
          ...(method === 'POST' ? { 'idempotency-key': uniqueKey() } : {}),
        },
        ...(body === undefined ? {} : { payload: body as object }),
      });
    const pause = async (acct: string, job: string) => {
      const res = await api(
        'POST',
        `/v1/accounts/${acct}/render-jobs/${job}/tasks/t1/start`,
        TASK,
        h.serviceKey,
      );
      expect(res.json().jobStatus).toBe('paused_insufficient_credits');
    };
    const jobStatus = async (acct: string, job: string) =>
      (await api('GET', `/v1/accounts/${acct}/render-jobs/${job}`)).json().status as string;

    it("an operator's credit adjustment resumes a job paused for credits", async () => {
      const acct = await h.openAccount();
      await h.fund(acct, '0.5');
      await pause(acct, 'op-1');
      await h.fund(acct, '0.1'); // 0.6: now affordable
      expect(await jobStatus(acct, 'op-1')).toBe('running');
    });

    it("an early stop's refund of unused compute resumes a job paused for credits", async () => {
      const acct = await h.openAccount();
      await h.fund(acct, '7.18'); // 10 h of rtx-4090 with 100 GB: nothing left
      const { instance } = (
        await api('POST', `/v1/accounts/${acct}/instances`, {
          instanceType: 'rtx-4090',
          diskGb: 100,
          period: { unit: 'hour', count: 10 },
          autoRenew: false,
        })
      ).json();
      await pause(acct, 'stop-1');
      h.clock.advance(HOUR);
      const stopped = await api('POST', `/v1/accounts/${acct}/instances/${instance.id}/stop`);
      expect(stopped.statusCode).toBe(200); // 9 h × 0.69 = 6.21 back
      expect(await jobStatus(acct, 'stop-1')).toBe('running');
    });
  });
}
