import { expect, it } from 'vitest';
import { describeWithBrowser, newContext, useBrowserSuite } from './page-server.js';

/**
 * The auto top-up form on Booth → Tokens (issue 16): threshold, pack, daily limit, on/off; it says
 * what will be charged and to which card before saving; errors are sentences next to their field;
 * it works from the keyboard and on a phone-sized screen.
 */
describeWithBrowser('auto top-up form (Chromium)', () => {
  const suite = useBrowserSuite();

  it('from the keyboard: a negative threshold is refused beside its field; then on at 20 tokens, the 500 pack, twice a day, confirmed with the card and saved', async () => {
    const { accountId, key } = await suite.server.customer('Tess Topup');
    await suite.server.saveCard(accountId, '4242424242424242');
    const context = await newContext(suite.browser);
    const page = await context.newPage();
    await suite.signIn(page, key, '/booth/tokens');
    const form = page.getByTestId('auto-top-up');
    const summary = page.getByTestId('auto-top-up-summary');
    await form.waitFor();
    expect(await summary.innerText()).toBe('Auto top-up is off: nothing is bought automatically.');

    // On with the keyboard: focus the switch, Space; type a negative threshold; Enter submits.
    await form.getByLabel('Buy tokens automatically when my balance runs low').focus();
    await page.keyboard.press('Space');
    const threshold = form.getByLabel('When my balance falls below (tokens)');
    await threshold.focus();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('-5');
    await page.keyboard.press('Enter');
    const error = page.locator('#auto-threshold-error');
    await error.waitFor();
    expect(await error.innerText()).toBe(
      'The threshold cannot be negative. Enter 0 or more tokens, e.g. 50.',
    );
    expect(await threshold.getAttribute('aria-invalid')).toBe('true');
    expect(await threshold.getAttribute('aria-describedby')).toBe('auto-threshold-error');
    const none = (
      await suite.server.harness.call('GET', `/v1/accounts/${accountId}/tokens/auto-top-up`)
    ).json();
    expect(none).toBeNull();

    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('20');
    expect(await error.count()).toBe(0);
    await page.keyboard.press('Tab'); // to the pack
    await form.getByLabel('Buy this pack').selectOption('500');
    await form.getByLabel('At most this many packs a day').fill('2');
    await expect
      .poll(() => summary.innerText())
      .toBe(
        'When your balance falls below 20 tokens, 500 tokens are bought for $75.00 with your default card, ' +
          'Visa ···· 4242: at most 2 times a day ($150.00 a day at most).',
      );
    await form.getByLabel('At most this many packs a day').press('Enter');
    await page.getByTestId('auto-top-up-saved').waitFor();
    expect(await page.getByTestId('auto-top-up-saved').innerText()).toBe('Saved. Auto top-up is on.');
    const stored = (
      await suite.server.harness.call('GET', `/v1/accounts/${accountId}/tokens/auto-top-up`)
    ).json();
    expect(stored).toMatchObject({
      enabled: true,
      threshold: { amount: '20.000000', unit: 'TOKEN' },
      pack: 500,
      maxPerDay: 2,
    });

    // A phone-sized screen shows the same form without sideways scrolling, values kept.
    const phone = await newContext(suite.browser, 390, 844);
    const small = await phone.newPage();
    await suite.signIn(small, key, '/booth/tokens');
    const again = small.getByTestId('auto-top-up');
    await again.waitFor();
    expect(await again.getByLabel('When my balance falls below (tokens)').inputValue()).toBe('20');
    expect(await again.getByLabel('Buy this pack').inputValue()).toBe('500');
    const widths = (await small.evaluate(
      '[document.documentElement.scrollWidth, window.innerWidth]',
    )) as number[];
    expect(widths[0]).toBeLessThanOrEqual(widths[1]!);
    const box = await again.getByRole('button', { name: 'Save auto top-up' }).boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(24);
    await phone.close();
    await context.close();
  });

  it('a save whose answer is lost is retried with the same Idempotency-Key; saved, then a changed daily limit (3 to 4) is a new key', async () => {
    const { accountId, key } = await suite.server.customer('Otto Offline');
    await suite.server.saveCard(accountId, '4242424242424242');
    const context = await newContext(suite.browser);
    const page = await context.newPage();
    const keys: string[] = [];
    // The first save reaches the server, but the page is told the network failed; later ones pass.
    await page.route('**/tokens/auto-top-up', async (route) => {
      if (route.request().method() !== 'PUT') return route.continue();
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      if (keys.length === 1) {
        expect((await route.fetch()).status()).toBe(200);
        await route.abort('failed');
      } else await route.continue();
    });
    await suite.signIn(page, key, '/booth/tokens');
    const form = page.getByTestId('auto-top-up');
    await form.waitFor();
    await form.getByLabel('Buy tokens automatically when my balance runs low').check();
    const save = form.getByRole('button', { name: 'Save auto top-up' });
    await save.click();
    const lost = form.getByRole('alert');
    await lost.waitFor();
    expect(await lost.innerText()).toBe('Could not reach Pictor. Check your connection and try again.');
    await save.click();
    const saved = page.getByTestId('auto-top-up-saved');
    await saved.waitFor();
    expect(await saved.innerText()).toBe('Saved. Auto top-up is on.');
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    await form.getByLabel('At most this many packs a day').fill('4');
    await save.click();
    await saved.waitFor();
    expect(keys).toHaveLength(3);
    expect(keys[2]).toMatch(/^web-auto-top-up-/);
    expect(keys[2]).not.toBe(keys[0]);
    const stored = (
      await suite.server.harness.call('GET', `/v1/accounts/${accountId}/tokens/auto-top-up`)
    ).json();
    expect(stored).toMatchObject({
      enabled: true,
      threshold: { amount: '50.000000', unit: 'TOKEN' },
      maxPerDay: 4,
    });
    await context.close();
  }, 90_000);
});
