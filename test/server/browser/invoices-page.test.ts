import { extractText } from 'unpdf';
import { expect, it } from 'vitest';
import { describeWithBrowser, newContext, useBrowserSuite } from './page-server.js';

/** Issue 14 on the page, in Chromium: the order summary's account credit. */
describeWithBrowser('invoices on the page (Chromium)', () => {
  const suite = useBrowserSuite();

  it('order summary with $9.90 of account credit: lines, subtotal, the credit once, total; the invoice JSON and PDF agree', async () => {
    const { server, browser } = suite;
    const { accountId, key } = await server.customer('Cora Credit');
    const h = server.harness;
    await server.saveCard(accountId, '4242424242424242');
    await h.fund(accountId, '9.90', 'USD');

    const context = await newContext(browser);
    const page = await context.newPage();
    await suite.signIn(page, key, '/booth/licenses');
    await page.getByRole('button', { name: 'Add License' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add licenses' });
    await dialog.getByRole('radio', { name: /^Monthly/ }).click();
    await dialog.locator('[data-tier="pro"]').getByRole('radio').click();
    // One Pro monthly, the account's first: $99.00, less $9.90 of account credit → $89.10.
    await expect.poll(() => dialog.getByTestId('order-total').innerText()).toBe('$89.10');
    const summary = dialog.getByTestId('order-summary');
    expect(await summary.locator('[data-line]').count()).toBe(1);
    expect(await summary.locator('[data-line="purchase"] dd').innerText()).toBe('$99.00');
    expect(await dialog.getByTestId('order-subtotal').innerText()).toBe('$99.00');
    expect(await dialog.getByTestId('order-credit').innerText()).toMatch(/^[-−]\$9\.90$/);
    const text = await summary.innerText();
    expect(text.match(/Account credit/g)).toHaveLength(1);
    expect(text.match(/9\.90/g)).toHaveLength(1);

    await dialog.getByRole('button', { name: 'Complete Purchase' }).click();
    await page.getByTestId('purchase-success').waitFor();
    const list = (await h.call('GET', `/v1/accounts/${accountId}/booth-invoices`)).json().data;
    expect(list).toHaveLength(1);
    const invoice = (await h.call('GET', `/v1/accounts/${accountId}/booth-invoices/${list[0].id}`)).json();
    expect(
      invoice.lines.map((l: { kind: string; amount: { amount: string } }) => [l.kind, l.amount.amount]),
    ).toEqual([['purchase', '99.00']]);
    expect([invoice.subtotal.amount, invoice.creditApplied.amount, invoice.total.amount]).toEqual([
      '99.00',
      '9.90',
      '89.10',
    ]);
    const pdf = await h.call('GET', invoice.pdfUrl);
    const pdfText = (await extractText(new Uint8Array(pdf.rawPayload), { mergePages: true })).text;
    expect(pdfText.split('\n')).toEqual(
      expect.arrayContaining(['Subtotal $99.00', 'Account credit applied -$9.90', 'Total $89.10']),
    );
    expect(pdfText.match(/9\.90/g)).toHaveLength(1);
    await context.close();
  });
});
