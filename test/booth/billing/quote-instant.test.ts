import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../src/kernel/clock.js';
import { addPaymentMethod } from '../../../src/booth/billing/add-payment-method.js';
import { findBoothInvoice } from '../../../src/booth/billing/booth-invoice-store.js';
import { backends } from '../../support/databases.js';
import type { FakeCardProcessor } from '../../support/fake-card-processor.js';
import { type Harness, rowCounts, startHarnessWithCards } from '../../support/harness.js';

/**
 * The quote and the invoice are priced from the same instant: the quote's `pricedAt` is sent back
 * with the purchase, so the invoice's lines say exactly what the order summary said, even when
 * midnight passes between the two (issue 14, "One way to state amounts and periods").
 */
for (const backend of backends) {
  describe(`quote and invoice from one instant (${backend.name})`, () => {
    let h: Harness;
    let fake: FakeCardProcessor;
    beforeAll(async () => {
      ({ h, fake } = await startHarnessWithCards(backend, new SimulatedClock('2027-04-01T00:00:00Z')));
    });
    afterAll(async () => h?.close());

    const PRO = { product: 'pro', period: 'monthly', quantity: 1 } as const;

    /**
     * An account with a card whose monthly anchor is the 1st of `month` 00:00 UTC (a Basic bought
     * then). The simulated clock only moves forward, so each story has a month of its own.
     */
    async function anchoredAccount(name: string, month: string): Promise<string> {
      h.clock.set(`${month}-01T00:00:00Z`);
      const accountId = await h.openAccount(name);
      const saved = await addPaymentMethod(h.engine, accountId, await fake.tokenize('4242424242424242'));
      expect(saved.ok).toBe(true);
      const basic = { product: 'basic', period: 'monthly', quantity: 1 };
      const first = await h.call('POST', `/v1/accounts/${accountId}/licenses`, {
        body: { ...basic, expectedTotal: { amount: '49.00', unit: 'USD' } },
      });
      expect(first.statusCode, first.body).toBe(201);
      return accountId;
    }

    async function quoteAt(accountId: string, at: string) {
      h.clock.set(at);
      const res = await h.call('POST', `/v1/accounts/${accountId}/licenses/quote`, {
        body: PRO,
        idempotencyKey: null,
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    }

    it('quoted at 23:59:50, bought at 00:00:10 the next day with the quote’s pricedAt: the invoice line is the quote’s, word for word', async () => {
      const accountId = await anchoredAccount('Midnight Buyer', '2027-04');
      const quote = await quoteAt(accountId, '2027-04-14T23:59:50Z');
      expect(quote.pricedAt).toBe('2027-04-14T23:59:50.000Z');
      // 99 × 1,382,410 s (to 1 May 00:00) ÷ 2,592,000 s (April) = 52.8004 → $52.80.
      expect(quote.lines).toEqual([
        {
          kind: 'pro_rata',
          description: 'Pro monthly × 1 at $99.00/month, pro-rata 14 Apr – 01 May 2027: 16 of 30 days',
          quantity: 1,
          amount: { amount: '52.80', unit: 'USD' },
        },
      ]);

      h.clock.set('2027-04-15T00:00:10Z');
      const bought = await h.call('POST', `/v1/accounts/${accountId}/licenses`, {
        body: { ...PRO, expectedTotal: quote.total, pricedAt: quote.pricedAt },
      });
      expect(bought.statusCode, bought.body).toBe(201);
      const invoice = (await findBoothInvoice(h.engine.db, bought.json().invoiceId))!;
      expect(invoice.lines.map((l) => [l.kind, l.description, l.amountMicros])).toEqual([
        [
          'pro_rata',
          'Pro monthly × 1 at $99.00/month, pro-rata 14 Apr – 01 May 2027: 16 of 30 days',
          52_800_000n,
        ],
      ]);
      expect(invoice.totalMicros).toBe(52_800_000n);
      expect(bought.json().quote.lines).toEqual(quote.lines);
      // The license runs from the quoted instant; the invoice is dated when it was issued.
      const license = bought.json().licenses[0];
      expect(license.currentPeriodStart).toBe('2027-04-14T23:59:50.000Z');
      expect(invoice.finalizedAt!.toISOString()).toBe('2027-04-15T00:00:10.000Z');
    });

    it('the same purchase without pricedAt is priced at its own instant: its line names the next day (why the page sends it)', async () => {
      const accountId = await anchoredAccount('Late Buyer', '2027-05');
      const quote = await quoteAt(accountId, '2027-05-14T23:59:50Z');
      h.clock.set('2027-05-15T00:00:10Z');
      const bought = await h.call('POST', `/v1/accounts/${accountId}/licenses`, {
        body: { ...PRO, expectedTotal: quote.total },
      });
      expect(bought.statusCode, bought.body).toBe(201);
      const invoice = (await findBoothInvoice(h.engine.db, bought.json().invoiceId))!;
      // 99 × 1,468,810 ÷ 2,678,400 = 54.2916 and 99 × 1,468,790 ÷ 2,678,400 = 54.2909: the same
      // $54.29, but the dates moved a day.
      expect(quote.lines[0].description).toBe(
        'Pro monthly × 1 at $99.00/month, pro-rata 14 May – 01 Jun 2027: 17 of 31 days',
      );
      expect(invoice.lines[0]!.description).toBe(
        'Pro monthly × 1 at $99.00/month, pro-rata 15 May – 01 Jun 2027: 17 of 31 days',
      );
      expect(invoice.totalMicros).toBe(54_290_000n);
      expect(invoice.lines[0]!.description).not.toBe(quote.lines[0].description);
    });

    it('a pricedAt in the future or older than 15 minutes is 409 quote_expired and writes nothing; 15 minutes is in time', async () => {
      const accountId = await anchoredAccount('Slow Buyer', '2027-06');
      const quote = await quoteAt(accountId, '2027-06-14T23:59:50Z');
      h.clock.set('2027-06-15T00:00:10Z');
      const before = await rowCounts(h.engine.db);
      const future = await h.call('POST', `/v1/accounts/${accountId}/licenses`, {
        body: { ...PRO, expectedTotal: quote.total, pricedAt: '2027-06-15T00:00:11Z' },
      });
      expect(future.statusCode).toBe(409);
      expect(future.headers['content-type']).toContain('application/problem+json');
      expect(future.json().code).toBe('quote_expired');
      const malformed = await h.call('POST', `/v1/accounts/${accountId}/licenses`, {
        body: { ...PRO, expectedTotal: quote.total, pricedAt: '14 Jun 2027' },
      });
      expect(malformed.statusCode).toBe(400);
      expect(await rowCounts(h.engine.db)).toEqual(before);
      // Exactly 15 minutes after the quote: still its instant.
      h.clock.set('2027-06-15T00:14:50Z');
      const inTime = await h.call('POST', `/v1/accounts/${accountId}/licenses`, {
        body: { ...PRO, expectedTotal: quote.total, pricedAt: quote.pricedAt },
      });
      expect(inTime.statusCode, inTime.body).toBe(201);
      // One second more: stale.
      h.clock.set('2027-06-15T00:14:51Z');
      const after = await rowCounts(h.engine.db);
      const stale = await h.call('POST', `/v1/accounts/${accountId}/licenses`, {
        body: { ...PRO, expectedTotal: quote.total, pricedAt: quote.pricedAt },
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().code).toBe('quote_expired');
      expect(await rowCounts(h.engine.db)).toEqual(after);
    });

    it('a quote from before the billing date, sent after it, is quote_expired: its period already ended', async () => {
      const accountId = await anchoredAccount('Renewal Crosser', '2027-07');
      const quote = await quoteAt(accountId, '2027-07-31T23:59:00Z');
      expect(quote.periodEnd).toBe('2027-08-01T00:00:00.000Z');
      h.clock.set('2027-08-01T00:01:00Z');
      const late = await h.call('POST', `/v1/accounts/${accountId}/licenses`, {
        body: { ...PRO, expectedTotal: quote.total, pricedAt: quote.pricedAt },
      });
      expect(late.statusCode).toBe(409);
      expect(late.json().code).toBe('quote_expired');
    });
  });
}
