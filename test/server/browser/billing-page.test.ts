import type { Browser, Page } from 'playwright-core';
import { extractText } from 'unpdf';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  type PageServer,
  ensurePageBuilt,
  launchBrowser,
  newContext,
  startPageServer,
  describeWithBrowser,
} from './page-server.js';

/**
 * The billing page in Debian's Chromium against the real server (one server and one browser for
 * all of it, to keep the browser tests fast): the compute line's Payment & Billing page and the
 * booth line's Billing area, with the sandbox PayPal and the sandbox card processor.
 */
describeWithBrowser('billing page (Chromium)', () => {
  let server: PageServer;
  let browser: Browser;
  beforeAll(async () => {
    // The page answers in milliseconds, but the whole suite may run at once: give polls room.
    vi.setConfig({ expect: { poll: { timeout: 10_000, interval: 50 } } });
    ensurePageBuilt();
    [server, browser] = await Promise.all([startPageServer(), launchBrowser()]);
    const coupon = await server.harness.call('POST', '/v1/booth/coupons', {
      body: { code: 'SPRING10', percentOff: 10, duration: 'once', reason: 'spring campaign' },
    });
    expect(coupon.statusCode).toBe(201);
  });
  afterAll(async () => {
    vi.resetConfig();
    await browser?.close();
    await server?.close();
  });

  async function signIn(page: Page, key: string, path: string) {
    await page.goto(`${server.baseUrl}${path}`);
    await page.waitForURL(/\/signin\?next=/);
    await page.getByLabel('Customer API key').fill(key);
    await page.getByRole('button', { name: 'Sign in with key' }).click();
    await page.waitForURL((url) => url.pathname === path);
  }

  const charge = async (accountId: string, amount: string, description: string) => {
    const res = await server.harness.call('POST', `/v1/accounts/${accountId}/charges`, {
      key: server.harness.serviceKey,
      body: { amount: { amount, unit: 'CREDIT' }, productLine: 'compute', description },
    });
    expect(res.statusCode).toBe(201);
    return res.json().id as string;
  };

  async function pdfOf(page: Page, rowText: string): Promise<string> {
    const row = page.getByTestId('transactions').locator('tbody tr', { hasText: rowText });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      row.getByRole('button', { name: /Download invoice/ }).click(),
    ]);
    const bytes = new Uint8Array(
      await (await download.createReadStream()).toArray().then((c) => Buffer.concat(c)),
    );
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    expect(download.suggestedFilename()).toMatch(/^[A-Z2-9]{8}-\d{6}\.pdf$/);
    return (await extractText(bytes, { mergePages: true })).text;
  }

  it('tops up $100 through the sandbox PayPal: fee, promotion and total shown first, then the balance and a new Payment row', async () => {
    const { accountId, key } = await server.customer('Ada Studio');
    // The alert emails typed below were verified by their codes (account-alerts tells that story).
    await server.verifyAlertEmails(accountId, ['ops@ada.example', 'cto@ada.example']);
    const promotion = await server.harness.call('POST', '/v1/promotions', {
      body: {
        name: 'Spring bonus',
        startsAt: '2026-03-01T00:00:00Z',
        endsAt: '2026-04-01T00:00:00Z',
        minimumTopUp: { amount: '50', unit: 'USD' },
        bonus: { type: 'percentage', basisPoints: 1000 },
        perCustomerLimit: 1,
        reason: 'browser test',
      },
    });
    expect(promotion.statusCode).toBe(201);
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, key, '/compute/payment');
    await expect.poll(() => page.getByTestId('credit-balance').innerText()).toBe('0.00 credits');

    // Below the minimum: the API's reason next to the field, and no way to pay.
    await page.getByLabel(/Amount \(USD\)/).fill('2');
    await expect
      .poll(() => page.locator('#topup-amount-error').innerText())
      .toBe('The smallest top-up is $5.00.');
    expect(await page.getByRole('button', { name: /Pay/ }).isDisabled()).toBe(true);
    // The order summary before paying: A = $100, fee round_half_up(4.4% · 100 + 0.30) = $4.70.
    await page.getByLabel(/Amount \(USD\)/).fill('100');
    await expect.poll(() => page.getByTestId('topup-total').innerText()).toBe('$104.70');
    expect(await page.getByTestId('topup-fee').innerText()).toBe('$4.70');
    // The promotion (10% of A, A ≥ $50) is shown before paying: +10.00 credits.
    expect(await page.getByTestId('topup-summary').innerText()).toMatch(
      /Promotion: Spring bonus\s+\+10\.00 credits/,
    );

    await page.getByRole('button', { name: 'Pay $104.70 with PayPal' }).click();
    await page.waitForURL(/\/sandbox\/paypal\/checkoutnow\?token=/);
    expect(await page.locator('body').innerText()).toContain('$104.70 USD');
    await page.getByRole('button', { name: 'Approve payment' }).click();
    await page.waitForURL((url) => url.pathname === '/compute/payment');
    await expect
      .poll(() => page.getByTestId('topup-success').innerText())
      .toContain('+100.00 credits added to your balance, plus a promotion bonus of +10.00 credits');
    await expect.poll(() => page.getByTestId('credit-balance').innerText()).toBe('110.00 credits');
    // The URL is cleaned once credited: a reload shows the plain page and captures nothing twice.
    await expect.poll(() => new URL(page.url()).search).toBe('');
    await page.reload();
    await expect.poll(() => page.getByTestId('credit-balance').innerText()).toBe('110.00 credits');
    expect(await page.getByTestId('topup-success').count()).toBe(0);

    await page.getByRole('tab', { name: 'Billing' }).click();
    const rows = page.getByTestId('transactions').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    const payment = page.getByTestId('transactions').locator('tr[data-kind="payment"]');
    expect(await payment.innerText()).toMatch(/Payment[\s\S]*\+100\.00 credits[\s\S]*PayPal/);
    expect(await page.getByTestId('transactions').locator('tr[data-kind="promotion"]').innerText()).toMatch(
      /Promotion[\s\S]*\+10\.00 credits/,
    );
    expect(await page.getByTestId('credits-used').innerText()).toBe('0.00 credits');
    expect(await page.getByTestId('overview-balance').innerText()).toBe('110.00 credits');

    // Alerts: summarised on the Payment tab, set in Account settings (the seed's settings page).
    await page.getByRole('tab', { name: 'Payment' }).click();
    await page.getByRole('link', { name: 'Set alerts in Account settings' }).click();
    await page.waitForURL((url) => url.pathname === '/account');
    await page.getByLabel('Low balance: alert below (credits)').fill('20');
    await page.getByLabel('Low remaining time: alert below (hours)').fill('24');
    await page.getByLabel('Send alerts to').fill('ops@ada.example, cto@ada.example');
    await page.getByRole('button', { name: 'Save alerts' }).click();
    await page.getByText('Saved.').waitFor();
    const alerts = await server.harness.call('GET', `/v1/accounts/${accountId}/alert-settings`);
    expect(alerts.json()).toMatchObject({
      lowBalance: { amount: '20.000000', unit: 'CREDIT' },
      lowRemainingHours: 24,
      emails: ['ops@ada.example', 'cto@ada.example'],
      emailSource: 'settings',
    });

    // Exactly one Payment of 100 CREDIT in the ledger, however the page got there.
    const ledger = await server.harness.call('GET', `/v1/accounts/${accountId}/transactions?kind=payment`);
    expect(ledger.json().data.map((t: { amount: { amount: string } }) => t.amount.amount)).toEqual([
      '100.000000',
    ]);
    await context.close();
  });

  it('changes invoice settings (email required, checked next to the field); the next invoice PDF uses them, the earlier one keeps its own', async () => {
    const { accountId, key } = await server.customer('Bea Renders');
    await server.harness.fund(accountId, '50');
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, key, '/compute/invoice-settings');
    expect(await page.getByRole('note').innerText()).toContain(
      'apply only to documents generated from now on',
    );

    const save = async (fields: { name: string; email: string; tax: string }) => {
      await page.getByLabel('Name (person or company)').fill(fields.name);
      await page.getByLabel('Email (required)').fill(fields.email);
      await page.getByLabel(/Tax information/).fill(fields.tax);
      await page.getByRole('button', { name: 'Save invoice settings' }).click();
    };
    await save({ name: 'Old Name Ltd', email: 'old@bea.example', tax: 'VAT OLD-1' });
    await page.getByTestId('settings-saved').waitFor();
    server.clock.advance(60_000);
    await charge(accountId, '12.50', 'Machine rental charge: earlier');
    server.clock.advance(60_000);

    // An empty email is refused next to the field, and nothing is saved.
    await page.getByLabel('Email (required)').fill('');
    await page.getByRole('button', { name: 'Save invoice settings' }).click();
    expect(await page.locator('#inv-email-error').innerText()).toBe(
      'Email is required: invoices are addressed to it.',
    );
    expect(await page.getByLabel('Email (required)').getAttribute('aria-invalid')).toBe('true');
    const unchanged = await server.harness.call('GET', `/v1/accounts/${accountId}/invoice-settings`);
    expect(unchanged.json()).toMatchObject({ version: 1, name: 'Old Name Ltd' });

    await save({ name: 'New Name GmbH', email: 'new@bea.example', tax: 'VAT NEW-42' });
    await page.getByTestId('settings-saved').waitFor();
    server.clock.advance(60_000);
    await charge(accountId, '7.25', 'Machine rental charge: later');

    await page.getByRole('tab', { name: 'Billing' }).click();
    await page.getByTestId('transactions').waitFor();
    const later = await pdfOf(page, 'later');
    expect(later).toContain('New Name GmbH');
    expect(later).toContain('new@bea.example');
    expect(later).toContain('VAT NEW-42');
    expect(later).toContain('7.25');
    expect(later).not.toContain('Old Name Ltd');
    const earlier = await pdfOf(page, 'earlier');
    expect(earlier).toContain('Old Name Ltd');
    expect(earlier).toContain('old@bea.example');
    expect(earlier).not.toContain('New Name GmbH');
    await context.close();
  });

  it('signs in with an injected wallet (SIWE), and says so clearly when there is none', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/signin`);
    expect(await page.getByRole('note').innerText()).toContain('No browser wallet found');

    const wallet = privateKeyToAccount(`0x${'42'.repeat(32)}`);
    const withWallet = await newContext(browser);
    await withWallet.exposeFunction('__walletSign', (message: string) => wallet.signMessage({ message }));
    await withWallet.addInitScript((address: string) => {
      const w = globalThis as unknown as { ethereum: unknown; __walletSign(m: string): Promise<string> };
      w.ethereum = {
        request: async ({ method, params }: { method: string; params?: unknown[] }) => {
          if (method === 'eth_requestAccounts') return [address.toLowerCase()];
          if (method === 'personal_sign') return w.__walletSign(params![0] as string);
          throw new Error(`unsupported ${method}`);
        },
      };
    }, wallet.address);
    const walletPage = await withWallet.newPage();
    // The browser's clock reads the server's simulated time (the message's Issued At is checked).
    await walletPage.clock.setSystemTime(server.clock.now());
    await walletPage.goto(`${server.baseUrl}/signin`);
    await walletPage.getByRole('button', { name: 'Sign in with a wallet' }).click();
    await walletPage.waitForURL((url) => url.pathname === '/compute/payment');
    await expect.poll(() => walletPage.getByTestId('credit-balance').innerText()).toBe('0.00 credits');
    expect(await walletPage.locator('.who-name').getAttribute('title')).toContain(wallet.address);
    await context.close();
    await withWallet.close();
  });

  it('at phone width (375 px) every tab fits without sideways scrolling, with a long name and large numbers', async () => {
    const { accountId, key } = await server.customer(`Studio ${'Verylongname'.repeat(8)}`);
    await server.harness.fund(accountId, '987654321098.765432');
    await charge(accountId, '123456789.123456', `Render ${'of a very long scene name '.repeat(6)}`);
    const context = await newContext(browser, 375, 812);
    const page = await context.newPage();
    await signIn(page, key, '/compute/payment');
    for (const tab of ['Billing', 'Invoice Settings', 'Payment']) {
      await page.getByRole('tab', { name: tab }).click();
      await page.waitForLoadState('networkidle');
      const widths = (await page.evaluate(
        '({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })',
      )) as { scroll: number; client: number };
      expect(widths.scroll, `${tab} tab overflows`).toBeLessThanOrEqual(widths.client);
      if (tab === 'Billing')
        expect(await page.getByTestId('overview-balance').innerText()).toBe('987,530,864,309.641976 credits');
    }
    await page.getByRole('link', { name: 'Booth' }).click();
    for (const tab of ['Licenses', 'Payment', 'Invoices', 'Tokens']) {
      await page.getByRole('tab', { name: tab }).click();
      await page.waitForLoadState('networkidle');
      const widths = (await page.evaluate(
        '({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })',
      )) as { scroll: number; client: number };
      expect(widths.scroll, `booth ${tab} tab overflows`).toBeLessThanOrEqual(widths.client);
    }
    await context.close();
  });

  describe('booth line', () => {
    async function addCard(page: Page, number: string) {
      await page.getByRole('tab', { name: 'Payment' }).click();
      await page.getByLabel('Card number').fill(number);
      await page.getByLabel('Expiry (MM/YY)').fill('12/30');
      await page.getByLabel('CVC').fill('123');
      await page.getByRole('button', { name: 'Save card' }).click();
    }

    it('buys 5 Pro monthly licenses with a coupon: the live order summary total is the invoice total, and its PDF downloads', async () => {
      const { accountId, key } = await server.customer('Cleo Events');
      const context = await newContext(browser);
      const page = await context.newPage();
      await signIn(page, key, '/booth/licenses');

      // A card, tokenized by the page at the processor; the API only sees the pm_… id.
      await addCard(page, '4242 4242 4242 4242');
      await expect.poll(() => page.getByTestId('cards').innerText()).toMatch(/Visa ···· 4242[\s\S]*Default/i);

      await page.getByRole('tab', { name: 'Licenses' }).click();
      await page.getByRole('button', { name: 'Add License' }).click();
      const dialog = page.getByRole('dialog', { name: 'Add licenses' });
      await dialog.getByRole('radio', { name: /^Monthly/ }).click();
      await dialog.locator('[data-tier="pro"]').getByRole('radio').click();
      const total = dialog.getByTestId('order-total');
      // One Pro license: $99.00.
      await expect.poll(() => total.innerText()).toBe('$99.00');
      await dialog.getByLabel('3. Quantity (devices)').fill('5');
      // 5 × $99 = $495.00, volume discount 10% (5–9 licenses) −$49.50, coupon 10% −$44.55 → $400.95.
      await dialog.getByLabel('4. Coupon code (optional)').fill('SPRING10');
      await expect.poll(() => total.innerText()).toBe('$400.95');
      const summary = await dialog.getByTestId('order-summary').innerText();
      expect(summary).toContain('$495.00');
      expect(summary).toContain('$49.50');
      expect(summary).toContain('$44.55');
      expect(await dialog.locator('#license-coupon-status').innerText()).toBe('Coupon SPRING10 applied.');

      await dialog.getByRole('button', { name: 'Complete Purchase' }).click();
      await page.getByTestId('purchase-success').waitFor();
      expect(await page.getByTestId('purchase-success').innerText()).toContain('5 licenses, charged $400.95');
      const rows = page.getByTestId('licenses').locator('tbody tr');
      await expect.poll(() => rows.count()).toBe(5);
      expect(await rows.first().innerText()).toMatch(/Pro[\s\S]*Monthly[\s\S]*\$99\.00[\s\S]*Active/);

      await page.getByRole('tab', { name: 'Invoices' }).click();
      const invoiceRow = page.getByTestId('booth-invoices').locator('tbody tr').first();
      await expect.poll(() => invoiceRow.getByTestId('invoice-total').innerText()).toBe('$400.95');
      expect(await invoiceRow.innerText()).toMatch(/paid/i);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        invoiceRow.getByRole('button', { name: /as PDF/ }).click(),
      ]);
      const bytes = Buffer.concat(await (await download.createReadStream()).toArray());
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      const text = (await extractText(new Uint8Array(bytes), { mergePages: true })).text;
      expect(text).toContain('400.95');
      expect(text).toContain('SPRING10');

      // The card was charged exactly the total shown.
      const invoices = await server.harness.call('GET', `/v1/accounts/${accountId}/booth-invoices`);
      expect(invoices.json().data.map((i: { amount: { amount: string } }) => i.amount.amount)).toEqual([
        '400.95',
      ]);
      await context.close();
    });

    it('keeps the token balance and Top Up at the top right on every tab; a pack bought there shows at once', async () => {
      const { key, accountId } = await server.customer('Dana Booths');
      const context = await newContext(browser);
      const page = await context.newPage();
      await signIn(page, key, '/booth/tokens');
      // A mistyped number is refused by the processor; its message shows next to the field.
      await addCard(page, '4242 4242 4242 4241');
      expect(await page.locator('#card-number-error').innerText()).toBe(
        'This card number is not right. Check the digits on the card.',
      );
      await addCard(page, '4242424242424242');
      await page.getByTestId('cards').waitFor();
      const before = await page.getByTestId('token-balance').innerText();
      for (const tab of ['Licenses', 'Payment', 'Invoices', 'Tokens']) {
        await page.getByRole('tab', { name: tab }).click();
        await expect(page.getByRole('button', { name: 'Top Up' }).first().isVisible()).resolves.toBe(true);
      }
      await page.getByRole('button', { name: 'Top Up' }).first().click();
      const dialog = page.getByRole('dialog', { name: 'Top up tokens' });
      expect(await dialog.locator('[data-pack="500"]').innerText()).toMatch(
        /500 tokens[\s\S]*\$75\.00[\s\S]*\$0\.15 per token/,
      );
      // Focus stays inside the dialog however far Tab goes.
      for (let i = 0; i < 12; i++) await page.keyboard.press('Tab');
      expect(await page.evaluate('!!document.activeElement?.closest("[role=dialog]")')).toBe(true);
      await page.keyboard.press('Shift+Tab');
      expect(await page.evaluate('!!document.activeElement?.closest("[role=dialog]")')).toBe(true);
      await dialog.getByRole('button', { name: 'Buy 100' }).click();
      // The confirmation names the amount and the card before anything is charged.
      const confirm = page.getByRole('dialog', { name: 'Confirm payment' });
      expect(await confirm.getByTestId('charge-summary').innerText()).toMatch(
        /100 tokens for \$[\d.]+\. Your default card, Visa ···· 4242, will be charged/,
      );
      await confirm.getByRole('button', { name: /^Pay \$/ }).click();
      await dialog.getByText('100 tokens added.').waitFor();
      const tokens = (s: string) => Number(s.replace(/[^0-9.]/g, ''));
      await expect
        .poll(async () => tokens(await page.getByTestId('token-balance').innerText()))
        .toBe(tokens(before) + 100);
      // Escape closes the dialog and focus returns to the Top Up button.
      await page.keyboard.press('Escape');
      expect(await dialog.count()).toBe(0);
      expect(await page.evaluate('document.activeElement?.textContent')).toBe('Top Up');

      // The estimator: 3 h at 30–55 sessions/h of a 15-token template → 90–165 sessions, 1,350–2,475
      // tokens; short of the balance by 2,475 − 125 = 2,350, covered most cheaply by 2,000 + 500 ($275).
      const template = await server.harness.app.inject({
        method: 'PUT',
        url: `/v1/accounts/${accountId}/booth/templates/video-hi`,
        headers: { authorization: `Bearer ${server.harness.serviceKey}` },
        payload: { name: 'AI video, high', outputs: [{ kind: 'ai_video_high', count: 1 }], features: [] },
      });
      expect(template.statusCode).toBeLessThan(300);
      await page.reload();
      await page.getByRole('tab', { name: 'Tokens' }).click();
      // The estimator lists the account's templates by name with their cost per session.
      const picker = page.getByTestId('estimator-templates');
      await picker.getByText('AI video, high').waitFor();
      expect(await picker.innerText()).toMatch(/AI video, high\s+15(\.00)? tokens\/session · Premium/);
      await picker.getByLabel('AI video, high').check();
      await page.getByRole('button', { name: 'Estimate' }).click();
      const estimate = page.getByTestId('estimate');
      await estimate.waitFor();
      expect(await estimate.innerText()).toMatch(
        /Sessions\s+90 – 165\s+Tokens needed\s+1,350 – 2,475\s+Available\s+125\.00 tokens\s+Shortfall\s+2,350\.00 tokens/,
      );
      expect(await estimate.innerText()).toContain(
        'Cheapest packs to cover it: 1 × 2,000 + 1 × 500 = $275.00 for 2,500 tokens.',
      );
      await context.close();
    });
  });
});
