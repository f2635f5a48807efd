import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeWithBrowser, newContext, useBrowserSuite } from './page-server.js';

/** The rows of a downloaded CSV (the header first), split on CRLF. */
async function downloadRows(
  page: Page,
  click: () => Promise<void>,
): Promise<{ name: string; rows: string[] }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await download.path();
  const text = await readFile(path, 'utf8');
  return { name: download.suggestedFilename(), rows: text.trimEnd().split('\r\n') };
}

/** Issue 14 item 8 on the page: the CSV exports of Compute → Billing and Booth → Invoices, in Chromium. */
describeWithBrowser('CSV exports on the page (Chromium)', () => {
  const suite = useBrowserSuite();

  it('Compute → Billing exports the transactions and the invoices of a range; Booth → Invoices the invoices', async () => {
    const { server, browser } = suite;
    const h = server.harness;
    const { accountId, key } = await server.customer('Esme Export');
    await server.saveCard(accountId, '4242424242424242');
    server.clock.set('2026-03-10T09:00:00Z');
    await h.fund(accountId, '1234.5');
    server.clock.set('2026-03-11T09:30:00Z');
    const pack = await h.call('POST', `/v1/accounts/${accountId}/tokens/purchases`, { body: { pack: 500 } });
    expect(pack.statusCode, pack.body).toBe(201);
    server.clock.set('2026-03-12T10:00:00Z');
    const charge = await h.call('POST', `/v1/accounts/${accountId}/charges`, {
      key: h.serviceKey,
      body: {
        amount: { amount: '0.45', unit: 'CREDIT' },
        productLine: 'compute',
        description: 'Render, "final"',
      },
    });
    expect(charge.statusCode, charge.body).toBe(201);
    server.clock.set('2026-03-20T09:00:00Z');
    await h.fund(accountId, '5'); // after the range: in neither file
    const invoices = (await h.call('GET', `/v1/accounts/${accountId}/booth-invoices`)).json().data;
    const prefix = (invoices[0].number as string).split('-')[0];

    const context = await newContext(browser);
    const page = await context.newPage();
    await suite.signIn(page, key, '/compute/billing');
    await page.getByLabel('First day (UTC)').fill('2026-03-10');
    await page.getByLabel('Last day (UTC)').fill('2026-03-12');

    const transactions = await downloadRows(page, () =>
      page.getByRole('button', { name: 'Export transactions (CSV)' }).click(),
    );
    expect(transactions.name).toBe('transactions-2026-03-10-2026-03-12.csv');
    expect(transactions.rows[0]).toBe('Date,Time (UTC),Transaction ID,Type,Unit,Amount,Description,Document');
    expect(transactions.rows.slice(1).map((r) => r.split(',').slice(0, 2).concat(r.split(',')[3]!))).toEqual([
      ['10 Mar 2026', '09:00:00', 'other'],
      ['11 Mar 2026', '09:30:00', 'payment'],
      ['11 Mar 2026', '09:30:00', 'charge'],
      ['11 Mar 2026', '09:30:00', 'payment'],
      ['12 Mar 2026', '10:00:00', 'charge'],
    ]);
    expect(transactions.rows[1]).toContain(',CREDIT,"1,234.50",');
    expect(transactions.rows[5]).toContain(',CREDIT,-0.45,"Render, ""final""",');
    await page
      .getByRole('status')
      .filter({ hasText: 'Downloaded the transactions of 10 Mar 2026 to 12 Mar 2026.' })
      .waitFor();

    const all = await downloadRows(page, () =>
      page.getByRole('button', { name: 'Export invoices (CSV)' }).click(),
    );
    expect(all.name).toBe('invoices-2026-03-10-2026-03-12.csv');
    expect(all.rows.map((l) => l.replace(/,\/v1\/.*$/, ''))).toEqual([
      'Number,Date,Line,Document,Description,Amount,Currency,Status,Document path',
      `${prefix}-000001,10 Mar 2026,Compute,Adjustment note,Adjustment: test funding,"1,234.50",CREDIT,credited`,
      `${prefix}-000002,11 Mar 2026,Booth,Invoice,${invoices[0].description},75.00,USD,paid`,
      `${prefix}-000003,12 Mar 2026,Compute,Invoice,"Render, ""final""",-0.45,CREDIT,paid`,
    ]);

    // A range that ends before it starts: a sentence beside the last day, nothing downloaded.
    await page.getByLabel('Last day (UTC)').fill('2026-03-01');
    await page.getByRole('button', { name: 'Export invoices (CSV)' }).click();
    await expect
      .poll(() => page.locator('.field-error').innerText())
      .toBe('The last day is before the first day. Choose a later last day.');
    expect(await page.getByLabel('Last day (UTC)').getAttribute('aria-invalid')).toBe('true');

    // Booth → Invoices at phone width, by keyboard: Enter in the last day exports the invoices.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.baseUrl}/booth/invoices`);
    await page.getByLabel('First day (UTC)').fill('2026-03-11');
    await page.getByLabel('Last day (UTC)').fill('2026-03-11');
    const booth = await downloadRows(page, () => page.getByLabel('Last day (UTC)').press('Enter'));
    expect(booth.name).toBe('invoices-2026-03-11-2026-03-11.csv');
    expect(booth.rows.slice(1).map((l) => l.replace(/,\/v1\/.*$/, ''))).toEqual([
      `${prefix}-000002,11 Mar 2026,Booth,Invoice,${invoices[0].description},75.00,USD,paid`,
    ]);
    const scroll = (await page.evaluate('document.documentElement.scrollWidth')) as number;
    expect(scroll).toBeLessThanOrEqual(390);
    await context.close();
  });
});
