import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sendBadCursor } from '../../kernel/http/cursor.js';
import { z } from 'zod';
import { formatAmount } from '../../kernel/money.js';
import type { ComputeContext } from '../context.js';
import { getBillingOverview } from './get-billing-overview.js';
import { listAuditLog } from '../../accounts/list-audit-log.js';
import { refundPayment } from '../topups/refund-payment.js';
import { presentTransaction } from '../../ledger/present.js';
import { callerOf, reply } from '../../kernel/http/reply.js';
import {
  AccountParams,
  IdempotencyHeaders,
  MoneyInput,
  ProblemSchema,
  idOf,
  UnitSchema,
  COMMON_PROBLEMS,
} from '../../kernel/http/schemas.js';
import { Transaction } from '../../ledger/ledger-schemas.js';

const OverviewQuery = z.strictObject({
  unit: UnitSchema.default('CREDIT'),
  days: z.coerce
    .number()
    .int()
    .min(1)
    .max(366)
    .default(30)
    .describe('UTC days of usage history, up to today'),
});

const Overview = z
  .object({
    accountId: z.string(),
    unit: UnitSchema,
    balance: z.string(),
    available: z.string(),
    used: z.string().describe('credits spent on services: Charge transactions minus the refunds of charges'),
    toppedUp: z.string().describe('credits bought (Payment transactions), fees excluded'),
    promotions: z.string(),
    refunded: z.string(),
    usagePercent: z
      .string()
      .nullable()
      .describe('used ÷ topped up × 100, two decimals; null before any top-up'),
    days: z.array(z.object({ day: z.string(), used: z.string(), toppedUp: z.string() })),
  })
  .meta({ id: 'BillingOverview' });

const RefundBody = z.strictObject({
  paymentTransactionId: idOf('transaction'),
  amount: MoneyInput.optional().describe(
    "what to refund, in the payment's unit; all still refundable when omitted",
  ),
  reason: z.string().trim().min(1).max(500),
  payoutReference: z.string().trim().min(1).max(200).optional(),
});

const AuditQuery = z.strictObject({
  subject: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional().describe('nextCursor of the previous page'),
});

const AuditPage = z.object({
  data: z.array(
    z.object({
      id: z.string(),
      actor: z.string(),
      action: z.string(),
      subject: z.string(),
      reason: z.string(),
      details: z.record(z.string(), z.unknown()),
      createdAt: z.string(),
    }),
  ),
  nextCursor: z.string().nullable(),
});

export const billingRoutes =
  (ctx: ComputeContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/v1/accounts/:accountId/billing-overview',
      {
        config: { roles: ['operator', 'service', 'customer'] },
        schema: {
          tags: ['billing'],
          summary: 'Balance, credits used, total topped up, usage percentage and usage per day',
          params: AccountParams,
          querystring: OverviewQuery,
          response: { 200: Overview, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) =>
        reply(
          res,
          await getBillingOverview(ctx, { accountId: request.params.accountId, ...request.query }),
          (o) => ({
            accountId: request.params.accountId,
            unit: o.unit,
            balance: formatAmount(o.balanceMicros, o.unit),
            available: formatAmount(o.availableMicros, o.unit),
            used: formatAmount(o.usedMicros, o.unit),
            toppedUp: formatAmount(o.toppedUpMicros, o.unit),
            promotions: formatAmount(o.promotionsMicros, o.unit),
            refunded: formatAmount(o.refundedMicros, o.unit),
            usagePercent: o.usagePercent,
            days: o.days.map((d) => ({
              day: d.day,
              used: formatAmount(d.usedMicros, o.unit),
              toppedUp: formatAmount(d.toppedUpMicros, o.unit),
            })),
          }),
        ),
    );

    app.post(
      '/v1/accounts/:accountId/refunds',
      {
        config: { roles: ['operator'] },
        schema: {
          tags: ['operators'],
          summary: 'Refund (part of) a top-up: never more than it brought in, never credits already spent',
          params: AccountParams,
          headers: IdempotencyHeaders,
          body: RefundBody,
          response: { 201: Transaction, 409: ProblemSchema, 422: ProblemSchema, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) => {
        const { amount, ...rest } = request.body;
        const input = { accountId: request.params.accountId, ...rest, amount };
        return reply(
          res,
          await refundPayment(ctx, callerOf(request), input, request.headers['idempotency-key']),
          presentTransaction,
          201,
        );
      },
    );

    app.get(
      '/v1/audit-log',
      {
        config: { roles: ['operator'] },
        schema: {
          tags: ['operators'],
          summary: 'Operator actions (who, when, what, why), newest first',
          querystring: AuditQuery,
          response: { 200: AuditPage, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) => {
        const { cursor, ...query } = request.query;
        if (cursor !== undefined && !/^[0-9]{1,18}$/.test(cursor)) return sendBadCursor(res);
        return reply(
          res,
          await listAuditLog(ctx, { ...query, beforeSeq: cursor ? BigInt(cursor) : undefined }),
          (page) => ({
            data: page.entries.map((e) => ({
              id: e.id,
              actor: e.actor,
              action: e.action,
              subject: e.subject,
              reason: e.reason,
              details: e.details,
              createdAt: e.createdAt.toISOString(),
            })),
            nextCursor: page.next === null ? null : page.next.toString(),
          }),
        );
      },
    );
  };
