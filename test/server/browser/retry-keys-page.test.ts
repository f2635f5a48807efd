import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeWithBrowser, newContext, useBrowserSuite } from './page-server.js';

const LOST = 'Could not reach Pictor. Check your connection and try again.';

/**
 * The first `method` request to a URL ending in `path` reaches the server, but the page is told the
 * network failed; later ones pass. Returns the Idempotency-Key each one carried and, for those that
 * passed, whether the server answered with a replay (`idempotent-replayed`).
 */
async function loseFirstAnswer(page: Page, method: string, path: string) {
  const seen = { keys: [] as string[], replayed: [] as string[] };
  await page.route(
    (url) => url.pathname.endsWith(path),
    async (route) => {
      if (route.request().method() !== method) return route.continue();
      seen.keys.push(route.request().headers()['idempotency-key'] ?? '');
      const answer = await route.fetch();
      if (seen.keys.length === 1) {
        expect(answer.status()).toBeLessThan(300);
        return route.abort('failed');
      }
      seen.replayed.push(answer.headers()['idempotent-replayed'] ?? 'no');
      return route.fulfill({ response: answer });
    },
  );
  return seen;
}

/**
 * Every mutation on the page keeps one Idempotency-Key per intended action (docs/billing-page.md):
 * a retry after a lost answer sends the same key, so the server replays its first answer instead of
 * doing it again; a definite answer ends the intent, so the next action is a new key.
 */
