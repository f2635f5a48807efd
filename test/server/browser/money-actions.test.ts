import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeWithBrowser, newContext, useBrowserSuite } from './page-server.js';

/**
 * Money actions are safe to repeat: a confirmation names the amount and the card before a saved
 * card is charged, a double click charges once (one Idempotency-Key per intent, the button
 * disabled while pending), and a decline shows where the customer is looking.
 */
describeWithBrowser('money actions (Chromium)', () => {
  const suite = useBrowserSuite();
  const signIn = suite.signIn;

  async function addCard(page: Page, number: string) {
    await page.getByRole('tab', { name: 'Payment' }).click();
    await page.getByLabel('Card number').fill(number);
    await page.getByLabel('Expiry (MM/YY)').fill('12/30');
    await page.getByLabel('CVC').fill('123');
    await page.getByRole('button', { name: 'Save card' }).click();
    await expect.poll(() => page.getByTestId('cards').innerText()).toContain(number.slice(-4));
  }

  const purchases = async (accountId: string) =>
    (await suite.server.harness.call('GET', `/v1/accounts/${accountId}/tokens`)).json().recentPurchases as {
      status: string;
    }[];
  const invoices = async (accountId: string) =>
    (await suite.server.harness.call('GET', `/v1/accounts/${accountId}/booth-invoices`)).json()
      .data as unknown[];

  it('a double click on a pack, and on its Pay button, buys it once after a confirmation naming the amount and the card', async () => {
    const { accountId, key } = await suite.server.customer('Quinn Doubleclick');
    const context = await newContext(suite.browser);
    const page = await context.newPage();
    await signIn(page, key, '/booth/tokens');
    await addCard(page, '4242 4242 4242 4242');
    await page.getByRole('tab', { name: 'Tokens' }).click();
    const before = await purchases(accountId);

    await page.getByTestId('token-packs').locator('[data-pack="500"]').getByRole('button').dblclick();
    const dialog = page.getByRole('dialog', { name: 'Confirm payment' });
    expect(await dialog.getByTestId('charge-summary').innerText()).toBe(
      '500 tokens for $75.00. Your default card, Visa ···· 4242, will be charged $75.00 now.',
    );
    await dialog.getByRole('button', { name: 'Pay $75.00' }).dblclick();
    await page.getByTestId('token-purchase-done').waitFor();
    expect(await page.getByTestId('token-purchase-done').innerText()).toBe('500 tokens added.');
    expect(await dialog.count()).toBe(0);
    await page.waitForLoadState('networkidle');
    expect((await purchases(accountId)).length).toBe(before.length + 1);
    expect((await invoices(accountId)).length).toBe(1);

    // Cancel charges nothing.
    await page.getByTestId('token-packs').locator('[data-pack="100"]').getByRole('button').click();
    // The confirm button has focus: the keyboard reaches it without a mouse.
    await expect.poll(() => page.evaluate('document.activeElement?.textContent')).toBe('Pay $20.00');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await dialog.count()).toBe(0);

    // The same from the Top Up dialog in the header, with Enter pressed twice on the focused Pay button.
    await page.getByRole('button', { name: 'Top Up' }).first().click();
    const topUp = page.getByRole('dialog', { name: 'Top up tokens' });
    await topUp.locator('[data-pack="100"]').getByRole('button').click();
    const confirm = page.getByRole('dialog', { name: 'Confirm payment' });
    await confirm.getByRole('button', { name: /^Pay \$/ }).waitFor();
    await expect.poll(() => page.evaluate('document.activeElement?.textContent')).toBe('Pay $20.00');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.getByText('100 tokens added.').waitFor();
    await page.waitForLoadState('networkidle');
    expect((await purchases(accountId)).length).toBe(before.length + 2);
    expect((await invoices(accountId)).length).toBe(2);
    await context.close();
  });

  it('a declined card: the decline shows in the confirmation, in view, as a sentence; nothing is added', async () => {
    const { accountId, key } = await suite.server.customer('Rae Declined');
    const context = await newContext(suite.browser);
    const page = await context.newPage();
    await signIn(page, key, '/booth/tokens');
    await addCard(page, '4000 0000 0000 0341');
    await page.getByRole('tab', { name: 'Tokens' }).click();
    await page.getByTestId('token-packs').locator('[data-pack="2000"]').getByRole('button').click();
    const dialog = page.getByRole('dialog', { name: 'Confirm payment' });
    await dialog.getByRole('button', { name: /^Pay \$/ }).click();
    const alert = dialog.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/^Your default card was declined, so no tokens were added\./);
    const box = await alert.boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(800);
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(await page.getByTestId('token-purchase-done').count()).toBe(0);
    const wallet = (await suite.server.harness.call('GET', `/v1/accounts/${accountId}/tokens`)).json();
    expect(wallet.recentPurchases.map((p: { status: string }) => p.status)).toContain('declined');
    await context.close();
  });

  it('Pay now on an open invoice and removing a card both ask first', async () => {
    const { key } = await suite.server.customer('Sol Careful');
    const context = await newContext(suite.browser);
    const page = await context.newPage();
    await signIn(page, key, '/booth/payment');
    await addCard(page, '4242 4242 4242 4242');
    await addCard(page, '5555 5555 5555 4444');
    const cards = page.getByTestId('cards');
    await cards.getByRole('button', { name: /^Remove/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove card' });
    expect(await dialog.innerText()).toContain('Remove Mastercard ···· 4444 from this account?');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await cards.innerText()).toContain('4444');
    await cards.getByRole('button', { name: /^Remove/ }).click();
    await dialog.getByRole('button', { name: 'Remove card' }).click();
    await expect.poll(() => cards.innerText()).not.toContain('4444');
    await context.close();
  });
});
