import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatAmount, parsePositiveAmount, roundHalfUp } from '../../src/kernel/money.js';

describe('money', () => {
  it('parses exact decimals into micros', () => {
    expect(parsePositiveAmount('12.345678', 'CREDIT')).toEqual({ ok: true, micros: 12_345_678n });
    expect(parsePositiveAmount('104.70', 'USD')).toEqual({ ok: true, micros: 104_700_000n });
    expect(parsePositiveAmount('0.00028', 'CREDIT')).toEqual({ ok: true, micros: 280n });
    expect(parsePositiveAmount('999999999999.999999', 'TOKEN')).toEqual({
      ok: true,
      micros: 999_999_999_999_999_999n,
    });
  });

  it.each([
    ['-1', 'not_a_decimal'],
    ['0', 'not_positive'],
    ['0.000000', 'not_positive'],
    ['1e3', 'not_a_decimal'],
    ['01', 'not_a_decimal'],
    [' 1', 'not_a_decimal'],
    ['1.', 'not_a_decimal'],
    ['.5', 'not_a_decimal'],
    ['abc', 'not_a_decimal'],
    ['1.0000001', 'not_a_decimal'],
    ['1000000000000', 'too_large'],
    ['1'.repeat(40), 'too_large'],
  ])('refuses %j as %s', (text, error) => {
    expect(parsePositiveAmount(text, 'CREDIT')).toEqual({ ok: false, error });
  });

  it('refuses sub-cent USD instead of rounding it', () => {
    expect(parsePositiveAmount('1.005', 'USD')).toEqual({ ok: false, error: 'too_many_decimals' });
  });

  it('formats with the unit’s decimals and a sign', () => {
    expect(formatAmount(-1_000_000n, 'CREDIT')).toBe('-1.000000');
    expect(formatAmount(104_700_000n, 'USD')).toBe('104.70');
    expect(formatAmount(672_000n, 'CREDIT')).toBe('0.672000');
    expect(() => formatAmount(1n, 'USD')).toThrow(/not a whole amount/);
  });

  it('rounds half up, away from zero, once', () => {
    // PayPal's fee on $33.33: 0.044 × 33.33 + 0.30 = 1.76652 → $1.77.
    expect(roundHalfUp(1_766_520n, 2)).toBe(1_770_000n);
    expect(roundHalfUp(4_700_000n, 2)).toBe(4_700_000n);
    expect(roundHalfUp(5_000n, 2)).toBe(10_000n);
    expect(roundHalfUp(4_999n, 2)).toBe(0n);
    expect(roundHalfUp(-5_000n, 2)).toBe(-10_000n);
  });

  it('format ∘ parse is the identity for every representable amount (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 18n - 1n }), (micros) => {
        const text = formatAmount(micros, 'CREDIT');
        expect(parsePositiveAmount(text, 'CREDIT')).toEqual({ ok: true, micros });
      }),
    );
  });
});
