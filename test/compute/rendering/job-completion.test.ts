import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../../support/databases.js';
import { type Harness, startHarness } from '../../support/harness.js';

const RESOURCES = { gpus: 1, cpuCores: 10, ramGb: 16, storageGb: 100 };
const TASK = { resources: RESOURCES, timeLimitSeconds: 1800 };

/** A render job is completed when all its tasks are (the farm says how many it has). */
for (const backend of backends) {
  describe(`render job completion (${backend.name})`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(backend);
    });
    afterAll(async () => h.close());
    const url = (acct: string, task: string, action: string) =>
      `/v1/accounts/${acct}/render-jobs/shot-1/tasks/${task}/${action}`;
    const status = async (acct: string) =>
      (await h.call('GET', `/v1/accounts/${acct}/render-jobs/shot-1`)).json().status as string;

    it('two tasks: running after the first completes, completed after the second', async () => {
      const acct = await h.openAccount();
      await h.fund(acct, '5');
      for (const t of ['t1', 't2'])
        expect(
          (await h.call('POST', url(acct, t, 'start'), { key: h.serviceKey, body: TASK })).statusCode,
        ).toBe(200);
      const done = (t: string) =>
        h.call('POST', url(acct, t, 'complete'), {
          key: h.serviceKey,
          body: { usage: { seconds: 600, ...RESOURCES }, jobTaskCount: 2 },
        });
      expect((await done('t1')).statusCode).toBe(200);
      expect(await status(acct)).toBe('running');
      expect((await done('t2')).statusCode).toBe(200);
      expect(await status(acct)).toBe('completed');
      // A repeated report replays and changes nothing.
      expect((await done('t2')).statusCode).toBe(200);
      expect(await status(acct)).toBe('completed');
    });
  });
}
