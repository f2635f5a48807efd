import { expect, it } from 'vitest';
import { describeWithBrowser, newContext, useBrowserSuite } from './page-server.js';

/**
 * Booth → Invoices → activity: a token pack bought with the card reads as "Invoice −$20.00" settled by
 * "Card payment +$20.00", not as a payment and a second charge; All activity labels each line.
 */
describeWithBrowser('booth activity (Chromium)', () => {
  const suite = useBrowserSuite();

  it('a pack bought with the card: Invoice and Card payment rows, tokens added, each row labelled by line', async () => {
    const { key } = await suite.server.customer('Rhea Receipts');
    const context = await newContext(suite.browser);
    const page = await context.newPage();
    await suite.signIn(page, key, '/booth/payment');
    await page.getByLabel('Card number').fill('4242 4242 4242 4242');
    await page.getByLabel('Expiry (MM/YY)').fill('12/30');
    await page.getByLabel('CVC').fill('123');
    await page.getByRole('button', { name: 'Save card' }).click();
    await expect.poll(() => page.getByTestId('cards').innerText()).toContain('4242');
    await page.getByRole('tab', { name: 'Tokens' }).click();
    await page.getByTestId('token-packs').locator('[data-pack="100"]').getByRole('button').click();
    await page
      .getByRole('dialog', { name: 'Confirm payment' })
      .getByRole('button', { name: 'Pay $20.00' })
      .click();
    await page.getByTestId('token-purchase-done').waitFor();

    await page.getByRole('tab', { name: 'Invoices' }).click();
    const activity = page.getByTestId('booth-activity');
    const rows = async () =>
      (await activity.locator('tbody tr').evaluateAll((trs) =>
        trs.map((tr) =>
          [...tr.querySelectorAll('td')]
            .slice(1, 3)
            .map((td) => td.textContent)
            .join(' '),
        ),
      )) as string[];
    await expect.poll(rows).toContain('Invoice −$20.00');
    expect(await rows()).toEqual(
      expect.arrayContaining(['Card payment +$20.00', 'Payment +100.00 tokens', 'Promotion +25.00 tokens']),
    );
    expect((await rows()).filter((r) => /Charge|^Payment \+\$/.test(r))).toEqual([]);

    await page.getByRole('radio', { name: 'All activity' }).click();
    await expect.poll(() => activity.locator('th', { hasText: 'Line' }).count()).toBe(1);
    expect(new Set(await activity.locator('td[data-label="Line"]').allInnerTexts())).toEqual(
      new Set(['Booth']),
    );
    await context.close();
  });
});
