import { expect, it } from 'vitest';
import { customerWithBasicLicense, describeWithBrowser, newContext, useBrowserSuite } from './page-server.js';

/** Booth → Licenses shows the next invoice per billing date (issue 16 item 7) in Chromium. */
describeWithBrowser('upcoming invoice on the licenses page (Chromium)', () => {
  const suite = useBrowserSuite();

  it('one Basic monthly: "Next invoice on <date>: $49.00" with its renewal line', async () => {
    const { server, browser } = suite;
    const { accountId, key } = await customerWithBasicLicense(server, 'Nia Next');
    const h = server.harness;
    const api = (await h.call('GET', `/v1/accounts/${accountId}/licenses/upcoming-invoice`)).json().data;
    expect(api[0].total).toEqual({ amount: '49.00', unit: 'USD' });

    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/booth/licenses`);
    await page.waitForURL(/\/signin\?next=/);
    await page.getByLabel('Customer API key').fill(key);
    await page.getByRole('button', { name: 'Sign in with key' }).click();
    const card = page.getByTestId('upcoming-invoice');
    await expect.poll(() => card.innerText()).toMatch(/Next invoice on .+: \$49\.00/);
    expect(await card.innerText()).toMatch(/Basic monthly × 1 at \$49\.00/);
    await context.close();
  });
});
