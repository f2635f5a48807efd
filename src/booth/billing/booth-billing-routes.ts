import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { renderOffLoop } from '../../kernel/documents/render-pool.js';
import { sendPdf } from '../../kernel/http/send-pdf.js';
import { z } from 'zod';
import { type TokenStatement, getTokenStatement } from './get-token-statement.js';
import { parseStatementMonth } from './token-statement-rules.js';
import {
  type BoothInvoice,
  type BoothPaymentAttempt,
  declineSentence,
  type PaymentMethodRecord,
} from './booth-invoice-rules.js';
import { listPaymentAttempts } from './list-payment-attempts.js';
import { addPaymentMethod } from './add-payment-method.js';
import type { BoothContext } from '../context.js';
import { getBoothInvoice, getFinalizedBoothInvoice } from './get-booth-invoice.js';
import { listBoothInvoices } from './list-booth-invoices.js';
import { listPaymentMethods } from './list-payment-methods.js';
import { sendBadCursor } from '../../kernel/http/cursor.js';
import { getPaymentMethod } from './get-payment-method.js';
import { markBoothInvoiceUncollectible } from './mark-booth-invoice-uncollectible.js';
import { removePaymentMethod } from './remove-payment-method.js';
import { fail, ok } from '../../kernel/result.js';
import { setDefaultPaymentMethod } from './set-default-payment-method.js';
import { voidBoothInvoice } from './void-booth-invoice.js';
import {
  AddPaymentMethodBody,
  BoothInvoice as BoothInvoiceSchema,
  BoothInvoicePage,
  BoothInvoiceParams,
  BoothInvoicesQuery,
  CardProcessorConfig,
  OperatorReasonBody,
  PaymentAttemptList,
  PaymentAttemptsQuery,
  PaymentMethod,
  PaymentMethodList,
  PaymentMethodParams,
} from './booth-billing-schemas.js';
import { money } from '../../ledger/present.js';
import { callerOf, reply } from '../../kernel/http/reply.js';
import {
  AccountId,
  AccountParams,
  IdempotencyHeaders,
  ProblemSchema,
  COMMON_PROBLEMS,
} from '../../kernel/http/schemas.js';

const CARD_ERRORS = {
  402: ProblemSchema,
  409: ProblemSchema,
  422: ProblemSchema,
  502: ProblemSchema,
  503: ProblemSchema,
};
const ALL = ['operator', 'service', 'customer'] as const;
const OPERATOR = ['operator'] as const;

export const presentPaymentMethod = (p: PaymentMethodRecord) => ({
  id: p.id,
  brand: p.brand,
  last4: p.last4,
  expMonth: p.expMonth,
  expYear: p.expYear,
  isDefault: p.isDefault,
  createdAt: p.createdAt.toISOString(),
  removedAt: p.removedAt?.toISOString() ?? null,
});

const pdfUrl = (i: BoothInvoice) =>
  i.number === null ? null : `/v1/accounts/${i.accountId}/booth-invoices/${i.id}.pdf`;

export const presentBoothInvoice = (i: BoothInvoice) => ({
  id: i.id,
  accountId: i.accountId,
  number: i.formattedNumber,
  status: i.status,
  date: (i.finalizedAt ?? i.createdAt).toISOString(),
  description: i.description,
  lines: i.lines.map((l) => ({
    position: l.position,
    kind: l.kind,
    description: l.description,
    quantity: l.quantity,
    amount: money(l.amountMicros, 'USD'),
    metadata: l.metadata,
  })),
  subtotal: money(i.subtotalMicros, 'USD'),
  creditApplied: money(i.creditAppliedMicros, 'USD'),
  total: money(i.totalMicros, 'USD'),
  amountPaid: money(i.amountPaidMicros, 'USD'),
  amountDue: money(
    (i.status === 'open' || i.status === 'uncollectible') && i.totalMicros > i.amountPaidMicros
      ? i.totalMicros - i.amountPaidMicros
      : 0n,
    'USD',
  ),
  billTo: i.billTo,
  paymentAttempts: i.paymentAttempts,
  paymentMethodId: i.paymentMethodId,
  lastDecline: i.lastDeclineCode ? { code: i.lastDeclineCode, message: i.lastDeclineMessage } : null,
  createdAt: i.createdAt.toISOString(),
  finalizedAt: i.finalizedAt?.toISOString() ?? null,
  paidAt: i.paidAt?.toISOString() ?? null,
  voidedAt: i.voidedAt?.toISOString() ?? null,
  markedUncollectibleAt: i.markedUncollectibleAt?.toISOString() ?? null,
  pdfUrl: pdfUrl(i),
  dunning: presentDunning(i.dunning),
});

