import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../src/kernel/clock.js';
import { parseDateRange } from '../../src/kernel/date-range-rules.js';
import { exportTransactionsCsv } from '../../src/ledger/export-transactions.js';
import { backends } from '../support/databases.js';
import { expectExportRangeChecks } from '../support/export-range-checks.js';
import { type Harness, issueKey, startHarness } from '../support/harness.js';

const url = (accountId: string, from: string, to: string) =>
  `/v1/accounts/${accountId}/exports/transactions.csv?from=${from}&to=${to}`;

async function collect(lines: AsyncGenerator<string>): Promise<string> {
  let out = '';
  for await (const line of lines) out += line;
  return out;
}

for (const backend of backends) {
  describe(`CSV export of the transaction history (${backend.name})`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(backend, { clock: new SimulatedClock('2027-03-30T22:00:00Z') });
    });
    afterAll(async () => h.close());

    it('streams the range oldest first with the documents formatting and each row’s document link', async () => {
      const accountId = await h.openAccount('Export, "Quoted" Studio');
      const customer = (await issueKey(h.engine, 'customer', accountId)).secret;
      await h.fund(accountId, '1234.5');
      h.clock.set('2027-03-31T23:59:59Z');
      const charge = await h.call('POST', `/v1/accounts/${accountId}/charges`, {
        key: h.serviceKey,
        body: {
          amount: { amount: '0.00028', unit: 'CREDIT' },
          productLine: 'compute',
          description: 'Storage, 1 GB, "cold"',
        },
      });
      expect(charge.statusCode, charge.body).toBe(201);
      h.clock.set('2027-04-01T00:00:00Z');
      await h.fund(accountId, '5'); // outside the range

      const res = await h.call('GET', url(accountId, '2027-03-30', '2027-03-31'), { key: customer });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      const lines = res.body.trimEnd().split('\r\n');
      expect(lines[0]).toBe('Date,Time (UTC),Transaction ID,Type,Unit,Amount,Description,Document');
      // The welcome tokens (TOKEN promotion: no document), the funding, the charge; not April's.
      const rows = lines.slice(1).map((l) => l.split(','));
      expect(rows.map((r) => [r[0], r[3], r[4]])).toEqual([
        ['30 Mar 2027', 'promotion', 'TOKEN'],
        ['30 Mar 2027', 'other', 'CREDIT'],
        ['31 Mar 2027', 'charge', 'CREDIT'],
      ]);
      expect(lines[1]!.endsWith(',')).toBe(true); // no document for welcome tokens
      expect(lines[2]).toContain(',"1,234.50",');
      expect(lines[2]).toMatch(/,\/v1\/accounts\/acct_\w+\/transactions\/txn_\w+\/invoice\.pdf$/);
      expect(lines[3]).toContain(',-0.00028,"Storage, 1 GB, ""cold""",');

      // Paged by keyset: two rows a page gives the same bytes as one page.
      const range = parseDateRange('2027-03-30', '2027-03-31');
      if (!range.ok) throw new Error('range');
      expect(await collect(exportTransactionsCsv(h.engine, accountId, range.range, 2))).toBe(res.body);
      expect(await collect(exportTransactionsCsv(h.engine, accountId, range.range, 1))).toBe(res.body);
    });

    it('a bad range is a 400 problem: malformed, impossible, end before start, over 5 years', async () =>
      expectExportRangeChecks(
        h,
        'transactions.csv',
        'Date,Time (UTC),Transaction ID,Type,Unit,Amount,Description,Document',
      ));
  });
}
