/**
 * `npm run screenshots`: captures every tab of the billing page at desktop (1280×800) and phone
 * (390×844) width into docs/screenshots/*.png. It runs the real server (the same set-up as the
 * browser tests: PGlite, sandbox PayPal, sandbox card processor, a fake GPU fleet), seeds the demo
 * account (src/services/seed-demo.ts) plus GPU instances and render jobs, and signs in as the demo.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedDemo } from '../src/sandbox/seed-demo.js';
import {
  ensurePageBuilt,
  launchBrowser,
  newContext,
  startPageServer,
} from '../test/server/browser/page-server.js';
import { startFakeFleet } from '../test/support/fake-fleet.js';

const out = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
const TABS = [
  ['compute-payment', '/compute/payment'],
  ['compute-billing', '/compute/billing'],
  ['compute-invoice-settings', '/compute/invoice-settings'],
  ['booth-licenses', '/booth/licenses'],
  ['booth-payment', '/booth/payment'],
  ['booth-invoices', '/booth/invoices'],
  ['booth-tokens', '/booth/tokens'],
] as const;
const SIZES = [
  ['desktop', 1280, 800],
  ['phone', 390, 844],
] as const;

async function main() {
  ensurePageBuilt();
  const server = await startPageServer();
  const fleet = await startFakeFleet();
  server.harness.engine.fleet = fleet.client();
  const browser = await launchBrowser();
  try {
    const demo = await seedDemo(server.harness.engine, {});
    if (!demo.ok) throw new Error(demo.failure.detail);
    const accountId = demo.value.account.id;
    await history(server, accountId);

    fs.mkdirSync(out, { recursive: true });
    for (const [size, width, height] of SIZES) {
      const context = await newContext(browser, width, height);
      const page = await context.newPage();
      await page.goto(`${server.baseUrl}/signin`);
      await page.getByLabel('Customer API key').fill(demo.value.secret);
      await page.getByRole('button', { name: 'Sign in with key' }).click();
      await page.waitForURL(/\/booth\//);
      for (const [name, url] of TABS) {
        await page.goto(`${server.baseUrl}${url}`);
        await page.waitForLoadState('networkidle');
        await page
          .locator('.spinner')
          .first()
          .waitFor({ state: 'detached', timeout: 5_000 })
          .catch(() => {});
        if (name === 'booth-tokens') {
          await page.getByRole('button', { name: 'Estimate' }).click();
          await page.getByTestId('estimate').waitFor();
        }
        const file = path.join(out, `${name}-${size}.png`);
        await page.screenshot({ path: file, fullPage: size === 'desktop' });
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
    await fleet.close();
  }
}

/** GPU instances (one running, one stopped) and render jobs (one done, one paused for credits). */
async function history(server: Awaited<ReturnType<typeof startPageServer>>, accountId: string) {
  const call = server.harness.call;
  const must = async (p: ReturnType<typeof call>, status: number) => {
    const res = await p;
    if (res.statusCode !== status) throw new Error(`${res.statusCode} ${res.body}`);
    return res.json();
  };
  const rent = (diskGb: number) =>
    must(
      call('POST', `/v1/accounts/${accountId}/instances`, {
        body: { instanceType: 'rtx-4090', diskGb, period: { unit: 'day', count: 1 }, autoRenew: true },
      }),
      201,
    );
  await rent(200);
  const stopped = await rent(500);
  await must(call('POST', `/v1/accounts/${accountId}/instances/${stopped.instance.id}/stop`), 200);
  const task = (job: string, id: string, gpus: number, seconds: number) =>
    call('POST', `/v1/accounts/${accountId}/render-jobs/${job}/tasks/${id}/start`, {
      key: server.harness.serviceKey,
      body: { resources: { gpus, cpuCores: 16, ramGb: 64, storageGb: 50 }, timeLimitSeconds: seconds },
    });
  await must(task('showroom-walkthrough', 'frame-001', 1, 1800), 200);
  await must(
    call('POST', `/v1/accounts/${accountId}/render-jobs/showroom-walkthrough/tasks/frame-001/complete`, {
      key: server.harness.serviceKey,
      body: { usage: { seconds: 1260, gpus: 1, cpuCores: 16, ramGb: 64, storageGb: 50 } },
    }),
    200,
  );
  await task('city-flythrough-4k', 'frame-001', 8, 604_800);
}

await main();
