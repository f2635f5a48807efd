import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CouponDefinition,
  DEFAULT_ENTERPRISE_FEATURES,
  DEFAULT_FEATURES,
  DEFAULT_PRICES,
  type LicenseCatalog,
  type QuoteContext,
  TIERS,
  addMonthsClamped,
  annualRenewal,
  cancellationCredit,
  couponDiscount,
  describeCoupon,
  evaluateCoupon,
  featuresOf,
  monthlyCycle,
  percentOfBp,
  quotePurchase,
  quoteRenewal,
  roundToCents,
  sumLines,
  volumeDiscountCredit,
  volumeRateBp,
  yearlyCycle,
} from '../../../src/booth/licenses/licensing-rules.js';
import { formatAmount } from '../../../src/kernel/money.js';
import { SEED_OUTPUTS } from '../../support/booth-catalog.js';

const at = (iso: string) => new Date(iso);
const usd = (m: bigint) => formatAmount(m, 'USD');
const catalog: LicenseCatalog = {
  version: 1,
  prices: DEFAULT_PRICES,
  features: DEFAULT_FEATURES,
  enterpriseFeatures: DEFAULT_ENTERPRISE_FEATURES,
  outputs: SEED_OUTPUTS,
};
const ctx = (over: Partial<QuoteContext> = {}): QuoteContext => ({
  at: at('2026-01-01T00:00:00Z'),
  catalog,
  activeDeviceLicenses: 0,
  monthlyAnchor: null,
  coupon: { status: 'none' },
  accountCreditMicros: 0n,
  running: [],
  ...over,
});
const coupon = (over: Partial<CouponDefinition> = {}): CouponDefinition => ({
  id: 'cpn_1',
  code: 'SAVE20',
  percentBp: 2000,
  amountOffMicros: null,
  validFrom: null,
  validUntil: null,
  maxRedemptions: null,
  duration: 'once',
  durationRenewals: null,
  ...over,
});