describeWithBrowser('one Idempotency-Key per intent, retried after a lost answer (Chromium)', () => {
  const suite = useBrowserSuite();

  it('Make default on the Mastercard: the answer is lost, the retry sends the same key and is replayed; making the Visa the default again is a new key', async () => {
    const { server, browser } = suite;
    const { accountId, key } = await server.customer('Dana Default');
    const visa = await server.saveCard(accountId, '4242424242424242');
    const mastercard = await server.saveCard(accountId, '5555555555554444');
    const context = await newContext(browser);
    const page = await context.newPage();
    const seen = await loseFirstAnswer(page, 'POST', '/default');
    await suite.signIn(page, key, '/booth/payment');
    const makeDefault = page.getByRole('button', { name: 'Make mastercard ending 4444 the default' });
    await makeDefault.click();
    await expect.poll(() => page.getByRole('alert').innerText()).toBe(LOST);
    await makeDefault.click();
    await expect.poll(() => page.getByTestId('cards').innerText()).toMatch(/4444[^·]*Default/);
    expect(seen.keys).toHaveLength(2);
    expect(seen.keys[0]).toMatch(/^web-default-card-/);
    expect(seen.keys[1]).toBe(seen.keys[0]);
    expect(seen.replayed).toEqual(['true']);
    const cards = async () =>
      (await server.harness.call('GET', `/v1/accounts/${accountId}/payment-methods`)).json().data as {
        id: string;
        isDefault: boolean;
      }[];
    expect((await cards()).filter((c) => c.isDefault).map((c) => c.id)).toEqual([mastercard]);
    // Answered: the Visa back as the default is another intent, with its own key, done anew.
    await page.getByRole('button', { name: 'Make visa ending 4242 the default' }).click();
    await expect.poll(() => page.getByTestId('cards').innerText()).toMatch(/4242[^·]*Default/);
    expect(seen.keys).toHaveLength(3);
    expect(seen.keys[2]).not.toBe(seen.keys[0]);
    expect(seen.replayed).toEqual(['true', 'no']);
    expect((await cards()).filter((c) => c.isDefault).map((c) => c.id)).toEqual([visa]);
    await context.close();
  }, 90_000);

  it('Save card whose answer is lost: the retry sends the same key and the same pm_ id, is replayed, and the account has one card, Visa ···· 4242', async () => {
    const { server, browser } = suite;
    const { accountId, key } = await server.customer('Sam Save');
    const context = await newContext(browser);
    const page = await context.newPage();
    const seen = await loseFirstAnswer(page, 'POST', `/accounts/${accountId}/payment-methods`);
    await suite.signIn(page, key, '/booth/payment');
    await page.getByLabel('Card number').fill('4242 4242 4242 4242');
    await page.getByLabel('Expiry (MM/YY)').fill('12/30');
    await page.getByLabel('CVC').fill('123');
    const save = page.getByRole('button', { name: 'Save card' });
    await save.click();
    const form = page.getByRole('form', { name: 'Add a card' });
    await expect.poll(() => form.getByRole('alert').innerText()).toBe(LOST);
    await save.click();
    await expect.poll(() => form.getByRole('status').innerText()).toBe('Card saved.');
    const saved = (await server.harness.call('GET', `/v1/accounts/${accountId}/payment-methods`)).json();
    expect(saved.data.map((c: { brand: string; last4: string }) => `${c.brand} ${c.last4}`)).toEqual([
      'visa 4242',
    ]);
    expect(seen.keys).toHaveLength(2);
    expect(seen.keys[0]).toMatch(/^web-card-/);
    expect(seen.keys[1]).toBe(seen.keys[0]);
    expect(seen.replayed).toEqual(['true']);
    await context.close();
  }, 90_000);

  it('390 wide, by keyboard: Save invoice settings whose answer is lost is retried with the same key and replayed: version 1, not 2', async () => {
    const { server, browser } = suite;
    const { accountId, key } = await server.customer('Ines Invoices');
    const context = await newContext(browser, 390, 844);
    const page = await context.newPage();
    const seen = await loseFirstAnswer(page, 'PUT', '/invoice-settings');
    await suite.signIn(page, key, '/booth/invoice-settings');
    await page.getByLabel('Name (person or company)').fill('Ines Booths Ltd');
    await page.getByLabel('Email (required)').fill('ap@ines.example');
    await page.getByLabel(/Tax information/).focus();
    await page.keyboard.type('VAT GB123456789');
    await page.keyboard.press('Enter');
    const form = page.getByRole('form', { name: 'Invoice settings' });
    await expect.poll(() => form.getByRole('alert').innerText()).toBe(LOST);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByTestId('settings-saved').innerText())
      .toBe('Saved. Documents of Compute and Booth from now on use these details.');
    const stored = (await server.harness.call('GET', `/v1/accounts/${accountId}/invoice-settings`)).json();
    expect([stored.version, stored.name, stored.taxInformation]).toEqual([
      1,
      'Ines Booths Ltd',
      'VAT GB123456789',
    ]);
    expect(seen.keys).toHaveLength(2);
    expect(seen.keys[0]).toMatch(/^web-invoice-settings-/);
    expect(seen.keys[1]).toBe(seen.keys[0]);
    expect(seen.replayed).toEqual(['true']);
    const widths = (await page.evaluate(
      '[document.documentElement.scrollWidth, window.innerWidth]',
    )) as number[];
    expect(widths[0]).toBeLessThanOrEqual(widths[1]!);
    await context.close();
  }, 90_000);

  it('Save alerts whose answer is lost: the retry sends the same key and is replayed; low balance below 5 credits is saved; a changed threshold (5 to 7) is a new key', async () => {
    const { server, browser } = suite;
    const { accountId, key } = await server.customer('Alma Alerts');
    await server.verifyAlertEmails(accountId, ['ops@alma.example']);
    const context = await newContext(browser);
    const page = await context.newPage();
    const seen = await loseFirstAnswer(page, 'PUT', '/alert-settings');
    await suite.signIn(page, key, '/account');
    const form = page.getByTestId('alert-settings');
    const threshold = form.getByLabel('Low balance: alert below (credits)');
    await threshold.fill('5');
    await form.getByLabel('Send alerts to').fill('ops@alma.example');
    const save = form.getByRole('button', { name: 'Save alerts' });
    await save.click();
    await expect.poll(() => form.getByRole('alert').innerText()).toBe(LOST);
    await save.click();
    await expect.poll(() => form.getByRole('status').innerText()).toBe('Saved.');
    expect(seen.keys).toHaveLength(2);
    expect(seen.keys[0]).toMatch(/^web-alerts-/);
    expect(seen.keys[1]).toBe(seen.keys[0]);
    expect(seen.replayed).toEqual(['true']);
    const stored = async () =>
      (await server.harness.call('GET', `/v1/accounts/${accountId}/alert-settings`)).json();
    expect(await stored()).toMatchObject({
      lowBalance: { amount: '5.000000' },
      emails: ['ops@alma.example'],
    });
    await threshold.fill('7');
    await save.click();
    await expect.poll(() => form.getByRole('status').innerText()).toBe('Saved.');
    expect(seen.keys).toHaveLength(3);
    expect(seen.keys[2]).not.toBe(seen.keys[0]);
    expect(seen.replayed).toEqual(['true', 'no']);
    expect(await stored()).toMatchObject({ lowBalance: { amount: '7.000000' } });
    await context.close();
  }, 90_000);

  it('Send code whose answer is lost: the retry sends the same key and is replayed, so one email with one code is sent; Send a new code on purpose is a new key and a second email', async () => {
    const { server, browser } = suite;
    const { key } = await server.customer('Cody Code');
    const mailbox = server.harness.engine.mailSandbox!;
    const context = await newContext(browser);
    const page = await context.newPage();
    const seen = await loseFirstAnswer(page, 'POST', '/alert-emails/code');
    await suite.signIn(page, key, '/account');
    await page.getByTestId('alert-settings').getByLabel('Send alerts to').fill('ops@cody.example');
    const checks = page.getByTestId('alert-email-checks');
    const send = checks.getByRole('button', { name: 'Send code to ops@cody.example' });
    await send.click();
    await expect.poll(() => checks.getByRole('alert').innerText()).toBe(LOST);
    await send.click();
    await checks.getByLabel('Code sent to ops@cody.example').waitFor();
    expect(mailbox.list('ops@cody.example')).toHaveLength(1);
    expect(seen.keys).toHaveLength(2);
    expect(seen.keys[0]).toMatch(/^web-alert-email-code-/);
    expect(seen.keys[1]).toBe(seen.keys[0]);
    expect(seen.replayed).toEqual(['true']);
    // The send was answered: asking for a new code is a new intent, a new key and a second email.
    await checks.getByRole('button', { name: 'Send a new code' }).click();
    await expect.poll(() => seen.keys.length).toBe(3);
    expect(seen.keys[2]).not.toBe(seen.keys[0]);
    await expect.poll(() => mailbox.list('ops@cody.example').length).toBe(2);
    // The mail goes out before the answer reaches the route that records it: wait for the answer.
    await expect.poll(() => seen.replayed).toEqual(['true', 'no']);
    await context.close();
  }, 90_000);

  it('a Pro license set to downgrade and to cancel: Undo cancel whose answer is lost, then Undo downgrade (the row refreshed) is its own intent with a new key; the license renews as Pro, not cancelled', async () => {
    const { server, browser } = suite;
    const { accountId, key } = await server.customer('Uma Undo');
    const h = server.harness;
    await server.saveCard(accountId, '4242424242424242');
    const body = { product: 'pro', period: 'monthly', quantity: 1 };
    const q = await h.call('POST', `/v1/accounts/${accountId}/licenses/quote`, {
      body,
      idempotencyKey: null,
    });
    const bought = await h.call('POST', `/v1/accounts/${accountId}/licenses`, {
      body: { ...body, expectedTotal: q.json().total },
    });
    expect(bought.statusCode, bought.body).toBe(201);
    const licenseId = bought.json().licenses[0].id as string;
    const license = `/v1/accounts/${accountId}/licenses/${licenseId}`;
    expect((await h.call('POST', `${license}/downgrade`, { body: { tier: 'basic' } })).statusCode).toBe(200);
    expect((await h.call('POST', `${license}/cancel`)).statusCode).toBe(200);
    const context = await newContext(browser);
    const page = await context.newPage();
    const seen = await loseFirstAnswer(page, 'POST', '/undo-cancel');
    const answers: { key: string; status: number }[] = [];
    page.on('response', (response) => {
      if (response.url().endsWith('/undo-downgrade'))
        answers.push({
          key: response.request().headers()['idempotency-key'] ?? '',
          status: response.status(),
        });
    });
    await suite.signIn(page, key, '/booth/licenses');
    const row = page.locator(`[data-license="${licenseId}"]`);
    await row.getByRole('button', { name: 'Undo cancel' }).click();
    await expect.poll(() => row.getByRole('alert').innerText()).toBe(LOST);
    // The list is read again after any answer: the cancellation was taken back, so the row offers
    // to undo the downgrade to come. That is another action, so another key.
    await row.getByRole('button', { name: 'Undo downgrade' }).click();
    await expect
      .poll(async () => {
        const l = (await h.call('GET', license)).json();
        return [l.tier, l.cancelAtPeriodEnd, l.pendingDowngrade];
      })
      .toEqual(['pro', false, null]);
    expect(seen.keys).toHaveLength(1);
    expect(seen.keys[0]).toMatch(/^web-undo-cancel-/);
    await expect.poll(() => answers.length).toBe(1);
    expect(answers[0]!.status).toBe(200);
    expect(answers[0]!.key).toMatch(/^web-undo-downgrade-/);
    await expect.poll(() => row.innerText()).not.toContain('Undo');
    await context.close();
  }, 90_000);
});
