import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
  chromium,
} from 'playwright-core';
import { afterAll, beforeAll, describe, expect, vi } from 'vitest';
import { addPaymentMethod } from '../../../src/booth/billing/add-payment-method.js';
import { insertVerifiedAlertEmails } from '../../../src/compute/alerts/alert-store.js';
import { INSTALL_CHROMIUM_HINT, browserRequired, findChromium } from '../../support/chromium.js';
import { DEFAULT_TOP_UP_POLICY } from '../../../src/compute/topups/fees-rules.js';
import { setUpPayPal } from '../../../src/server/rails.js';
import { SimulatedClock } from '../../../src/kernel/clock.js';
import { SandboxMailbox } from '../../../src/sandbox/sandbox-mail.js';
import { pglite } from '../../support/databases.js';
import { type FakeCardProcessor, startFakeCardProcessor } from '../../support/fake-card-processor.js';
import { type Harness, issueKey, startHarness } from '../../support/harness.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const webDir = path.join(repo, 'web');
const builtIndex = path.join(repo, 'dist/web/index.html');

/** Newest modification time under a directory (the page's sources). */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
  }
  return latest;
}

/**
 * Builds the page when dist/web is missing or older than web/ (a fresh clone, an edit), so
 * `npm test` alone works. A lock directory keeps two test files from building at once.
 */
export function ensurePageBuilt(): void {
  const fresh = () => fs.existsSync(builtIndex) && fs.statSync(builtIndex).mtimeMs >= newest(webDir);
  if (fresh()) return;
  const lock = path.join(repo, 'dist/.web-build-lock');
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  for (let i = 0; ; i++) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      if (i > 600) throw new Error(`the page build lock ${lock} is held; remove it if no build runs`);
      execFileSync('sleep', ['0.1']);
    }
  }
  try {
    if (!fresh())
      execFileSync(path.join(repo, 'node_modules/.bin/vite'), ['build', 'web', '--logLevel', 'error'], {
        cwd: repo,
        stdio: 'inherit',
        // vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
        env: { ...process.env, NODE_ENV: 'production' },
      });
  } finally {
    fs.rmdirSync(lock);
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface PageServer {
  harness: Harness;
  baseUrl: string;
  /** The sandbox card processor the page tokenizes cards with (its own port, CORS). */
  cards: FakeCardProcessor;
  clock: SimulatedClock;
  /** A customer account with a customer key (what the page signs in with). */
  customer(name: string): Promise<{ accountId: string; key: string }>;
  /**
   * Records addresses as verified alert emails of the account, as if its customer had typed each
   * emailed code (the browser test "save settings with a verified email" goes through the codes).
   */
  verifyAlertEmails(accountId: string, emails: string[]): Promise<void>;
  /**
   * Saves a sandbox card (its number, e.g. 4242424242424242) on the account as the page would:
   * tokenized at the card processor, then added. Throws with the refusal when it is not saved.
   * The account's first card becomes its default. Returns the saved payment method's id.
   */
  saveCard(accountId: string, number: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The real server on an ephemeral port: the API, the built page at `/`, the built-in sandbox
 * PayPal (its approval page served by the same server) and the sandbox card processor, on PGlite
 * and the simulated clock.
 */
export async function startPageServer(): Promise<PageServer> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const clock = new SimulatedClock('2026-03-02T10:00:00Z');
  const setup = setUpPayPal(
    {
      baseUrl: 'https://api-m.sandbox.paypal.com',
      clientId: undefined,
      clientSecret: undefined,
      webhookId: undefined,
      sandbox: 'on',
      topUpMinMicros: DEFAULT_TOP_UP_POLICY.minMicros,
      topUpMaxMicros: DEFAULT_TOP_UP_POLICY.maxMicros,
    },
    { embeddedStore: true, publicUrl: baseUrl, clock },
  );
  const cards = await startFakeCardProcessor({ clock });
  const harness = await startHarness(pglite, {
    clock,
    payments: { paypal: setup.paypal, paypalSandbox: setup.sandbox, topUps: DEFAULT_TOP_UP_POLICY },
    cards: { cards: cards.client(), cardsPublic: cards.publicConfig() },
    // Sign-in codes on the sandbox mail page (/sandbox/mail), as on the embedded default.
    mail: { mailSandbox: new SandboxMailbox(clock) },
    // The built-in render farm, as on the embedded default (its steps run when a test runs them).
    renderFarmSandbox: true,
  });
  await harness.app.listen({ host: '127.0.0.1', port });
  return {
    harness,
    baseUrl,
    clock,
    cards,
    verifyAlertEmails: (accountId, emails) =>
      insertVerifiedAlertEmails(harness.engine.db, accountId, emails, 'code', clock.now()),
    async customer(name) {
      const accountId = await harness.openAccount(name);
      const { secret } = await issueKey(harness.engine, 'customer', accountId);
      return { accountId, key: secret };
    },
    async saveCard(accountId, number) {
      const saved = await addPaymentMethod(harness.engine, accountId, await cards.tokenize(number));
      if (!saved.ok) throw new Error(`card ${number} not saved: ${saved.failure.detail}`);
      return saved.value.id;
    },
    async close() {
      await harness.close();
      await cards.close();
    },
  };
}

const chromiumPath = findChromium();

/**
 * The browser tests' `describe`: skipped when no Chromium is installed (the summary line says how to
 * install it), except with REQUIRE_BROWSER=1 (CI), where they run and fail at launch.
 */
export const describeWithBrowser = describe.skipIf(!chromiumPath && !browserRequired());

/** Debian's Chromium (installed by .ci/run with apt), never a downloaded browser. */
export async function launchBrowser(): Promise<Browser> {
  if (!chromiumPath) throw new Error(`REQUIRE_BROWSER=1 but no Chromium found: ${INSTALL_CHROMIUM_HINT}`);
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

export async function newContext(
  browser: Browser,
  width = 1280,
  height = 800,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width, height },
    acceptDownloads: true,
    locale: 'en-GB',
    ...options,
  });
  context.setDefaultTimeout(10_000);
  return context;
}

