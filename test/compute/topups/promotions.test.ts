import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  MAX_BONUS_BASIS_POINTS,
  type PromotionRule,
  bonusFor,
  choosePromotion,
  evaluatePromotion,
} from '../../../src/compute/topups/promotions-rules.js';
import { SimulatedClock } from '../../../src/kernel/clock.js';
import { recordTopUp } from '../../../src/compute/topups/record-top-up.js';
import { backends } from '../../support/databases.js';
import { type FakePayPal, startFakePayPal } from '../../support/fake-paypal.js';
import { type Harness, issueKey, ledgerInvariants, rowCounts, startHarness } from '../../support/harness.js';

const T0 = new Date('2026-05-01T00:00:00Z');
const rule = (over: Partial<PromotionRule> = {}): PromotionRule => ({
  id: 'promo_a',
  name: 'Spring',
  startsAt: T0,
  endsAt: new Date('2026-06-01T00:00:00Z'),
  minTopUpMicros: 50_000_000n,
  bonus: { kind: 'percentage', basisPoints: 1000 },
  maxBonusMicros: null,
  perCustomerLimit: 1,
  createdAt: T0,
  deactivatedAt: null,
  ...over,
});
const facts = (amountMicros: bigint, at = T0, redemptions = new Map<string, number>()) => ({
  amountMicros,
  at,
  redemptions,
});

describe('promotion rules (domain)', () => {
  it('applies inside [startsAt, endsAt), at or above the minimum, under the limit', () => {
    expect(evaluatePromotion(rule(), facts(100_000_000n))).toMatchObject({
      applies: true,
      bonusMicros: 10_000_000n,
    });
    expect(evaluatePromotion(rule(), facts(50_000_000n))).toMatchObject({
      applies: true,
      bonusMicros: 5_000_000n,
    });
    expect(evaluatePromotion(rule(), facts(49_990_000n))).toMatchObject({
      applies: false,
      reason: 'below_minimum',
    });
    expect(evaluatePromotion(rule(), facts(100_000_000n, new Date(T0.getTime() - 1)))).toMatchObject({
      reason: 'not_started',
    });
    expect(evaluatePromotion(rule(), facts(100_000_000n, new Date('2026-06-01T00:00:00Z')))).toMatchObject({
      reason: 'ended',
    });
    expect(
      evaluatePromotion(rule(), facts(100_000_000n, new Date('2026-05-31T23:59:59.999Z'))),
    ).toMatchObject({ applies: true });
    expect(evaluatePromotion(rule(), facts(100_000_000n, T0, new Map([['promo_a', 1]])))).toMatchObject({
      reason: 'limit_reached',
    });
    expect(
      evaluatePromotion(rule({ perCustomerLimit: null }), facts(100_000_000n, T0, new Map([['promo_a', 9]]))),
    ).toMatchObject({ applies: true });
    expect(evaluatePromotion(rule({ deactivatedAt: T0 }), facts(100_000_000n))).toMatchObject({
      reason: 'inactive',
    });
    // A rule applies only to top-ups recorded after it was created.
    expect(
      evaluatePromotion(rule({ createdAt: new Date(T0.getTime() + 1) }), facts(100_000_000n)),
    ).toMatchObject({
      reason: 'not_started',
    });
  });

  it('rounds the bonus once, half-up, to 6 decimals, then caps it', () => {
    expect(bonusFor(rule({ bonus: { kind: 'percentage', basisPoints: 750 } }), 33_330_000n)).toBe(2_499_750n);
    expect(bonusFor(rule(), 12_345_678n)).toBe(1_234_568n); // 1.2345678 → 1.234568
    expect(bonusFor(rule(), 12_345_674n)).toBe(1_234_567n); // 1.2345674 → 1.234567
    expect(bonusFor(rule({ bonus: { kind: 'percentage', basisPoints: 1 } }), 5_000n)).toBe(1n); // 0.5 micro → 1
    expect(bonusFor(rule({ maxBonusMicros: 50_000_000n }), 1_000_000_000n)).toBe(50_000_000n);
    expect(bonusFor(rule({ bonus: { kind: 'fixed', amountMicros: 5_000_000n } }), 1n)).toBe(5_000_000n);
  });

  it('chooses the largest bonus when several apply; the earlier rule on a tie', () => {
    const a = rule({ id: 'promo_a', bonus: { kind: 'fixed', amountMicros: 7_000_000n } });
    const b = rule({ id: 'promo_b', bonus: { kind: 'percentage', basisPoints: 1000 } });
    expect(choosePromotion([a, b], facts(100_000_000n))?.promotion.id).toBe('promo_b');
    expect(choosePromotion([a, b], facts(60_000_000n))?.promotion.id).toBe('promo_a');
    const c = rule({ id: 'promo_c', createdAt: new Date(T0.getTime() - 1), bonus: a.bonus });
    expect(choosePromotion([a, c], facts(60_000_000n))?.promotion.id).toBe('promo_c');
    expect(choosePromotion([], facts(60_000_000n))).toBeUndefined();
  });

  it('property: the bonus is never negative and never above the cap', () => {
    const bonus = fc.oneof(
      fc.record({
        kind: fc.constant('percentage' as const),
        basisPoints: fc.integer({ min: -10, max: MAX_BONUS_BASIS_POINTS + 10 }),
      }),
      fc.record({
        kind: fc.constant('fixed' as const),
        amountMicros: fc.bigInt({ min: -10n, max: 10n ** 15n }),
      }),
    );
    fc.assert(
      fc.property(
        bonus,
        fc.option(fc.bigInt({ min: -5n, max: 10n ** 15n }), { nil: null }),
        fc.bigInt({ min: -5n, max: 10n ** 18n }),
        (b, cap, amount) => {
          const value = bonusFor({ bonus: b, maxBonusMicros: cap }, amount);
          expect(value >= 0n).toBe(true);
          if (cap !== null) expect(value <= (cap > 0n ? cap : 0n)).toBe(true);
          if (b.kind === 'percentage' && b.basisPoints >= 0 && amount > 0n && cap === null) {
            // Within half a micro of the exact percentage.
            const exactTimes2 = (amount * BigInt(b.basisPoints) * 2n) / 10_000n;
            expect(value * 2n - exactTimes2 <= 1n && exactTimes2 - value * 2n <= 1n).toBe(true);
          }
        },
      ),
    );
  });
});

