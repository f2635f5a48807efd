import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatAmount } from '../../../src/kernel/money.js';
import { addUtcMonths } from '../../../src/kernel/dates.js';
import {
  DEFAULT_STORAGE_MICROS_PER_GB_HOUR,
  HOUR_MS,
  PERIOD_UNITS,
  earlyStopRefund,
  hourlyStorageFee,
  hoursBetween,
  periodEnd,
  quotePeriod,
  instancesCovered,
} from '../../../src/compute/rentals/rentals-rules.js';

const storage = { storageMicrosPerGbHour: DEFAULT_STORAGE_MICROS_PER_GB_HOUR };
const rates = { computeMicrosPerHour: 690_000n, ...storage };
const at = (iso: string) => new Date(iso);

describe('GPU rental pricing', () => {
  it('storage: 100 GB stopped for 24 h is exactly 0.672000; 1,000 GB for 30 days is 201.600000', () => {
    expect(formatAmount(24n * hourlyStorageFee(100, storage), 'CREDIT')).toBe('0.672000');
    expect(formatAmount(720n * hourlyStorageFee(1000, storage), 'CREDIT')).toBe('201.600000');
    const q = quotePeriod(at('2026-03-01T00:00:00Z'), { unit: 'day', count: 30 }, 1000, rates);
    expect(formatAmount(q.storageMicros, 'CREDIT')).toBe('201.600000');
  });

  it('a period costs hours × (compute + disk × storage rate), exactly', () => {
    const q = quotePeriod(at('2026-03-01T10:00:00Z'), { unit: 'day', count: 1 }, 100, rates);
    expect(q.hours).toBe(24n);
    expect(q.totalMicros).toBe(24n * (690_000n + 28_000n));
    expect(formatAmount(q.totalMicros, 'CREDIT')).toBe('17.232000');
  });

  it('months are calendar months in UTC, clamped to the month end', () => {
    expect(addUtcMonths(at('2026-01-15T10:00:00Z'), 1)).toEqual(at('2026-02-15T10:00:00Z'));
    expect(addUtcMonths(at('2026-01-31T10:00:00Z'), 1)).toEqual(at('2026-02-28T10:00:00Z'));
    expect(addUtcMonths(at('2028-01-31T10:00:00Z'), 1)).toEqual(at('2028-02-29T10:00:00Z'));
    expect(addUtcMonths(at('2026-12-31T23:00:00Z'), 2)).toEqual(at('2027-02-28T23:00:00Z'));
    expect(
      hoursBetween(
        at('2026-02-01T00:00:00Z'),
        periodEnd(at('2026-02-01T00:00:00Z'), { unit: 'month', count: 1 }),
      ),
    ).toBe(672n);
    expect(periodEnd(at('2026-03-01T00:00:00Z'), { unit: 'week', count: 1 })).toEqual(
      at('2026-03-08T00:00:00Z'),
    );
  });

  it('an early stop refunds the unused whole hours of compute only', () => {
    const end = at('2026-03-02T00:00:00Z');
    expect(earlyStopRefund(at('2026-03-01T13:30:00Z'), end, rates)).toEqual({
      unusedHours: 10n,
      refundMicros: 6_900_000n,
    });
    expect(earlyStopRefund(at('2026-03-01T23:59:59Z'), end, rates).refundMicros).toBe(0n);
    expect(earlyStopRefund(end, end, rates).refundMicros).toBe(0n);
  });

  it('a storage charge that took less than its fees covers the instances it paid whole, in order', () => {
    const fees = [28_000n, 56_000n, 28_000n];
    expect(instancesCovered(fees, 112_000n)).toBe(3);
    expect(instancesCovered(fees, 111_999n)).toBe(2);
    expect(instancesCovered(fees, 84_000n)).toBe(2);
    expect(instancesCovered(fees, 83_999n)).toBe(1); // the third is not paid for, though 55,999 would cover its fee
    expect(instancesCovered(fees, 10_000n)).toBe(0);
    expect(instancesCovered(fees, 0n)).toBe(0);
  });

  const period = fc.record({
    unit: fc.constantFrom(...PERIOD_UNITS),
    count: fc.integer({ min: 1, max: 24 }),
  });
  const start = fc.date({
    min: at('2020-01-01T00:00:00Z'),
    max: at('2035-12-31T00:00:00Z'),
    noInvalidDate: true,
  });
  const rateArb = fc.record({
    computeMicrosPerHour: fc.bigInt({ min: 1n, max: 50_000_000n }),
    storageMicrosPerGbHour: fc.bigInt({ min: 1n, max: 10_000n }),
  });

  it('property: every period is whole hours and costs exactly hours × hourly rate', () => {
    fc.assert(
      fc.property(start, period, fc.integer({ min: 1, max: 100_000 }), rateArb, (s, p, disk, r) => {
        const q = quotePeriod(s, p, disk, r);
        expect((q.end.getTime() - s.getTime()) % HOUR_MS).toBe(0);
        expect(q.end.getTime()).toBeGreaterThan(s.getTime());
        expect(q.totalMicros).toBe(
          q.hours * (r.computeMicrosPerHour + BigInt(disk) * r.storageMicrosPerGbHour),
        );
        expect(q.computeMicros + q.storageMicros).toBe(q.totalMicros);
      }),
    );
  });

  it('property: a refund is never more than the compute paid, and never for the hour in progress', () => {
    fc.assert(
      fc.property(start, period, rateArb, fc.double({ min: 0, max: 1, noNaN: true }), (s, p, r, f) => {
        const q = quotePeriod(s, p, 1, r);
        const stopAt = new Date(s.getTime() + Math.floor(f * (q.end.getTime() - s.getTime())));
        const { unusedHours, refundMicros } = earlyStopRefund(stopAt, q.end, r);
        expect(refundMicros).toBeLessThanOrEqual(q.computeMicros);
        expect(BigInt(q.end.getTime() - stopAt.getTime())).toBeGreaterThanOrEqual(
          unusedHours * BigInt(HOUR_MS),
        );
        expect(BigInt(q.end.getTime() - stopAt.getTime())).toBeLessThan((unusedHours + 1n) * BigInt(HOUR_MS));
      }),
    );
  });

  it('property: the covered instances are the longest prefix whose fees the amount taken pays', () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 1n, max: 10n ** 9n }), { minLength: 1, maxLength: 20 }),
        fc.bigInt({ min: 0n, max: 2n * 10n ** 10n }),
        (fees, paid) => {
          const n = instancesCovered(fees, paid);
          const sum = (k: number) => fees.slice(0, k).reduce((a, b) => a + b, 0n);
          expect(sum(n)).toBeLessThanOrEqual(paid);
          if (n < fees.length) expect(sum(n + 1)).toBeGreaterThan(paid);
        },
      ),
    );
  });
});
