import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../src/kernel/clock.js';
import { registerLicenseWork } from '../../../src/booth/licenses/license-work.js';
import { DueWorkRunner } from '../../../src/kernel/jobs/due-work-runner.js';
import { addPaymentMethod } from '../../../src/booth/billing/add-payment-method.js';
import type { ServiceContext } from '../../../src/server/context.js';
import { findBoothInvoice } from '../../../src/booth/billing/booth-invoice-store.js';
import { backends } from '../../support/databases.js';
import type { FakeCardProcessor } from '../../support/fake-card-processor.js';
import {
  type Harness,
  expectLedgerSound,
  rowCounts,
  startHarnessWithCards,
  uniqueKey,
} from '../../support/harness.js';

const CARD = { ok: '4242424242424242' };
const $ = (amount: string) => ({ amount, unit: 'USD' });

for (const backend of backends) {
  describe(`booth licenses at their edges (${backend.name})`, () => {
    let h: Harness;
    let fake: FakeCardProcessor;
    let ctx: ServiceContext;
    let runner: DueWorkRunner<ServiceContext>;
    const clock = new SimulatedClock('2026-01-01T00:00:00Z');

    beforeAll(async () => {
      ({ h, fake } = await startHarnessWithCards(backend, clock));
      ctx = h.engine;
      runner = registerLicenseWork(new DueWorkRunner(ctx));
      const coupon = await h.call('POST', '/v1/booth/coupons', {
        body: { code: 'TWENTY', percentOff: 20, reason: 'issue 16 figures' },
      });
      expect(coupon.statusCode, coupon.body).toBe(201);
    });
    afterAll(async () => {
      await h?.close();
    });

    async function customer(card = CARD.ok) {
      const accountId = await h.openAccount();
      const saved = await addPaymentMethod(ctx, accountId, await fake.tokenize(card));
      if (!saved.ok) throw new Error(saved.failure.detail);
      return accountId;
    }
    async function buy(accountId: string, body: Record<string, unknown>) {
      const q = await h.call('POST', `/v1/accounts/${accountId}/licenses/quote`, {
        body,
        idempotencyKey: null,
      });
      expect(q.statusCode, q.body).toBe(200);
      const res = await h.call('POST', `/v1/accounts/${accountId}/licenses`, {
        body: { ...body, expectedTotal: q.json().total },
        idempotencyKey: uniqueKey('buy'),
      });
      return { quote: q.json(), res };
    }
    const licenses = async (accountId: string) =>
      (await h.call('GET', `/v1/accounts/${accountId}/licenses`)).json().data as {
        id: string;
        tier: string;
        status: string;
        listPrice: { amount: string };
        billedPrice: { amount: string };
        purchasedAt: string;
        cancelAtPeriodEnd: boolean;
        renewsAt: string | null;
        pendingDowngrade: string | null;
      }[];

    it('volume-discount credit on what was paid: a $79.20 license, then a purchase crossing to 5 → $7.92', async () => {
      const acct = await customer();
      const first = await buy(acct, { product: 'pro', period: 'monthly', quantity: 1, couponCode: 'TWENTY' });
      expect(first.res.statusCode, first.res.body).toBe(201);
      expect(first.res.json().total).toEqual($('79.20'));
      // Same instant: 4 more → 5 active, 10% on the four new ones and a credit on the first.
      const second = await buy(acct, { product: 'pro', period: 'monthly', quantity: 4 });
      expect(second.res.statusCode, second.res.body).toBe(201);
      expect(second.quote.volumeDiscountCredit).toEqual({ amount: $('7.92'), licenses: 1 });
      expect(second.res.json().total).toEqual($('356.40'));
      const note = await findBoothInvoice(h.engine.db, second.res.json().volumeCreditInvoiceId);
      expect(note!.totalMicros).toBe(-7_920_000n);

      // The list shows each license's id, purchase date and the price it is billed at.
      const list = await licenses(acct);
      expect(list).toHaveLength(5);
      expect(new Set(list.map((l) => l.id)).size).toBe(5);
      expect(list.map((l) => l.billedPrice.amount).sort()).toEqual([
        '71.28',
        '89.10',
        '89.10',
        '89.10',
        '89.10',
      ]);
      expect(list.every((l) => l.listPrice.amount === '99.00')).toBe(true);
      expect(list.every((l) => l.purchasedAt === '2026-01-01T00:00:00.000Z')).toBe(true);
      await expectLedgerSound(h.engine.db);
    });

    it('a cancellation and a pending downgrade can be undone before their date (API), and only by the account', async () => {
      const acct = await customer();
      const bought = await buy(acct, { product: 'pro', period: 'monthly', quantity: 1 });
      expect(bought.res.statusCode).toBe(201);
      const [lic] = await licenses(acct);
      const path = `/v1/accounts/${acct}/licenses/${lic!.id}`;
      const nothing = await h.call('POST', `${path}/undo-cancel`);
      expect(nothing.statusCode).toBe(409);
      expect(nothing.json().code).toBe('nothing_to_undo');
      expect((await h.call('POST', `${path}/cancel`)).json()).toMatchObject({
        cancelAtPeriodEnd: true,
        renewsAt: null,
      });
      const undone = await h.call('POST', `${path}/undo-cancel`);
      expect(undone.statusCode, undone.body).toBe(200);
      expect(undone.json()).toMatchObject({ cancelAtPeriodEnd: false, renewsAt: '2026-02-01T00:00:00.000Z' });
      expect(
        (await h.call('POST', `${path}/downgrade`, { body: { tier: 'basic' } })).json().pendingDowngrade,
      ).toBe('basic');
      const back = await h.call('POST', `${path}/undo-downgrade`);
      expect(back.json()).toMatchObject({ pendingDowngrade: null, downgradeEffectiveAt: null });
      // Another account cannot undo it.
      const other = await customer();
      const before = await rowCounts(h.engine.db);
      expect((await h.call('POST', `/v1/accounts/${other}/licenses/${lic!.id}/undo-cancel`)).statusCode).toBe(
        404,
      );
      expect(await rowCounts(h.engine.db)).toEqual(before);
    });

    async function startedEvent(accountId: string) {
      const tpl = await h.app.inject({
        method: 'PUT',
        url: `/v1/accounts/${accountId}/booth/templates/ai`,
        headers: { authorization: `Bearer ${h.serviceKey}` },
        payload: { name: 'AI portrait', outputs: [{ kind: 'ai_image_high', count: 1 }] },
      });
      expect(tpl.statusCode, tpl.body).toBe(200);
      const event = await h.call('POST', `/v1/accounts/${accountId}/events`, {
        key: h.serviceKey,
        body: { name: 'Gala', templateIds: ['ai'] },
      });
      expect(event.json().tag).toBe('pro');
      const started = await h.call('POST', `/v1/accounts/${accountId}/events/${event.json().id}/start`, {
        key: h.serviceKey,
      });
      expect(started.json().status).toBe('running');
      return event.json().id as string;
    }
    const eventOf = async (accountId: string, eventId: string) =>
      (await h.call('GET', `/v1/accounts/${accountId}/events`))
        .json()
        .data.find((e: { id: string }) => e.id === eventId) as {
        status: string;
        pauseReason: string | null;
        license: { id: string } | null;
      };

    it('a downgrade applied at renewal pauses the running event its tier no longer covers, with a reason', async () => {
      const acct = await customer();
      expect((await buy(acct, { product: 'pro', period: 'monthly', quantity: 1 })).res.statusCode).toBe(201);
      const eventId = await startedEvent(acct);
      const [lic] = await licenses(acct);
      await h.call('POST', `/v1/accounts/${acct}/licenses/${lic!.id}/downgrade`, { body: { tier: 'basic' } });
      // Until the renewal the event runs on its Pro license.
      clock.set('2026-01-31T23:59:59Z');
      await runner.runDue();
      expect((await eventOf(acct, eventId)).status).toBe('running');
      clock.set('2026-02-01T00:00:01Z');
      await runner.runDue();
      const [after] = await licenses(acct);
      expect(after).toMatchObject({ tier: 'basic', status: 'active', billedPrice: $('49.00') });
      const event = await eventOf(acct, eventId);
      expect(event.status).toBe('paused');
      expect(event.pauseReason).toMatch(/^license_downgraded: /);
      expect(event.license).toBeNull();
      const start = await h.call('POST', `/v1/accounts/${acct}/events/${eventId}/start`, {
        key: h.serviceKey,
      });
      expect(start.json()).toMatchObject({ code: 'no_license_available', requiredTier: 'pro' });
    });

    it('events paused by the account lock resume when the open renewal invoice is paid', async () => {
      const acct = await customer();
      expect((await buy(acct, { product: 'pro', period: 'monthly', quantity: 1 })).res.statusCode).toBe(201);
      const eventId = await startedEvent(acct);
      // The default card now declines: the renewal on Mar 1 leaves an open invoice and locks.
      const declining = await addPaymentMethod(ctx, acct, await fake.tokenize('4000000000000341'));
      if (!declining.ok) throw new Error(declining.failure.detail);
      await h.call('POST', `/v1/accounts/${acct}/payment-methods/${declining.value.id}/default`);
      clock.set('2026-03-01T00:00:01Z');
      await runner.runDue();
      const locked = await eventOf(acct, eventId);
      expect(locked.status).toBe('paused');
      expect(locked.pauseReason).toMatch(/^account_locked: /);
      const [lic] = await licenses(acct);
      expect(lic!.status).toBe('expired');
      const openInvoice = (lic as unknown as { openInvoiceId: string }).openInvoiceId;

      const good = await addPaymentMethod(ctx, acct, await fake.tokenize(CARD.ok));
      if (!good.ok) throw new Error(good.failure.detail);
      await h.call('POST', `/v1/accounts/${acct}/payment-methods/${good.value.id}/default`);
      clock.set('2026-03-02T09:00:00Z');
      const paid = await h.call('POST', `/v1/accounts/${acct}/booth-invoices/${openInvoice}/pay`);
      expect(paid.statusCode, paid.body).toBe(200);
      const resumed = await eventOf(acct, eventId);
      expect(resumed).toMatchObject({ status: 'running', pauseReason: null, license: { id: lic!.id } });
      const notes = await h.engine.db.query<{ type: string; payload: Record<string, string> }>(
        `SELECT type, payload FROM notifications WHERE account_id = $1 AND type = 'booth.event_resumed'`,
        [acct],
      );
      expect(notes).toEqual([
        {
          type: 'booth.event_resumed',
          payload: { eventId, licenseId: lic!.id, reason: 'account_reactivated' },
        },
      ]);
      await expectLedgerSound(h.engine.db);
    });

    it('Enterprise: refused while every base license cancels; entitlements switch on, off (no base) and on again', async () => {
      const acct = await customer();
      const status = async () => (await h.call('GET', `/v1/accounts/${acct}/booth-status`)).json();
      const ENT = { product: 'enterprise', period: 'annual', quantity: 1 };
      const off = { whiteLabel: false, customDomain: false, brandedEmails: false, dedicatedSupport: false };
      const on = { whiteLabel: true, customDomain: true, brandedEmails: true, dedicatedSupport: true };
      expect((await buy(acct, { product: 'basic', period: 'monthly', quantity: 1 })).res.statusCode).toBe(
        201,
      );
      expect(await status()).toMatchObject({ enterprise: { status: 'none' }, entitlements: off });
      const [base] = await licenses(acct);
      await h.call('POST', `/v1/accounts/${acct}/licenses/${base!.id}/cancel`);

      const before = await rowCounts(h.engine.db);
      const refused = await h.call('POST', `/v1/accounts/${acct}/licenses/quote`, {
        body: ENT,
        idempotencyKey: null,
      });
      expect(refused.statusCode).toBe(422);
      expect(refused.json()).toMatchObject({ code: 'enterprise_base_cancelling' });
      expect(refused.headers['content-type']).toContain('application/problem+json');
      const bought0 = await h.call('POST', `/v1/accounts/${acct}/licenses`, {
        body: { ...ENT, expectedTotal: $('1500.00') },
      });
      expect(bought0.json().code).toBe('enterprise_base_cancelling');
      expect(await rowCounts(h.engine.db)).toEqual(before);

      await h.call('POST', `/v1/accounts/${acct}/licenses/${base!.id}/undo-cancel`);
      const ent = await buy(acct, ENT);
      expect(ent.res.statusCode, ent.res.body).toBe(201);
      expect(ent.res.json().total).toEqual($('1500.00'));
      const active = await status();
      expect(active).toMatchObject({ enterprise: { status: 'active', reason: null }, entitlements: on });
      expect(active.enterprise.renewsAt).toBe('2027-03-02T09:00:00.000Z');

      // The base license is cancelled and ends at its billing date: Enterprise is suspended.
      await h.call('POST', `/v1/accounts/${acct}/licenses/${base!.id}/cancel`);
      clock.set('2026-04-02T09:00:01Z');
      await runner.runDue();
      const suspended = await status();
      expect(suspended).toMatchObject({
        locked: true,
        enterprise: { status: 'suspended' },
        entitlements: off,
      });
      expect(suspended.enterprise.reason).toMatch(/needs an active Basic, Pro or Premium license/);
      // Buying a base license again resumes it.
      expect((await buy(acct, { product: 'basic', period: 'monthly', quantity: 1 })).res.statusCode).toBe(
        201,
      );
      expect(await status()).toMatchObject({ enterprise: { status: 'active' }, entitlements: on });
    });

    it('refuses quantity 0 and above 1,000 with problem+json, writing nothing', async () => {
      const acct = await customer();
      const before = await rowCounts(h.engine.db);
      for (const quantity of [0, 1001, -1]) {
        const res = await h.call('POST', `/v1/accounts/${acct}/licenses`, {
          body: { product: 'pro', period: 'monthly', quantity, expectedTotal: $('99.00') },
        });
        expect(res.statusCode).toBe(400);
        expect(res.headers['content-type']).toContain('application/problem+json');
      }
      expect(await rowCounts(h.engine.db)).toEqual(before);
    });

    it('auto top-up buys exactly one pack per crossing, re-arms above the threshold; bad settings are 4xx', async () => {
      const acct = await customer();
      expect((await buy(acct, { product: 'pro', period: 'monthly', quantity: 1 })).res.statusCode).toBe(201);
      const eventId = await startedEvent(acct);
      const url = `/v1/accounts/${acct}/tokens/auto-top-up`;
      const put = (body: unknown) =>
        h.app.inject({
          method: 'PUT',
          url,
          headers: { authorization: `Bearer ${h.operatorKey}` },
          payload: body as object,
        });
      for (const bad of [
        { enabled: true, threshold: '-1', pack: 100 },
        { enabled: true, threshold: '20', pack: 100, maxPerDay: 0 },
      ]) {
        const res = await put(bad);
        expect(res.statusCode).toBe(400);
        expect(res.headers['content-type']).toContain('application/problem+json');
      }
      const noPack = await put({ enabled: true, threshold: '20', pack: 150 });
      expect(noPack.statusCode).toBe(422);
      expect(noPack.json().code).toBe('auto_topup_pack_not_found');
      expect(
        await h.engine.db.query('SELECT 1 FROM booth_auto_topups WHERE account_id = $1', [acct]),
      ).toHaveLength(0);

      const set = await put({ enabled: true, threshold: '20', pack: 100, maxPerDay: 2 });
      expect(set.statusCode, set.body).toBe(200);
      expect(set.json()).toMatchObject({ enabled: true, armed: true, crossings: 0 });
      let n = 0;
      const report = (count: number) =>
        h.call('POST', `/v1/accounts/${acct}/events/${eventId}/outputs`, {
          key: h.serviceKey,
          body: {
            outputs: Array.from({ length: count }, () => ({
              outputId: `o-${++n}`,
              sessionId: 's',
              kind: 'ai_image_high',
            })),
          },
        });
      const autoPacks = async () =>
        (
          await h.engine.db.query(
            `SELECT 1 FROM booth_token_purchases WHERE account_id = $1 AND idempotency_key LIKE 'auto-topup:%' AND status = 'paid'`,
            [acct],
          )
        ).length;
      const balance = async () =>
        (await h.call('GET', `/v1/accounts/${acct}/tokens`)).json().available.amount;
      // 25 welcome tokens − 3 × 2 = 19 < 20: one crossing.
      expect((await report(3)).json().balance.amount).toBe('19.000000');
      expect((await report(1)).json().balance.amount).toBe('17.000000'); // still below: the same crossing
      await runner.runDue();
      await runner.runDue();
      expect(await autoPacks()).toBe(1);
      expect(await balance()).toBe('117.000000');
      expect((await h.call('GET', url)).json()).toMatchObject({ armed: true, crossings: 1 });
      // Down to 17 again in one report: the second crossing buys the second pack, once.
      expect((await report(50)).json().balance.amount).toBe('17.000000');
      await runner.runDue();
      await runner.runDue();
      expect(await autoPacks()).toBe(2);
      expect(await balance()).toBe('117.000000');
      const notes = await h.engine.db.query(
        `SELECT 1 FROM notifications WHERE account_id = $1 AND type = 'booth.auto_topup'`,
        [acct],
      );
      expect(notes).toHaveLength(2);
      await expectLedgerSound(h.engine.db);
    });
  });
}
