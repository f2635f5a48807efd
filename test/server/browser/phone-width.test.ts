import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { SandboxFleet } from '../../../src/sandbox/sandbox-fleet.js';
import { describeWithBrowser, newContext, useBrowserSuite } from './page-server.js';

/** Whether the page scrolls sideways (evaluated in the page). */
const OVERFLOW =
  '({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })';
/** The font of every stacked cell's label (its ::before), evaluated in the page. */
const LABEL_FONTS = `[...document.querySelectorAll('.table.stackable td[data-label]')].map((td) =>
  getComputedStyle(td, '::before').fontFamily)`;

/**
 * At 390×844 every tab of both lines (read from the tab lists, so a new tab is covered too), with
 * GPU instances, transactions and long ids: nothing scrolls sideways, and the labels of stacked
 * table cells are in the page's font, never monospace.
 */
describeWithBrowser('phone width (Chromium)', () => {
  const suite = useBrowserSuite();

  async function tabsOf(page: Page): Promise<string[]> {
    await page.getByRole('tab').first().waitFor();
    return page.getByRole('tab').evaluateAll((tabs) => tabs.map((t) => t.getAttribute('href') ?? ''));
  }

  it('every tab fits the phone; stacked labels are never monospace', async () => {
    const server = suite.server;
    server.harness.engine.fleet = new SandboxFleet(server.clock);
    const { accountId, key } = await server.customer('Phone Studio');
    await server.harness.fund(accountId, '100');
    const rent = (diskGb: number) =>
      server.harness.call('POST', `/v1/accounts/${accountId}/instances`, {
        key,
        body: { instanceType: 'rtx-4090', diskGb, period: { unit: 'day', count: 1 }, autoRenew: true },
      });
    expect((await rent(200)).statusCode).toBe(201);
    const stopped = await rent(500);
    expect(stopped.statusCode).toBe(201);
    const stop = await server.harness.call(
      'POST',
      `/v1/accounts/${accountId}/instances/${stopped.json().instance.id}/stop`,
      { key },
    );
    expect(stop.statusCode).toBe(200);

    const context = await newContext(suite.browser, 390, 844);
    const page = await context.newPage();
    await suite.signIn(page, key, '/compute/payment');
    const paths = [...(await tabsOf(page))];
    await page.goto(`${server.baseUrl}/booth/licenses`);
    paths.push(...(await tabsOf(page)));
    expect(paths).toContain('/compute/billing');
    expect(paths).toContain('/booth/invoices');
    const labelFonts: string[] = [];
    for (const path of paths) {
      await page.goto(`${server.baseUrl}${path}`);
      await page.waitForLoadState('networkidle');
      const widths = (await page.evaluate(OVERFLOW)) as { scroll: number; client: number };
      expect(widths.scroll, `${path} scrolls sideways`).toBeLessThanOrEqual(widths.client);
      labelFonts.push(...((await page.evaluate(LABEL_FONTS)) as string[]));
    }
    // Compute → Billing alone has 4 transactions (funding, 2 rentals, the stop's refund) × 6 labelled cells.
    expect(labelFonts.length).toBeGreaterThanOrEqual(24);
    expect(labelFonts.filter((f) => /mono/i.test(f))).toEqual([]);
    await context.close();
  });
});
