import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ComputeContext } from '../compute/context.js';
import { AccountParams, IdempotencyHeaders, MoneyOutput, COMMON_PROBLEMS } from '../kernel/http/schemas.js';
import { money } from '../ledger/present.js';
import { quoteRenderJob } from '../compute/rendering/quote-render-job.js';
import { reply } from '../kernel/http/reply.js';
import { SANDBOX_FARM_POLL_MS, submitSandboxRenderJob } from './sandbox-render-farm.js';

const count = (max: number) => z.number().int().min(0).max(max);

const Plan = {
  tasks: z.number().int().min(1).max(1000).describe('how many tasks the job has'),
  resources: z.strictObject({
    gpus: count(64),
    cpuCores: count(1024),
    ramGb: count(65_536),
    storageGb: count(1_000_000),
  }),
  timeLimitSeconds: z
    .number()
    .int()
    .min(1)
    .max(604_800)
    .describe("each task's limit: its hold covers this long"),
  secondsPerTask: z
    .number()
    .int()
    .min(1)
    .max(604_800)
    .describe('how long each task runs in the sandbox (≤ the limit)'),
};

const SubmitBody = z.strictObject({
  jobId: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, dot, dash, underscore; at most 64')
    .describe('your name for the job'),
  ...Plan,
});

const QuoteBody = z.strictObject(Plan);

const RenderJobQuote = z
  .object({
    rateCardVersion: z.number().int(),
    hourlyRate: MoneyOutput.describe('the resources asked for, per hour'),
    holdPerTask: MoneyOutput.describe("reserved when each task starts: its time limit's cost"),
    chargePerTask: MoneyOutput.describe(
      'charged when each task completes: secondsPerTask at the hourly rate',
    ),
    total: MoneyOutput.describe('all tasks charged'),
    available: MoneyOutput,
    availableAfter: MoneyOutput.describe('available less the total (negative: the job will pause)'),
    firstTaskFits: z.boolean().describe("false: the first task's hold does not fit, the job starts paused"),
  })
  .meta({ id: 'RenderJobQuote' });

/**
 * Submitting a render job to the built-in render farm (sandbox only; the real farm takes jobs in
 * its own product). The job then runs its tasks on the injected clock through the same service
 * API use cases as the real farm (src/sandbox/sandbox-render-farm.ts).
 */
export const sandboxRenderFarmRoutes =
  (ctx: ComputeContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/v1/accounts/:accountId/render-job-quote',
      {
        config: { roles: ['operator', 'customer'] },
        schema: {
          tags: ['sandbox'],
          summary:
            'Sandbox render farm: what a job would hold and charge per task and in all, and the balance after; writes nothing',
          params: AccountParams,
          body: QuoteBody,
          response: {
            200: RenderJobQuote,
            ...COMMON_PROBLEMS,
          },
        },
      },
      async (request, res) =>
        reply(
          res,
          await quoteRenderJob(ctx, { accountId: request.params.accountId, ...request.body }),
          (q) => ({
            rateCardVersion: q.rateCardVersion,
            hourlyRate: money(q.hourlyMicros, 'CREDIT'),
            holdPerTask: money(q.holdPerTaskMicros, 'CREDIT'),
            chargePerTask: money(q.chargePerTaskMicros, 'CREDIT'),
            total: money(q.totalMicros, 'CREDIT'),
            available: money(q.availableMicros, 'CREDIT'),
            availableAfter: money(q.availableAfterMicros, 'CREDIT'),
            firstTaskFits: q.firstTaskFits,
          }),
        ),
    );

    app.post(
      '/v1/accounts/:accountId/render-jobs',
      {
        config: { roles: ['operator', 'customer'] },
        schema: {
          tags: ['sandbox'],
          summary:
            'Sandbox render farm: submit a job; its tasks run one by one and are billed as they complete',
          params: AccountParams,
          headers: IdempotencyHeaders,
          body: SubmitBody,
          response: {
            202: z.object({
              jobId: z.string(),
              tasks: z.number(),
              secondsPerTask: z.number(),
              pollSeconds: z.number().describe('how often the farm looks at a job paused for credits'),
            }),
            ...COMMON_PROBLEMS,
          },
        },
      },
      async (request, res) =>
        reply(
          res,
          await submitSandboxRenderJob(ctx, { accountId: request.params.accountId, ...request.body }),
          (job) => ({
            jobId: job.jobId,
            tasks: job.tasks,
            secondsPerTask: job.secondsPerTask,
            pollSeconds: SANDBOX_FARM_POLL_MS / 1000,
          }),
          202,
        ),
    );
  };
