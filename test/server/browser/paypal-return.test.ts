import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import {
  type PageServer,
  ensurePageBuilt,
  launchBrowser,
  newContext,
  startPageServer,
  describeWithBrowser,
} from './page-server.js';

/**
 * Coming back from PayPal: in another tab or window (a closed tab, PayPal's phone app), after a
 * reload, and by Back or PayPal's cancel link. The page resolves the order from the return URL's
 * token through the API, captures once and cleans the URL.
 */
describeWithBrowser('PayPal return (Chromium)', () => {
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

  /** Signs in with the key wherever the page asks (it then returns to where it was going). */
  async function signInIfAsked(page: Page, key: string) {
    await page.waitForFunction("location.pathname === '/signin' || !!document.querySelector('.topbar')");
    if (new URL(page.url()).pathname !== '/signin') return;
    await page.getByRole('textbox', { name: /API key/ }).fill(key);
    await page.getByRole('button', { name: /^Sign in with (API )?key/ }).click();
    await page.waitForURL((url) => url.pathname !== '/signin');
  }

  const payments = async (accountId: string) =>
    (await server.harness.call('GET', `/v1/accounts/${accountId}/transactions?kind=payment`))
      .json()
      .data.map((t: { amount: { amount: string } }) => t.amount.amount);

  async function startPayment(page: Page, amount: string) {
    await page.getByLabel(/Amount \(USD\)/).fill(amount);
    await page.getByRole('button', { name: /^Pay \$.* with PayPal$/ }).click();
    await page.waitForURL(/\/sandbox\/paypal\/checkoutnow\?token=/);
  }

  it('approved at PayPal, then returned in a NEW window: credited once, the URL cleaned; a reload shows nothing and captures nothing', async () => {
    const { accountId, key } = await server.customer('Nia Returns');
    const first = await newContext(browser);
    const page = await first.newPage();
    await page.goto(`${server.baseUrl}/compute/payment`);
    await signInIfAsked(page, key);
    await startPayment(page, '40');
    // The customer approves, but the return lands elsewhere (this tab is closed before it loads).
    let returnUrl = '';
    await page.route(/\/checkoutnow\?token=/, async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      // The approval goes through at the sandbox PayPal; its redirect back is not followed here.
      const approved = await route.fetch({ maxRedirects: 0 });
      returnUrl = approved.headers().location ?? '';
      await route.abort();
    });
    await page.getByRole('button', { name: 'Approve payment' }).click();
    await expect.poll(() => returnUrl).toMatch(/\?paypal=return&token=/);
    await first.close();
    expect(await payments(accountId)).toEqual([]);

    const second = await newContext(browser);
    const other = await second.newPage();
    await other.goto(returnUrl);
    await signInIfAsked(other, key);
    await expect
      .poll(() => other.getByTestId('topup-success').innerText())
      .toContain('+40.00 credits added to your balance');
    await expect.poll(() => other.getByTestId('credit-balance').innerText()).toBe('40.00 credits');
    await expect.poll(() => new URL(other.url()).search).toBe('');
    expect(new URL(other.url()).pathname).toBe('/compute/payment');

    await other.reload();
    await expect.poll(() => other.getByTestId('credit-balance').innerText()).toBe('40.00 credits');
    expect(await other.getByTestId('topup-success').count()).toBe(0);
    expect(
      await other
        .getByText(/PayPal/)
        .filter({ hasText: /Confirming|confirmed|waiting/ })
        .count(),
    ).toBe(0);
    await other.goBack().catch(() => {});
    await other.waitForLoadState('networkidle');
    expect(await other.getByTestId('topup-success').count()).toBe(0);
    expect(await payments(accountId)).toEqual(['40.000000']);
    await second.close();
  });

  it('the return URL opened again in another tab after it was credited: nothing credited twice', async () => {
    const { accountId, key } = await server.customer('Omar Twice');
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/compute/payment`);
    await signInIfAsked(page, key);
    await startPayment(page, '15');
    const returnUrls: string[] = [];
    page.on(
      'framenavigated',
      (frame) => frame.url().includes('paypal=return') && returnUrls.push(frame.url()),
    );
    await page.getByRole('button', { name: 'Approve payment' }).click();
    await page.getByTestId('topup-success').waitFor();
    await expect.poll(() => new URL(page.url()).search).toBe('');
    expect(returnUrls).toHaveLength(1);

    const again = await context.newPage();
    await again.goto(returnUrls[0]!);
    await signInIfAsked(again, key);
    await expect.poll(() => again.getByTestId('credit-balance').innerText()).toBe('15.00 credits');
    await expect.poll(() => new URL(again.url()).search).toBe('');
    expect(await payments(accountId)).toEqual(['15.000000']);
    await context.close();
  });

  it('Back from PayPal, and its cancel link, keep the amount the customer chose', async () => {
    const { key } = await server.customer('Pia Changes Mind');
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/compute/payment`);
    await signInIfAsked(page, key);
    await startPayment(page, '42.50');
    await page.goBack();
    await page.waitForURL((url) => url.pathname === '/compute/payment');
    await expect.poll(() => page.getByLabel(/Amount \(USD\)/).inputValue()).toBe('42.50');
    await expect.poll(() => page.getByTestId('topup-total').innerText()).toBe('$44.67');
    const pay = page.getByRole('button', { name: 'Pay $44.67 with PayPal' });
    await expect.poll(() => pay.isEnabled()).toBe(true);

    await startPayment(page, '60');
    await page.getByRole('link', { name: 'Cancel and return to Pictor' }).click();
    await page.waitForURL((url) => url.pathname === '/compute/payment');
    await page.getByText('PayPal payment cancelled; nothing was charged.').waitFor();
    await expect.poll(() => page.getByLabel(/Amount \(USD\)/).inputValue()).toBe('60');
    await context.close();
  });
});
