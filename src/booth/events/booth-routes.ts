import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  TOKEN_PACKS,
  type AutoTopupRecord,
  type EventRecord,
  type TokenPurchaseRecord,
} from './booth-usage-rules.js';
import { formatAmount } from '../../kernel/money.js';
import {
  type TemplateView,
  archiveBoothTemplate,
  getBoothTemplate,
  listBoothTemplates,
  putBoothTemplate,
} from './booth-templates.js';
import { buyTokenPack } from './buy-token-pack.js';
import { getAutoTopup, setAutoTopup } from './auto-topup.js';
import type { BoothContext } from '../context.js';
import { endBoothSession } from './end-booth-session.js';
import { endEvent } from './end-event.js';
import { estimateEventTokens } from './estimate-event-tokens.js';
import { getTokenWallet } from './get-token-wallet.js';
import { listEvents } from './list-events.js';
import { getEvent } from './get-event.js';
import { hasPrefix } from '../../kernel/ids.js';
import { sendBadCursor } from '../../kernel/http/cursor.js';
import { registerEvent } from './register-event.js';
import { reportOutputs } from './report-outputs.js';
import { ok } from '../../kernel/result.js';
import { startEvent } from './start-event.js';
import {
  AutoTopup,
  AutoTopupBody,
  AutoTopupOrNone,
  BuyTokensBody,
  EndedSession,
  EstimateBody,
  EstimateResponse,
  Event,
  EventPage,
  EventParams,
  EventsQuery,
  PutTemplateBody,
  RegisterEventBody,
  ReportOutputsBody,
  ReportOutputsResponse,
  SessionParams,
  Template,
  TemplateList,
  TemplateParams,
  TemplatesQuery,
  TokenPackList,
  TokenPurchase,
  TokenWallet,
} from './booth-schemas.js';
import { money } from '../../ledger/present.js';
import { callerOf, reply } from '../../kernel/http/reply.js';
import {
  AccountParams,
  IdempotencyHeaders,
  ProblemSchema,
  COMMON_PROBLEMS,
} from '../../kernel/http/schemas.js';

const ALL = ['operator', 'service', 'customer'] as const;
/** The booth app (service keys) and operators: registering events, reporting usage, templates. */
const APP = ['operator', 'service'] as const;

export const presentEvent = (e: EventRecord) => ({
  id: e.id,
  accountId: e.accountId,
  name: e.name,
  tag: e.tag,
  virtualBooth: e.virtualBooth,
  features: e.features,
  templateIds: e.templateIds,
  status: e.status,
  pauseReason: e.pauseReason,
  license: e.license,
  sessionsEnded: e.sessionsEnded,
  createdAt: e.createdAt.toISOString(),
  startedAt: e.startedAt?.toISOString() ?? null,
  endedAt: e.endedAt?.toISOString() ?? null,
});

export const presentTemplate = (t: TemplateView) => ({
  id: t.id,
  name: t.name,
  outputs: t.outputs,
  features: t.features,
  tier: t.tier,
  costPerSession: money(t.costMicros, 'TOKEN'),
  paysForAi: t.hasAi,
  archived: t.archivedAt !== null,
  updatedAt: t.updatedAt.toISOString(),
});

export const presentPurchase = (p: TokenPurchaseRecord) => ({
  id: p.id,
  accountId: p.accountId,
  pack: p.packTokens,
  quantity: p.quantity,
  tokens: money(p.tokenMicros, 'TOKEN'),
  price: money(p.priceMicros, 'USD'),
  status: p.status,
  invoiceId: p.invoiceId,
  transactionId: p.transactionId,
  declineReason: p.declineReason,
  createdAt: p.createdAt.toISOString(),
});

