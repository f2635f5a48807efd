/**
 * `npm run screenshots`: captures every tab of the billing page at desktop (1280×800) and phone
 * (390×844) width into docs/screenshots/*.png. It runs the real server (the same set-up as the
 * browser tests: PGlite, sandbox PayPal, sandbox card processor, the sandbox GPU fleet), seeds the demo
 * account as `serve` does (src/sandbox/seed-demo.ts: GPU instances and a render job included), and
 * signs in as the demo. SCREENSHOTS_DIR=/tmp/x writes elsewhere, to look before replacing the set.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { fileURLToPath } from 'node:url';
import { SandboxFleet } from '../src/sandbox/sandbox-fleet.js';
import { seedDemo } from '../src/sandbox/seed-demo.js';
import {
  ensurePageBuilt,
  launchBrowser,
  newContext,
  startPageServer,
} from '../test/server/browser/page-server.js';

/** SCREENSHOTS_DIR writes elsewhere (a look before replacing the committed set). */
const out = process.env.SCREENSHOTS_DIR
  ? path.resolve(process.env.SCREENSHOTS_DIR)
  : fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
/** Each line's first tab: the others are read from its tab list, so a new tab is captured too. */
const LINES = ['/compute/payment', '/booth/licenses'];
/** Pages outside the lines' tab lists. */
const EXTRA = [['account', '/account']] as const;
const SIZES = [
  ['desktop', 1280, 800],
  ['phone', 390, 844],
] as const;

/** [file name, path] of every tab of both lines ("compute-billing", "/compute/billing"), then EXTRA. */
async function screens(page: Page, baseUrl: string): Promise<(readonly [string, string])[]> {
  const found: [string, string][] = [];
  for (const first of LINES) {
    await page.goto(`${baseUrl}${first}`);
    await page.getByRole('tab').first().waitFor();
    for (const href of await page
      .getByRole('tab')
      .evaluateAll((tabs) => tabs.map((t) => t.getAttribute('href')))) {
      if (href?.startsWith('/')) found.push([href.slice(1).replace(/\//g, '-'), href]);
    }
  }
  return [...found, ...EXTRA];
}

/** Network idle and no spinner left (5 s at most). */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page
    .locator('.spinner')
    .first()
    .waitFor({ state: 'detached', timeout: 5_000 })
    .catch(() => {});
}

async function main() {
  ensurePageBuilt();
  const server = await startPageServer();
  // The built-in sandbox fleet, as `serve` has it: the demo seeds its own instances and render job.
  const fleet = new SandboxFleet(server.clock);
  server.harness.engine.fleet = fleet;
  server.harness.engine.fleetSandbox = fleet;
  const browser = await launchBrowser();
  try {
    const demo = await seedDemo(server.harness.engine, {});
    if (!demo.ok) throw new Error(demo.failure.detail);

    fs.mkdirSync(out, { recursive: true });
    for (const [size, width, height] of SIZES) {
      const context = await newContext(browser, width, height);
      const page = await context.newPage();
      await page.goto(`${server.baseUrl}/signin`);
      await page.getByLabel('Customer API key').fill(demo.value.secret);
      await page.getByRole('button', { name: 'Sign in with key' }).click();
      await page.waitForURL(/\/booth\//);
      for (const [name, url] of await screens(page, server.baseUrl)) {
        await page.goto(`${server.baseUrl}${url}`);
        await settle(page);
        if (name === 'booth-tokens') {
          // The estimator needs a template ticked (the demo has one).
          await page.getByTestId('estimator-templates').getByRole('checkbox').first().check();
          await page.getByRole('button', { name: 'Estimate' }).click();
          await page.getByTestId('estimate').waitFor();
        }
        const file = path.join(out, `${name}-${size}.png`);
        await page.screenshot({ path: file, fullPage: true });
        console.log(`wrote ${path.relative(process.cwd(), file)}`);
      }
      if (size === 'desktop') {
        await page.goto(`${server.baseUrl}/booth/licenses`);
        await page.getByRole('button', { name: 'Add License' }).click();
        await page.getByLabel('3. Quantity (devices)').fill('5');
        await page.getByTestId('order-total').getByText('$').waitFor();
        await page.waitForTimeout(400);
        const file = path.join(out, 'booth-purchase-modal-desktop.png');
        await page.screenshot({ path: file });
        console.log(`wrote ${path.relative(process.cwd(), file)}`);
      }
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
