import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  type PageServer,
  ensurePageBuilt,
  launchBrowser,
  newContext,
  startPageServer,
} from './page-server.js';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** For each radio group on the page, how many of its radios Tab stops at (evaluated in the page). */
const TAB_STOPS_PER_GROUP = `[...document.querySelectorAll('[role="radiogroup"]')].map((g) =>
  [...g.querySelectorAll('[role="radio"]')].filter((r) => r.tabIndex >= 0).length)`;

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
}

/**
 * axe-core (from npm, injected into the page) on every tab of both lines at desktop (1280×800)
 * and phone (390×844) width: no serious or critical violations. Plus the keyboard: arrow keys
 * in the tab list and radio groups, a title per tab, a favicon.
 */
describe('accessibility (Chromium, axe-core)', () => {
  let server: PageServer;
  let browser: Browser;
  beforeAll(async () => {
    vi.setConfig({ expect: { poll: { timeout: 10_000, interval: 50 } } });
    ensurePageBuilt();
    [server, browser] = await Promise.all([startPageServer(), launchBrowser()]);
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

  async function serious(page: Page): Promise<string[]> {
    await page.addScriptTag({ path: axePath });
    const result = (await page.evaluate(
      'axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } })',
    )) as AxeResult;
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }

  const TABS: [string, string[]][] = [
    ['/compute', ['Payment', 'Billing', 'Invoice Settings', 'GPU Instances', 'Render Jobs']],
    ['/booth', ['Licenses', 'Payment', 'Invoices', 'Tokens', 'Invoice Settings']],
  ];

  for (const [width, height] of [
    [1280, 800],
    [390, 844],
  ] as const) {
    it(`every tab at ${width}×${height}: no serious or critical axe violations; each tab has its own title`, async () => {
      const { accountId, key } = await server.customer(`Axe ${width}`);
      await server.harness.fund(accountId, '75.5');
      // The page's Content-Security-Policy refuses inline scripts, as it should; the test's own
      // injected axe-core is let through for this context only.
      const context = await newContext(browser, width, height, { bypassCSP: true });
      const page = await context.newPage();
      await signIn(page, key, '/compute/payment');
      const titles = new Set<string>();
      for (const [line, tabs] of TABS) {
        await page.getByRole('link', { name: line === '/booth' ? 'Booth' : 'Compute' }).click();
        for (const tab of tabs) {
          await page.getByRole('tab', { name: tab }).click();
          await page.waitForLoadState('networkidle');
          await expect.poll(() => page.locator('.spinner').count()).toBe(0);
          expect(await serious(page), `${line} ${tab}`).toEqual([]);
          titles.add(await page.title());
        }
      }
      expect(titles.size).toBe(10);
      expect(titles).toContain('Billing · Compute · Pictor Billing');
      expect(titles).toContain('Tokens · Booth · Pictor Billing');
      await context.close();
    });
  }

  it('arrow keys move through the tabs and the radio groups; the page has a favicon', async () => {
    const { key } = await server.customer('Keys Only');
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, key, '/compute/payment');
    expect(await page.locator('link[rel="icon"]').getAttribute('href')).toMatch(/^data:image\/svg\+xml/);
    await page.getByRole('tab', { name: 'Payment' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForURL((url) => url.pathname === '/compute/billing');
    await expect.poll(() => page.evaluate('document.activeElement?.textContent')).toBe('Billing');
    await page.keyboard.press('End');
    await page.waitForURL((url) => url.pathname === '/compute/render-jobs');
    await page.keyboard.press('ArrowRight');
    await page.waitForURL((url) => url.pathname === '/compute/payment');

    const fiat = page.getByRole('radio', { name: /Fiat payment/ });
    await fiat.focus();
    await page.keyboard.press('ArrowRight');
    await expect
      .poll(() => page.getByRole('radio', { name: /Crypto payment/ }).getAttribute('aria-checked'))
      .toBe('true');
    await expect.poll(() => page.evaluate('document.activeElement?.textContent')).toMatch(/Crypto payment/);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => fiat.getAttribute('aria-checked')).toBe('true');

    // One tab stop per radio group (roving tabindex): Tab from the checked radio leaves the group.
    await expect.poll(() => page.evaluate(TAB_STOPS_PER_GROUP)).toEqual([1]);
    await fiat.focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.id')).toBe('topup-amount');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate('document.activeElement?.getAttribute("role")')).not.toBe('radio');

    // The same in the license purchase (period and tier) and in the booth activity switch.
    await page.goto(`${server.baseUrl}/booth/licenses`);
    await page.getByRole('button', { name: 'Add License' }).click();
    await page.getByRole('radio', { name: /Pro/ }).first().waitFor();
    await expect.poll(() => page.evaluate(TAB_STOPS_PER_GROUP)).toEqual([1, 1]);
    await page.getByRole('radio', { name: /^Annual/ }).click();
    await expect.poll(() => page.getByRole('radio', { name: /^Annual/ }).getAttribute('tabindex')).toBe('0');
    expect(await page.getByRole('radio', { name: 'Monthly' }).getAttribute('tabindex')).toBe('-1');
    await context.close();
  });
});
