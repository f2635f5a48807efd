import { extractText } from 'unpdf';
import { expect, it } from 'vitest';
import { describeWithBrowser, newContext, useBrowserSuite } from './page-server.js';

/**
 * Issue 14 §6 in Chromium: one billing profile for both lines. Booth → Invoice Settings shows and
 * edits the same profile as Compute → Invoice Settings; a change made from Booth is the buyer on
 * the next booth invoice and the next compute document alike (both PDFs read back).
 */
describeWithBrowser('one billing profile from Booth and Compute (Chromium)', () => {
  const suite = useBrowserSuite();

  it('saved from Booth → Invoice Settings: shown in Compute → Invoice Settings, printed on a booth invoice and a compute document', async () => {
    const { server, browser } = suite;
    const h = server.harness;
    const { accountId, key } = await server.customer('Bruno Booths');
    await server.saveCard(accountId, '4242424242424242');
    const context = await newContext(browser);
    const page = await context.newPage();
    await suite.signIn(page, key, '/booth/invoice-settings');
    expect(await page.getByRole('note').innerText()).toContain(
      'One billing profile serves Compute and Booth',
    );
    await page.getByLabel('Name (person or company)').fill('Brüno Booths Sp. z o.o.');
    await page.getByLabel('Email (required)').fill('ap@bruno.example');
    await page.getByLabel('Address').fill('ul. Łąkowa 7, 90-001 Łódź');
    await page.getByLabel(/Tax information/).fill('VAT PL-5260001246');
    await page.getByRole('button', { name: 'Save invoice settings' }).click();
    await page.getByTestId('settings-saved').waitFor();

    // The same profile on the Compute side, from the API and on the page.
    const profile = (await h.call('GET', `/v1/accounts/${accountId}/invoice-settings`)).json();
    expect(profile).toMatchObject({
      source: 'invoice_settings',
      version: 1,
      name: 'Brüno Booths Sp. z o.o.',
      email: 'ap@bruno.example',
      address: 'ul. Łąkowa 7, 90-001 Łódź',
      taxInformation: 'VAT PL-5260001246',
    });
    await page.getByRole('link', { name: 'Compute' }).click();
    await page.getByRole('tab', { name: 'Invoice Settings' }).click();
    await expect
      .poll(() => page.getByLabel('Name (person or company)').inputValue())
      .toBe('Brüno Booths Sp. z o.o.');
    expect(await page.getByLabel(/Tax information/).inputValue()).toBe('VAT PL-5260001246');

    // Documents generated afterwards, one of each line.
    server.clock.advance(60_000);
    const pack = await h.call('POST', `/v1/accounts/${accountId}/tokens/purchases`, { body: { pack: 500 } });
    expect(pack.statusCode, pack.body).toBe(201);
    await h.fund(accountId, '20');
    const [booth] = (await h.call('GET', `/v1/accounts/${accountId}/booth-invoices`)).json().data;
    const credit = (await h.call('GET', `/v1/accounts/${accountId}/transactions?unit=CREDIT`)).json().data[0];
    const buyer = [
      'Brüno Booths Sp. z o.o.',
      'ul. Łąkowa 7, 90-001 Łódź',
      'Tax: VAT PL-5260001246',
      'ap@bruno.example',
    ];
    for (const url of [booth.pdfUrl as string, credit.links.invoice as string]) {
      const pdf = await h.call('GET', url);
      expect(pdf.statusCode, url).toBe(200);
      const lines = (await extractText(new Uint8Array(pdf.rawPayload), { mergePages: true })).text.split(
        '\n',
      );
      expect(lines, url).toEqual(expect.arrayContaining(buyer));
      expect(lines.join('\n'), url).not.toContain('Bruno Booths\n');
    }
    await context.close();
  });
});
