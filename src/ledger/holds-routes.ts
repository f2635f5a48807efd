import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { LedgerContext } from './context.js';
import { getHold } from './get-hold.js';
import { postHold } from './post-hold.js';
import { voidHold } from './void-hold.js';
import { callerOf, reply } from '../kernel/http/reply.js';
import { presentHold, presentTransaction } from './present.js';
import { Hold, HoldParams, PostHoldBody, PostedHold } from './ledger-schemas.js';
import { IdempotencyHeaders, ProblemSchema, COMMON_PROBLEMS } from '../kernel/http/schemas.js';

const errors = {
  ...COMMON_PROBLEMS,
  409: ProblemSchema,
};
const INTERNAL = ['operator', 'service'] as const;

export const holdRoutes =
  (ctx: LedgerContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/v1/holds/:holdId',
      {
        config: { roles: INTERNAL },
        schema: {
          tags: ['ledger'],
          summary: 'Get a hold',
          params: HoldParams,
          response: { 200: Hold, ...errors },
        },
      },
      async (request, res) => reply(res, await getHold(ctx, request.params.holdId), presentHold),
    );

    app.post(
      '/v1/holds/:holdId/post',
      {
        config: { roles: INTERNAL },
        schema: {
          tags: ['ledger'],
          summary: 'Charge the actual amount (≤ held) and release the rest',
          params: HoldParams,
          headers: IdempotencyHeaders,
          body: PostHoldBody,
          response: { 200: PostedHold, 422: ProblemSchema, ...errors },
        },
      },
      async (request, res) => {
        const { amount, description } = request.body;
        const input = { holdId: request.params.holdId, amountMicros: amount.amountMicros, description };
        return reply(
          res,
          await postHold(ctx, callerOf(request), input, request.headers['idempotency-key']),
          (v) => ({
            hold: presentHold(v.hold),
            transaction: presentTransaction(v.transaction),
          }),
        );
      },
    );

    app.post(
      '/v1/holds/:holdId/void',
      {
        config: { roles: INTERNAL },
        schema: {
          tags: ['ledger'],
          summary: 'Release a hold without charging',
          params: HoldParams,
          headers: IdempotencyHeaders,
          response: { 200: Hold, ...errors },
        },
      },
      async (request, res) =>
        reply(
          res,
          await voidHold(ctx, callerOf(request), request.params.holdId, request.headers['idempotency-key']),
          presentHold,
        ),
    );
  };
