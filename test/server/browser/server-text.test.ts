import type { Locator } from 'playwright-core';
import { expect, it } from 'vitest';
import { SandboxFleet } from '../../../src/sandbox/sandbox-fleet.js';
import { describeWithBrowser, newContext, useBrowserSuite } from './page-server.js';

/**
 * Dates and amounts the server wrote inside a description (older records keep their ISO times and
 * "$1490.00") show in the page's one format: "27 Feb 2026, 09:30 UTC", "$1,490.00", "12.50 credits".
 */
describeWithBrowser('server-written text in the page format (Chromium)', () => {
  const suite = useBrowserSuite();

  it('a transaction description and the termination banner: no ISO time, grouped dollars, credits with 2 decimals', async () => {
    const server = suite.server;
    server.harness.engine.fleet = new SandboxFleet(server.clock);
    const { accountId, key } = await server.customer('Iso Studio');
    const adjusted = await server.harness.call('POST', `/v1/accounts/${accountId}/adjustments`, {
      body: {
        direction: 'credit',
        amount: { amount: '20', unit: 'CREDIT' },
        reason: 'outage of 2026-02-27T09:30:00Z, $1490.00 plan, 12.500000 CREDIT back on 2026-02-28',
      },
    });
    expect(adjusted.statusCode).toBe(201);
    // 200 GB for a day costs 17.904; the 2.096 left pays 37 hours of storage after 03 Mar 10:00, not the 38th.
    const rented = await server.harness.call('POST', `/v1/accounts/${accountId}/instances`, {
      key,
      body: { instanceType: 'rtx-4090', diskGb: 200, period: { unit: 'day', count: 1 }, autoRenew: false },
    });
    expect(rented.statusCode).toBe(201);

    // The server writes the reason in the one format already (kernel/format-rules): no ISO time.
    const preview = await server.harness.call('GET', `/v1/accounts/${accountId}/termination-preview`);
    expect(preview.json().instances[0].reason).toBe(
      'runs to 03 Mar 2026, 10:00 UTC (prepaid), then stops; the balance cannot pay its storage',
    );

    const context = await newContext(suite.browser);
    const page = await context.newPage();
    await suite.signIn(page, key, '/compute/billing');

    // Dates never split across lines: their spaces are non-breaking.
    const text = async (locator: Locator) => (await locator.innerText()).replace(/\u00a0/g, ' ');
    const row = page.locator('td.desc', { hasText: 'Adjustment' });
    await expect
      .poll(() => text(row))
      .toBe(
        'Adjustment: outage of 27 Feb 2026, 09:30 UTC, $1,490.00 plan, 12.50 credits back on 28 Feb 2026',
      );
    expect(await row.innerText()).toContain('27\u00a0Feb\u00a02026');
    const banner = page.getByTestId('termination-banner');
    await expect
      .poll(() => text(banner.locator('li')))
      .toBe(
        'rtx-4090 (running, 200 GB): 05 Mar 2026, 00:00 UTC; runs to 03 Mar 2026, 10:00 UTC (prepaid), then stops; the balance cannot pay its storage',
      );
    expect(await banner.innerText()).not.toMatch(/\d{4}-\d{2}-\d{2}|GMT/);
    await context.close();
  });
});
