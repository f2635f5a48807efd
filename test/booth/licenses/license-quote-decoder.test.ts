import { describe, expect, it } from 'vitest';
import { decodeLicenseQuote } from '../../../src/booth/licenses/license-quote-decoder.js';

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
