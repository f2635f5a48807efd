import { extractText } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../src/kernel/clock.js';
import { SAMPLE_SELLER } from '../../../src/kernel/documents/seller-rules.js';
import { addPaymentMethod } from '../../../src/booth/billing/add-payment-method.js';
import { issueBoothInvoice } from '../../../src/booth/billing/issue-booth-invoice.js';
import { backends } from '../../support/databases.js';
import type { FakeCardProcessor } from '../../support/fake-card-processor.js';
import { type Harness, startHarnessWithCards, uniqueKey } from '../../support/harness.js';

/** A booth order's PDF: lines that add up to the subtotal, account credit once, in the totals. */
for (const backend of backends) {
  describe(`booth invoice document (${backend.name})`, () => {
    let h: Harness;
    let fake: FakeCardProcessor;
    beforeAll(async () => {
      ({ h, fake } = await startHarnessWithCards(backend, new SimulatedClock('2027-04-15T12:00:00Z')));
    });
    afterAll(async () => h?.close());

    it('5 Pro with a 20% coupon and $9.90 of account credit: Σ lines = subtotal, the credit appears once', async () => {
      const accountId = await h.openAccount('Zoë Ångström — Łódź → Café');
      expect((await addPaymentMethod(h.engine, accountId, await fake.tokenize('4242424242424242'))).ok).toBe(
        true,
      );
      const credit = await issueBoothInvoice(h.engine, {
        accountId,
        source: uniqueKey('cancel'),
        description: 'Immediate cancellation',
        lines: [
          {
            kind: 'cancellation_credit',
            description: 'Pro monthly, 3 days unused',
            quantity: 1,
            amountMicros: -9_900_000n,
          },
        ],
        settlement: { type: 'credit_note' },
      });
      expect(credit.ok).toBe(true);
      h.clock.advance(60_000);
      const order = await issueBoothInvoice(h.engine, {
        accountId,
        source: uniqueKey('order'),
        description: 'Pro monthly × 5',
        lines: [
          {
            kind: 'purchase',
            description: 'Pro monthly × 5 at $99.00, 15 Apr – 15 May 2027',
            quantity: 5,
            amountMicros: 495_000_000n,
          },
          {
            kind: 'volume_discount',
            description: 'Volume discount 10%',
            quantity: 1,
            amountMicros: -49_500_000n,
          },
          { kind: 'coupon', description: 'Coupon SPRING20 (20%)', quantity: 1, amountMicros: -89_100_000n },
        ],
        settlement: { type: 'charge_default_card', applyAccountCredit: true, onDecline: 'void' },
      });
      expect(order.ok, order.ok ? '' : order.failure.code).toBe(true);
      if (!order.ok) return;
      expect(order.value.subtotalMicros).toBe(356_400_000n);
      expect(order.value.creditAppliedMicros).toBe(9_900_000n);

      const res = await h.call('GET', `/v1/accounts/${accountId}/booth-invoices/${order.value.id}.pdf`);
      expect(res.statusCode, res.body).toBe(200);
      const { text } = await extractText(new Uint8Array(res.rawPayload), { mergePages: true });
      const lines = text.split('\n');
      for (const expected of [
        'Pro monthly × 5 at $99.00, 15 Apr – 15 May 2027 Purchase 5 $495.00',
        'Volume discount 10% Volume discount 1 -$49.50',
        'Coupon SPRING20 (20%) Coupon 1 -$89.10',
        'Subtotal $356.40',
        'Account credit applied -$9.90',
        'Total $346.50',
        'Amount paid $346.50',
      ]) {
        expect(lines).toContain(expected);
      }
      // 495.00 - 49.50 - 89.10 = 356.40: the lines shown add up to the subtotal; the credit once.
      expect(text.match(/9\.90/g)).toHaveLength(1);
      expect(text).not.toContain('Account credit 1');
      expect(text).toContain(SAMPLE_SELLER.legalName);
      expect(lines).toContain('Zoë Ångström — Łódź → Café');
      expect(text).toContain('15 Apr 2027, 12:01 UTC');
      expect(text).not.toContain('settings version');

      // The JSON says the same: three lines adding up to the subtotal, the credit once, in the totals.
      const json = (await h.call('GET', `/v1/accounts/${accountId}/booth-invoices/${order.value.id}`)).json();
      expect(
        json.lines.map((l: { kind: string; amount: { amount: string } }) => [l.kind, l.amount.amount]),
      ).toEqual([
        ['purchase', '495.00'],
        ['volume_discount', '-49.50'],
        ['coupon', '-89.10'],
      ]);
      expect([json.subtotal, json.creditApplied, json.total, json.amountPaid].map((m) => m.amount)).toEqual([
        '356.40',
        '9.90',
        '346.50',
        '346.50',
      ]);
    });

    it('an invoice finalized when account credit was stored as a line too: JSON and PDF show it once, in the totals', async () => {
      const accountId = await h.openAccount('Old Credit Ltd');
      expect((await addPaymentMethod(h.engine, accountId, await fake.tokenize('4242424242424242'))).ok).toBe(
        true,
      );
      await h.fund(accountId, '10.00', 'USD');
      const order = await issueBoothInvoice(h.engine, {
        accountId,
        source: uniqueKey('order'),
        description: 'Basic monthly × 1',
        lines: [
          { kind: 'purchase', description: 'Basic monthly × 1', quantity: 1, amountMicros: 49_000_000n },
        ],
        settlement: { type: 'charge_default_card', applyAccountCredit: true, onDecline: 'void' },
      });
      if (!order.ok) throw new Error(order.failure.code);
      // What finalization wrote before the change: the credit as a line after the caller's.
      await h.engine.db.query(
        `INSERT INTO booth_invoice_lines (invoice_id, position, kind, description, quantity, amount_micros)
         VALUES ($1, 1, 'account_credit', 'Account credit applied', 1, -10000000)`,
        [order.value.id],
      );
      const json = (await h.call('GET', `/v1/accounts/${accountId}/booth-invoices/${order.value.id}`)).json();
      expect(json.lines.map((l: { kind: string }) => l.kind)).toEqual(['purchase']);
      expect([json.subtotal, json.creditApplied, json.total].map((m) => m.amount)).toEqual([
        '49.00',
        '10.00',
        '39.00',
      ]);
      const pdf = await h.call('GET', `/v1/accounts/${accountId}/booth-invoices/${order.value.id}.pdf`);
      const { text } = await extractText(new Uint8Array(pdf.rawPayload), { mergePages: true });
      expect(text.split('\n')).toEqual(
        expect.arrayContaining(['Subtotal $49.00', 'Account credit applied -$10.00', 'Total $39.00']),
      );
      expect(text.match(/10\.00/g)).toHaveLength(1);
    });
  });
}
