import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { WebhookTransmission } from './paypal.js';
import { capturePayPalOrder } from './capture-paypal-order.js';
import type { ComputeContext } from '../context.js';
import { createPayPalOrder } from './create-paypal-order.js';
import { createPromotion } from './create-promotion.js';
import { deactivatePromotion } from './deactivate-promotion.js';
import { findTopUpOrderByToken } from './find-top-up-order-by-token.js';
import { getTopUpOrder } from './get-top-up-order.js';
import { type PayPalWebhookEvent, handlePayPalWebhook } from './handle-paypal-webhook.js';
import { listPromotions } from './list-promotions.js';
import { type TopUpQuote as Quote, quoteTopUp } from './quote-top-up.js';
import { money, presentTransaction } from '../../ledger/present.js';
import { problem, sendProblem } from '../../kernel/http/problem.js';
import { callerOf, reply } from '../../kernel/http/reply.js';
import {
  AccountParams,
  IdempotencyHeaders,
  ProblemSchema,
  COMMON_PROBLEMS,
} from '../../kernel/http/schemas.js';
import {
  CapturedTopUp,
  CreatePayPalOrderBody,
  CreatePromotionBody,
  CreatedTopUpOrder,
  DeactivatePromotionBody,
  PayPalWebhookBody,
  Promotion,
  PromotionList,
  PromotionParams,
  PromotionsQuery,
  QuoteBody,
  TopUpOrder,
  TopUpOrderByTokenParams,
  TopUpOrderParams,
  TopUpQuote,
  WebhookReceipt,
} from './topup-schemas.js';
import type { PromotionRecord } from './promotions-rules.js';
import type { TopUpOrderRecord } from './topups-rules.js';

const ALL = ['operator', 'service', 'customer'] as const;
const OPERATOR = ['operator'] as const;
const PROVIDER = { 502: ProblemSchema, 503: ProblemSchema };

export const presentQuote = (q: Quote) => ({
  accountId: q.accountId,
  rail: q.rail,
  amount: money(q.amountMicros, 'USD'),
  fee: money(q.feeMicros, 'USD'),
  total: money(q.totalMicros, 'USD'),
  credits: money(q.creditsMicros, 'CREDIT'),
  promotion: q.promotion
    ? { id: q.promotion.id, name: q.promotion.name, bonus: money(q.promotion.bonusMicros, 'CREDIT') }
    : null,
  minimum: money(q.minMicros, 'USD'),
  maximum: money(q.maxMicros, 'USD'),
});

export const presentOrder = (o: TopUpOrderRecord) => ({
  id: o.id,
  accountId: o.accountId,
  rail: o.rail,
  status: o.status,
  statusDetail: o.statusDetail,
  amount: money(o.amountMicros, 'USD'),
  fee: money(o.feeMicros, 'USD'),
  total: money(o.totalMicros, 'USD'),
  credits: money(o.amountMicros, 'CREDIT'),
  paypalOrderId: o.providerOrderId,
  approveUrl: o.approveUrl,
  captureId: o.captureId,
  createdAt: o.createdAt.toISOString(),
  updatedAt: o.updatedAt.toISOString(),
});

export const presentPromotion = (now: Date) => (p: PromotionRecord) => ({
  id: p.id,
  name: p.name,
  startsAt: p.startsAt.toISOString(),
  endsAt: p.endsAt?.toISOString() ?? null,
  minimumTopUp: money(p.minTopUpMicros, 'USD'),
  bonus:
    p.bonus.kind === 'percentage'
      ? { type: 'percentage' as const, basisPoints: p.bonus.basisPoints }
      : { type: 'fixed' as const, amount: money(p.bonus.amountMicros, 'CREDIT') },
  maximumBonus: p.maxBonusMicros === null ? null : money(p.maxBonusMicros, 'CREDIT'),
  perCustomerLimit: p.perCustomerLimit,
  active:
    p.deactivatedAt === null &&
    p.startsAt.getTime() <= now.getTime() &&
    (p.endsAt === null || now.getTime() < p.endsAt.getTime()),
  createdBy: p.createdBy,
  createdAt: p.createdAt.toISOString(),
  deactivatedAt: p.deactivatedAt?.toISOString() ?? null,
});

