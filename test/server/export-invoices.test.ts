import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../src/kernel/clock.js';
import { parseDateRange } from '../../src/kernel/date-range-rules.js';
import { addPaymentMethod } from '../../src/booth/billing/add-payment-method.js';
import { exportInvoicesCsv } from '../../src/server/export-invoices.js';
import { backends } from '../support/databases.js';
import type { FakeCardProcessor } from '../support/fake-card-processor.js';
import { expectExportRangeChecks } from '../support/export-range-checks.js';
import { type Harness, issueKey, startHarnessWithCards } from '../support/harness.js';

const url = (accountId: string, from: string, to: string) =>
  `/v1/accounts/${accountId}/exports/invoices.csv?from=${from}&to=${to}`;

async function collect(lines: AsyncGenerator<string>): Promise<string> {
  let out = '';
  for await (const line of lines) out += line;
  return out;
}

/** The invoices CSV (issue 14, item 8): compute documents and booth invoices of a range, streamed. */
for (const backend of backends) {
  describe(`invoices CSV export (${backend.name})`, () => {
    let h: Harness;
    let fake: FakeCardProcessor;
    beforeAll(async () => {
      ({ h, fake } = await startHarnessWithCards(backend, new SimulatedClock('2027-03-30T10:00:00Z')));
    });
    afterAll(async () => h?.close());

    it('both lines’ documents of the range, oldest first: number, date, line, document, description, amount, currency, status', async () => {
      const accountId = await h.openAccount('Export Studio');
      const customer = (await issueKey(h.engine, 'customer', accountId)).secret;
      expect((await addPaymentMethod(h.engine, accountId, await fake.tokenize('4242424242424242'))).ok).toBe(
        true,
      );
      await h.fund(accountId, '1234.5'); // an operator credit: an adjustment note
      h.clock.advance(60_000);
      const pack = await h.call('POST', `/v1/accounts/${accountId}/tokens/purchases`, {
        body: { pack: 500 },
      });
      expect(pack.statusCode, pack.body).toBe(201);
      h.clock.advance(60_000);
      const charge = await h.call('POST', `/v1/accounts/${accountId}/charges`, {
        key: h.serviceKey,
        body: {
          amount: { amount: '0.45', unit: 'CREDIT' },
          productLine: 'compute',
          description: 'Render, "final"',
        },
      });
      expect(charge.statusCode, charge.body).toBe(201);
      h.clock.set('2027-04-01T00:00:00Z');
      await h.fund(accountId, '5'); // outside the range

      const res = await h.call('GET', url(accountId, '2027-03-30', '2027-03-31'), { key: customer });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(
        'attachment; filename="invoices-2027-03-30-2027-03-31.csv"',
      );
      const lines = res.body.trimEnd().split('\r\n');
      expect(lines[0]).toBe('Number,Date,Line,Document,Description,Amount,Currency,Status,Document path');
      const invoices = (await h.call('GET', `/v1/accounts/${accountId}/booth-invoices`)).json().data;
      const prefix = (invoices[0].number as string).split('-')[0];
      expect(lines.slice(1).map((l) => l.replace(/,\/v1\/.*$/, ''))).toEqual([
        `${prefix}-000001,30 Mar 2027,Compute,Adjustment note,Adjustment: test funding,"1,234.50",CREDIT,credited`,
        `${prefix}-000002,30 Mar 2027,Booth,Invoice,${invoices[0].description},75.00,USD,paid`,
        `${prefix}-000003,30 Mar 2027,Compute,Invoice,"Render, ""final""",-0.45,CREDIT,paid`,
      ]);
      expect(lines[2]).toMatch(/,\/v1\/accounts\/acct_\w+\/booth-invoices\/\w+\.pdf$/);
      expect(lines[3]).toMatch(/,\/v1\/accounts\/acct_\w+\/transactions\/txn_\w+\/invoice\.pdf$/);

      // Paged by keyset and merged as read: one or two rows a page give the same bytes.
      const range = parseDateRange('2027-03-30', '2027-03-31');
      if (!range.ok) throw new Error('range');
      expect(await collect(exportInvoicesCsv(h.engine, accountId, range.range, 1))).toBe(res.body);
      expect(await collect(exportInvoicesCsv(h.engine, accountId, range.range, 2))).toBe(res.body);
    });

    it('a bad range is a 400 problem: malformed, impossible, end before start, over 5 years', async () =>
      expectExportRangeChecks(
        h,
        'invoices.csv',
        'Number,Date,Line,Document,Description,Amount,Currency,Status,Document path',
      ));
  });
}
