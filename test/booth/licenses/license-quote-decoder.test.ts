import { describe, expect, it } from 'vitest';
import { decodeLicenseQuote, decodeRenewalLines } from '../../../src/booth/licenses/license-quote-decoder.js';

/** A saved quote of another shape fails loudly, naming the order (valid ones: every purchase test). */
describe('a saved license quote read back', () => {
  it('refuses a quote of another shape, naming the order and the field', () => {
    expect(() => decodeLicenseQuote('ord_1', { request: { product: 'basic' } })).toThrow(
      /license order ord_1: its saved quote has a bad shape/,
    );
    expect(() => decodeLicenseQuote('ord_2', null)).toThrow(/ord_2/);
    expect(() => decodeLicenseQuote('ord_3', { totalMicros: 4.9 })).toThrow(/totalMicros/);
  });
});

/** A renewal's saved lines come back as quote lines, their kind one the invoice knows. */
describe("a renewal's saved lines read back", () => {
  const billingDate = new Date('2026-03-01T00:00:00Z');
  const renewalLine = {
    kind: 'renewal',
    description: '2 × Pro (monthly)',
    quantity: 2,
    amountMicros: 99_000_000n,
    metadata: { product: 'pro' },
  };

  it('returns lines of a known kind as they are', () => {
    expect(decodeRenewalLines('acct_1', billingDate, [renewalLine])).toEqual([renewalLine]);
  });

  it('refuses a line of an unknown kind or with a number amount, naming the renewal and the field', () => {
    expect(() => decodeRenewalLines('acct_1', billingDate, [{ ...renewalLine, kind: 'bonus' }])).toThrow(
      /license renewal of acct_1 on 2026-03-01T00:00:00.000Z: its saved lines have a bad shape[\s\S]*kind/,
    );
    expect(() => decodeRenewalLines('acct_2', billingDate, [{ ...renewalLine, amountMicros: 99 }])).toThrow(
      /amountMicros/,
    );
    expect(() => decodeRenewalLines('acct_3', billingDate, null)).toThrow(/acct_3/);
  });
});
