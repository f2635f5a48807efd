import { expect, it } from 'vitest';
import { setDefaultPaymentMethod } from '../../../src/booth/billing/set-default-payment-method.js';
import { registerLicenseWork } from '../../../src/booth/licenses/license-work.js';
import { DueWorkRunner } from '../../../src/kernel/jobs/due-work-runner.js';
import { describeWithBrowser, newContext, useBrowserSuite } from './page-server.js';

/**
 * Issue 16 on the page (Chromium): Booth → Invoices says where a failed renewal's dunning stands
 * ("Payment failed on …; we will retry on … with Visa ···· 0341") with Retry now, and lists a
 * declined purchase under Failed payments (no invoice for it).
 */
describeWithBrowser('dunning and failed payments on the page (Chromium)', () => {
  const suite = useBrowserSuite();

  it('a Pro renewal declined on 02 Apr: the dunning sentence with the 03 Apr retry and the card; a declined Basic purchase under Failed payments; Retry now with 4242 pays $99.00', async () => {
    const { server, browser } = suite;
    const { accountId, key } = await server.customer('Dana Dunning');
    const h = server.harness;
    const ctx = h.engine;
    const save = async (number: string) => {
      const id = await server.saveCard(accountId, number);
      expect((await setDefaultPaymentMethod(ctx, accountId, id)).ok).toBe(true);
    };
    await save('4242424242424242');
    const buy = async (product: string) => {
      const body = { product, period: 'monthly', quantity: 1 };
      const q = await h.call('POST', `/v1/accounts/${accountId}/licenses/quote`, {
        body,
        idempotencyKey: null,
      });
      return h.call('POST', `/v1/accounts/${accountId}/licenses`, {
        body: { ...body, expectedTotal: q.json().total },
      });
    };
    // 2 Mar 2026 10:00: Pro monthly $99.00, renewing 2 Apr 10:00.
    expect((await buy('pro')).statusCode).toBe(201);
    await save('4000000000000341');
    // A Basic purchase on …0341 is declined: no invoice, a failed payment.
    expect((await buy('basic')).statusCode).toBe(402);
    server.clock.set('2026-04-02T10:00:00Z');
    await registerLicenseWork(new DueWorkRunner(ctx)).runDue();
    const invoices = (await h.call('GET', `/v1/accounts/${accountId}/booth-invoices`)).json().data;
    expect(invoices.map((i: { status: string }) => i.status)).toEqual(['open', 'paid']);

    const context = await newContext(browser);
    const page = await context.newPage();
    await suite.signIn(page, key, '/booth/invoices');
    const row = page.locator(`[data-invoice="${invoices[0].id}"]`);
    await expect
      .poll(() => row.getByTestId('dunning').innerText())
      .toBe(
        'Payment failed on 02 Apr 2026. We will retry on 03 Apr 2026 with Visa ···· 0341 (retry 1 of 3). Change card',
      );
    const failed = page.getByTestId('failed-payments');
    await expect.poll(() => failed.locator('li').count()).toBe(2);
    // Newest first: the renewal's decline, then the Basic purchase (which has no invoice number).
    const spaces = (t: string) => t.replace(/\u00a0/g, ' '); // dates keep their non-breaking spaces
    expect(spaces(await failed.locator('li').nth(1).innerText())).toBe(
      '02 Mar 2026 · License purchase: Basic monthly × 1 at $49.00, 02 Mar – 02 Apr 2026 · $49.00 · Visa ···· 0341\nThe card was declined by its bank.',
    );
    expect(await failed.locator('li').nth(0).innerText()).toContain(invoices[0].number);

    // The customer sets a working card and retries now: paid, the sentence is gone.
    await save('4242424242424242');
    await row.getByRole('button', { name: 'Retry now' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Pay $99.00' }).click();
    await expect.poll(() => row.innerText()).toMatch(/Paid/i);
    expect(await row.getByTestId('dunning').count()).toBe(0);
    const paid = (await h.call('GET', `/v1/accounts/${accountId}/booth-invoices/${invoices[0].id}`)).json();
    expect(paid).toMatchObject({ status: 'paid', amountPaid: { amount: '99.00', unit: 'USD' } });
    expect(paid.dunning).toMatchObject({ status: 'paid', retriesMade: 0, nextRetryAt: null });
    await context.close();
  });
});
