import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { SandboxFleet } from '../../../src/sandbox/sandbox-fleet.js';
import {
  type PageServer,
  describeWithBrowser,
  ensurePageBuilt,
  launchBrowser,
  newContext,
  startPageServer,
} from './page-server.js';

/**
 * Issue 15 on the page: rent a GPU instance seeing the price before paying (a double click pays
 * once), stop it and see the storage fee, terminate it (the disk destroyed in the sandbox fleet);
 * resume a render job paused for credits, by keyboard on a phone-sized screen.
 */
describeWithBrowser('GPU instances and render jobs on the page (Chromium)', () => {
  let server: PageServer;
  let browser: Browser;
  let fleet: SandboxFleet;
  beforeAll(async () => {
    vi.setConfig({ expect: { poll: { timeout: 10_000, interval: 50 } } });
    ensurePageBuilt();
    [server, browser] = await Promise.all([startPageServer(), launchBrowser()]);
    fleet = new SandboxFleet(server.clock);
    server.harness.engine.fleet = fleet;
  });
  afterAll(async () => {
    vi.resetConfig();
    await browser?.close();
    await server?.close();
  });

  async function signIn(page: Page, key: string, path: string) {
    await page.goto(`${server.baseUrl}${path}`);
    await page.waitForURL(/\/signin\?next=/);
    await page.getByRole('textbox', { name: /API key/ }).fill(key);
    await page.getByRole('button', { name: /^Sign in with (API )?key/ }).click();
    await page.waitForURL((url) => url.pathname === path);
  }

  const get = async (key: string, url: string) => (await server.harness.call('GET', url, { key })).json();

  it('1280: rent with the price first (double click pays once), stop shows the storage fee, terminate destroys the disk', async () => {
    const { accountId, key } = await server.customer('Rent Studio');
    await server.harness.fund(accountId, '10');
    const context = await newContext(browser, 1280, 800);
    const page = await context.newPage();
    await signIn(page, key, '/compute/instances');
    await page.getByLabel('Instance type').selectOption('rtx-4090');
    await page.getByLabel('Disk (GB)').fill('100');
    await page.getByLabel('Period length').fill('1');
    await page.getByLabel('Unit').selectOption('hour');
    // 0.69 compute + 100 GB × 0.00028 storage for one hour; 10 − 0.718 after.
    await expect.poll(() => page.getByTestId('rent-total').innerText()).toBe('0.718 credits');
    expect(await page.getByTestId('rent-balance-after').innerText()).toBe('9.282 credits');
    await page.getByLabel('Disk (GB)').fill('2001');
    await expect.poll(() => page.getByText('rtx-4090 takes at most 2000 GB.').count()).toBe(1);
    await page.getByLabel('Disk (GB)').fill('100');
    await page.getByRole('button', { name: 'Rent for 0.718 credits' }).click();
    const dialog = page.getByRole('dialog', { name: 'Rent this instance?' });
    await expect.poll(() => dialog.innerText()).toContain('0.718 credits is charged now');
    await dialog.getByRole('button', { name: 'Pay 0.718 credits and rent' }).dblclick();
    await expect.poll(() => dialog.count()).toBe(0);
    const instances = (await get(key, `/v1/accounts/${accountId}/instances`)).data;
    expect(instances).toHaveLength(1);
    const id = instances[0].id as string;
    const charges = (await get(key, `/v1/accounts/${accountId}/transactions?kind=charge`)).data;
    expect(charges.map((t: { amount: { amount: string } }) => t.amount.amount)).toEqual(['-0.718000']);

    const row = page.getByTestId(`instance-${id}`);
    await expect.poll(() => row.innerText()).toContain('Running');
    await row.getByRole('button', { name: 'Stop rtx-4090 · 100 GB' }).click();
    const stop = page.getByRole('dialog', { name: 'Stop this instance?' });
    await expect.poll(() => stop.innerText()).toContain('charged 0.028 credits per hour for storage');
    await page.keyboard.press('Enter');
    // Stopped at once: the whole unused hour of compute (0.69) is refunded; 9.972 pays 356 hours of 0.028.
    await expect
      .poll(() => row.getByTestId('stopped-storage').innerText())
      .toBe('Stopped: 0.028 credits per hour for storage; your balance lasts about 356 hours.');

    await row.getByRole('button', { name: 'Terminate rtx-4090 · 100 GB' }).click();
    const end = page.getByRole('dialog', { name: 'Terminate this instance?' });
    await expect.poll(() => end.innerText()).toContain('all data on it is permanently lost');
    await end.getByRole('button', { name: 'Destroy 100 GB of data' }).click();
    await expect.poll(() => row.innerText()).toContain('Terminated');
    expect(fleet.machineOf(id)).toMatchObject({ phase: 'terminated', calls: { terminate: 1 } });
    expect(fleet.machineOf(id)!.diskDestroyedAt).not.toBeNull();
    await context.close();
  });

  it('390, keyboard only: a job paused for credits shows what it needs; Resume refuses, then resumes once money is there', async () => {
    const { accountId, key } = await server.customer('Render Studio');
    await server.harness.fund(accountId, '0.5');
    const start = await server.harness.call(
      'POST',
      `/v1/accounts/${accountId}/render-jobs/shot-042/tasks/t1/start`,
      {
        key: server.harness.serviceKey,
        body: { resources: { gpus: 1, cpuCores: 0, ramGb: 0, storageGb: 0 }, timeLimitSeconds: 3600 },
      },
    );
    expect(start.statusCode).toBe(422);
    const context = await newContext(browser, 390, 844);
    const page = await context.newPage();
    await signIn(page, key, '/compute/render-jobs');
    const row = page.getByTestId('job-shot-042');
    // One GPU-hour at the sample 0.90 per GPU-hour.
    await expect.poll(() => row.innerText()).toContain('The next task needs 0.90 credits available.');
    const resume = row.getByRole('button', { name: 'Resume shot-042' });
    await resume.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => row.getByRole('alert').innerText()).toMatch(/top up/i);
    // Money that arrives without announcing itself (the hook that resumes jobs is off here), so
    // the customer's Resume is what resumes the job.
    const hooks = server.harness.engine.walletCredited;
    server.harness.engine.walletCredited = [];
    await server.harness.fund(accountId, '1');
    server.harness.engine.walletCredited = hooks;
    await resume.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => row.innerText()).toContain('Running');
    expect((await get(key, `/v1/accounts/${accountId}/render-jobs/shot-042`)).status).toBe('running');
    const width = await page.evaluate('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(390);
    await context.close();
  });
});
