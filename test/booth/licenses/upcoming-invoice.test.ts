import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../src/kernel/clock.js';
import { registerLicenseWork } from '../../../src/booth/licenses/license-work.js';
import { DueWorkRunner } from '../../../src/kernel/jobs/due-work-runner.js';
import { addPaymentMethod } from '../../../src/booth/billing/add-payment-method.js';
import type { ServiceContext } from '../../../src/server/context.js';
import { findBoothInvoiceBySource } from '../../../src/booth/billing/booth-invoice-store.js';
import { type Backend, backends } from '../../support/databases.js';
import { startHarnessWithCards, uniqueKey } from '../../support/harness.js';

const $ = (amount: string) => ({ amount, unit: 'USD' });

/** A fresh booth on its own database and clock (Jan 1, 2026): each story starts from nothing. */
async function startBooth(backend: Backend) {
  const clock = new SimulatedClock('2026-01-01T00:00:00Z');
  const { h, fake } = await startHarnessWithCards(backend, clock);
  const ctx: ServiceContext = h.engine;
  const runner = registerLicenseWork(new DueWorkRunner(ctx));
  async function customer() {
    const accountId = await h.openAccount();
    const saved = await addPaymentMethod(ctx, accountId, await fake.tokenize('4242424242424242'));
    if (!saved.ok) throw new Error(saved.failure.detail);
    return accountId;
  }
  async function buy(accountId: string, body: Record<string, unknown>) {
    const q = await h.call('POST', `/v1/accounts/${accountId}/licenses/quote`, {
      body,
      idempotencyKey: null,
    });
    expect(q.statusCode).toBe(200);
    return h.call('POST', `/v1/accounts/${accountId}/licenses`, {
      body: { ...body, expectedTotal: q.json().total },
      idempotencyKey: uniqueKey(),
    });
  }
  return { h, runner, customer, buy };
}
type Booth = Awaited<ReturnType<typeof startBooth>>;

for (const backend of backends) {
  describe(`upcoming invoice (${backend.name})`, () => {
    const story = (name: string, run: (b: Booth) => Promise<void>) =>
      it(name, async () => {
        const b = await startBooth(backend);
        try {
          await run(b);
        } finally {
          await b.h.close();
        }
      });

    story(
      '4 Pro monthly + a 5th on Jan 16: the Feb 1 preview is $425.06, and the renewal charges exactly that',
      async ({ h, runner, customer, buy }) => {
        const a = await customer();
        expect((await buy(a, { product: 'pro', period: 'monthly', quantity: 4 })).statusCode).toBe(201);
        h.clock.set('2026-01-16T00:00:00Z');
        expect((await buy(a, { product: 'pro', period: 'monthly', quantity: 1 })).statusCode).toBe(201);

        const res = await h.call('GET', `/v1/accounts/${a}/licenses/upcoming-invoice`);
        expect(res.statusCode).toBe(200);
        const data = res.json().data;
        expect(data).toHaveLength(1);
        const next = data[0];
        expect(next.billingDate).toBe('2026-02-01T00:00:00.000Z');
        expect(next.licenseIds).toHaveLength(5);
        expect(next.lines.map((l: { kind: string; amount: unknown }) => [l.kind, l.amount])).toEqual([
          ['renewal', $('495.00')],
          ['volume_discount', $('-49.50')],
        ]);
        expect(next.subtotal).toEqual($('445.50'));
        expect(next.creditApplied).toEqual($('20.44'));
        expect(next.total).toEqual($('425.06'));

        h.clock.set('2026-02-01T00:00:00Z');
        await runner.runDue();
        const renewal = await findBoothInvoiceBySource(h.engine.db, `renewal:${a}:2026-02-01T00:00:00.000Z`);
        expect(renewal!.status).toBe('paid');
        expect(renewal!.totalMicros).toBe(425_060_000n);
        expect(renewal!.lines.map((l) => l.description)).toEqual(
          next.lines.map((l: { description: string }) => l.description),
        );
      },
    );

    story(
      'a customer sees only their own account’s preview (404 for another)',
      async ({ h, customer, buy }) => {
        const a = await customer();
        expect((await buy(a, { product: 'basic', period: 'monthly', quantity: 1 })).statusCode).toBe(201);
        const other = await customer();
        const created = await h.call('POST', '/v1/api-keys', {
          body: { role: 'customer', accountId: other },
        });
        const key = created.json().secret as string;
        expect((await h.call('GET', `/v1/accounts/${a}/licenses/upcoming-invoice`, { key })).statusCode).toBe(
          404,
        );
        const own = await h.call('GET', `/v1/accounts/${other}/licenses/upcoming-invoice`, { key });
        expect(own.statusCode).toBe(200);
        expect(own.json().data).toEqual([]);
        const doc = (await h.app.inject({ url: '/openapi.json' })).json();
        expect(doc.paths['/v1/accounts/{accountId}/licenses/upcoming-invoice']).toBeDefined();
      },
    );
  });
}
