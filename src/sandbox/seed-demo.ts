import { findAccount } from '../accounts/account-store.js';
import { findApiKeyBySecretHash } from '../accounts/api-key-store.js';
import { addPaymentMethod } from '../booth/billing/add-payment-method.js';
import { putBoothTemplate } from '../booth/events/booth-templates.js';
import { adjustWallet } from '../ledger/adjust-wallet.js';
import { buyTokenPack } from '../booth/events/buy-token-pack.js';
import { capturePayPalOrder } from '../compute/topups/capture-paypal-order.js';
import { chargeWallet } from '../ledger/charge-wallet.js';
import { completeRenderTask } from '../compute/rendering/complete-render-task.js';
import { rentInstance } from '../compute/rentals/rent-instance.js';
import { startRenderTask } from '../compute/rendering/start-render-task.js';
import { stopInstance } from '../compute/rentals/stop-instance.js';
import type { Caller, ServiceContext } from '../server/context.js';
import { createAccount } from '../accounts/create-account.js';
import { createApiKey, hashSecret } from '../accounts/create-api-key.js';
import { createPayPalOrder } from '../compute/topups/create-paypal-order.js';
import { purchaseLicenses } from '../booth/licenses/purchase-licenses.js';
import { quoteLicenses } from '../booth/licenses/quote-licenses.js';
import { registerEvent } from '../booth/events/register-event.js';
import { type Result, fail, ok } from '../kernel/result.js';
import { updateInvoiceSettings } from '../accounts/update-billing-profile.js';
import type { AccountRecord } from '../accounts/accounts-rules.js';

export interface DemoAccount {
  account: AccountRecord;
  /** The demo customer's API key secret (what the page's "Try the demo" signs in with). */
  secret: string;
  /** True when this call opened the account and wrote its history; false when it existed. */
  created: boolean;
}

/**
 * The seeding actor: every demo mutation carries this scope and a fixed Idempotency-Key, so a
 * second run (a lost demo.key file, a crash half-way) replays instead of adding history twice.
 */
const SEEDER: Caller = { id: 'system:demo-seed', role: 'operator', accountId: null };

const micros = (whole: bigint) => whole * 1_000_000n;

/**
 * The embedded default's demo account, for the billing page: a customer account with an API key and
 * a little history (a PayPal top-up through the built-in sandbox, rendering and GPU charges,
 * invoice settings; with the sandbox card processor also a default test card, 2 Pro monthly licenses
 * and a token pack). Idempotent: with the secret of an earlier run (data/demo.key) it only checks
 * that the key still opens the account; without one it (re)runs every step under fixed keys.
 */
export async function seedDemo(
  ctx: ServiceContext,
  input: { existingSecret?: string },
): Promise<Result<DemoAccount>> {
  if (input.existingSecret) {
    const existing = await demoAccountOfSecret(ctx, input.existingSecret);
    if (existing) return ok(existing);
  }
  const opened = await createAccount(
    ctx,
    SEEDER,
    { name: 'Demo Studio', email: 'demo@studio.example', metadata: { demo: 'true' } },
    'demo-account',
  );
  if (!opened.ok) return opened;
  const account = opened.value;
  const accountId = account.id;
  const key = await createApiKey(ctx, { role: 'customer', accountId, label: 'billing page demo' });
  if (!key.ok) return key;

  const settings = await seedInvoiceSettings(ctx, accountId);
  if (!settings.ok) return settings;
  const topUp = await seedTopUp(ctx, accountId);
  if (!topUp.ok) return topUp;
  const charged = await seedCharges(ctx, accountId);
  if (!charged.ok) return fail(charged.failure.code, `demo history: ${charged.failure.detail}`);
  const compute = await seedComputeHistory(ctx, accountId);
  if (!compute.ok) return fail(compute.failure.code, `demo compute history: ${compute.failure.detail}`);
  const booth = await seedBoothHistory(ctx, accountId);
  if (!booth.ok) return fail(booth.failure.code, `demo booth history: ${booth.failure.detail}`);
  return ok({ account, secret: key.value.secret, created: true });
}

/** The demo account an earlier run's secret still opens (a customer key of an existing account). */
async function demoAccountOfSecret(ctx: ServiceContext, secret: string): Promise<DemoAccount | null> {
  const key = await findApiKeyBySecretHash(ctx.db, hashSecret(secret));
  const account = key?.role === 'customer' && key.accountId ? await findAccount(ctx.db, key.accountId) : null;
  return account ? { account, secret, created: false } : null;
}

function seedInvoiceSettings(ctx: ServiceContext, accountId: string): Promise<Result<unknown>> {
  return updateInvoiceSettings(
    ctx,
    SEEDER,
    {
      accountId,
      name: 'Demo Studio Ltd',
      email: 'billing@studio.example',
      address: '1 Render Lane, Pixel City',
      taxInformation: 'VAT DE123456789',
    },
    'demo-invoice-settings',
  );
}

/** 100 credits, the way a customer tops up: through the sandbox PayPal when it is there. */
async function seedTopUp(ctx: ServiceContext, accountId: string): Promise<Result<unknown>> {
  if (ctx.paypal && ctx.paypalSandbox) {
    const order = await createPayPalOrder(
      ctx,
      SEEDER,
      { accountId, amountMicros: micros(100n) },
      'demo-topup',
    );
    if (!order.ok) return order;
    ctx.paypalSandbox.approve(order.value.order.providerOrderId);
    return capturePayPalOrder(ctx, { accountId, orderId: order.value.order.id });
  }
  return adjustWallet(
    ctx,
    SEEDER,
    { accountId, direction: 'credit', unit: 'CREDIT', amountMicros: micros(100n), reason: 'demo credits' },
    'demo-topup',
  );
}

