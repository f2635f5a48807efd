import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeWithBrowser, newContext, useBrowserSuite } from './page-server.js';

const MINUTE_MS = 60_000;

/** The texts of one column of a table on the page, top to bottom. */
const column = (page: Page, testId: string, label: string) =>
  page.getByTestId(testId).locator(`tbody td[data-label="${label}"]`).allInnerTexts();

/** The pagers of the booth invoice list (20 a page) and the compute transaction history (10 a page). */
describeWithBrowser('pagers on the billing page (Chromium)', () => {
  const suite = useBrowserSuite();

  it('booth invoices, 20 a page: a 500-token pack ($75.00) then twenty 100-token packs ($20.00); Older shows the first alone, Newer returns', async () => {
    const { server, browser } = suite;
    const { accountId, key } = await server.customer('Paige Pager');
    await server.saveCard(accountId, '4242424242424242');
    const buy = async (pack: number) => {
      const res = await server.harness.call('POST', `/v1/accounts/${accountId}/tokens/purchases`, {
        body: { pack, quantity: 1 },
      });
      expect(res.statusCode, res.body).toBe(201);
      server.clock.advance(MINUTE_MS);
    };
    await buy(500);
    for (let i = 0; i < 20; i++) await buy(100);

    const context = await newContext(browser);
    const page = await context.newPage();
    await suite.signIn(page, key, '/booth/invoices');
    const newer = page.getByRole('button', { name: '← Newer' });
    const older = page.getByRole('button', { name: 'Older →' });
    await expect.poll(() => column(page, 'booth-invoices', 'Amount')).toEqual(Array(20).fill('$20.00'));
    expect([await newer.isDisabled(), await older.isDisabled()]).toEqual([true, false]);
    const firstPage = await column(page, 'booth-invoices', 'Invoice');

    await older.click();
    await expect.poll(() => column(page, 'booth-invoices', 'Amount')).toEqual(['$75.00']);
    expect([await newer.isDisabled(), await older.isDisabled()]).toEqual([false, true]);
    expect(await column(page, 'booth-invoices', 'Invoice')).not.toContain(firstPage[19]);

    await newer.click();
    await expect.poll(() => column(page, 'booth-invoices', 'Invoice')).toEqual(firstPage);
    expect([await newer.isDisabled(), await older.isDisabled()]).toEqual([true, false]);
    await context.close();
  }, 120_000);

  it('transactions, 10 a page: twelve charges and one adjustment; Charge shows 10 then 2, Other the adjustment alone, All types starts again at the newest', async () => {
    const { server, browser } = suite;
    const { accountId, key } = await server.customer('Tess Transactions');
    const h = server.harness;
    await h.fund(accountId, '100.00');
    server.clock.advance(MINUTE_MS);
    // Charges of 1.00 to 12.00 credits (78.00 in all), one a minute, the newest last.
    for (let n = 1; n <= 12; n++) {
      const res = await h.call('POST', `/v1/accounts/${accountId}/charges`, {
        key: h.serviceKey,
        body: {
          amount: { amount: `${n}.00`, unit: 'CREDIT' },
          productLine: 'compute',
          description: `Machine rental charge ${n}`,
        },
      });
      expect(res.statusCode, res.body).toBe(201);
      server.clock.advance(MINUTE_MS);
    }
    const charges = (from: number, to: number) =>
      Array.from({ length: from - to + 1 }, (_, i) => `−${from - i}.00 credits`);

    const context = await newContext(browser);
    const page = await context.newPage();
    await suite.signIn(page, key, '/compute/billing');
    const amounts = () => column(page, 'transactions', 'Amount');
    const newer = page.getByRole('button', { name: '← Newer' });
    const older = page.getByRole('button', { name: 'Older →' });
    const kind = page.getByRole('combobox', { name: 'Transaction type' });

    // All types: charges 12 to 3, then charges 2 and 1 and the adjustment.
    await expect.poll(amounts).toEqual(charges(12, 3));
    await older.click();
    await expect.poll(amounts).toEqual([...charges(2, 1), '+100.00 credits']);
    expect(await column(page, 'transactions', 'Description')).toEqual([
      'Machine rental charge 2',
      'Machine rental charge 1',
      'Adjustment: test funding',
    ]);

    // Charge: a new filter starts at the newest; 10 then 2.
    await kind.selectOption({ label: 'Charge' });
    await expect.poll(amounts).toEqual(charges(12, 3));
    expect([await newer.isDisabled(), await older.isDisabled()]).toEqual([true, false]);
    await older.click();
    await expect.poll(amounts).toEqual(charges(2, 1));
    expect([await newer.isDisabled(), await older.isDisabled()]).toEqual([false, true]);
    await newer.click();
    await expect.poll(amounts).toEqual(charges(12, 3));

    // Other: the adjustment alone, nothing to page to.
    await kind.selectOption({ label: 'Other' });
    await expect.poll(amounts).toEqual(['+100.00 credits']);
    expect([await newer.isDisabled(), await older.isDisabled()]).toEqual([true, true]);
    // Promotion: none, said in words.
    await kind.selectOption({ label: 'Promotion' });
    await page.getByText('No transactions of type Promotion yet.').waitFor();

    // Back to All types from the second page of Charge: the newest page again.
    await kind.selectOption({ label: 'Charge' });
    await expect.poll(amounts).toEqual(charges(12, 3));
    await older.click();
    await expect.poll(amounts).toEqual(charges(2, 1));
    await kind.selectOption({ label: 'All types' });
    await expect.poll(amounts).toEqual(charges(12, 3));
    await context.close();
  }, 120_000);
});
