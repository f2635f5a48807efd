import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PAYPAL_FEE, USDT_FEE, topUpFee } from '../../../src/compute/topups/fees-rules.js';
import { formatAmount, parsePositiveAmount } from '../../../src/kernel/money.js';

const usd = (text: string) => {
  const parsed = parsePositiveAmount(text, 'USD');
  if (!parsed.ok) throw new Error(text);
  return parsed.micros;
};

const paypal = (amount: string) => {
  const f = topUpFee(usd(amount), PAYPAL_FEE);
  return { fee: formatAmount(f.feeMicros, 'USD'), total: formatAmount(f.totalMicros, 'USD') };
};

describe('PayPal fee: round_half_up(0.044·A + 0.30, cents)', () => {
  it('charges the seed figures exactly', () => {
    expect(paypal('100')).toEqual({ fee: '4.70', total: '104.70' });
    expect(paypal('10')).toEqual({ fee: '0.74', total: '10.74' });
    expect(paypal('33.33')).toEqual({ fee: '1.77', total: '35.10' }); // 1.76652 → 1.77
    expect(paypal('5')).toEqual({ fee: '0.52', total: '5.52' });
    expect(paypal('10000')).toEqual({ fee: '440.30', total: '10440.30' });
  });

  it('rounds a half cent up, and just below it down', () => {
    // 0.044 · 0.25 = 0.011 → 0.311 → 0.31; 0.044 · 1.25 = 0.055 → 0.355 → 0.36 (exactly half: up).
    expect(paypal('0.25').fee).toBe('0.31');
    expect(paypal('1.25').fee).toBe('0.36');
    // 0.044 · 11.25 = 0.495 → 0.795 → 0.80 (half: up); 0.044 · 11.24 = 0.49456 → 0.79456 → 0.79.
    expect(paypal('11.25').fee).toBe('0.80');
    expect(paypal('11.24').fee).toBe('0.79');
  });

  it('USDT has no fee', () => {
    expect(topUpFee(usd('33.33'), USDT_FEE)).toEqual({
      amountMicros: 33_330_000n,
      feeMicros: 0n,
      totalMicros: 33_330_000n,
    });
  });

  it('refuses amounts that are not whole positive cents', () => {
    expect(() => topUpFee(0n, PAYPAL_FEE)).toThrow(RangeError);
    expect(() => topUpFee(1_005_000n, PAYPAL_FEE)).toThrow(RangeError);
  });

  it('for every amount in cents: the fee is whole cents, within half a cent of 4.4% + $0.30, and the total adds up', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 100_000_000_00n }), (cents) => {
        const amount = cents * 10_000n;
        const { feeMicros, totalMicros } = topUpFee(amount, PAYPAL_FEE);
        expect(feeMicros % 10_000n).toBe(0n);
        expect(totalMicros).toBe(amount + feeMicros);
        const exactScaled = amount * 440n + 300_000n * 10_000n; // micros × 10,000
        const diff = feeMicros * 10_000n - exactScaled;
        expect(diff > -50_000_000n && diff <= 50_000_000n).toBe(true); // (-½ cent, +½ cent]
      }),
    );
  });
});
