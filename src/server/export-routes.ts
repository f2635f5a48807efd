import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parseDateRange } from '../kernel/date-range-rules.js';
import { problem, sendProblem } from '../kernel/http/problem.js';
import { AccountParams, ProblemSchema } from '../kernel/http/schemas.js';
import { findAccount } from '../accounts/account-store.js';
import { exportInvoicesCsv } from './export-invoices.js';
import type { ServiceContext } from './context.js';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };
const ALL = ['operator', 'service', 'customer'] as const;

const ExportQuery = z.strictObject({
  from: z.string().max(32).describe('first day, YYYY-MM-DD (UTC)'),
  to: z.string().max(32).describe('last day, YYYY-MM-DD (UTC), included'),
});

/** The invoices export: both product lines' documents, so it lives with the server. */
export const exportRoutes =
  (ctx: ServiceContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/v1/accounts/:accountId/exports/invoices.csv',
      {
        config: { roles: ALL },
        schema: {
          tags: ['invoices'],
          summary:
            'Compute documents and booth invoices of a date range as CSV (number, date, line, document, description, amount, currency, status; UTC days, both included, at most 5 years), oldest first, streamed',
          params: AccountParams,
          querystring: ExportQuery,
          response: { 200: z.any().describe('text/csv'), ...errors },
        },
      },
      async (request, res) => {
        const parsed = parseDateRange(request.query.from, request.query.to);
        if (!parsed.ok) {
          return sendProblem(
            res,
            problem('invalid_request', `${parsed.field} ${parsed.message}`, { field: parsed.field }),
          );
        }
        const { accountId } = request.params;
        if (!(await findAccount(ctx.db, accountId))) {
          return sendProblem(res, problem('account_not_found', 'no such account', { accountId }));
        }
        return res
          .type('text/csv; charset=utf-8')
          .header(
            'content-disposition',
            `attachment; filename="invoices-${request.query.from}-${request.query.to}.csv"`,
          )
          .send(Readable.from(exportInvoicesCsv(ctx, accountId, parsed.range)));
      },
    );
  };