describe('license pricing: the issue’s figures', () => {
  it('7 Pro monthly at once → $623.70 (10% volume discount)', () => {
    const q = quotePurchase({ product: 'pro', period: 'monthly', quantity: 7 }, ctx());
    expect(q.lines.map((l) => [l.kind, usd(l.amountMicros)])).toEqual([
      ['purchase', '693.00'],
      ['volume_discount', '-69.30'],
    ]);
    expect(usd(q.totalMicros)).toBe('623.70');
  });

  it('12 Premium annual → $15,198.00 (15%)', () => {
    const q = quotePurchase({ product: 'premium', period: 'annual', quantity: 12 }, ctx());
    expect(usd(q.totalMicros)).toBe('15198.00');
    expect(q.periodEnd).toEqual(at('2027-01-01T00:00:00Z'));
  });

  it('10 Basic monthly → $416.50 (15%)', () => {
    const q = quotePurchase({ product: 'basic', period: 'monthly', quantity: 10 }, ctx());
    expect(usd(q.totalMicros)).toBe('416.50');
  });

  it('anchor Jan 1, one Pro added Jan 16 00:00 UTC → pro-rata $51.10 (16 of 31 days)', () => {
    const q = quotePurchase(
      { product: 'pro', period: 'monthly', quantity: 1 },
      ctx({
        at: at('2026-01-16T00:00:00Z'),
        monthlyAnchor: at('2026-01-01T00:00:00Z'),
        activeDeviceLicenses: 1,
      }),
    );
    expect(q.lines).toHaveLength(1);
    expect(q.lines[0]!.kind).toBe('pro_rata');
    expect(usd(q.totalMicros)).toBe('51.10');
    expect(q.proRata).toEqual({ remainingSeconds: 16n * 86400n, cycleSeconds: 31n * 86400n });
    expect(q.periodEnd).toEqual(at('2026-02-01T00:00:00Z'));
    // Described in days and dates by the one formatter (kernel/format-rules.ts), not in seconds.
    expect(q.lines[0]!.description).toBe(
      'Pro monthly × 1 at $99.00/month, pro-rata 16 Jan – 01 Feb 2026: 16 of 31 days',
    );
    // A few seconds later (the purchase after the quote) the text is the same: whole days.
    const later = quotePurchase(
      { product: 'pro', period: 'monthly', quantity: 1 },
      ctx({
        at: at('2026-01-16T00:00:06Z'),
        monthlyAnchor: at('2026-01-01T00:00:00Z'),
        activeDeviceLicenses: 1,
      }),
    );
    expect(later.lines[0]!.description).toBe(q.lines[0]!.description);
  });

  it('4 licenses + a 5th → the 5th 10% off, and a credit for the four for the rest of their period', () => {
    const running = [1, 2, 3, 4].map((i) => ({
      id: `lic_${i}`,
      periodBilledMicros: 99_000_000n,
      volumeRateBp: 0,
      currentPeriodStart: at('2026-01-01T00:00:00Z'),
      currentPeriodEnd: at('2026-02-01T00:00:00Z'),
    }));
    const q = quotePurchase(
      { product: 'pro', period: 'monthly', quantity: 1 },
      ctx({
        at: at('2026-01-16T00:00:00Z'),
        monthlyAnchor: at('2026-01-01T00:00:00Z'),
        activeDeviceLicenses: 4,
        running,
      }),
    );
    expect(q.lines.map((l) => [l.kind, usd(l.amountMicros)])).toEqual([
      ['pro_rata', '51.10'],
      ['volume_discount', '-5.11'],
    ]);
    expect(usd(q.totalMicros)).toBe('45.99');
    // 4 × $99 × 10% × 16/31 = 20.4387… → $20.44
    expect(q.volumeDiscountCredit).toMatchObject({ amountMicros: 20_440_000n, rateBp: 1000 });
    expect(q.volumeDiscountCredit!.licenseIds).toHaveLength(4);
  });

  it('a purchase that crosses no threshold gives no credit; 9 → 10 credits 5 points', () => {
    const running = [
      {
        id: 'a',
        periodBilledMicros: 441_000_000n,
        volumeRateBp: 1000,
        currentPeriodStart: at('2026-01-01T00:00:00Z'),
        currentPeriodEnd: at('2027-01-01T00:00:00Z'),
      },
    ];
    const none = quotePurchase(
      { product: 'basic', period: 'annual', quantity: 1 },
      ctx({ activeDeviceLicenses: 5, running, at: at('2026-07-02T12:00:00Z') }),
    );
    expect(none.volumeDiscountCredit).toBeNull();
    const crossed = quotePurchase(
      { product: 'basic', period: 'annual', quantity: 1 },
      ctx({ activeDeviceLicenses: 9, running, at: at('2026-07-02T12:00:00Z') }),
    );
    // 490 × 5% × (182.5 of 365 days) = 12.25
    expect(usd(crossed.volumeDiscountCredit!.amountMicros)).toBe('12.25');
  });

  it('account credit is applied after the coupon, never beyond the subtotal', () => {
    const q = quotePurchase(
      { product: 'basic', period: 'monthly', quantity: 1 },
      ctx({ coupon: { status: 'applied', coupon: coupon() }, accountCreditMicros: 10_000_000n }),
    );
    expect(q.lines.map((l) => [l.kind, usd(l.amountMicros)])).toEqual([
      ['purchase', '49.00'],
      ['coupon', '-9.80'],
    ]);
    // Account credit is one deduction after the subtotal, not a line.
    expect(usd(q.subtotalMicros)).toBe('39.20');
    expect(usd(q.accountCreditMicros)).toBe('10.00');
    expect(usd(q.totalMicros)).toBe('29.20');
    const big = quotePurchase(
      { product: 'basic', period: 'monthly', quantity: 1 },
      ctx({ accountCreditMicros: 100_000_000n }),
    );
    expect(big.totalMicros).toBe(0n);
    expect(big.accountCreditMicros).toBe(49_000_000n);
  });

  it('Enterprise is $1,500 a year, no volume discount, not counted as a device', () => {
    const q = quotePurchase(
      { product: 'enterprise', period: 'annual', quantity: 1 },
      ctx({ activeDeviceLicenses: 12 }),
    );
    expect(usd(q.totalMicros)).toBe('1500.00');
    expect(q.deviceLicensesAfter).toBe(12);
  });
});

describe('coupons', () => {
  const now = at('2026-03-01T00:00:00Z');
  it('expired, not yet valid, at its limit, unknown → no discount and the reason', () => {
    expect(evaluateCoupon('X', coupon({ validUntil: at('2026-02-01T00:00:00Z') }), 0, now)).toMatchObject({
      status: 'rejected',
      reason: 'coupon_expired',
    });
    expect(evaluateCoupon('X', coupon({ validFrom: at('2026-04-01T00:00:00Z') }), 0, now)).toMatchObject({
      reason: 'coupon_not_yet_valid',
    });
    expect(evaluateCoupon('X', coupon({ maxRedemptions: 3 }), 3, now)).toMatchObject({
      reason: 'coupon_redemption_limit_reached',
    });
    expect(evaluateCoupon('X', undefined, 0, now)).toMatchObject({ reason: 'coupon_not_found' });
    expect(evaluateCoupon('X', coupon({ maxRedemptions: 3 }), 2, now).status).toBe('applied');
    const rejected = evaluateCoupon('X', coupon({ validUntil: at('2026-02-01T00:00:00Z') }), 0, now);
    const q = quotePurchase({ product: 'pro', period: 'monthly', quantity: 7 }, ctx({ coupon: rejected }));
    expect(usd(q.totalMicros)).toBe('623.70');
    expect(q.coupon).toMatchObject({ status: 'rejected', reason: 'coupon_expired', discountMicros: 0n });
  });

  it('fixed coupons never take more than the amount; percentages round half-up', () => {
    expect(couponDiscount({ percentBp: null, amountOffMicros: 50_000_000n }, 44_100_000n)).toBe(44_100_000n);
    expect(couponDiscount({ percentBp: 1250, amountOffMicros: null }, 49_000_000n)).toBe(6_130_000n);
  });
});

