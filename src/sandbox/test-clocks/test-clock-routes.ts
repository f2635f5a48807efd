import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { DueWorkRunner } from '../../kernel/jobs/due-work-runner.js';
import { reply } from '../../kernel/http/reply.js';
import { IdempotencyHeaders, ProblemSchema } from '../../kernel/http/schemas.js';
import type { ServiceContext } from '../../server/context.js';
import { advanceTestClock } from './advance-test-clock.js';
import { createTestClock } from './create-test-clock.js';
import { getTestClock } from './get-test-clock.js';
import type { TestClockRecord } from './test-clock-store.js';

const Instant = z.iso.datetime({ offset: true }).describe('an instant, e.g. 2027-01-31T00:00:00Z');

const TestClock = z
  .object({
    id: z.string(),
    name: z.string().nullable(),
    frozenTime: z.string(),
    status: z.enum(['ready', 'advancing']),
    createdAt: z.string(),
  })
  .meta({ id: 'TestClock' });

const TestClockParams = z.strictObject({ testClockId: z.string().max(80) });
const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };
const OPERATOR = ['operator'] as const;

const present = (c: TestClockRecord) => ({
  id: c.id,
  name: c.name,
  frozenTime: c.frozenTime.toISOString(),
  status: c.status,
  createdAt: c.createdAt.toISOString(),
});

/**
 * Sandbox test clocks (docs/test-clocks.md): mounted only in sandbox mode. `runner` has every kind
 * of due work registered; advancing a clock runs its accounts' work on it.
 */
export const testClockRoutes =
  (ctx: ServiceContext, runner: DueWorkRunner<ServiceContext>): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/v1/test_clocks',
      {
        config: { roles: OPERATOR },
        schema: {
          tags: ['sandbox'],
          summary: 'Create a test clock frozen at an instant (sandbox only)',
          headers: IdempotencyHeaders,
          body: z.strictObject({ frozenTime: Instant, name: z.string().min(1).max(200).optional() }),
          response: { 201: TestClock, ...errors },
        },
      },
      async (request, res) =>
        reply(
          res,
          await createTestClock(ctx, {
            frozenTime: new Date(request.body.frozenTime),
            name: request.body.name,
          }),
          present,
          201,
        ),
    );

    app.get(
      '/v1/test_clocks/:testClockId',
      {
        config: { roles: OPERATOR },
        schema: {
          tags: ['sandbox'],
          summary: 'Get a test clock',
          params: TestClockParams,
          response: { 200: TestClock, ...errors },
        },
      },
      async (request, res) => reply(res, await getTestClock(ctx, request.params.testClockId), present),
    );

    app.post(
      '/v1/test_clocks/:testClockId/advance',
      {
        config: { roles: OPERATOR },
        schema: {
          tags: ['sandbox'],
          summary:
            'Advance a test clock, running every due job of its accounts up to then, in order; answers when done',
          description:
            'Advancing to the instant the clock already shows is a no-op, so a retry is safe; an earlier instant is 422.',
          params: TestClockParams,
          headers: IdempotencyHeaders,
          body: z.strictObject({ frozenTime: Instant }),
          response: { 200: TestClock, 409: ProblemSchema, 422: ProblemSchema, ...errors },
        },
      },
      async (request, res) =>
        reply(
          res,
          await advanceTestClock(ctx, runner, request.params.testClockId, new Date(request.body.frozenTime)),
          present,
        ),
    );
  };