export const topupsRoutes =
  (ctx: ComputeContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/v1/accounts/:accountId/top-ups/quote',
      {
        config: { roles: ALL },
        schema: {
          tags: ['top-ups'],
          summary:
            'Order summary for topping up A: fee, total, credits and any promotion bonus (writes nothing)',
          params: AccountParams,
          body: QuoteBody,
          response: { 200: TopUpQuote, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) =>
        reply(
          res,
          await quoteTopUp(ctx, {
            accountId: request.params.accountId,
            rail: request.body.rail,
            amountMicros: request.body.amount.amountMicros,
          }),
          presentQuote,
        ),
    );

    app.post(
      '/v1/accounts/:accountId/top-ups/paypal',
      {
        config: { roles: ALL },
        schema: {
          tags: ['top-ups'],
          summary: 'Start a PayPal top-up: creates the PayPal order and returns the approval link',
          params: AccountParams,
          headers: IdempotencyHeaders,
          body: CreatePayPalOrderBody,
          response: { 201: CreatedTopUpOrder, 409: ProblemSchema, ...COMMON_PROBLEMS, ...PROVIDER },
        },
      },
      async (request, res) => {
        const { amount, ...rest } = request.body;
        return reply(
          res,
          await createPayPalOrder(
            ctx,
            callerOf(request),
            { accountId: request.params.accountId, amountMicros: amount.amountMicros, ...rest },
            request.headers['idempotency-key'],
          ),
          (v) => ({ order: presentOrder(v.order), quote: presentQuote(v.quote) }),
          201,
        );
      },
    );

    app.get(
      '/v1/accounts/:accountId/top-ups/paypal/:orderId',
      {
        config: { roles: ALL },
        schema: {
          tags: ['top-ups'],
          summary: 'A PayPal top-up order and its status',
          params: TopUpOrderParams,
          response: { 200: TopUpOrder, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) => reply(res, await getTopUpOrder(ctx, request.params), presentOrder),
    );

    app.get(
      '/v1/accounts/:accountId/top-ups/paypal-orders/by-token/:token',
      {
        config: { roles: ALL },
        schema: {
          tags: ['top-ups'],
          summary:
            "The account's PayPal top-up order for PayPal's order id (the return URL's token), to capture it from any tab",
          params: TopUpOrderByTokenParams,
          response: { 200: TopUpOrder, ...COMMON_PROBLEMS, ...PROVIDER },
        },
      },
      async (request, res) => reply(res, await findTopUpOrderByToken(ctx, request.params), presentOrder),
    );

    app.post(
      '/v1/accounts/:accountId/top-ups/paypal/:orderId/capture',
      {
        config: { roles: ALL },
        schema: {
          tags: ['top-ups'],
          summary:
            'Capture an approved PayPal order: credits A CREDIT once (and any promotion bonus); safe to repeat',
          params: TopUpOrderParams,
          response: {
            200: CapturedTopUp,
            402: ProblemSchema,
            409: ProblemSchema,
            ...COMMON_PROBLEMS,
            ...PROVIDER,
          },
        },
      },
      async (request, res) =>
        reply(res, await capturePayPalOrder(ctx, request.params), (v) => ({
          order: presentOrder(v.order),
          payment: presentTransaction(v.payment),
          promotion: v.promotion ? presentTransaction(v.promotion) : null,
        })),
    );

    app.post(
      '/v1/webhooks/paypal',
      {
        schema: {
          tags: ['top-ups'],
          summary: 'PayPal webhook (signature verified with PayPal; no API key)',
          security: [],
          // No body schema on purpose: validation would rebuild the object (key order), and PayPal
          // verifies the signature over the event exactly as it sent it. Checked below instead.
          response: { 200: WebhookReceipt, 400: ProblemSchema, ...PROVIDER },
        },
      },
      async (request, res) => {
        const shape = PayPalWebhookBody.safeParse(request.body);
        if (!shape.success) {
          const issue = shape.error.issues[0]!;
          const field = issue.path.join('.');
          return sendProblem(
            res,
            problem('validation_failed', `${field ? `${field}: ` : ''}${issue.message}`, { field }),
          );
        }
        const h = request.headers;
        const pick = (name: keyof WebhookTransmission) => {
          const v = h[name];
          return typeof v === 'string' ? v : undefined;
        };
        const transmission: WebhookTransmission = {
          'paypal-transmission-id': pick('paypal-transmission-id'),
          'paypal-transmission-time': pick('paypal-transmission-time'),
          'paypal-transmission-sig': pick('paypal-transmission-sig'),
          'paypal-cert-url': pick('paypal-cert-url'),
          'paypal-auth-algo': pick('paypal-auth-algo'),
        };
        return reply(
          res,
          await handlePayPalWebhook(ctx, { transmission, event: request.body as PayPalWebhookEvent }),
          (v) => v,
        );
      },
    );

    app.post(
      '/v1/promotions',
      {
        config: { roles: OPERATOR },
        schema: {
          tags: ['operators'],
          summary: 'Define a top-up promotion (bonus rule), audited',
          headers: IdempotencyHeaders,
          body: CreatePromotionBody,
          response: { 201: Promotion, 409: ProblemSchema, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) => {
        const b = request.body;
        return reply(
          res,
          await createPromotion(
            ctx,
            callerOf(request),
            {
              name: b.name,
              startsAt: new Date(b.startsAt),
              endsAt: b.endsAt === null ? null : new Date(b.endsAt),
              minTopUpMicros: b.minimumTopUp?.amountMicros ?? 0n,
              bonus:
                b.bonus.type === 'percentage'
                  ? { kind: 'percentage', basisPoints: b.bonus.basisPoints }
                  : { kind: 'fixed', amountMicros: b.bonus.amount.amountMicros },
              maxBonusMicros: b.maximumBonus?.amountMicros ?? null,
              perCustomerLimit: b.perCustomerLimit,
              reason: b.reason,
            },
            request.headers['idempotency-key'],
          ),
          presentPromotion(ctx.clock.now()),
          201,
        );
      },
    );

    app.get(
      '/v1/promotions',
      {
        config: { roles: OPERATOR },
        schema: {
          tags: ['operators'],
          summary: 'Promotions, newest first',
          querystring: PromotionsQuery,
          response: { 200: PromotionList, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) =>
        reply(res, await listPromotions(ctx, { activeOnly: request.query.active === 'true' }), (list) => ({
          data: list.map(presentPromotion(ctx.clock.now())),
        })),
    );

    app.post(
      '/v1/promotions/:promotionId/deactivate',
      {
        config: { roles: OPERATOR },
        schema: {
          tags: ['operators'],
          summary: 'End a promotion now (bonuses already granted stay), audited',
          params: PromotionParams,
          body: DeactivatePromotionBody,
          response: { 200: Promotion, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) =>
        reply(
          res,
          await deactivatePromotion(ctx, callerOf(request), {
            promotionId: request.params.promotionId,
            reason: request.body.reason,
          }),
          presentPromotion(ctx.clock.now()),
        ),
    );
  };