for (const backend of backends) {
  describe(`promotions at top-up (${backend.name})`, () => {
    let h: Harness;
    let fake: FakePayPal;
    beforeAll(async () => {
      const clock = new SimulatedClock('2026-05-01T12:00:00Z');
      fake = await startFakePayPal({ clock });
      h = await startHarness(backend, { clock, payments: { paypal: fake.client() } });
    });
    afterAll(async () => {
      await h.close();
      await fake.close();
    });
    // Promotions apply to every customer: each test ends its own.
    afterEach(async () => {
      for (const p of (await h.call('GET', '/v1/promotions?active=true')).json().data) {
        await h.call('POST', `/v1/promotions/${p.id}/deactivate`, { body: { reason: 'test over' } });
      }
      h.clock.advance(1000);
    });

    const createPromotion = async (body: Record<string, unknown>) => {
      const res = await h.call('POST', '/v1/promotions', {
        body: {
          name: 'Spring bonus',
          startsAt: '2026-05-01T00:00:00Z',
          endsAt: '2026-06-01T00:00:00Z',
          reason: 'Spring campaign',
          ...body,
        },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json();
    };
    const quote = async (accountId: string, amount: string) =>
      (
        await h.call('POST', `/v1/accounts/${accountId}/top-ups/quote`, {
          body: { amount: { amount, unit: 'USD' } },
        })
      ).json();
    const payPalTopUp = async (accountId: string, amount: string) => {
      const created = await h.call('POST', `/v1/accounts/${accountId}/top-ups/paypal`, {
        body: { amount: { amount, unit: 'USD' } },
      });
      expect(created.statusCode, created.body).toBe(201);
      const order = created.json().order;
      fake.sandbox.approve(order.paypalOrderId);
      const res = await h.call('POST', `/v1/accounts/${accountId}/top-ups/paypal/${order.id}/capture`);
      expect(res.statusCode, res.body).toBe(200);
      return { created: created.json(), captured: res.json() };
    };
    // Credit history only: every account also holds its welcome-token Promotion.
    const transactions = async (accountId: string, kind: string) =>
      (await h.call('GET', `/v1/accounts/${accountId}/transactions?kind=${kind}&unit=CREDIT`)).json().data;
    const credit = async (accountId: string) =>
      (await h.call('GET', `/v1/accounts/${accountId}/balances`)).json().balances[0].balance;

    it('10% on top-ups ≥ $50, once per customer: the quote shows it, the first top-up gets a separate Promotion, the second does not', async () => {
      const promo = await createPromotion({
        minimumTopUp: { amount: '50', unit: 'USD' },
        bonus: { type: 'percentage', basisPoints: 1000 },
        perCustomerLimit: 1,
      });
      expect(promo).toMatchObject({
        id: expect.stringMatching(/^promo_[0-9a-v]{24}$/),
        minimumTopUp: { amount: '50.00', unit: 'USD' },
        bonus: { type: 'percentage', basisPoints: 1000 },
        maximumBonus: null,
        perCustomerLimit: 1,
        active: true,
      });
      const accountId = await h.openAccount();
      const summary = await quote(accountId, '100');
      expect(summary).toMatchObject({
        total: { amount: '104.70', unit: 'USD' },
        credits: { amount: '100.000000', unit: 'CREDIT' },
        promotion: { id: promo.id, name: 'Spring bonus', bonus: { amount: '10.000000', unit: 'CREDIT' } },
      });
      expect((await quote(accountId, '49.99')).promotion).toBeNull();

      const first = await payPalTopUp(accountId, '100');
      expect(first.created.quote.promotion.bonus.amount).toBe('10.000000');
      expect(first.captured.payment.amount).toEqual({ amount: '100.000000', unit: 'CREDIT' });
      expect(first.captured.promotion).toMatchObject({
        kind: 'promotion',
        amount: { amount: '10.000000', unit: 'CREDIT' },
        description: 'Promotion: Spring bonus',
        metadata: { promotionId: promo.id, paymentTransactionId: first.captured.payment.id },
      });
      expect(first.captured.promotion.id).not.toBe(first.captured.payment.id);
      expect(await credit(accountId)).toBe('110.000000');
      const transfers = await h.engine.db.query<{ debit_account_id: string; amount_micros: bigint }>(
        'SELECT debit_account_id, amount_micros FROM transfers WHERE transaction_id = $1',
        [first.captured.promotion.id],
      );
      expect(transfers).toEqual([
        { debit_account_id: 'system:promotions:CREDIT', amount_micros: 10_000_000n },
      ]);

      // Capturing again replays both; no second bonus.
      const order = first.captured.order;
      const again = (
        await h.call('POST', `/v1/accounts/${accountId}/top-ups/paypal/${order.id}/capture`)
      ).json();
      expect(again.promotion.id).toBe(first.captured.promotion.id);

      expect((await quote(accountId, '100')).promotion).toBeNull();
      const second = await payPalTopUp(accountId, '100');
      expect(second.captured.promotion).toBeNull();
      expect(await credit(accountId)).toBe('210.000000');
      expect(await transactions(accountId, 'promotion')).toHaveLength(1);
      expect(await transactions(accountId, 'payment')).toHaveLength(2);

      // Another customer still gets it.
      const other = await h.openAccount();
      expect((await payPalTopUp(other, '50')).captured.promotion.amount.amount).toBe('5.000000');
      const { sums } = await ledgerInvariants(h.engine.db);
      for (const s of sums) expect(s.total).toBe(0n);
    });

    it('an expired window, a window not yet open, or a deactivated promotion gives no bonus', async () => {
      await createPromotion({
        name: 'April',
        startsAt: '2026-04-01T00:00:00Z',
        endsAt: '2026-05-01T00:00:00Z',
        bonus: { type: 'fixed', amount: { amount: '5', unit: 'CREDIT' } },
      });
      await createPromotion({
        name: 'Summer',
        startsAt: '2026-07-01T00:00:00Z',
        endsAt: null,
        bonus: { type: 'fixed', amount: { amount: '5', unit: 'CREDIT' } },
      });
      const ended = await createPromotion({ name: 'Flash', bonus: { type: 'percentage', basisPoints: 500 } });
      const deactivated = await h.call('POST', `/v1/promotions/${ended.id}/deactivate`, {
        body: { reason: 'budget spent' },
      });
      expect(deactivated.json()).toMatchObject({ active: false, deactivatedAt: expect.any(String) });
      const accountId = await h.openAccount();
      expect((await quote(accountId, '100')).promotion).toBeNull();
      const { captured } = await payPalTopUp(accountId, '100');
      expect(captured.promotion).toBeNull();
      expect(await transactions(accountId, 'promotion')).toHaveLength(0);
    });

    it('caps a percentage bonus at maximumBonus, and rounds once to 6 decimals', async () => {
      await createPromotion({
        bonus: { type: 'percentage', basisPoints: 1000 },
        maximumBonus: { amount: '50', unit: 'CREDIT' },
      });
      const big = await h.openAccount();
      expect((await quote(big, '1000')).promotion.bonus.amount).toBe('50.000000');
      expect((await payPalTopUp(big, '1000')).captured.promotion.amount.amount).toBe('50.000000');
      // USDT amounts carry 6 decimals: 12.345678 × 10 % = 1.2345678 → 1.234568.
      const usdt = await h.openAccount();
      const paid = await recordTopUp(h.engine, {
        accountId: usdt,
        rail: 'usdt',
        amountMicros: 12_345_678n,
        sourceId: '0xabc:1',
        description: 'USDT deposit',
      });
      expect(paid.ok).toBe(true);
      const bonus = await transactions(usdt, 'promotion');
      expect(bonus.map((t: { amount: { amount: string } }) => t.amount.amount)).toEqual(['1.234568']);
    });

    it('USDT top-ups through recordTopUp get promotions too, once per deposit however often it is reported', async () => {
      await createPromotion({
        bonus: { type: 'fixed', amount: { amount: '2.5', unit: 'CREDIT' } },
        perCustomerLimit: 3,
      });
      const accountId = await h.openAccount();
      const deposit = (sourceId: string) =>
        recordTopUp(h.engine, {
          accountId,
          rail: 'usdt',
          amountMicros: 20_000_000n,
          sourceId,
          description: 'USDT deposit',
        });
      const reports = await Promise.all([deposit('0xdef:0'), deposit('0xdef:0'), deposit('0xdef:0')]);
      expect(new Set(reports.map((r) => r.ok && r.value.id)).size).toBe(1);
      expect(await credit(accountId)).toBe('22.500000');
      expect(await transactions(accountId, 'promotion')).toHaveLength(1);
    });

    it('concurrent top-ups racing for a once-per-customer promotion → exactly one bonus', async () => {
      await createPromotion({ bonus: { type: 'percentage', basisPoints: 2000 }, perCustomerLimit: 1 });
      const accountId = await h.openAccount();
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          recordTopUp(h.engine, {
            accountId,
            rail: 'usdt',
            amountMicros: 10_000_000n,
            sourceId: `0xrace:${i}`,
            description: 'USDT deposit',
          }),
        ),
      );
      expect(results.every((r) => r.ok)).toBe(true);
      expect(await transactions(accountId, 'payment')).toHaveLength(6);
      const bonuses = await transactions(accountId, 'promotion');
      expect(bonuses.map((t: { amount: { amount: string } }) => t.amount.amount)).toEqual(['2.000000']);
      expect(await credit(accountId)).toBe('62.000000');
    });

    it('operators create, list and deactivate promotions, each audited; others may not', async () => {
      const promo = await createPromotion({
        bonus: { type: 'percentage', basisPoints: 500 },
        reason: 'Launch week',
      });
      const listed = (await h.call('GET', '/v1/promotions')).json().data;
      expect(listed[0]).toMatchObject({ id: promo.id, createdBy: h.operator.id });
      expect(
        (await h.call('GET', '/v1/promotions?active=true')).json().data.map((p: { id: string }) => p.id),
      ).toEqual([promo.id]);
      const off = await h.call('POST', `/v1/promotions/${promo.id}/deactivate`, {
        body: { reason: 'Ended early' },
      });
      expect(off.statusCode).toBe(200);
      const offAgain = await h.call('POST', `/v1/promotions/${promo.id}/deactivate`, {
        body: { reason: 'Twice' },
      });
      expect(offAgain.json().deactivatedAt).toBe(off.json().deactivatedAt);
      const audit = await h.engine.db.query<{ actor: string; action: string; reason: string }>(
        'SELECT actor, action, reason FROM audit_log WHERE subject = $1 ORDER BY seq',
        [promo.id],
      );
      expect(audit).toEqual([
        { actor: h.operator.id, action: 'promotion.create', reason: 'Launch week' },
        { actor: h.operator.id, action: 'promotion.deactivate', reason: 'Ended early' },
      ]);
      const accountId = await h.openAccount();
      const customer = await issueKey(h.engine, 'customer', accountId);
      const denied = await h.call('POST', '/v1/promotions', {
        key: customer.secret,
        body: {
          name: 'Mine',
          startsAt: '2026-05-01T00:00:00Z',
          bonus: { type: 'percentage', basisPoints: 9000 },
          reason: 'x',
        },
      });
      expect(denied.statusCode).toBe(403);
      expect((await h.call('GET', '/v1/promotions', { key: h.serviceKey })).statusCode).toBe(403);
      expect(
        (await h.call('POST', '/v1/promotions/promo_nope/deactivate', { body: { reason: 'x' } })).json().code,
      ).toBe('promotion_not_found');
    });

    it('bad promotion input → 400 problem+json, nothing written', async () => {
      const before = await rowCounts(h.engine.db);
      const base = {
        name: 'Bad',
        startsAt: '2026-05-01T00:00:00Z',
        bonus: { type: 'percentage', basisPoints: 1000 },
        reason: 'test',
      };
      const cases: [Record<string, unknown>, string, string][] = [
        [{ ...base, endsAt: '2026-04-01T00:00:00Z' }, 'invalid_request', 'endsAt'],
        [
          { ...base, bonus: { type: 'percentage', basisPoints: 0 } },
          'validation_failed',
          'bonus.basisPoints',
        ],
        [
          { ...base, bonus: { type: 'percentage', basisPoints: 12.5 } },
          'validation_failed',
          'bonus.basisPoints',
        ],
        [
          { ...base, bonus: { type: 'fixed', amount: { amount: '0', unit: 'CREDIT' } } },
          'invalid_amount',
          'bonus.amount.amount',
        ],
        [{ ...base, bonus: { type: 'bogus' } }, 'validation_failed', 'bonus.type'],
        [
          { ...base, minimumTopUp: { amount: '10.001', unit: 'USD' } },
          'invalid_amount',
          'minimumTopUp.amount',
        ],
        [{ ...base, perCustomerLimit: 0 }, 'validation_failed', 'perCustomerLimit'],
        [{ ...base, startsAt: 'tomorrow' }, 'validation_failed', 'startsAt'],
        [{ ...base, stackable: true }, 'unknown_field', 'stackable'],
        [{ ...base, reason: '' }, 'validation_failed', 'reason'],
      ];
      for (const [body, code, field] of cases) {
        const res = await h.call('POST', '/v1/promotions', { body });
        expect(res.statusCode, `${JSON.stringify(body)}: ${res.body}`).toBe(400);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.json()).toMatchObject({ code, field });
      }
      expect(await rowCounts(h.engine.db)).toEqual(before);
    });
  });
}