const presentDunning = (d: BoothInvoice['dunning']) =>
  d && {
    status: d.status,
    billingDate: d.billingDate.toISOString(),
    retries: d.retries,
    retriesMade: d.retriesMade,
    lastRetryAt: d.lastRetryAt?.toISOString() ?? null,
    nextRetryAt: d.nextRetryAt?.toISOString() ?? null,
  };

export const presentPaymentAttempt = (a: BoothPaymentAttempt) => ({
  invoiceId: a.invoiceId,
  invoiceNumber: a.invoiceNumber,
  attempt: a.attempt,
  description: a.description,
  amount: money(a.amountMicros, 'USD'),
  card: a.card,
  attemptedAt: a.attemptedAt.toISOString(),
  outcome: a.outcome,
  declineCode: a.declineCode,
  reason: a.outcome === 'declined' ? declineSentence(a.declineCode) : null,
});

export const presentBoothInvoiceRow = (i: BoothInvoice) => ({
  id: i.id,
  number: i.formattedNumber,
  date: (i.finalizedAt ?? i.createdAt).toISOString(),
  description: i.description,
  amount: money(i.totalMicros, 'USD'),
  status: i.status,
  pdfUrl: pdfUrl(i),
  dunning: presentDunning(i.dunning),
});

function encodeCursor(c: { createdAt: Date; id: string }): string {
  return Buffer.from(`${c.createdAt.toISOString()}|${c.id}`).toString('base64url');
}

function decodeCursor(text: string): { createdAt: Date; id: string } | undefined {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)\|([a-z]{1,8}_[0-9a-v]{1,40})$/.exec(
    Buffer.from(text, 'base64url').toString(),
  );
  if (!m) return undefined;
  const createdAt = new Date(m[1]!);
  return Number.isNaN(createdAt.getTime()) ? undefined : { createdAt, id: m[2]! };
}

/** The booth line's payment methods (cards) and booth invoices. */
const presentTokenStatement = (s: TokenStatement) => ({
  accountId: s.accountId,
  month: s.period.month,
  periodStart: s.period.start.toISOString(),
  periodEnd: s.period.end.toISOString(),
  issuedAt: s.issuedAt.toISOString(),
  billTo: s.billTo,
  lines: s.lines.map((l) => ({
    eventId: l.eventId,
    event: l.event,
    item: l.item,
    quantity: l.quantity,
    tokens: money(l.tokensMicros, 'TOKEN'),
  })),
  total: money(s.totalTokensMicros, 'TOKEN'),
  charges: s.charges,
});

const TokenStatementParams = z.strictObject({
  accountId: AccountId,
  month: z.string().max(16).describe('YYYY-MM, or YYYY-MM.pdf for the PDF'),
});

