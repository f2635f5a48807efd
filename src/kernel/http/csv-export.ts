import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { type DateRange, parseDateRange } from '../date-range-rules.js';
import { problem, sendProblem } from './problem.js';

/** The query of every CSV export: a range of whole UTC days, both included. */
export const ExportQuery = z.strictObject({
  from: z.string().max(32).describe('first day, YYYY-MM-DD (UTC)'),
  to: z.string().max(32).describe('last day, YYYY-MM-DD (UTC), included'),
});

export interface CsvExport {
  query: z.infer<typeof ExportQuery>;
  accountId: string;
  /** Whether the account exists (the slice's own store answers). */
  accountExists: (accountId: string) => Promise<boolean>;
  /** The file's name before the range: `invoices` → "invoices-2027-01-01-2027-01-31.csv". */
  name: string;
  /** The CSV lines, header first, read as they are sent (never all held in memory). */
  rows: (range: DateRange) => AsyncIterable<string>;
}

/**
 * Every CSV export answers the same way: a bad range is 400 `invalid_request` on its field, an
 * unknown account 404, else `text/csv` as an attachment named by the range, streamed as generated.
 */
export async function sendCsvExport(res: FastifyReply, exp: CsvExport): Promise<FastifyReply> {
  const { from, to } = exp.query;
  const parsed = parseDateRange(from, to);
  if (!parsed.ok) {
    return sendProblem(
      res,
      problem('invalid_request', `${parsed.field} ${parsed.message}`, { field: parsed.field }),
    );
  }
  if (!(await exp.accountExists(exp.accountId))) {
    return sendProblem(res, problem('account_not_found', 'no such account', { accountId: exp.accountId }));
  }
  return res
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${exp.name}-${from}-${to}.csv"`)
    .send(Readable.from(exp.rows(parsed.range)));
}