/** The booth line's booth events, token wallet, usage, estimator. */
export const boothRoutes =
  (ctx: BoothContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.put(
      '/v1/accounts/:accountId/booth/templates/:templateId',
      {
        config: { roles: ALL },
        schema: {
          tags: ['booth'],
          summary:
            "Define or redefine one of the account's templates (booth app or customer): its outputs per session give its token cost",
          params: TemplateParams,
          body: PutTemplateBody,
          response: { 200: Template, 422: ProblemSchema, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) =>
        reply(
          res,
          await putBoothTemplate(ctx, {
            accountId: request.params.accountId,
            id: request.params.templateId,
            ...request.body,
          }),
          presentTemplate,
        ),
    );

    app.get(
      '/v1/accounts/:accountId/booth/templates',
      {
        config: { roles: ALL },
        schema: {
          tags: ['booth'],
          summary: "The account's templates by name, each with its token cost per session",
          params: AccountParams,
          querystring: TemplatesQuery,
          response: { 200: TemplateList, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) =>
        reply(
          res,
          await listBoothTemplates(ctx, request.params.accountId, request.query.archived),
          (list) => ({ data: list.map(presentTemplate) }),
        ),
    );

    app.get(
      '/v1/accounts/:accountId/booth/templates/:templateId',
      {
        config: { roles: ALL },
        schema: {
          tags: ['booth'],
          summary: "One of the account's templates with its token cost per session",
          params: TemplateParams,
          response: { 200: Template, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) =>
        reply(
          res,
          await getBoothTemplate(ctx, request.params.accountId, request.params.templateId),
          presentTemplate,
        ),
    );

    app.delete(
      '/v1/accounts/:accountId/booth/templates/:templateId',
      {
        config: { roles: ALL },
        schema: {
          tags: ['booth'],
          summary: 'Archive a template: new events and estimates can no longer use it',
          params: TemplateParams,
          response: { 200: Template, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) =>
        reply(
          res,
          await archiveBoothTemplate(ctx, request.params.accountId, request.params.templateId),
          presentTemplate,
        ),
    );

    app.get(
      '/v1/booth/token-packs',
      {
        config: { roles: ALL },
        schema: {
          tags: ['booth'],
          summary: 'Token packs and their prices',
          response: { 200: TokenPackList, 401: ProblemSchema },
        },
      },
      async (_request, res) =>
        reply(res, ok(TOKEN_PACKS), (packs) => ({
          data: packs.map((p) => ({
            tokens: p.tokens,
            price: money(p.priceMicros, 'USD'),
            pricePerToken: {
              amount: formatAmount((p.priceMicros / BigInt(p.tokens) / 10_000n) * 10_000n, 'USD'),
              unit: 'USD' as const,
            },
          })),
        })),
    );

    app.post(
      '/v1/accounts/:accountId/events',
      {
        config: { roles: APP },
        schema: {
          tags: ['booth'],
          summary:
            'Register an event (booth app): its tag is the highest tier among its features and templates',
          params: AccountParams,
          headers: IdempotencyHeaders,
          body: RegisterEventBody,
          response: { 201: Event, 409: ProblemSchema, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) =>
        reply(
          res,
          await registerEvent(
            ctx,
            callerOf(request),
            { accountId: request.params.accountId, ...request.body },
            request.headers['idempotency-key'],
          ),
          presentEvent,
          201,
        ),
    );

    app.get(
      '/v1/accounts/:accountId/events',
      {
        config: { roles: ALL },
        schema: {
          tags: ['booth'],
          summary: "The account's events, newest first, cursor-paginated",
          params: AccountParams,
          querystring: EventsQuery,
          response: { 200: EventPage, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) => {
        const { cursor } = request.query;
        if (cursor !== undefined && !hasPrefix(cursor, 'event')) return sendBadCursor(res);
        return reply(
          res,
          await listEvents(ctx, {
            accountId: request.params.accountId,
            limit: request.query.limit,
            before: cursor,
            status: request.query.status,
          }),
          (page) => ({ data: page.events.map(presentEvent), nextCursor: page.next }),
        );
      },
    );

    app.get(
      '/v1/accounts/:accountId/events/:eventId',
      {
        config: { roles: ALL },
        schema: {
          tags: ['booth'],
          summary: 'Get one event of the account',
          params: EventParams,
          response: { 200: Event, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) =>
        reply(res, await getEvent(ctx, request.params.accountId, request.params.eventId), presentEvent),
    );

    for (const [action, run, summary] of [
      [
        'start',
        startEvent,
        'Start (or resume) an event: takes a free license of its tag or higher, the lowest such first; refused when the account is locked',
      ],
      ['end', endEvent, 'End an event and free its license'],
    ] as const) {
      app.post(
        `/v1/accounts/:accountId/events/:eventId/${action}`,
        {
          config: { roles: ALL },
          schema: {
            tags: ['booth'],
            summary,
            params: EventParams,
            response: { 200: Event, 409: ProblemSchema, ...COMMON_PROBLEMS },
          },
        },
        async (request, res) => reply(res, await run(ctx, request.params), presentEvent),
      );
    }

    app.post(
      '/v1/accounts/:accountId/events/:eventId/outputs',
      {
        config: { roles: APP },
        bodyLimit: 1_048_576,
        schema: {
          tags: ['booth'],
          summary:
            'Report outputs of an event (one or a batch): each is idempotent by its id and charged in tokens; one the balance cannot pay is refused alone',
          params: EventParams,
          body: ReportOutputsBody,
          response: { 200: ReportOutputsResponse, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) =>
        reply(
          res,
          await reportOutputs(ctx, {
            accountId: request.params.accountId,
            eventId: request.params.eventId,
            outputs: request.body.outputs,
          }),
          (v) => ({
            results: v.results.map((r) => ({
              outputId: r.outputId,
              status: r.status,
              tokens: money(r.tokensMicros, 'TOKEN'),
              transactionId: r.transactionId,
              replayed: r.replayed,
              ...(r.code ? { code: r.code, detail: r.detail } : {}),
            })),
            charged: money(v.chargedMicros, 'TOKEN'),
            balance: money(v.availableMicros, 'TOKEN'),
            transactionId: v.transactionId,
          }),
        ),
    );

    app.post(
      '/v1/accounts/:accountId/events/:eventId/sessions/:sessionId/end',
      {
        config: { roles: APP },
        schema: {
          tags: ['booth'],
          summary:
            'A session is over: on a virtual booth, sessions after the first 500 owe 1 token unless they paid for an AI output',
          params: SessionParams,
          response: { 200: EndedSession, 422: ProblemSchema, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) =>
        reply(res, await endBoothSession(ctx, request.params), ({ session, settled }) => ({
          eventId: session.eventId,
          sessionId: session.sessionId,
          ordinal: session.ordinal,
          paidForAi: session.paidForAi,
          virtualBoothToken: money(session.costMicros, 'TOKEN'),
          transactionId: session.transactionId,
          settled,
          endedAt: session.endedAt.toISOString(),
        })),
    );

    app.post(
      '/v1/accounts/:accountId/tokens/purchases',
      {
        config: { roles: ALL },
        schema: {
          tags: ['booth'],
          summary:
            'Buy token packs with the default card; the tokens are usable as soon as the payment succeeds',
          params: AccountParams,
          headers: IdempotencyHeaders,
          body: BuyTokensBody,
          response: {
            201: TokenPurchase,
            402: ProblemSchema,
            409: ProblemSchema,
            502: ProblemSchema,
            503: ProblemSchema,
            ...COMMON_PROBLEMS,
          },
        },
      },
      async (request, res) =>
        reply(
          res,
          await buyTokenPack(
            ctx,
            callerOf(request),
            {
              accountId: request.params.accountId,
              packTokens: request.body.pack,
              quantity: request.body.quantity,
            },
            request.headers['idempotency-key'],
          ),
          presentPurchase,
          201,
        ),
    );

    app.get(
      '/v1/accounts/:accountId/tokens',
      {
        config: { roles: ALL },
        schema: {
          tags: ['booth'],
          summary: 'Token balance (tokens never expire), recent pack purchases and the history link',
          params: AccountParams,
          response: { 200: TokenWallet, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) =>
        reply(res, await getTokenWallet(ctx, request.params.accountId), (w) => ({
          accountId: w.accountId,
          balance: money(w.balanceMicros, 'TOKEN'),
          held: money(w.heldMicros, 'TOKEN'),
          available: money(w.availableMicros, 'TOKEN'),
          recentPurchases: w.recentPurchases.map(presentPurchase),
          links: { history: `/v1/accounts/${w.accountId}/transactions?unit=TOKEN` },
        })),
    );

    const presentAutoTopup = (a: AutoTopupRecord | null) =>
      a && {
        accountId: a.accountId,
        enabled: a.enabled,
        threshold: money(a.thresholdMicros, 'TOKEN'),
        pack: a.packTokens,
        maxPerDay: a.maxPerDay,
        armed: a.armed,
        crossings: a.crossings,
        disabledReason: a.disabledReason,
      };
    app.get(
      '/v1/accounts/:accountId/tokens/auto-top-up',
      {
        config: { roles: ALL },
        schema: {
          tags: ['booth'],
          summary: 'Token auto top-up settings (null: never set)',
          params: AccountParams,
          response: { 200: AutoTopupOrNone, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) => reply(res, await getAutoTopup(ctx, request.params.accountId), presentAutoTopup),
    );
    app.put(
      '/v1/accounts/:accountId/tokens/auto-top-up',
      {
        config: { roles: ALL },
        schema: {
          tags: ['booth'],
          summary:
            'Set token auto top-up: below the threshold one pack is bought with the default card, once per crossing, at most maxPerDay a day',
          params: AccountParams,
          body: AutoTopupBody,
          response: { 200: AutoTopup, 422: ProblemSchema, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) =>
        reply(
          res,
          await setAutoTopup(ctx, {
            accountId: request.params.accountId,
            enabled: request.body.enabled,
            thresholdMicros: request.body.threshold,
            packTokens: request.body.pack,
            maxPerDay: request.body.maxPerDay,
          }),
          presentAutoTopup,
        ),
    );

    app.post(
      '/v1/accounts/:accountId/tokens/estimate',
      {
        config: { roles: ALL },
        schema: {
          tags: ['booth'],
          summary:
            'Estimate an event: token range, balance, shortfall and the cheapest packs covering it (reads only)',
          params: AccountParams,
          body: EstimateBody,
          response: { 200: EstimateResponse, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) =>
        reply(
          res,
          await estimateEventTokens(ctx, {
            accountId: request.params.accountId,
            templateIds: request.body.templateIds,
            minutes: Math.round(request.body.hours * 60),
            sessionsPerHour: request.body.sessionsPerHour,
            virtualBooth: request.body.virtualBooth,
          }),
          (e) => ({
            sessions: e.sessions,
            sessionsPerHour: e.sessionsPerHour,
            tokens: { min: money(e.tokens.minMicros, 'TOKEN'), max: money(e.tokens.maxMicros, 'TOKEN') },
            available: money(e.availableMicros, 'TOKEN'),
            shortfall: money(e.shortfallMicros, 'TOKEN'),
            packs: {
              items: e.packs.packs.map((p) => ({
                tokens: p.tokens,
                count: p.count,
                price: money(p.priceMicros, 'USD'),
              })),
              tokens: e.packs.tokens,
              price: money(e.packs.priceMicros, 'USD'),
            },
            templates: e.templates.map((t) => ({
              id: t.id,
              name: t.name,
              costPerSession: money(t.costMicros, 'TOKEN'),
            })),
          }),
        ),
    );
  };
