import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { DueWorkRunner } from '../../kernel/jobs/due-work-runner.js';
import { reply } from '../../kernel/http/reply.js';
import { IdempotencyHeaders, ProblemSchema, idOf, COMMON_PROBLEMS } from '../../kernel/http/schemas.js';
import type { ServiceContext } from '../../server/context.js';
import { LONG_JUMP_MS, advanceTestClock } from './advance-test-clock.js';
import { createTestClock } from './create-test-clock.js';
import { getTestClock } from './get-test-clock.js';
import type { TestClockRecord } from './test-clock-rules.js';

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

const TestClockParams = z.strictObject({ testClockId: idOf('testClock') });
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
          response: { 201: TestClock, ...COMMON_PROBLEMS },
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
          response: { 200: TestClock, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) => reply(res, await getTestClock(ctx, request.params.testClockId), present),
    );

    // Background advances (long jumps): stopped at their next stop when the server closes.
    const closing = new AbortController();
    const running = new Set<Promise<void>>();
    app.addHook('onClose', async () => {
      closing.abort();
      await Promise.allSettled([...running]);
    });
    const track = (advance: Promise<void>) => {
      const tracked = advance
        .catch((error: unknown) => app.log.error({ err: error }, 'test clock advance failed'))
        .finally(() => running.delete(tracked));
      running.add(tracked);
    };

    app.post(
      '/v1/test_clocks/:testClockId/advance',
      {
        config: { roles: OPERATOR },
        schema: {
          tags: ['sandbox'],
          summary: 'Advance a test clock, running every due job of its accounts up to then, in order',
          description:
            `A jump of up to ${LONG_JUMP_MS / 86_400_000} days answers 200 when done. A longer one, or any ` +
            'sent with `Prefer: respond-async`, answers 202 at once with the clock `advancing` (its ' +
            'frozenTime moving on as it goes) and a Location to poll with GET until it is `ready`. ' +
            'Advancing to the instant the clock already shows is a no-op, so a retry is safe; an ' +
            'earlier instant is 422; an advance while one runs is 409.',
          params: TestClockParams,
          headers: IdempotencyHeaders,
          body: z.strictObject({ frozenTime: Instant }),
          response: {
            200: TestClock,
            202: TestClock,
            409: ProblemSchema,
            422: ProblemSchema,
            ...COMMON_PROBLEMS,
          },
        },
      },
      async (request, res) => {
        const result = await advanceTestClock(
          ctx,
          runner,
          request.params.testClockId,
          new Date(request.body.frozenTime),
          {
            respondAsync: /\brespond-async\b/i.test(String(request.headers.prefer ?? '')),
            signal: closing.signal,
          },
        );
        if (!result.ok || !result.value.running) return reply(res, result, (v) => present(v.clock));
        track(result.value.running);
        res.header('location', `/v1/test_clocks/${result.value.clock.id}`).header('retry-after', '1');
        return reply(res, result, (v) => present(v.clock), 202);
      },
    );
  };
