import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  type PageServer,
  ensurePageBuilt,
  launchBrowser,
  newContext,
  startPageServer,
} from './page-server.js';

/**
 * Signing in as a customer would: by email, with the one-time code read from the sandbox mail page
 * (/sandbox/mail, the embedded default's mailbox), then both lines' billing areas; the session kept
 * across tabs and reloads; an ended session back to sign-in with the message, and then back to the
 * same tab.
 */
describe('sign-in page (Chromium)', () => {
  let server: PageServer;
  let browser: Browser;
  beforeAll(async () => {
    vi.setConfig({ expect: { poll: { timeout: 10_000, interval: 50 } } });
    ensurePageBuilt();
    [server, browser] = await Promise.all([startPageServer(), launchBrowser()]);
  });
  afterAll(async () => {
    vi.resetConfig();
    await browser?.close();
    await server?.close();
  });

  /** Reads the newest code sent to `email` from the sandbox mail page, in a tab of its own. */
  async function codeFromSandboxMail(context: BrowserContext, email: string): Promise<string> {
    const mail = await context.newPage();
    await mail.goto(`${server.baseUrl}/sandbox/mail?to=${encodeURIComponent(email)}`);
    const subject = await mail.locator('article.mail h2').first().innerText();
    await mail.close();
    return /^(\d{6}) is your Pictor sign-in code$/.exec(subject)![1]!;
  }

  async function signInByEmail(page: Page, email: string) {
    await page.getByRole('textbox', { name: 'Email', exact: true }).fill(email);
    await page.getByRole('button', { name: 'Email me a code' }).click();
    await page.getByText(`We sent a 6-digit code to ${email}`).waitFor();
    const code = await codeFromSandboxMail(page.context(), email);
    await page.getByLabel('Code from the email').fill(code);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  }

  it('signs in by email with the code from the sandbox mail page, then shows both lines’ billing areas; the session lasts across tabs and reloads', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/booth/tokens`);
    await page.waitForURL(/\/signin\?next=%2Fbooth%2Ftokens/);
    // The ways in, named for what they are.
    for (const name of ['Email', 'Wallet', 'Developers'])
      await page.getByRole('heading', { name, exact: true }).waitFor();

    // Bad input is named beside its field; nothing is sent.
    await page.getByRole('button', { name: 'Email me a code' }).click();
    expect(await page.locator('#signin-email-error').innerText()).toBe('Enter your email address.');
    await page.getByRole('textbox', { name: 'Email', exact: true }).fill('not-an-email');
    await page.getByRole('button', { name: 'Email me a code' }).click();
    expect(await page.locator('#signin-email-error').innerText()).toBe(
      'Enter an email address, e.g. name@example.com.',
    );

    await page.getByRole('textbox', { name: 'Email', exact: true }).fill('nora@booth.example');
    await page.getByRole('button', { name: 'Email me a code' }).click();
    await page.getByText('We sent a 6-digit code to nora@booth.example').waitFor();
    // The sandbox says where the code is (no email leaves the embedded sandbox).
    expect(await page.getByRole('link', { name: 'sandbox mail page' }).getAttribute('href')).toBe(
      '/sandbox/mail?to=nora%40booth.example',
    );
    await page.getByLabel('Code from the email').fill('12345');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    expect(await page.locator('#signin-code-error').innerText()).toBe('Enter the 6 digits from the email.');
    const code = await codeFromSandboxMail(context, 'nora@booth.example');
    const wrong = code === '000000' ? '111111' : '000000';
    await page.getByLabel('Code from the email').fill(wrong);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').first().innerText()).toContain('That code is not right');
    await page.getByLabel('Code from the email').fill(code);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();

    // Back where the customer was going: Booth → Tokens, with the 25 welcome tokens of a new account.
    await page.waitForURL((url) => url.pathname === '/booth/tokens');
    await expect.poll(() => page.getByTestId('token-balance').innerText()).toContain('25');
    expect(await page.locator('.who-name').innerText()).toBe('nora@booth.example');
    await page.getByRole('tab', { name: 'Licenses' }).click();
    await page.waitForURL((url) => url.pathname === '/booth/licenses');
    await page.getByRole('tab', { name: 'Invoices' }).click();
    await page.waitForURL((url) => url.pathname === '/booth/invoices');

    // The compute line's Payment & Billing, same account.
    await page.getByRole('link', { name: 'Compute' }).click();
    await page.waitForURL((url) => url.pathname === '/compute/payment');
    await expect.poll(() => page.getByTestId('credit-balance').innerText()).toBe('0.00 credits');
    await page.getByRole('tab', { name: 'Billing' }).click();
    await page.waitForURL((url) => url.pathname === '/compute/billing');
    await page.getByTestId('credits-used').waitFor();

    // A second tab and a reload are still signed in.
    const second = await context.newPage();
    await second.goto(`${server.baseUrl}/booth/licenses`);
    await second.locator('.topbar').waitFor();
    expect(new URL(second.url()).pathname).toBe('/booth/licenses');
    await page.reload();
    await page.locator('.topbar').waitFor();
    expect(new URL(page.url()).pathname).toBe('/compute/billing');
    await context.close();
  });

  it('a revoked session sends the customer to sign-in with "Your session expired — sign in again", then back to the same tab', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/booth/invoices`);
    await page.waitForURL(/\/signin\?next=/);
    await signInByEmail(page, 'omar@booth.example');
    await page.waitForURL((url) => url.pathname === '/booth/invoices');
    const stored = await page.evaluate("localStorage.getItem('pictor.billing.session')");
    const accountId = (JSON.parse(stored as string) as { accountId: string }).accountId;

    // An operator ends every session of the account (a lost laptop); the next request finds out.
    const revoked = await server.harness.call('POST', `/v1/accounts/${accountId}/sessions/revoke`, {
      body: { reason: 'browser test: lost laptop' },
    });
    expect(revoked.statusCode).toBe(200);
    await page.getByRole('tab', { name: 'Tokens' }).click();
    await page.waitForURL(/\/signin\?next=%2Fbooth%2Ftokens/);
    expect(await page.getByTestId('session-ended').innerText()).toBe('Your session expired — sign in again');

    await signInByEmail(page, 'omar@booth.example');
    await page.waitForURL((url) => url.pathname === '/booth/tokens');
    await page.locator('.topbar').waitFor();
    expect(await page.getByTestId('session-ended').count()).toBe(0);
    await context.close();
  });

  it('account settings list the ways in and the sessions; "Sign out everywhere" ends them all, the other browser included', async () => {
    const laptop = await newContext(browser);
    const phone = await newContext(browser, 390, 844);
    const onLaptop = await laptop.newPage();
    const onPhone = await phone.newPage();
    for (const page of [onLaptop, onPhone]) {
      await page.goto(`${server.baseUrl}/compute/payment`);
      await page.waitForURL(/\/signin\?next=/);
      await signInByEmail(page, 'lena@studio.example');
      await page.waitForURL((url) => url.pathname === '/compute/payment');
    }
    await onLaptop.getByRole('link', { name: 'lena@studio.example' }).click();
    await onLaptop.waitForURL((url) => url.pathname === '/account');
    await expect
      .poll(() => onLaptop.getByTestId('ways-in').innerText())
      .toContain('Email: lena@studio.example');
    const rows = onLaptop.getByTestId('sessions').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.filter({ hasText: 'This browser' }).count()).toBe(1);
    // The only way in cannot be removed.
    await onLaptop.getByTestId('ways-in').getByRole('button', { name: 'Remove' }).click();
    await onLaptop.getByTestId('confirm').getByRole('button', { name: 'Remove' }).click();
    await expect
      .poll(() => onLaptop.getByTestId('confirm').innerText())
      .toContain('This is the only way into your account');
    await onLaptop.getByRole('button', { name: 'Cancel' }).click();

    await onLaptop.getByRole('button', { name: 'Sign out everywhere' }).click();
    await onLaptop.getByTestId('confirm').getByRole('button', { name: 'Sign out everywhere' }).click();
    await onLaptop.waitForURL((url) => url.pathname === '/signin');
    // The phone finds out on its next request, and says why.
    await onPhone.getByRole('tab', { name: 'Billing' }).click();
    await onPhone.waitForURL(/\/signin\?next=%2Fcompute%2Fbilling/);
    expect(await onPhone.getByTestId('session-ended').innerText()).toBe(
      'Your session expired — sign in again',
    );
    await laptop.close();
    await phone.close();
  });

  it('390, keyboard: adding an email with a wrong code says so beside the code field and stays signed in; the right code adds it', async () => {
    const context = await newContext(browser, 390, 844);
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/account`);
    await page.waitForURL(/\/signin\?next=/);
    await signInByEmail(page, 'ivy@studio.example');
    await page.waitForURL((url) => url.pathname === '/account');
    const waysIn = page.getByTestId('ways-in');
    await expect.poll(() => waysIn.innerText()).toContain('Email: ivy@studio.example');

    await page.getByLabel('Add an email').fill('ivy.work@studio.example');
    await page.keyboard.press('Enter');
    const codeField = page.getByLabel('Code sent to ivy.work@studio.example');
    await codeField.waitFor();
    const code = await codeFromSandboxMail(context, 'ivy.work@studio.example');
    await codeField.fill(code === '000000' ? '111111' : '000000');
    await codeField.press('Enter');
    await expect
      .poll(() => page.locator('#link-code-error').innerText())
      .toBe('That code is not right. Check the latest email from Pictor, or send a new code.');
    expect(await codeField.getAttribute('aria-invalid')).toBe('true');
    expect(await codeField.getAttribute('aria-describedby')).toBe('link-code-error');
    // Still signed in, on the same page, and nothing was added.
    expect(new URL(page.url()).pathname).toBe('/account');
    expect(await waysIn.innerText()).not.toContain('ivy.work@studio.example');

    await codeField.fill(code);
    await codeField.press('Enter');
    await expect.poll(() => waysIn.innerText()).toContain('Email: ivy.work@studio.example');
    expect(await page.locator('#link-code-error').count()).toBe(0);
    await context.close();
  });

  it('a missing, mistyped or operator API key is named beside the key field, and the page stays on sign-in', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/compute/payment`);
    await page.waitForURL(/\/signin\?next=/);
    const keyField = page.locator('#api-key');
    const submit = page.getByRole('button', { name: 'Sign in with key' });
    const keyError = () => page.locator('#api-key-error').innerText();
    await submit.click();
    expect(await keyError()).toBe('Paste your API key.');
    await keyField.fill('pk_not_a_real_key');
    await submit.click();
    await expect.poll(keyError).toBe('This key is not valid. Check that you pasted all of it.');
    expect(await keyField.getAttribute('aria-invalid')).toBe('true');
    await keyField.fill(server.harness.operatorKey);
    await submit.click();
    await expect
      .poll(keyError)
      .toBe('This is not a customer key. Sign in with a customer key of one account.');
    expect(new URL(page.url()).pathname).toBe('/signin');
    await context.close();
  });
});