describe('billing dates', () => {
  it('month-end anchors: 31st → 28/29/30, then back to 31', () => {
    const a = at('2026-01-31T10:00:00Z');
    expect([1, 2, 3, 4, 13].map((n) => addMonthsClamped(a, n).toISOString().slice(0, 10))).toEqual([
      '2026-02-28',
      '2026-03-31',
      '2026-04-30',
      '2026-05-31',
      '2027-02-28',
    ]);
    expect(addMonthsClamped(at('2028-01-31T00:00:00Z'), 1)).toEqual(at('2028-02-29T00:00:00Z'));
  });

  it('annual renewals one year after purchase; Feb 29 → Feb 28, and back in leap years', () => {
    const p = at('2028-02-29T09:30:00Z');
    expect(annualRenewal(p, 1)).toEqual(at('2029-02-28T09:30:00Z'));
    expect(annualRenewal(p, 4)).toEqual(at('2032-02-29T09:30:00Z'));
    expect(yearlyCycle(p, at('2029-03-01T00:00:00Z')).start).toEqual(at('2029-02-28T09:30:00Z'));
  });

  it('the cycle containing an instant, at its edges', () => {
    const a = at('2026-01-31T00:00:00Z');
    expect(monthlyCycle(a, at('2026-02-28T00:00:00Z'))).toMatchObject({
      start: at('2026-02-28T00:00:00Z'),
      end: at('2026-03-31T00:00:00Z'),
    });
    expect(monthlyCycle(a, at('2026-02-27T23:59:59Z')).end).toEqual(at('2026-02-28T00:00:00Z'));
  });

  const instant = fc
    .date({
      min: new Date('2000-01-01T00:00:00Z'),
      max: new Date('2090-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => new Date(Math.floor(d.getTime() / 1000) * 1000));

  it('property: billing dates keep the anchor day when the month has it, else the month end', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: -60, max: 240 }), (anchor, n) => {
        const d = addMonthsClamped(anchor, n);
        const monthEnd = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
        expect(d.getUTCDate()).toBe(Math.min(anchor.getUTCDate(), monthEnd));
        expect(d.getUTCHours()).toBe(anchor.getUTCHours());
        expect(d.getUTCSeconds()).toBe(anchor.getUTCSeconds());
        const months =
          (d.getUTCFullYear() - anchor.getUTCFullYear()) * 12 + d.getUTCMonth() - anchor.getUTCMonth();
        expect(months).toBe(n);
      }),
    );
  });

  it('property: cycles tile time: start ≤ at < end, consecutive, 28–31 days long', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 3_000_000_000 }), (anchor, offsetS) => {
        const t = new Date(anchor.getTime() + offsetS * 1000);
        const c = monthlyCycle(anchor, t);
        expect(c.start.getTime()).toBeLessThanOrEqual(t.getTime());
        expect(c.end.getTime()).toBeGreaterThan(t.getTime());
        expect(monthlyCycle(anchor, c.end).start).toEqual(c.end);
        const days = (c.end.getTime() - c.start.getTime()) / 86_400_000;
        expect(days).toBeGreaterThanOrEqual(28);
        expect(days).toBeLessThanOrEqual(31);
        const y = yearlyCycle(anchor, t);
        expect(y.start.getTime()).toBeLessThanOrEqual(t.getTime());
        expect(y.end.getTime()).toBeGreaterThan(t.getTime());
      }),
    );
  });
});