/** Opens `path` signed out, signs in on the sign-in page with a customer key, and waits to be back. */
export async function signInWithKey(page: Page, baseUrl: string, key: string, path: string): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await page.waitForURL(/\/signin\?next=/);
  await page.getByRole('textbox', { name: /API key/ }).fill(key);
  await page.getByRole('button', { name: /^Sign in with (API )?key/ }).click();
  await page.waitForURL((url) => url.pathname === path);
}

export interface BrowserSuite {
  readonly server: PageServer;
  readonly browser: Browser;
  /** {@link signInWithKey} on this suite's server. */
  signIn(page: Page, key: string, path: string): Promise<void>;
}

/**
 * The set-up every browser test file shares, registered in the calling `describe`: the page built,
 * one server and one Chromium for the file (started side by side), `expect.poll` waiting up to 10 s,
 * and both closed afterwards. Read `server` and `browser` inside the tests (they exist from `beforeAll`).
 */
export function useBrowserSuite(): BrowserSuite {
  let server: PageServer | undefined;
  let browser: Browser | undefined;
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
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the browser suite is not started yet (read it inside a test)');
    return value;
  };
  return {
    get server() {
      return started(server);
    },
    get browser() {
      return started(browser);
    },
    signIn: (page, key, path) => signInWithKey(page, started(server).baseUrl, key, path),
  };
}

/**
 * A booth customer with a saved 4242 card who has bought one Basic monthly license through the
 * API (the state several booth page stories start from); its first license id.
 */
export async function customerWithBasicLicense(
  server: PageServer,
  name: string,
): Promise<{ accountId: string; key: string; licenseId: string }> {
  const { accountId, key } = await server.customer(name);
  const h = server.harness;
  await server.saveCard(accountId, '4242424242424242');
  const body = { product: 'basic', period: 'monthly', quantity: 1 };
  const q = await h.call('POST', `/v1/accounts/${accountId}/licenses/quote`, { body, idempotencyKey: null });
  const bought = await h.call('POST', `/v1/accounts/${accountId}/licenses`, {
    body: { ...body, expectedTotal: q.json().total },
  });
  expect(bought.statusCode, bought.body).toBe(201);
  return { accountId, key, licenseId: bought.json().licenses[0].id as string };
}
