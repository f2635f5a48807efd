import { expect, it } from 'vitest';
import { DueWorkRunner } from '../../../src/kernel/jobs/due-work-runner.js';
import type { ServiceContext } from '../../../src/server/context.js';
import { registerSandboxRenderFarm } from '../../../src/sandbox/sandbox-render-farm.js';
import { describeWithBrowser, newContext, useBrowserSuite } from './page-server.js';

const MINUTE = 60_000;

/**
 * Issue 15: Compute → Render jobs submits a job to the sandbox render farm with its price shown
 * first, and lists each job's tasks with status and cost. The seed's rendering mechanism: a task
 * is priced on its GPU, CPU, RAM and storage for its time, post-paid per completed task; a job
 * pauses when the balance cannot cover the next task. Sample rate card: 0.90 per GPU-hour, 0.02 per
 * core-hour, 0.005 per GB-hour of RAM, 0.0002 per GB-hour of storage, so 1 GPU, 8 cores, 32 GB and
 * 50 GB are 1.23 an hour: a 60-minute hold of 1.23, and 30 minutes charged 0.615.
 */
describeWithBrowser(
  'render jobs on the page: submit with the price first, tasks and their costs (Chromium)',
  () => {
    const suite = useBrowserSuite();

    it('390, balance 2: quote 1.23 hold / 0.615 per task / 1.845 in all / 0.155 after; a double submit runs once; tasks 0.615 each; paused at the third', async () => {
      const { server } = suite;
      const { accountId, key } = await server.customer('Render Studio');
      await server.harness.fund(accountId, '2');
      const runner = registerSandboxRenderFarm(new DueWorkRunner<ServiceContext>(server.harness.engine));
      const minutes = async (n: number) => {
        for (let i = 0; i < n; i++) {
          server.clock.advance(MINUTE);
          await runner.runDue();
        }
      };

      const context = await newContext(suite.browser, 390, 844);
      const page = await context.newPage();
      await suite.signIn(page, key, '/compute/render-jobs');
      const form = page.getByTestId('submit-render-job');
      // The defaults are 3 tasks of 1 GPU, 8 cores, 32 GB RAM, 50 GB storage; 60 min limit, 30 min run.
      await page.getByLabel('Job name').fill('shot-100');
      const quote = page.getByTestId('job-quote');
      await expect.poll(() => quote.innerText().catch(() => '')).toContain('1.845 credits');
      expect((await quote.innerText()).split('\n').filter(Boolean)).toEqual([
        'Rate (these resources)',
        '1.23 credits an hour',
        'Held when each task starts',
        '1.23 credits',
        'Charged when each task completes',
        '0.615 credits',
        'All tasks',
        '1.845 credits',
        'Balance after',
        '0.155 credits',
      ]);

      // A run longer than the limit is refused beside its field, before anything is sent.
      await page.getByLabel('Each task runs (minutes, sandbox)').fill('61');
      expect(await page.locator('#job-runMinutes-error').innerText()).toBe(
        'A task cannot run longer than its time limit.',
      );
      await page.getByLabel('Each task runs (minutes, sandbox)').fill('30');

      await form.getByRole('button', { name: 'Submit: 1.845 credits in all' }).click();
      expect(await page.getByTestId('submit-confirm-text').innerText()).toBe(
        'shot-100: 3 tasks. Each holds 1.23 credits of your balance when it starts and is charged 0.615 credits when it completes (30 minutes at 1.23 credits an hour): 1.845 credits in all, leaving 0.155 credits.',
      );
      await page.getByRole('button', { name: 'Submit shot-100' }).dblclick();
      await page.getByText('Submitted shot-100: its tasks appear below as the farm runs them.').waitFor();

      await runner.runDue(); // task-001 starts: 1.23 held
      await minutes(30); // task-001 completes (0.615), task-002 starts
      await page.reload();
      await page.getByRole('button', { name: 'Show the tasks of shot-100' }).click();
      const tasks = page.getByTestId('tasks-shot-100');
      await expect.poll(() => tasks.innerText().catch(() => '')).toContain('task-002');
      const rows = async () =>
        (await tasks.locator('tbody tr').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
      expect(await rows()).toEqual([
        'task-001 Completed 30 min — 0.615 credits',
        'task-002 Running — 1.23 credits —',
      ]);

      await minutes(30); // task-002 completes; 2 − 1.23 = 0.77 cannot hold task-003: paused
      await page.reload();
      const job = page.getByTestId('job-shot-100');
      await expect.poll(() => job.innerText()).toContain('Paused (insufficient credits)');
      expect(await job.innerText()).toContain('The next task needs 1.23 credits available.');
      expect(await job.innerText()).toContain('1.23 credits'); // cost so far
      await page.getByRole('button', { name: 'Show the tasks of shot-100' }).click();
      await expect
        .poll(() => rows().catch(() => []))
        .toEqual(['task-001 Completed 30 min — 0.615 credits', 'task-002 Completed 30 min — 0.615 credits']);
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);

      // The double click submitted one job: two charges of 0.615, nothing else.
      const charges = (
        await server.harness.call('GET', `/v1/accounts/${accountId}/transactions?kind=charge`)
      ).json();
      expect(charges.data.map((t: { amount: { amount: string } }) => t.amount.amount)).toEqual([
        '-0.615000',
        '-0.615000',
      ]);
      await context.close();
    });
  },
);