/** A rendering, a rental and a storage charge, as the compute line would post them. */
async function seedCharges(ctx: ServiceContext, accountId: string): Promise<Result<null>> {
  const charges = [
    {
      key: 'demo-charge-render',
      amountMicros: 12_345_678n,
      description: '3D rendering: job "Showroom walkthrough", task 1',
    },
    {
      key: 'demo-charge-rental',
      amountMicros: 8_400_000n,
      description: 'Machine rental charge: RTX 4090, 24 hours',
    },
    { key: 'demo-charge-storage', amountMicros: 13_440n, description: 'Storage charge: 48 GB, 1 hour' },
  ];
  for (const charge of charges) {
    const charged = await chargeWallet(
      ctx,
      SEEDER,
      {
        accountId,
        unit: 'CREDIT',
        amountMicros: charge.amountMicros,
        productLine: 'compute',
        description: charge.description,
      },
      charge.key,
    );
    if (!charged.ok) return charged;
  }
  return ok(null);
}

/**
 * GPU instances and a render job, with the sandbox fleet only (never a real one): a running RTX
 * 4090 rented for a day with auto-renew, an A100 rented for a day and stopped (it pays storage),
 * and a render job with one task completed and one running. Fixed keys: a rerun replays.
 */
async function seedComputeHistory(ctx: ServiceContext, accountId: string): Promise<Result<null>> {
  if (!ctx.fleet || !ctx.fleetSandbox) return ok(null);
  const running = await rentInstance(
    ctx,
    SEEDER,
    { accountId, instanceType: 'rtx-4090', diskGb: 200, period: { unit: 'day', count: 1 }, autoRenew: true },
    'demo-instance-running',
  );
  if (!running.ok) return running;
  const stopped = await rentInstance(
    ctx,
    SEEDER,
    {
      accountId,
      instanceType: 'a100-80gb',
      diskGb: 500,
      period: { unit: 'day', count: 1 },
      autoRenew: false,
    },
    'demo-instance-stopped',
  );
  if (!stopped.ok) return stopped;
  const stop = await stopInstance(ctx, accountId, stopped.value.instance.id);
  if (!stop.ok) return stop;
  const task = { gpus: 1, cpuCores: 8, ramGb: 32, storageGb: 50 };
  for (const taskId of ['frame-0001', 'frame-0002']) {
    const started = await startRenderTask(ctx, {
      accountId,
      jobExternalId: 'demo-showroom',
      taskExternalId: taskId,
      limits: task,
      timeLimitSeconds: 1800,
    });
    if (!started.ok) return started;
  }
  const done = await completeRenderTask(ctx, {
    accountId,
    jobExternalId: 'demo-showroom',
    taskExternalId: 'frame-0001',
    usage: { seconds: 1260, ...task },
  });
  return done.ok ? ok(null) : done;
}

/**
 * Booth history, with the sandbox card processor only (never a real one): a Visa test card
 * tokenized the way the page does it and saved as the default, 2 Pro monthly licenses, a token pack.
 */
async function seedBoothHistory(ctx: ServiceContext, accountId: string): Promise<Result<null>> {
  const processor = ctx.cardsPublic;
  if (!ctx.cards || processor?.mode !== 'sandbox') return ok(null);
  const tokenized = await fetch(`${processor.tokenizeUrl.replace(/\/+$/, '')}/v1/payment_methods`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${processor.publishableKey}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({
      type: 'card',
      'card[number]': '4242424242424242',
      'card[exp_month]': '12',
      'card[exp_year]': String(ctx.clock.now().getUTCFullYear() + 4),
      'card[cvc]': '123',
    }),
  });
  const pm = ((await tokenized.json()) as { id?: string }).id;
  if (!tokenized.ok || !pm)
    return fail('payment_provider_error', 'the sandbox card processor refused the test card');
  const card = await addPaymentMethod(ctx, accountId, pm);
  if (!card.ok) return card;
  const request = { accountId, product: 'pro' as const, period: 'monthly' as const, quantity: 2 };
  const quote = await quoteLicenses(ctx, request);
  if (!quote.ok) return quote;
  const bought = await purchaseLicenses(
    ctx,
    SEEDER,
    { ...request, expectedTotalMicros: quote.value.totalMicros },
    'demo-licenses',
  );
  if (!bought.ok) return bought;
  const tokens = await buyTokenPack(ctx, SEEDER, { accountId, packTokens: 500, quantity: 1 }, 'demo-tokens');
  if (!tokens.ok) return tokens;
  // A template and an event using it, so the page's token estimator has something to estimate.
  const template = await putBoothTemplate(ctx, {
    accountId,
    id: 'demo-ai-portrait',
    name: 'AI portrait + GIF',
    outputs: [
      { kind: 'ai_image_high', count: 1 },
      { kind: 'gif', count: 1 },
    ],
    features: [],
  });
  if (!template.ok) return template;
  const event = await registerEvent(
    ctx,
    SEEDER,
    {
      accountId,
      name: 'Spring launch party',
      features: [],
      templateIds: [template.value.id],
      virtualBooth: false,
    },
    'demo-event',
  );
  return event.ok ? ok(null) : event;
}
