import type { Browser } from 'playwright-core';
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

/** Issue 15: the red banner names what would be destroyed, counts down, and offers the top-up. */
describeWithBrowser('termination banner (Chromium)', () => {
  let server: PageServer;
  let browser: Browser;
  beforeAll(async () => {
    vi.setConfig({ expect: { poll: { timeout: 10_000, interval: 50 } } });
    ensurePageBuilt();
    [server, browser] = await Promise.all([startPageServer(), launchBrowser()]);
    server.harness.engine.fleet = new SandboxFleet(server.clock);
  });
  afterAll(async () => {
    vi.resetConfig();
    await browser?.close();
    await server?.close();
  });

  it('a stopped 100 GB instance the balance pays for 43 more hours: banner, countdown, Top up now', async () => {
    const { accountId, key } = await server.customer('Banner Studio');
    await server.harness.fund(accountId, '1.218'); // 0.718 rents an hour; 0.5 left
    const call = (method: 'POST', url: string, body?: unknown) =>
      server.harness.call(method, url, { key, ...(body === undefined ? {} : { body }) });
    const rented = await call('POST', `/v1/accounts/${accountId}/instances`, {
      instanceType: 'rtx-4090',
      diskGb: 100,
      period: { unit: 'hour', count: 1 },
      autoRenew: false,
    });
    expect(rented.statusCode).toBe(201);
    expect(
      (await call('POST', `/v1/accounts/${accountId}/instances/${rented.json().instance.id}/stop`))
        .statusCode,
    ).toBe(200);

    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/compute/payment`);
    await page.waitForURL(/\/signin\?next=/);
    await page.getByRole('textbox', { name: /API key/ }).fill(key);
    await page.getByRole('button', { name: /^Sign in with (API )?key/ }).click();
    await page.waitForURL((url) => url.pathname === '/compute/payment');
    const banner = page.getByTestId('termination-banner');
    // The stop refunds the unused hour (0.69): 1.19 pays storage to +43 h; the hour ending at +44 h cannot be paid.
    await expect.poll(() => banner.innerText()).toContain('100 GB of data would be permanently destroyed');
    expect(await page.getByTestId('termination-countdown').innerText()).toMatch(
      /^1 d (20:00:00|19:59:\d\d)$/,
    );
    await expect.poll(() => banner.getByRole('link', { name: 'Top up now' }).count()).toBe(1);
    await context.close();
  });
});
