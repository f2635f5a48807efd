import { expect, it } from 'vitest';
import { describeWithBrowser, newContext, useBrowserSuite } from './page-server.js';

/**
 * Errors are sentences for people, next to what caused them, cleared when they no longer apply:
 * each bad input of issue 17 gets its own message beside its field.
 */
describeWithBrowser('bad input (Chromium)', () => {
  const suite = useBrowserSuite();
  const signIn = suite.signIn;

  it('the top-up amount: each mistake gets its own sentence, the summary says why it is empty, Pay stays off', async () => {
    const { key } = await suite.server.customer('Tao Typos');
    const context = await newContext(suite.browser);
    const page = await context.newPage();
    await signIn(page, key, '/compute/payment');
    const field = page.getByLabel(/Amount \(USD\)/);
    const error = page.locator('#topup-amount-error');
    await expect.poll(() => page.getByTestId('topup-total').innerText()).toBe('$104.70');
    const cases: [string, string][] = [
      ['-10', 'Enter a positive number, without a minus sign.'],
      ['1,000', 'Leave out the thousands separators: write 1000.'],
      ['57,50', 'Use a dot for decimals: write 57.50.'],
      ['12345678901234567890', 'The largest top-up is $10,000.00.'],
      ['0', 'The smallest top-up is $5.00.'],
      ['$4.99', 'The smallest top-up is $5.00.'],
      ['12.345', 'Use at most 2 decimals (cents).'],
      ['ten', 'Use digits only, with a dot for decimals, e.g. 25 or 25.50.'],
      ['', 'Enter an amount in USD.'],
    ];
    for (const [input, message] of cases) {
      await field.fill(input);
      await expect.poll(() => error.innerText(), { message: `for "${input}"` }).toBe(message);
      expect(await field.getAttribute('aria-invalid')).toBe('true');
      expect(await page.getByRole('button', { name: /Pay/ }).isDisabled()).toBe(true);
      if (input)
        expect(await page.getByTestId('topup-summary').innerText()).toContain(
          'The fee and total appear once the amount above is corrected.',
        );
    }
    // "$25" is read as 25, and the error goes as soon as the amount is fine.
    await field.fill('$25');
    await expect.poll(() => page.getByTestId('topup-total').innerText()).toBe('$26.40');
    expect(await error.count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Pay $26.40 with PayPal' }).isEnabled()).toBe(true);
    await context.close();
  });

  it('alerts: "-5" and "not-an-email" are named; a stale "Saved." never stays beside a new error', async () => {
    const { accountId, key } = await suite.server.customer('Uma Alerts');
    await suite.server.verifyAlertEmails(accountId, ['ops@studio.example']);
    const context = await newContext(suite.browser);
    const page = await context.newPage();
    await signIn(page, key, '/account');
    const balance = page.getByLabel('Low balance: alert below (credits)');
    const emails = page.getByLabel('Send alerts to');
    const save = page.getByRole('button', { name: 'Save alerts' });
    await balance.fill('20');
    // This account has no email: an alert needs a recipient, and the page says so.
    await save.click();
    expect(await page.locator('#alert-emails-error').innerText()).toBe(
      'Enter at least one email address: this account has none, so an alert would reach no one (it would only appear under Notifications).',
    );
    await emails.fill('ops@studio.example');
    await save.click();
    await page.getByText('Saved.').waitFor();

    await balance.fill('-5');
    // Editing makes "Saved." stale at once.
    expect(await page.getByText('Saved.').count()).toBe(0);
    await save.click();
    expect(await page.locator('#alert-balance-error').innerText()).toBe(
      'Enter a positive number, without a minus sign. Leave it empty to turn this alert off.',
    );
    await balance.fill('20');
    await emails.fill('ops@studio.example, not-an-email');
    await save.click();
    expect(await page.locator('#alert-emails-error').innerText()).toBe(
      '“not-an-email” is not an email address (name@example.com).',
    );
    expect(await page.locator('#alert-balance-error').count()).toBe(0);
    expect(await page.getByText('Saved.').count()).toBe(0);
    await emails.fill('ops@studio.example');
    await save.click();
    await page.getByText('Saved.').waitFor();
    expect(await page.locator('#alert-emails-error').count()).toBe(0);
    await context.close();
  });

  it('USDT not set up on this server: said at once (not retried), as a sentence', async () => {
    const { key } = await suite.server.customer('Vic Crypto');
    const context = await newContext(suite.browser);
    const page = await context.newPage();
    await signIn(page, key, '/compute/payment');
    const started = performance.now();
    await page.getByRole('radio', { name: /Crypto payment/ }).click();
    const note = page.getByRole('note').filter({ hasText: 'USDT' });
    await note.waitFor();
    expect(performance.now() - started).toBeLessThan(1500);
    expect(await note.innerText()).toBe('USDT top-ups are not available on this server. Use PayPal instead.');
    await context.close();
  });

  it('a coupon that does not apply says so before paying, and the message goes with the code', async () => {
    const { key } = await suite.server.customer('Wes Coupons');
    const context = await newContext(suite.browser);
    const page = await context.newPage();
    await signIn(page, key, '/booth/licenses');
    await page.getByRole('button', { name: 'Add License' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add licenses' });
    const status = dialog.locator('#license-coupon-status');
    await dialog.getByLabel('4. Coupon code (optional)').fill('NOPE');
    await expect
      .poll(() => status.innerText())
      .toBe(
        'There is no coupon with this code. It will not apply: the total below is the full price. Correct or clear the code.',
      );
    expect(await dialog.getByRole('button', { name: 'Complete Purchase without the coupon' }).count()).toBe(
      1,
    );
    await dialog.getByLabel('4. Coupon code (optional)').fill('');
    await expect.poll(async () => (await status.innerText()).trim()).toBe('');
    await expect.poll(() => dialog.getByRole('button', { name: 'Complete Purchase' }).count()).toBe(1);
    await context.close();
  });
});