export const boothBillingRoutes =
  (ctx: BoothContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/v1/card-processor',
      {
        schema: {
          tags: ['cards'],
          summary: "The billing page's card settings: publishable key and where to tokenize a card",
          response: { 200: CardProcessorConfig, 503: ProblemSchema },
        },
      },
      async (_request, res) =>
        reply(
          res,
          ctx.cardsPublic
            ? ok(ctx.cardsPublic)
            : fail('card_processor_not_configured', 'no card processor is configured'),
          (c) => c,
        ),
    );

    app.get(
      '/v1/accounts/:accountId/payment-methods',
      {
        config: { roles: ALL },
        schema: {
          tags: ['cards'],
          summary: "The account's saved cards, oldest first; the default pays everything",
          params: AccountParams,
          response: { 200: PaymentMethodList, ...COMMON_PROBLEMS, 503: ProblemSchema },
        },
      },
      async (request, res) =>
        reply(res, await listPaymentMethods(ctx, request.params.accountId), (list) => ({
          data: list.map(presentPaymentMethod),
        })),
    );

    app.post(
      '/v1/accounts/:accountId/payment-methods',
      {
        config: { roles: ALL },
        schema: {
          tags: ['cards'],
          summary: 'Save a card tokenized by the page (pm_...); the first card becomes the default',
          params: AccountParams,
          headers: IdempotencyHeaders,
          body: AddPaymentMethodBody,
          response: { 201: PaymentMethod, ...COMMON_PROBLEMS, ...CARD_ERRORS },
        },
      },
      async (request, res) =>
        reply(
          res,
          await addPaymentMethod(ctx, request.params.accountId, request.body.paymentMethod),
          presentPaymentMethod,
          201,
        ),
    );

    app.get(
      '/v1/accounts/:accountId/payment-methods/:paymentMethodId',
      {
        config: { roles: ALL },
        schema: {
          tags: ['cards'],
          summary: 'Get one saved card of the account',
          params: PaymentMethodParams,
          response: { 200: PaymentMethod, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) =>
        reply(
          res,
          await getPaymentMethod(ctx, request.params.accountId, request.params.paymentMethodId),
          presentPaymentMethod,
        ),
    );

    app.delete(
      '/v1/accounts/:accountId/payment-methods/:paymentMethodId',
      {
        config: { roles: ALL },
        schema: {
          tags: ['cards'],
          summary: 'Remove a card; the default only when it is the last one (make another default first)',
          params: PaymentMethodParams,
          response: { 200: PaymentMethod, ...COMMON_PROBLEMS, ...CARD_ERRORS },
        },
      },
      async (request, res) =>
        reply(
          res,
          await removePaymentMethod(ctx, request.params.accountId, request.params.paymentMethodId),
          presentPaymentMethod,
        ),
    );

    app.post(
      '/v1/accounts/:accountId/payment-methods/:paymentMethodId/default',
      {
        config: { roles: ALL },
        schema: {
          tags: ['cards'],
          summary: 'Make a saved card the default',
          params: PaymentMethodParams,
          headers: IdempotencyHeaders,
          response: { 200: PaymentMethod, ...COMMON_PROBLEMS, ...CARD_ERRORS },
        },
      },
      async (request, res) =>
        reply(
          res,
          await setDefaultPaymentMethod(ctx, request.params.accountId, request.params.paymentMethodId),
          presentPaymentMethod,
        ),
    );

    app.get(
      '/v1/accounts/:accountId/booth-invoices',
      {
        config: { roles: ALL },
        schema: {
          tags: ['booth invoices'],
          summary:
            "The account's booth invoices, newest first: ID, date, description, amount, status, PDF link",
          params: AccountParams,
          querystring: BoothInvoicesQuery,
          response: { 200: BoothInvoicePage, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) => {
        const { cursor, limit } = request.query;
        const after = cursor === undefined ? undefined : decodeCursor(cursor);
        if (cursor !== undefined && !after) return sendBadCursor(res);
        return reply(
          res,
          await listBoothInvoices(ctx, request.params.accountId, { limit, after }),
          (page) => ({
            data: page.data.map(presentBoothInvoiceRow),
            nextCursor: page.next ? encodeCursor(page.next) : null,
          }),
        );
      },
    );

    app.get(
      '/v1/accounts/:accountId/payment-attempts',
      {
        config: { roles: ALL },
        schema: {
          tags: ['booth invoices'],
          summary:
            'Card payment attempts, newest first (outcome=declined: the failed ones, with the reason as a sentence)',
          params: AccountParams,
          querystring: PaymentAttemptsQuery,
          response: { 200: PaymentAttemptList, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) =>
        reply(res, await listPaymentAttempts(ctx, request.params.accountId, request.query), (list) => ({
          data: list.map(presentPaymentAttempt),
        })),
    );

    // One route for ":invoiceId" and ":invoiceId.pdf": find-my-way cannot tell the two apart.
    app.get(
      '/v1/accounts/:accountId/booth-invoices/:invoiceId',
      {
        config: { roles: ALL },
        schema: {
          tags: ['booth invoices'],
          summary: 'One booth invoice with its lines; append .pdf for the PDF (finalized invoices only)',
          params: BoothInvoiceParams,
          // 503: a flood of downloads filled the document downloads' line (kernel/http/send-pdf.ts).
          response: {
            200: z.union([BoothInvoiceSchema, z.any()]),
            ...COMMON_PROBLEMS,
            409: ProblemSchema,
            503: ProblemSchema,
          },
        },
      },
      async (request, res) => {
        const { accountId, invoiceId } = request.params;
        if (!invoiceId.endsWith('.pdf')) {
          return reply(res, await getBoothInvoice(ctx, accountId, invoiceId), presentBoothInvoice);
        }
        return sendPdf(
          res,
          () => getFinalizedBoothInvoice(ctx, accountId, invoiceId.slice(0, -'.pdf'.length)),
          {
            render: (invoice) =>
              renderOffLoop(import.meta.url, './booth-invoice-pdf.js', 'renderBoothInvoicePdf', [
                invoice,
                ctx.seller,
              ]),
            filename: (invoice) => `${invoice.formattedNumber}.pdf`,
          },
        );
      },
    );

    // One route for ":month" and ":month.pdf", as for booth invoices.
    app.get(
      '/v1/accounts/:accountId/token-statements/:month',
      {
        config: { roles: ALL },
        schema: {
          tags: ['booth invoices'],
          summary:
            "The account's token usage statement of a month (UTC): outputs by event and kind, virtual booth sessions, tokens; append .pdf for the PDF",
          params: TokenStatementParams,
          response: { 200: z.any(), ...COMMON_PROBLEMS, 503: ProblemSchema },
        },
      },
      async (request, res) => {
        const { accountId, month } = request.params;
        const pdf = month.endsWith('.pdf');
        const period = parseStatementMonth(pdf ? month.slice(0, -'.pdf'.length) : month);
        if (!period) {
          return reply(res, fail('invalid_request', 'month must be YYYY-MM', { field: 'month' }), () => null);
        }
        if (!pdf) return reply(res, await getTokenStatement(ctx, accountId, period), presentTokenStatement);
        return sendPdf(res, () => getTokenStatement(ctx, accountId, period), {
          render: (statement) =>
            renderOffLoop(import.meta.url, './token-statement-pdf.js', 'renderTokenStatementPdf', [
              statement,
              ctx.seller,
            ]),
          filename: () => `token-statement-${period.month}.pdf`,
        });
      },
    );

    for (const [action, to] of [
      ['void', 'void'],
      ['mark-uncollectible', 'uncollectible'],
    ] as const) {
      app.post(
        `/v1/accounts/:accountId/booth-invoices/:invoiceId/${action}`,
        {
          config: { roles: OPERATOR },
          schema: {
            tags: ['booth invoices'],
            summary:
              to === 'void'
                ? 'Void an open invoice (operator, audited): it keeps its number and is not collected'
                : 'Write off an open invoice as uncollectible (operator, audited); it can still be paid',
            params: BoothInvoiceParams,
            headers: IdempotencyHeaders,
            body: OperatorReasonBody,
            response: { 200: BoothInvoiceSchema, ...COMMON_PROBLEMS, 409: ProblemSchema },
          },
        },
        async (request, res) => {
          const input = { ...request.params, reason: request.body.reason };
          const caller = callerOf(request);
          const result =
            to === 'void'
              ? await voidBoothInvoice(ctx, caller, input)
              : await markBoothInvoiceUncollectible(ctx, caller, input);
          return reply(res, result, presentBoothInvoice);
        },
      );
    }
  };
