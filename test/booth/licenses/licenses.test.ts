import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../src/kernel/clock.js';
import { registerLicenseWork } from '../../../src/booth/licenses/license-work.js';
import { DueWorkRunner } from '../../../src/kernel/jobs/due-work-runner.js';
import { addPaymentMethod } from '../../../src/booth/billing/add-payment-method.js';
import type { ServiceContext } from '../../../src/server/context.js';
import { renewLicenses } from '../../../src/booth/licenses/renew-licenses.js';
import { usableLicenses } from '../../../src/booth/licenses/license-store.js';
import {
  findBoothInvoice,
  findBoothInvoiceBySource,
} from '../../../src/booth/billing/booth-invoice-store.js';
import type { Queryable } from '../../../src/kernel/db/database.js';
import { type Backend, backends } from '../../support/databases.js';
import { expectLedgerSound, rowCounts, startHarnessWithCards, uniqueKey } from '../../support/harness.js';

const CARD = { ok: '4242424242424242', declined: '4000000000000341' };

async function usdBalance(db: Queryable, accountId: string): Promise<string> {
  const rows = await db.query<{ b: bigint }>(
    `SELECT balance_micros AS b FROM wallet_balances WHERE account_id = $1 AND unit = 'USD'`,
    [accountId],
  );
  return (Number(rows[0]!.b) / 1e6).toFixed(2);
}

const $ = (amount: string) => ({ amount, unit: 'USD' });

/** A fresh booth on its own database and clock (Jan 1, 2026): each story starts from nothing. */
async function startBooth(backend: Backend) {
  const clock = new SimulatedClock('2026-01-01T00:00:00Z');
  const { h, fake } = await startHarnessWithCards(backend, clock);
  const ctx: ServiceContext = h.engine;
  const runner = registerLicenseWork(new DueWorkRunner(ctx));
  async function customer(card = CARD.ok) {
    const accountId = await h.openAccount();
    const saved = await addPaymentMethod(ctx, accountId, await fake.tokenize(card));
    if (!saved.ok) throw new Error(saved.failure.detail);
    return accountId;
  }
  const quote = (accountId: string, body: Record<string, unknown>) =>
    h.call('POST', `/v1/accounts/${accountId}/licenses/quote`, { body, idempotencyKey: null });
  async function buy(accountId: string, body: Record<string, unknown>, key = uniqueKey()) {
    const q = await quote(accountId, body);
    expect(q.statusCode).toBe(200);
    const res = await h.call('POST', `/v1/accounts/${accountId}/licenses`, {
      body: { ...body, expectedTotal: q.json().total },
      idempotencyKey: key,
    });
    return { quote: q.json(), res };
  }
  /** The operator's price rise to catalog version 2 (Basic $59, Pro $109, Premium $159). */
  const raisePrices = () =>
    h.app.inject({
      method: 'PUT',
      url: '/v1/booth/catalog',
      headers: { authorization: `Bearer ${h.operatorKey}`, 'idempotency-key': uniqueKey() },
      payload: {
        prices: {
          basic: { monthly: $('59.00'), annual: $('590.00') },
          pro: { monthly: $('109.00'), annual: $('1090.00') },
          premium: { monthly: $('159.00'), annual: $('1590.00') },
          enterpriseAnnual: $('1500.00'),
        },
        reason: 'price rise',
      },
    });
  return { h, ctx, runner, customer, quote, buy, raisePrices };
}
type Booth = Awaited<ReturnType<typeof startBooth>>;

/** Four Pro monthly on Jan 1, a fifth on Jan 16 (10% off, a volume credit for the four). */
async function fivePro({ h, customer, buy }: Booth) {
  const a = await customer();
  expect((await buy(a, { product: 'pro', period: 'monthly', quantity: 4 })).res.statusCode).toBe(201);
  h.clock.set('2026-01-16T00:00:00Z');
  const fifth = await buy(a, { product: 'pro', period: 'monthly', quantity: 1 });
  expect(fifth.res.statusCode).toBe(201);
  return { a, fifth };
}

