import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ExportQuery, sendCsvExport } from '../kernel/http/csv-export.js';
import { AccountParams, COMMON_PROBLEMS } from '../kernel/http/schemas.js';
import { findAccount } from '../accounts/account-store.js';
import { exportInvoicesCsv } from './export-invoices.js';
import type { ServiceContext } from './context.js';

const ALL = ['operator', 'service', 'customer'] as const;

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
          response: { 200: z.any().describe('text/csv'), ...COMMON_PROBLEMS },
        },
      },
      async (request, res) =>
        sendCsvExport(res, {
          query: request.query,
          accountId: request.params.accountId,
          accountExists: async (id) => (await findAccount(ctx.db, id)) !== undefined,
          name: 'invoices',
          rows: (range) => exportInvoicesCsv(ctx, request.params.accountId, range),
        }),
    );
  };
