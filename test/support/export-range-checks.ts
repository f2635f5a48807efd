import { expect } from 'vitest';
import type { Harness } from './harness.js';

/**
 * What every CSV export (`/v1/accounts/{id}/exports/<file>`) answers to a bad range, shared by the
 * export tests: a malformed, impossible, reversed or over-5-years range is 400 `invalid_request` on
 * its field; a missing day is 400; an unknown account 404; exactly 5 years is a CSV of `header` alone
 * (the account is new).
 */
export async function expectExportRangeChecks(
  h: Harness,
  file: 'transactions.csv' | 'invoices.csv',
  header: string,
): Promise<void> {
  const accountId = await h.openAccount();
  const url = (account: string, from: string, to: string) =>
    `/v1/accounts/${account}/exports/${file}?from=${from}&to=${to}`;
  for (const [from, to, field] of [
    ['2027-3-01', '2027-03-31', 'from'],
    ['2027-02-01', '2027-02-30', 'to'],
    ['2027-04-01', '2027-03-31', 'to'],
    ['2020-01-01', '2025-01-01', 'to'],
    ['yesterday', '2027-03-31', 'from'],
  ] as const) {
    const res = await h.call('GET', url(accountId, from, to));
    expect(res.statusCode, `${from}..${to}`).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'invalid_request', field });
  }
  const fiveYears = await h.call('GET', url(accountId, '2020-01-01', '2024-12-31'));
  expect(fiveYears.statusCode).toBe(200);
  expect(fiveYears.body).toBe(`${header}\r\n`);
  expect((await h.call('GET', `/v1/accounts/${accountId}/exports/${file}?from=2027-01-01`)).statusCode).toBe(
    400,
  );
  expect((await h.call('GET', url('acct_nope', '2027-01-01', '2027-01-02'))).statusCode).toBe(404);
}