for (const backend of backends) {
  describe(`booth licenses (${backend.name})`, () => {
    /** Runs one story on its own booth, closing it whatever happens. */
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
      'serves the catalog: tiers, prices, features (Premium ⊇ Pro ⊇ Basic), Enterprise',
      async ({ h }) => {
        const res = await h.call('GET', '/v1/booth/catalog', { key: h.serviceKey });
        expect(res.statusCode).toBe(200);
        const c = res.json();
        expect(
          c.tiers.map((t: { tier: string; monthly: { amount: string }; annual: { amount: string } }) => [
            t.tier,
            t.monthly.amount,
            t.annual.amount,
          ]),
        ).toEqual([
          ['basic', '49.00', '490.00'],
          ['pro', '99.00', '990.00'],
          ['premium', '149.00', '1490.00'],
        ]);
        expect(c.enterprise.annual).toEqual($('1500.00'));
        const codes = (i: number) => c.tiers[i].features.map((f: { code: string }) => f.code);
        expect(codes(2)).toEqual(expect.arrayContaining(codes(1)));
        expect(codes(1)).toEqual(expect.arrayContaining(codes(0)));
      },
    );

    story(
      'quotes the issue’s figures exactly: 7 Pro monthly $623.70, 12 Premium annual $15,198.00, 10 Basic monthly $416.50',
      async (b) => {
        const { h, customer, quote, buy } = b;
        const acct = await customer();
        const q7 = await quote(acct, { product: 'pro', period: 'monthly', quantity: 7 });
        expect(q7.json().total).toEqual($('623.70'));
        expect(
          q7.json().lines.map((l: { kind: string; amount: { amount: string } }) => [l.kind, l.amount.amount]),
        ).toEqual([
          ['purchase', '693.00'],
          ['volume_discount', '-69.30'],
        ]);
        expect(
          (await quote(acct, { product: 'premium', period: 'annual', quantity: 12 })).json().total,
        ).toEqual($('15198.00'));
        expect(
          (await quote(acct, { product: 'basic', period: 'monthly', quantity: 10 })).json().total,
        ).toEqual($('416.50'));
        // And the purchase charges exactly that.
        const before = await rowCounts(h.engine.db);
        const { res } = await buy(acct, { product: 'premium', period: 'annual', quantity: 12 });
        expect(res.statusCode).toBe(201);
        expect(res.json().total).toEqual($('15198.00'));
        const inv = await findBoothInvoice(h.engine.db, res.json().invoiceId);
        expect(inv!.status).toBe('paid');
        expect(inv!.totalMicros).toBe(15_198_000_000n);
        expect(inv!.amountPaidMicros).toBe(15_198_000_000n);
        expect((await rowCounts(h.engine.db)).booth_invoices).toBe(before.booth_invoices! + 1);
        expect(res.json().licenses).toHaveLength(12);
        expect(res.json().licenses[0].renewsAt).toBe('2027-01-01T00:00:00.000Z');
      },
    );

    story(
      'Enterprise without a base license is refused with enterprise_requires_base_license',
      async ({ h, customer, quote, buy }) => {
        const acct = await customer();
        const before = await rowCounts(h.engine.db);
        const q = await quote(acct, { product: 'enterprise', period: 'annual', quantity: 1 });
        expect(q.statusCode).toBe(422);
        expect(q.json().code).toBe('enterprise_requires_base_license');
        const p = await h.call('POST', `/v1/accounts/${acct}/licenses`, {
          body: { product: 'enterprise', period: 'annual', quantity: 1, expectedTotal: $('1500.00') },
        });
        expect(p.statusCode).toBe(422);
        expect(p.json().code).toBe('enterprise_requires_base_license');
        const after = await rowCounts(h.engine.db);
        expect(after.booth_invoices).toBe(before.booth_invoices);
        // With a base license it is sold, at $1,500.00, with no volume discount.
        expect((await buy(acct, { product: 'basic', period: 'monthly', quantity: 1 })).res.statusCode).toBe(
          201,
        );
        const addOn = await buy(acct, { product: 'enterprise', period: 'annual', quantity: 1 });
        expect(addOn.res.statusCode).toBe(201);
        expect(addOn.res.json().total).toEqual($('1500.00'));
        expect(addOn.quote.volumeDiscount.rate).toBe('0%');
      },
    );

    story(
      'an expired coupon and one at its redemption limit: total unchanged, the reason given',
      async (b) => {
        const { h, customer, quote, buy } = b;
        const mk = (body: Record<string, unknown>) =>
          h.call('POST', '/v1/booth/coupons', { body: { reason: 'test', ...body } });
        expect(
          (await mk({ code: 'old10', percentOff: 10, validUntil: '2025-12-31T00:00:00Z' })).statusCode,
        ).toBe(201);
        expect((await mk({ code: 'ONCE20', percentOff: 20, maxRedemptions: 1 })).statusCode).toBe(201);
        expect((await mk({ code: 'ONCE20', percentOff: 5 })).json().code).toBe('coupon_code_taken');
        const acct = await customer();
        const plain = (await quote(acct, { product: 'pro', period: 'monthly', quantity: 1 })).json();
        const expired = (
          await quote(acct, { product: 'pro', period: 'monthly', quantity: 1, couponCode: 'OLD10' })
        ).json();
        expect(expired.total).toEqual(plain.total);
        expect(expired.coupon).toMatchObject({ code: 'OLD10', applied: false, reason: 'coupon_expired' });
        // ONCE20 works once ...
        const first = await buy(acct, {
          product: 'pro',
          period: 'monthly',
          quantity: 1,
          couponCode: 'once20',
        });
        expect(first.res.statusCode).toBe(201);
        expect(first.res.json().total).toEqual($('79.20'));
        // ... then it is at its limit.
        const other = await customer();
        const limited = (
          await quote(other, { product: 'pro', period: 'monthly', quantity: 1, couponCode: 'ONCE20' })
        ).json();
        expect(limited.total).toEqual($('99.00'));
        expect(limited.coupon).toMatchObject({ applied: false, reason: 'coupon_redemption_limit_reached' });
        expect(limited.coupon.detail).toContain('redemption limit');
      },
    );

    story(
      'Jan 1: four Pro monthly set the anchor; a Basic for another account',
      async ({ h, customer, buy }) => {
        const a = await customer();
        const r = await buy(a, { product: 'pro', period: 'monthly', quantity: 4 });
        expect(r.res.statusCode).toBe(201);
        expect(r.res.json().total).toEqual($('396.00'));
        expect(r.res.json().licenses[0].renewsAt).toBe('2026-02-01T00:00:00.000Z');
        const e = await customer();
        expect((await buy(e, { product: 'basic', period: 'monthly', quantity: 1 })).res.statusCode).toBe(201);
        const status = (await h.call('GET', `/v1/accounts/${a}/booth-status`)).json();
        expect(status).toMatchObject({ locked: false, monthlyAnchor: '2026-01-01T00:00:00.000Z' });
      },
    );

    story('anchor Jan 1, a Pro added Jan 16 00:00 UTC → pro-rata $51.10', async ({ h, customer, buy }) => {
      const e = await customer();
      expect((await buy(e, { product: 'basic', period: 'monthly', quantity: 1 })).res.statusCode).toBe(201);
      h.clock.set('2026-01-16T00:00:00Z');
      const { quote: q, res } = await buy(e, { product: 'pro', period: 'monthly', quantity: 1 });
      expect(q.lines).toHaveLength(1);
      expect(q.lines[0]).toMatchObject({ kind: 'pro_rata', amount: $('51.10') });
      expect(q.proRata).toEqual({ remainingSeconds: 16 * 86400, cycleSeconds: 31 * 86400 });
      expect(res.statusCode).toBe(201);
      expect(res.json().total).toEqual($('51.10'));
      expect(res.json().licenses[0].renewsAt).toBe('2026-02-01T00:00:00.000Z');
    });

    story(
      '4 licenses + a 5th: the new one 10% off, a volume-discount credit for the four, applied on the next renewal',
      async (b) => {
        const { h, ctx, runner } = b;
        const { a, fifth } = await fivePro(b);
        const { quote: q, res } = fifth;
        expect(
          q.lines.map((l: { kind: string; amount: { amount: string } }) => [l.kind, l.amount.amount]),
        ).toEqual([
          ['pro_rata', '51.10'],
          ['volume_discount', '-5.11'],
        ]);
        expect(q.volumeDiscountCredit).toEqual({ amount: $('20.44'), licenses: 4 });
        expect(res.statusCode).toBe(201);
        expect(res.json().total).toEqual($('45.99'));
        const note = await findBoothInvoice(h.engine.db, res.json().volumeCreditInvoiceId);
        expect(note!.lines.map((l) => [l.kind, l.amountMicros])).toEqual([
          ['volume_discount_adjustment', -20_440_000n],
        ]);
        expect(note!.status).toBe('paid');
        expect(await usdBalance(h.engine.db, a)).toBe('20.44');

        // Feb 1: one invoice renews the five at 10% off, and the credit is applied.
        h.clock.set('2026-02-01T00:00:00Z');
        await runner.runDue();
        const renewal = await findBoothInvoiceBySource(h.engine.db, `renewal:${a}:2026-02-01T00:00:00.000Z`);
        expect(renewal!.lines.map((l) => [l.kind, l.amountMicros])).toEqual([
          ['renewal', 495_000_000n],
          ['volume_discount', -49_500_000n],
        ]);
        // The credit is one deduction from the subtotal, not a line.
        expect(renewal!.subtotalMicros).toBe(445_500_000n);
        expect(renewal!.creditAppliedMicros).toBe(20_440_000n);
        expect(renewal!.totalMicros).toBe(425_060_000n);
        expect(renewal!.status).toBe('paid');
        expect(await usdBalance(h.engine.db, a)).toBe('0.00');
        // The renewal of one (account, date) runs once: again (a crashed runner's retry) replays.
        const invoicesBefore = (await rowCounts(h.engine.db)).booth_invoices;
        const again = await renewLicenses(ctx, a, new Date('2026-02-01T00:00:00Z'));
        expect(again.ok && again.replayed).toBe(true);
        expect((await rowCounts(h.engine.db)).booth_invoices).toBe(invoicesBefore);
        const list = (await h.call('GET', `/v1/accounts/${a}/licenses`)).json().data;
        expect(list).toHaveLength(5);
        for (const l of list) expect(l.renewsAt).toBe('2026-03-01T00:00:00.000Z');
        await expectLedgerSound(h.engine.db);
      },
    );

    story(
      'a purchase is idempotent: the same key replays, another body is a conflict',
      async ({ h, customer, buy }) => {
        const e = await customer();
        const key = uniqueKey();
        const body = { product: 'basic', period: 'annual', quantity: 1 };
        const first = await buy(e, body, key);
        expect(first.res.statusCode).toBe(201);
        const again = await h.call('POST', `/v1/accounts/${e}/licenses`, {
          body: { ...body, expectedTotal: first.quote.total },
          idempotencyKey: key,
        });
        expect(again.statusCode).toBe(201);
        expect(again.headers['idempotent-replayed']).toBe('true');
        expect(again.json().orderId).toBe(first.res.json().orderId);
        const other = await h.call('POST', `/v1/accounts/${e}/licenses`, {
          body: { ...body, quantity: 2, expectedTotal: first.quote.total },
          idempotencyKey: key,
        });
        expect(other.statusCode).toBe(409);
        expect(other.json().code).toBe('idempotency_key_reused');
      },
    );

    story(
      'a declined card: the purchase fails, nothing runs, the account stays locked',
      async ({ h, customer, buy }) => {
        const acct = await customer(CARD.declined);
        const { res } = await buy(acct, { product: 'pro', period: 'monthly', quantity: 1 });
        expect(res.statusCode).toBe(402);
        expect(res.json().code).toBe('card_declined');
        expect(await usableLicenses(h.engine.db, acct, h.clock.now())).toEqual([]);
        expect((await h.call('GET', `/v1/accounts/${acct}/booth-status`)).json().locked).toBe(true);
      },
    );

    story('no default card: refused before anything is written', async ({ h }) => {
      const acct = await h.openAccount();
      const before = await rowCounts(h.engine.db);
      const res = await h.call('POST', `/v1/accounts/${acct}/licenses`, {
        body: { product: 'basic', period: 'monthly', quantity: 1, expectedTotal: $('49.00') },
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe('no_default_payment_method');
      expect(await rowCounts(h.engine.db)).toEqual(before);
    });

    story('the OpenAPI document describes the license routes', async ({ h }) => {
      const doc = (await h.app.inject({ url: '/openapi.json' })).json();
      for (const path of [
        '/v1/booth/catalog',
        '/v1/booth/coupons',
        '/v1/accounts/{accountId}/licenses/quote',
        '/v1/accounts/{accountId}/licenses',
        '/v1/accounts/{accountId}/licenses/{licenseId}/cancel-now',
        '/v1/accounts/{accountId}/booth-status',
        '/v1/accounts/{accountId}/booth-invoices/{invoiceId}/pay',
      ]) {
        expect(doc.paths[path], path).toBeDefined();
      }
    });

    story('a customer sees only their own licenses', async ({ h, runner, customer, buy }) => {
      const a = await customer();
      expect((await buy(a, { product: 'basic', period: 'monthly', quantity: 1 })).res.statusCode).toBe(201);
      h.clock.set('2026-02-01T00:00:00Z');
      await runner.runDue();
      const other = await customer();
      const created = await h.call('POST', '/v1/api-keys', { body: { role: 'customer', accountId: other } });
      const key = created.json().secret as string;
      expect((await h.call('GET', `/v1/accounts/${a}/licenses`, { key })).statusCode).toBe(404);
      expect((await h.call('GET', `/v1/accounts/${other}/licenses`, { key })).statusCode).toBe(200);
      // Another account's invoice is not found, even through the customer's own account path.
      const renewal = await findBoothInvoiceBySource(h.engine.db, `renewal:${a}:2026-02-01T00:00:00.000Z`);
      const pay = await h.call('POST', `/v1/accounts/${other}/booth-invoices/${renewal!.id}/pay`, { key });
      expect(pay.statusCode).toBe(404);
      expect(pay.json().code).toBe('booth_invoice_not_found');
      // Paying a paid invoice again answers it, reactivating nothing.
      const again = await h.call('POST', `/v1/accounts/${a}/booth-invoices/${renewal!.id}/pay`);
      expect(again.statusCode).toBe(200);
      expect(again.json()).toMatchObject({ status: 'paid', reactivatedLicenseIds: [] });
      expect((await h.call('PUT' as 'POST', '/v1/booth/catalog', { key, body: {} })).statusCode).toBe(403);
    });

    story(
      'an operator price change between quote and purchase → 409 price_changed, nothing written; a new quote buys',
      async (b) => {
        const { h, customer, quote, buy, raisePrices } = b;
        const acct = await customer();
        const body = { product: 'pro', period: 'monthly', quantity: 1 };
        const shown = (await quote(acct, body)).json();
        const put = await raisePrices();
        expect(put.statusCode).toBe(201);
        expect(put.json().version).toBe(2);
        const before = await rowCounts(h.engine.db);
        const stale = await h.call('POST', `/v1/accounts/${acct}/licenses`, {
          body: { ...body, expectedTotal: shown.total },
        });
        expect(stale.statusCode).toBe(409);
        expect(stale.json()).toMatchObject({ code: 'price_changed', total: '109.00' });
        expect(await rowCounts(h.engine.db)).toEqual(before);
        const fresh = await buy(acct, body);
        expect(fresh.res.json().total).toEqual($('109.00'));
      },
    );

    story(
      'cancel and downgrade are pending until the billing date; operator cancel-now credits the rest',
      async (b) => {
        const { h, runner, raisePrices } = b;
        // Five Pro renewed on Feb 1 at $89.10 each (10% off), then the operator's price rise.
        const { a } = await fivePro(b);
        h.clock.set('2026-02-01T00:00:00Z');
        await runner.runDue();
        expect((await raisePrices()).statusCode).toBe(201);
        const list = (await h.call('GET', `/v1/accounts/${a}/licenses`)).json().data;
        const cancel = await h.call('POST', `/v1/accounts/${a}/licenses/${list[0].id}/cancel`);
        expect(cancel.statusCode).toBe(200);
        expect(cancel.json()).toMatchObject({
          cancelAtPeriodEnd: true,
          cancelEffectiveAt: '2026-03-01T00:00:00.000Z',
          renewsAt: null,
        });
        const down = await h.call('POST', `/v1/accounts/${a}/licenses/${list[1].id}/downgrade`, {
          body: { tier: 'basic' },
        });
        expect(down.json()).toMatchObject({
          pendingDowngrade: 'basic',
          downgradeEffectiveAt: '2026-03-01T00:00:00.000Z',
        });
        const up = await h.call('POST', `/v1/accounts/${a}/licenses/${list[2].id}/downgrade`, {
          body: { tier: 'premium' },
        });
        expect(up.json().code).toBe('downgrade_not_lower');
        // Feb 16 (13 of 28 days left): cancel-now of a license that paid $89.10 → $41.37.
        h.clock.set('2026-02-16T00:00:00Z');
        const now = await h.call('POST', `/v1/accounts/${a}/licenses/${list[3].id}/cancel-now`, {
          body: { reason: 'customer request' },
        });
        expect(now.statusCode).toBe(200);
        expect(now.json().credit).toEqual($('41.37'));
        expect(now.json().license.status).toBe('removed');
        const note = await findBoothInvoice(h.engine.db, now.json().creditNoteId);
        expect(note!.lines[0]!.kind).toBe('cancellation_credit');
        // Written by the one formatter (kernel/format-rules), as the page and the PDF show it.
        expect(note!.lines[0]!.description).toBe(
          'Cancellation credit: Pro monthly, unused part of the period until 01 Mar 2026 (paid $89.10)',
        );
        expect(await usdBalance(h.engine.db, a)).toBe('41.37');
        // Mar 1: 1 removed (cancelled), 3 renew (one as Basic) at the new catalog, 3 licenses → no volume discount.
        h.clock.set('2026-03-01T00:00:00Z');
        await runner.runDue();
        const renewal = await findBoothInvoiceBySource(h.engine.db, `renewal:${a}:2026-03-01T00:00:00.000Z`);
        expect(renewal!.lines.map((l) => [l.kind, l.amountMicros])).toEqual([
          ['renewal', 59_000_000n],
          ['renewal', 218_000_000n],
        ]);
        expect(renewal!.creditAppliedMicros).toBe(41_370_000n);
        expect(renewal!.description).toBe('License renewal on 01 Mar 2026');
        expect(renewal!.totalMicros).toBe(235_630_000n);
        const after = (await h.call('GET', `/v1/accounts/${a}/licenses`)).json().data;
        expect(after.filter((l: { status: string }) => l.status === 'active')).toHaveLength(3);
        expect(after.find((l: { id: string }) => l.id === list[0].id).status).toBe('removed');
        expect(after.find((l: { id: string }) => l.id === list[1].id).tier).toBe('basic');
        await expectLedgerSound(h.engine.db);
      },
    );

    story(
      'a coupon for 2 renewals: the purchase and the next two renewals discounted, then full price',
      async (b) => {
        const { h, runner, customer, buy } = b;
        const made = await h.call('POST', '/v1/booth/coupons', {
          body: { code: 'TWICE', percentOff: 50, duration: 'repeating', durationRenewals: 2, reason: 'test' },
        });
        expect(made.statusCode).toBe(201);
        const acct = await customer();
        const first = await buy(acct, {
          product: 'basic',
          period: 'monthly',
          quantity: 1,
          couponCode: 'twice',
        });
        expect(first.res.json().total).toEqual($('24.50')); // Basic $49, 50% off
        const totals: bigint[] = [];
        for (const date of ['2026-02-01', '2026-03-01', '2026-04-01']) {
          h.clock.set(`${date}T00:00:00Z`);
          await runner.runDue();
          const inv = await findBoothInvoiceBySource(h.engine.db, `renewal:${acct}:${date}T00:00:00.000Z`);
          expect(inv!.status).toBe('paid');
          expect(inv!.totalMicros).toBe(inv!.lines.reduce((t, l) => t + l.amountMicros, 0n));
          totals.push(inv!.totalMicros);
        }
        expect(totals).toEqual([24_500_000n, 24_500_000n, 49_000_000n]);
      },
    );

    story(
      'bad input writes nothing: unknown fields, a zero quantity, a malformed total',
      async ({ h, customer }) => {
        const acct = await customer();
        const before = await rowCounts(h.engine.db);
        const bodies = [
          { product: 'pro', period: 'monthly', quantity: 1, expectedTotal: $('99.00'), discount: 'all' },
          { product: 'pro', period: 'monthly', quantity: 0, expectedTotal: $('0.00') },
          { product: 'pro', period: 'monthly', quantity: 1, expectedTotal: $('99.001') },
          { product: 'gold', period: 'monthly', quantity: 1, expectedTotal: $('99.00') },
          { product: 'enterprise', period: 'monthly', quantity: 1, expectedTotal: $('1500.00') },
        ];
        for (const body of bodies) {
          const res = await h.call('POST', `/v1/accounts/${acct}/licenses`, { body });
          expect(res.statusCode).toBe(400);
        }
        expect(await rowCounts(h.engine.db)).toEqual(before);
      },
    );

    story(
      'the last base license cancelled: the account locks on its billing date; Enterprise then does not renew',
      async (b) => {
        const { h, runner, customer, buy } = b;
        const ent = await customer();
        expect((await buy(ent, { product: 'basic', period: 'monthly', quantity: 1 })).res.statusCode).toBe(
          201,
        );
        expect(
          (await buy(ent, { product: 'enterprise', period: 'annual', quantity: 1 })).res.statusCode,
        ).toBe(201);
        const list = (await h.call('GET', `/v1/accounts/${ent}/licenses`)).json().data as {
          id: string;
          tier: string;
        }[];
        const basic = list.find((l) => l.tier === 'basic')!;
        expect((await h.call('POST', `/v1/accounts/${ent}/licenses/${basic.id}/cancel`)).statusCode).toBe(
          200,
        );
        expect((await h.call('GET', `/v1/accounts/${ent}/booth-status`)).json().locked).toBe(false);
        h.clock.set('2026-02-01T00:00:00Z');
        await runner.runDue();
        const status = (await h.call('GET', `/v1/accounts/${ent}/booth-status`)).json();
        expect(status).toMatchObject({
          locked: true,
          reason: 'no_active_base_license',
          lockedSince: '2026-02-01T00:00:00.000Z',
        });
        expect(await usableLicenses(h.engine.db, ent, h.clock.now())).toEqual([]);
        h.clock.set('2027-01-01T00:00:00Z');
        await runner.runDue();
        expect(
          await findBoothInvoiceBySource(h.engine.db, `renewal:${ent}:2027-01-01T00:00:00.000Z`),
        ).toBeUndefined();
        const after = (await h.call('GET', `/v1/accounts/${ent}/licenses`)).json().data as {
          tier: string;
          status: string;
          endReason: string;
        }[];
        expect(after.find((l) => l.tier === 'enterprise')).toMatchObject({
          status: 'removed',
          endReason: 'base_license_missing',
        });
        await expectLedgerSound(h.engine.db);
      },
    );
  });
}