describe('pricing invariants (property)', () => {
  const tier = fc.constantFrom(...TIERS, 'enterprise' as const);
  it('total = sum of lines, never negative, never above list, discounts in order', () => {
    fc.assert(
      fc.property(
        tier,
        fc.constantFrom('monthly' as const, 'annual' as const),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 40 * 86400 }),
        fc.option(fc.integer({ min: 1, max: 10_000 })),
        fc.bigInt({ min: 0n, max: 2_000n }),
        (product, period0, quantity, active, offsetS, pct, creditDollars) => {
          const period = product === 'enterprise' ? 'annual' : period0;
          const anchor = at('2026-01-31T00:00:00Z');
          const q = quotePurchase(
            { product, period, quantity },
            ctx({
              at: new Date(anchor.getTime() + offsetS * 1000),
              monthlyAnchor: anchor,
              activeDeviceLicenses: active,
              coupon:
                pct === null ? { status: 'none' } : { status: 'applied', coupon: coupon({ percentBp: pct }) },
              accountCreditMicros: creditDollars * 1_000_000n,
            }),
          );
          expect(q.subtotalMicros).toBe(sumLines(q.lines));
          expect(q.totalMicros).toBe(q.subtotalMicros - q.accountCreditMicros);
          expect(q.totalMicros >= 0n).toBe(true);
          expect(q.accountCreditMicros % 10_000n).toBe(0n);
          for (const l of q.lines) expect(l.amountMicros % 10_000n).toBe(0n);
          expect(q.lines[0]!.amountMicros <= q.listUnitPriceMicros * BigInt(quantity)).toBe(true);
          const rate = product === 'enterprise' ? 0 : volumeRateBp(active + quantity);
          expect(q.volumeRateBp).toBe(rate);
        },
      ),
    );
  });

  it('rounding: half-up to cents, once', () => {
    expect(roundToCents({ num: 5_000n, den: 1n })).toBe(10_000n);
    expect(roundToCents({ num: 4_999n, den: 1n })).toBe(0n);
    expect(roundToCents({ num: -5_000n, den: 1n })).toBe(-10_000n);
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.bigInt({ min: 1n, max: 10n ** 6n }), (n, d) => {
        const r = roundToCents({ num: n, den: d });
        expect(r % 10_000n).toBe(0n);
        // |r − n/d| ≤ half a cent
        expect((r * d - n) * 2n <= 10_000n * d && (n - r * d) * 2n < 10_000n * d).toBe(true);
      }),
    );
  });

  it('volume credit is never more than the new rate on what is left', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 31 * 86400 }), (elapsed) => {
        const start = at('2026-01-01T00:00:00Z');
        const end = at('2026-02-01T00:00:00Z');
        const c = volumeDiscountCredit(
          [
            {
              id: 'a',
              periodBilledMicros: 99_000_000n,
              volumeRateBp: 0,
              currentPeriodStart: start,
              currentPeriodEnd: end,
            },
          ],
          1500,
          new Date(start.getTime() + elapsed * 1000),
        );
        expect(c.amountMicros >= 0n && c.amountMicros <= 14_850_000n).toBe(true);
      }),
    );
  });
});

describe('renewals and cancellation credit', () => {
  it('one invoice: renewal lines per product, volume at the count after renewal, coupon lines', () => {
    const r = quoteRenewal(
      [
        ...[1, 2, 3, 4, 5].map((i) => ({
          id: `p${i}`,
          product: 'pro' as const,
          period: 'monthly' as const,
          couponId: null,
          coupon: null,
        })),
        {
          id: 'e',
          product: 'enterprise',
          period: 'annual',
          couponId: 'c',
          coupon: coupon({ percentBp: 1000 }),
        },
      ],
      DEFAULT_PRICES,
      5,
      new Map(),
    );
    expect(r.lines.map((l) => [l.kind, usd(l.amountMicros)])).toEqual([
      ['renewal', '495.00'],
      ['renewal', '1500.00'],
      ['volume_discount', '-49.50'],
      ['coupon', '-150.00'],
    ]);
  });

  it('an immediate cancel credits what was paid for the seconds left', () => {
    expect(
      usd(
        cancellationCredit(
          89_100_000n,
          at('2026-01-01T00:00:00Z'),
          at('2026-02-01T00:00:00Z'),
          at('2026-01-16T00:00:00Z'),
        ),
      ),
    ).toBe('45.99');
  });

  it('features: Premium ⊇ Pro ⊇ Basic', () => {
    const codes = (t: (typeof TIERS)[number]) => new Set(featuresOf(catalog, t).map((f) => f.code));
    for (const c of codes('basic')) expect(codes('pro').has(c)).toBe(true);
    for (const c of codes('pro')) expect(codes('premium').has(c)).toBe(true);
  });
});

describe('percentages for people', () => {
  it('formats basis points exactly, without floating point', () => {
    expect([1000, 1500, 1250, 1005, 1, 0].map(percentOfBp)).toEqual([
      '10%',
      '15%',
      '12.50%',
      '10.05%',
      '0.01%',
      '0%',
    ]);
  });
});

describe('coupon names on invoices', () => {
  it('states the amount off with the one formatter: dollar sign, thousands separator, cents', () => {
    expect(describeCoupon({ code: 'BIG', percentBp: null, amountOffMicros: 1_500_000_000n })).toBe(
      'Coupon BIG ($1,500.00 off)',
    );
    expect(describeCoupon({ code: 'SPRING20', percentBp: 2000, amountOffMicros: null })).toBe(
      'Coupon SPRING20 (20% off)',
    );
  });
});
