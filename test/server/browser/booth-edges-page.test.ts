import { expect, it } from 'vitest';
import { customerWithBasicLicense, describeWithBrowser, newContext, useBrowserSuite } from './page-server.js';

/** The booth page's parts of issue 16 in Chromium: the Enterprise add-on card, undo cancel. */
describeWithBrowser('booth page at its edges (Chromium)', () => {
  const suite = useBrowserSuite();

  it('buys the Enterprise add-on from its card, shows its renewal date and entitlements; undoes a cancellation', async () => {
    const { server, browser } = suite;
    const { accountId, key, licenseId } = await customerWithBasicLicense(server, 'Erin Enterprise');
    const h = server.harness;

    const context = await newContext(browser);
    const page = await context.newPage();
    await suite.signIn(page, key, '/booth/licenses');
    const card = page.getByTestId('enterprise');
    await card.getByRole('button', { name: 'Add Enterprise' }).click();
    await card.getByText('Enterprise add-on, 1 year: $1,500.00').waitFor();
    await card.getByRole('button', { name: 'Buy Enterprise' }).click();
    await card.getByText(/Renews /).waitFor();
    expect(await card.innerText()).toMatch(/Active\s+Renews/);
    expect(await card.innerText()).toContain('White labeling: on');
    const status = (await h.call('GET', `/v1/accounts/${accountId}/booth-status`)).json();
    expect(status.enterprise.status).toBe('active');
    expect(status.entitlements).toEqual({
      whiteLabel: true,
      customDomain: true,
      brandedEmails: true,
      dedicatedSupport: true,
    });
    const invoices = (await h.call('GET', `/v1/accounts/${accountId}/booth-invoices`)).json().data as {
      amount?: { amount: string };
      total?: { amount: string };
    }[];
    expect(invoices.some((i) => (i.total ?? i.amount)?.amount === '1500.00')).toBe(true);

    // The license row shows its id; a cancellation is undone from the page.
    const row = page.locator(`[data-license="${licenseId}"]`);
    expect(await row.innerText()).toContain(licenseId);
    await h.call('POST', `/v1/accounts/${accountId}/licenses/${licenseId}/cancel`);
    await page.reload();
    await row.getByRole('button', { name: 'Undo cancel' }).click();
    await row.getByRole('button', { name: 'Cancel' }).waitFor();
    const after = (await h.call('GET', `/v1/accounts/${accountId}/licenses`)).json().data as {
      id: string;
      cancelAtPeriodEnd: boolean;
    }[];
    expect(after.find((l) => l.id === licenseId)!.cancelAtPeriodEnd).toBe(false);
    await context.close();
  });
});
