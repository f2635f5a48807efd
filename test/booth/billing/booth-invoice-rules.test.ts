import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BOOTH_INVOICE_STATUSES,
  type BoothInvoiceLineInput,
  accountCreditToApply,
  canTransition,
  sumLines,
  validateBoothInvoiceInput,
} from '../../../src/booth/billing/booth-invoice-rules.js';
import { formatDocumentNumber } from '../../../src/accounts/document-number-rules.js';

const CENT = 10_000n;
const cents = (min: number, max: number) => fc.integer({ min, max }).map((c) => BigInt(c) * CENT);
const lineOf = (
  amountMicros: bigint,
  kind: BoothInvoiceLineInput['kind'] = 'purchase',
): BoothInvoiceLineInput => ({
  kind,
  description: kind,
  quantity: 1,
  amountMicros,
});
const card = { type: 'charge_default_card', applyAccountCredit: true, onDecline: 'leave_open' } as const;

describe('booth invoice rules', () => {
  it("formats numbers as the account's prefix and six digits at least (older ones keep BTH-)", () => {
    expect(formatDocumentNumber('7KQ2MZ4X', 1n)).toBe('7KQ2MZ4X-000001');
    expect(formatDocumentNumber('BTH', 123456n)).toBe('BTH-123456');
    expect(formatDocumentNumber('BTH', 1234567n)).toBe('BTH-1234567');
    expect(() => formatDocumentNumber('7KQ2MZ4X', 0n)).toThrow();
  });

  it('total = sum of lines, with signed amounts', () => {
    expect(
      sumLines([lineOf(49_000_000n), lineOf(-4_900_000n, 'volume_discount'), lineOf(-10_000n, 'coupon')]),
    ).toBe(44_090_000n);
    fc.assert(
      fc.property(fc.array(cents(-100_000, 100_000), { maxLength: 30 }), (amounts) => {
        const total = sumLines(amounts.map((a) => lineOf(a)));
        expect(total).toBe(amounts.reduce((s, a) => s + a, 0n));
        expect(total % CENT).toBe(0n);
      }),
    );
  });

  it('account credit: whole cents, never more than the total or the credit available', () => {
    expect(accountCreditToApply(99_000_000n, 30_250_000n)).toBe(30_250_000n);
    expect(accountCreditToApply(99_000_000n, 150_000_000n)).toBe(99_000_000n);
    expect(accountCreditToApply(0n, 10_000_000n)).toBe(0n);
    expect(accountCreditToApply(10_000_000n, -5n)).toBe(0n);
    expect(accountCreditToApply(10_000_000n, 1_234_567n)).toBe(1_230_000n);
    fc.assert(
      fc.property(
        cents(-1000, 1_000_000),
        fc.bigInt({ min: -(10n ** 9n), max: 10n ** 12n }),
        (subtotal, available) => {
          const credit = accountCreditToApply(subtotal, available);
          expect(credit >= 0n).toBe(true);
          expect(credit % CENT).toBe(0n);
          expect(credit <= (subtotal > 0n ? subtotal : 0n)).toBe(true);
          expect(credit <= (available > 0n ? available : 0n)).toBe(true);
          // All of it when the credit covers the whole total.
          if (subtotal > 0n && available >= subtotal) expect(credit).toBe(subtotal);
        },
      ),
    );
  });

  it('status transitions: draft → open → paid | void | uncollectible; uncollectible → paid | void; final states stay', () => {
    const allowed = BOOTH_INVOICE_STATUSES.flatMap((from) =>
      BOOTH_INVOICE_STATUSES.filter((to) => canTransition(from, to)).map((to) => `${from}->${to}`),
    );
    expect(allowed.sort()).toEqual(
      [
        'draft->open',
        'open->paid',
        'open->uncollectible',
        'open->void',
        'uncollectible->paid',
        'uncollectible->void',
      ].sort(),
    );
  });

  it('validates what callers ask to invoice', () => {
    const ok = { description: '5 × Pro monthly', lines: [lineOf(495_000_000n)], settlement: card };
    expect(validateBoothInvoiceInput(ok)).toBeUndefined();
    expect(validateBoothInvoiceInput({ ...ok, lines: [] })?.field).toBe('lines');
    expect(validateBoothInvoiceInput({ ...ok, description: ' ' })?.field).toBe('description');
    expect(validateBoothInvoiceInput({ ...ok, lines: [lineOf(1n)] })?.field).toBe('lines.0.amountMicros');
    // Account credit is a deduction in the totals, never a line: the kind is unknown to callers.
    expect(
      validateBoothInvoiceInput({
        ...ok,
        lines: [lineOf(-CENT, 'account_credit' as BoothInvoiceLineInput['kind'])],
      })?.field,
    ).toBe('lines.0.kind');
    expect(validateBoothInvoiceInput({ ...ok, lines: [{ ...lineOf(CENT), quantity: 0 }] })?.field).toBe(
      'lines.0.quantity',
    );
    expect(validateBoothInvoiceInput({ ...ok, lines: [lineOf(-CENT, 'coupon')] })?.field).toBe('lines');
    expect(
      validateBoothInvoiceInput({
        ...ok,
        lines: [lineOf(-CENT, 'cancellation_credit')],
        settlement: { type: 'credit_note' },
      }),
    ).toBeUndefined();
    expect(validateBoothInvoiceInput({ ...ok, settlement: { type: 'credit_note' } })?.field).toBe('lines');
  });
});
