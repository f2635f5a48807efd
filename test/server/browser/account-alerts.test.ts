import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { insertAccountEmail } from '../../../src/accounts/sign-in-store.js';
import { insertWalletAddress } from '../../../src/accounts/web3-store.js';
import { createEventPublisher } from '../../../src/notify/publisher.js';
import { uniqueKey } from '../../support/harness.js';
import {
  type PageServer,
  describeWithBrowser,
  ensurePageBuilt,
  launchBrowser,
  newContext,
  signInWithKey,
  startPageServer,
} from './page-server.js';

/**
 * Issue 15: the seed's "Low Balance and Low Remaining Time alerts in the account settings page".
 * A wallet-like account (no email) must name a recipient to turn an alert on, and is told why;
 * the notifications it received are listed on the same page with an unread count, kept by the
 * server: read in one browser, read in another. 390 wide, by keyboard.
 */
describeWithBrowser('alerts in Account settings, and the notification list (Chromium)', () => {
  let server: PageServer;
  let browser: Browser;
  beforeAll(async () => {
    vi.setConfig({ expect: { poll: { timeout: 10_000, interval: 50 } } });
    ensurePageBuilt();
    [server, browser] = await Promise.all([startPageServer(), launchBrowser()]);
    server.harness.engine.events ??= createEventPublisher(server.harness.engine);
  });
  afterAll(async () => {
    vi.resetConfig();
    await browser?.close();
    await server?.close();
  });

  it('390, keyboard: a recipient is required and explained; saved; a paused job is listed, 1 unread, then read', async () => {
    const { accountId, key } = await server.customer('Wallet Studio');
    await server.verifyAlertEmails(accountId, ['ops@wallet.example']);
    await server.harness.fund(accountId, '0.5');
    const refused = await server.harness.call(
      'POST',
      `/v1/accounts/${accountId}/render-jobs/shot-7/tasks/t1/start`,
      {
        key: server.harness.serviceKey,
        body: { resources: { gpus: 1, cpuCores: 0, ramGb: 0, storageGb: 0 }, timeLimitSeconds: 3600 },
      },
    );
    expect(refused.statusCode).toBe(422);

    const context = await newContext(browser, 390, 844);
    const page = await context.newPage();
    await signInWithKey(page, server.baseUrl, key, '/compute/payment');
    expect(await page.getByTestId('alerts-summary').innerText()).toBe(
      'Low balance: off; low remaining time: off.',
    );
    await page.getByRole('link', { name: 'Set alerts in Account settings' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/account');

    expect(await page.locator('#alert-emails-hint').innerText()).toBe(
      'Required to turn an alert on: this account has no email yet (comma-separated addresses).',
    );
    await page.getByLabel('Low balance: alert below (credits)').focus();
    await page.keyboard.type('5');
    await page.keyboard.press('Tab');
    await page.keyboard.type('24');
    await page.keyboard.press('Enter');
    expect(await page.locator('#alert-emails-error').innerText()).toBe(
      'Enter at least one email address: this account has none, so an alert would reach no one (it would only appear under Notifications).',
    );
    expect(
      (await server.harness.call('GET', `/v1/accounts/${accountId}/alert-settings`)).json(),
    ).toMatchObject({
      lowBalance: null,
      lowRemainingHours: null,
    });
    await page.getByLabel('Send alerts to').focus();
    await page.keyboard.type('ops@wallet.example');
    await page.keyboard.press('Enter');
    await page.getByText('Saved.').waitFor();
    expect(
      (await server.harness.call('GET', `/v1/accounts/${accountId}/alert-settings`)).json(),
    ).toMatchObject({
      lowBalance: { amount: '5.000000', unit: 'CREDIT' },
      lowRemainingHours: 24,
      emails: ['ops@wallet.example'],
    });

    const list = page.getByTestId('notifications');
    await expect.poll(() => list.innerText()).toContain('Render job paused (insufficient credits)');
    expect(await list.innerText()).toContain(
      'jobId: shot-7 · reason: insufficient_credits · required: 0.900000',
    );
    expect(await page.getByTestId('unread-count').innerText()).toBe('1');

    // Another browser (its own context: its own storage) of the same account sees 1 unread too.
    const other = await newContext(browser, 1280, 800);
    const otherPage = await other.newPage();
    await signInWithKey(otherPage, server.baseUrl, key, '/account');
    await expect.poll(() => otherPage.getByTestId('unread-count').innerText()).toBe('1');

    await page.getByRole('button', { name: 'Mark all as read' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('unread-count').innerText()).toBe('0');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    const answer = (await server.harness.call('GET', `/v1/accounts/${accountId}/notifications`)).json();
    expect(answer.unreadCount).toBe(0);
    expect(answer.data[0].readAt).toBe(server.clock.now().toISOString());
    // Read there, read here: the other browser's count is 0 once it looks again (a reload).
    await otherPage.reload();
    await expect.poll(() => otherPage.getByTestId('unread-count').innerText()).toBe('0');
    expect(await otherPage.getByRole('button', { name: 'Mark all as read' }).count()).toBe(0);
    await other.close();
    await context.close();
  });

  it('save settings with a verified email: 390, keyboard; unverified refused beside the field, Send code, a wrong code said next to it, the right one verifies, then saved', async () => {
    const { accountId, key } = await server.customer('Code Studio');
    const mailbox = server.harness.engine.mailSandbox!;
    const context = await newContext(browser, 390, 844);
    const page = await context.newPage();
    await signInWithKey(page, server.baseUrl, key, '/account');
    await page.getByLabel('Low balance: alert below (credits)').fill('5');
    await page.getByLabel('Send alerts to').focus();
    await page.keyboard.type('ops@code.example');
    const checks = page.getByTestId('alert-email-checks');
    expect(await checks.innerText()).toContain('ops@code.example');
    expect(await checks.innerText()).toContain('Not verified');

    // Saving first: refused beside the field, nothing sent to the server's settings.
    await page.keyboard.press('Enter');
    expect(await page.locator('#alert-emails-error').innerText()).toBe(
      'Verify ops@code.example before saving: send it a code (below) and enter the code from the email.',
    );
    expect(
      (await server.harness.call('GET', `/v1/accounts/${accountId}/alert-settings`)).json(),
    ).toMatchObject({ lowBalance: null, emails: [] });

    // By keyboard: Tab to "Send code", Enter; the code arrives in the sandbox mailbox.
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Send code to ops@code.example');
    await page.keyboard.press('Enter');
    const codeField = page.getByLabel('Code sent to ops@code.example');
    await codeField.waitFor();
    expect(mailbox.list('ops@code.example')).toHaveLength(1);
    const code = /^(\d{6}) is your Pictor alert email code$/.exec(
      mailbox.list('ops@code.example')[0]!.subject,
    )![1]!;
    const wrong = code === '000000' ? '000001' : '000000';
    await codeField.focus();
    await page.keyboard.type(wrong);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => checks.getByRole('alert').innerText())
      .toBe('That code is not right. Check the latest email from Pictor, or send a new code.');
    expect(await codeField.getAttribute('aria-invalid')).toBe('true');
    await codeField.fill('');
    await page.keyboard.type(code);
    await page.keyboard.press('Enter');
    await expect.poll(() => checks.innerText()).toContain('Verified');
    expect(await checks.innerText()).not.toContain('Not verified');
    expect(await page.locator('#alert-emails-error').count()).toBe(0);
    // Focus moved to "Save alerts": Enter saves.
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Save alerts');
    await page.keyboard.press('Enter');
    await page.getByText('Saved.').waitFor();
    expect(
      (await server.harness.call('GET', `/v1/accounts/${accountId}/alert-settings`)).json(),
    ).toMatchObject({
      lowBalance: { amount: '5.000000', unit: 'CREDIT' },
      emails: ['ops@code.example'],
      recipients: [{ email: 'ops@code.example', verified: true }],
    });
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await context.close();
  });

  it('keyboard: "Mark as read" on one notification marks that one (2 unread → 1), focus moves to the next; the server agrees', async () => {
    const { accountId, key } = await server.customer('Two Jobs Studio');
    await server.harness.fund(accountId, '0.5');
    for (const job of ['shot-1', 'shot-2']) {
      const refused = await server.harness.call(
        'POST',
        `/v1/accounts/${accountId}/render-jobs/${job}/tasks/t1/start`,
        {
          key: server.harness.serviceKey,
          body: { resources: { gpus: 1, cpuCores: 0, ramGb: 0, storageGb: 0 }, timeLimitSeconds: 3600 },
        },
      );
      expect(refused.statusCode).toBe(422);
      server.clock.advance(60_000); // shot-2 paused a minute after shot-1: it is listed first
    }
    const context = await newContext(browser, 390, 844);
    const page = await context.newPage();
    await signInWithKey(page, server.baseUrl, key, '/account');
    await expect.poll(() => page.getByTestId('unread-count').innerText()).toBe('2');
    const buttons = page.getByRole('button', { name: /^Mark as read: Render job paused/ });
    expect(await buttons.count()).toBe(2);

    // Tab from "Mark all as read" to the first item's button (the newest: shot-2), by keyboard only.
    await page.getByRole('button', { name: 'Mark all as read' }).focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.closest("li")?.innerText')).toContain(
      'jobId: shot-2',
    );
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('unread-count').innerText()).toBe('1');
    await expect.poll(() => buttons.count()).toBe(1);
    // Focus went to the remaining unread item's button, not to the top of the page.
    expect(await page.evaluate('document.activeElement?.closest("li")?.innerText')).toContain(
      'jobId: shot-1',
    );
    const answer = (await server.harness.call('GET', `/v1/accounts/${accountId}/notifications`)).json();
    expect(answer.unreadCount).toBe(1);
    expect(
      answer.data.map((n: { data: { jobId: string }; readAt: string | null }) => [n.data.jobId, n.readAt]),
    ).toEqual([
      ['shot-2', server.clock.now().toISOString()],
      ['shot-1', null],
    ]);

    // The last one by keyboard too: the count is 0, "Mark all as read" goes, focus stays in the list.
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('unread-count').innerText()).toBe('0');
    expect(await buttons.count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Mark all as read' }).count()).toBe(0);
    expect(await page.evaluate('document.activeElement?.getAttribute("data-testid")')).toBe('notifications');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    expect(
      (await server.harness.call('GET', `/v1/accounts/${accountId}/notifications`)).json().unreadCount,
    ).toBe(0);
    await context.close();
  });

  it('removing the email the alerts depend on: refused beside that address, the alerts named, the email kept', async () => {
    const { accountId, key } = await server.customer('Mail Studio');
    // Two ways in (so it is not the last): a wallet, and the email the alerts go to by default.
    const db = server.harness.engine.db;
    await insertWalletAddress(
      db,
      '0x00000000000000000000000000000000000000aa',
      accountId,
      server.clock.now(),
    );
    await insertAccountEmail(db, 'mia@mail.example', accountId, server.clock.now());
    const put = await server.harness.app.inject({
      method: 'PUT',
      url: `/v1/accounts/${accountId}/alert-settings`,
      headers: { authorization: `Bearer ${key}`, 'idempotency-key': uniqueKey('alerts') },
      payload: { lowBalance: { amount: '5', unit: 'CREDIT' }, lowRemainingHours: 24 },
    });
    expect(put.statusCode).toBe(200);

    const context = await newContext(browser, 390, 844);
    const page = await context.newPage();
    await signInWithKey(page, server.baseUrl, key, '/account');
    const email = page.getByTestId('ways-in').locator('li', { hasText: 'mia@mail.example' });
    await email.getByRole('button', { name: 'Remove' }).click();
    await email.getByTestId('confirm').getByRole('button', { name: 'Remove' }).click();
    await expect
      .poll(() => email.getByRole('alert').innerText())
      .toBe(
        'Your low-balance alert (below 5.00 credits) and low-remaining-time alert (24 hours) are sent only to ' +
          'this address. Add alert emails or a webhook in the alert settings on this page, or turn the alerts off, then remove it.',
      );
    expect((await server.harness.call('GET', `/v1/accounts/${accountId}`)).json().email).toBe(
      'mia@mail.example',
    );
    expect(await page.getByTestId('ways-in').innerText()).toContain('mia@mail.example');
    await context.close();
  });

  it('a termination warning in the list states its time as the page does (UTC), not ISO', async () => {
    const { accountId, key } = await server.customer('Warned Studio');
    await server.harness.engine.events!.publish(accountId, {
      type: 'instance.termination_imminent',
      at: server.clock.now(),
      data: { level: 'lead', terminatesAt: '2026-01-06T03:00:00.000Z', instanceId: 'gpu_7' },
    });
    const context = await newContext(browser, 390, 844);
    const page = await context.newPage();
    await signInWithKey(page, server.baseUrl, key, '/account');
    const list = page.getByTestId('notifications');
    await expect.poll(() => list.innerText()).toContain('Termination warning');
    const text = (await list.innerText()).replace(/\u00a0/g, ' ');
    expect(text).toContain('terminatesAt: 06 Jan 2026, 03:00 UTC');
    expect(text).not.toContain('2026-01-06T03:00');
    await context.close();
  });
});
