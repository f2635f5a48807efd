import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { completeRenderTask } from './complete-render-task.js';
import type { ComputeContext } from '../context.js';
import { failRenderTask } from './fail-render-task.js';
import { getRenderingRates } from './get-rendering-rates.js';
import { type RenderJobSummary, listRenderJobs, listRenderTasks } from './list-render-jobs.js';
import { resumeRenderJob } from './resume-render-job.js';
import { setRenderingRates } from './set-rendering-rates.js';
import { startRenderTask } from './start-render-task.js';
import { money, presentTransaction } from '../../ledger/present.js';
import { callerOf, reply } from '../../kernel/http/reply.js';
import {
  CompleteTaskBody,
  CompletedTask,
  FailTaskBody,
  RateCard,
  RatesBody,
  RenderJob,
  RenderJobList,
  RenderJobParams,
  RenderJobsQuery,
  RenderTask,
  RenderTaskList,
  RenderTaskParams,
  StartTaskBody,
  StartedTask,
} from './rendering-schemas.js';
import {
  AccountParams,
  IdempotencyHeaders,
  ProblemSchema,
  COMMON_PROBLEMS,
} from '../../kernel/http/schemas.js';
import type { RateCardRecord, RenderJobRecord, RenderTaskRecord } from './rendering-rules.js';

const ALL = ['operator', 'service', 'customer'] as const;
const INTERNAL = ['operator', 'service'] as const;

const STATUS_LABELS: Record<RenderJobRecord['status'], string> = {
  running: 'running',
  paused_insufficient_credits: 'paused (insufficient credits)',
  completed: 'completed',
  cancelled: 'cancelled',
};

const presentRates = (c: RateCardRecord) => ({
  version: c.version,
  gpuHour: money(c.gpuHourMicros, 'CREDIT'),
  cpuCoreHour: money(c.cpuCoreHourMicros, 'CREDIT'),
  ramGbHour: money(c.ramGbHourMicros, 'CREDIT'),
  storageGbHour: money(c.storageGbHourMicros, 'CREDIT'),
  effectiveAt: c.effectiveAt.toISOString(),
});

const presentJob = (j: RenderJobSummary) => ({
  id: j.id,
  jobId: j.externalId,
  accountId: j.accountId,
  status: j.status,
  statusLabel: STATUS_LABELS[j.status],
  pauseReason: j.pauseReason,
  required: j.requiredMicros === null ? null : money(j.requiredMicros, 'CREDIT'),
  rateCardVersion: j.rateCardVersion,
  tasks: j.taskCounts,
  costSoFar: money(j.costMicros, 'CREDIT'),
  createdAt: j.createdAt.toISOString(),
  updatedAt: j.updatedAt.toISOString(),
});

const presentTask = (t: RenderTaskRecord, jobExternalId: string) => ({
  id: t.id,
  taskId: t.externalId,
  jobId: jobExternalId,
  accountId: t.accountId,
  status: t.status,
  resources: t.limits,
  timeLimitSeconds: t.timeLimitSeconds,
  maxCost: money(t.maxCostMicros, 'CREDIT'),
  holdId: t.holdId,
  usage: t.usage,
  actualCost: t.actualCostMicros === null ? null : money(t.actualCostMicros, 'CREDIT'),
  chargeTransactionId: t.chargeTransactionId,
  failureReason: t.failureReason,
  createdAt: t.createdAt.toISOString(),
  updatedAt: t.updatedAt.toISOString(),
});

export const renderingRoutes =
  (ctx: ComputeContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/v1/rendering/rates',
      {
        config: { roles: ALL },
        schema: {
          tags: ['rendering'],
          summary: 'The rendering rate card in force (new jobs start on it)',
          response: { 200: RateCard, ...COMMON_PROBLEMS },
        },
      },
      async (_request, res) => reply(res, await getRenderingRates(ctx), presentRates),
    );

    app.put(
      '/v1/rendering/rates',
      {
        config: { roles: ['operator'] },
        schema: {
          tags: ['rendering'],
          summary: 'Publish a new rate card version from now (audited); running jobs keep theirs',
          headers: IdempotencyHeaders,
          body: RatesBody,
          response: { 200: RateCard, 409: ProblemSchema, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) => {
        const b = request.body;
        const input = {
          gpuHourMicros: b.gpuHour.amountMicros,
          cpuCoreHourMicros: b.cpuCoreHour.amountMicros,
          ramGbHourMicros: b.ramGbHour.amountMicros,
          storageGbHourMicros: b.storageGbHour.amountMicros,
          reason: b.reason,
        };
        return reply(
          res,
          await setRenderingRates(ctx, callerOf(request), input, request.headers['idempotency-key']),
          presentRates,
        );
      },
    );

    app.post(
      '/v1/accounts/:accountId/render-jobs/:jobId/tasks/:taskId/start',
      {
        config: { roles: INTERNAL },
        schema: {
          tags: ['rendering'],
          summary: 'Before dispatching a task: hold its max cost (422 insufficient_funds pauses the job)',
          params: RenderTaskParams,
          body: StartTaskBody,
          response: { 200: StartedTask, 409: ProblemSchema, 422: ProblemSchema, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) => {
        const { accountId, jobId, taskId } = request.params;
        const input = {
          accountId,
          jobExternalId: jobId,
          taskExternalId: taskId,
          limits: request.body.resources,
          timeLimitSeconds: request.body.timeLimitSeconds,
        };
        return reply(res, await startRenderTask(ctx, input), (v) => ({
          jobStatus: v.job.status,
          task: presentTask(v.task, jobId),
        }));
      },
    );

    app.post(
      '/v1/accounts/:accountId/render-jobs/:jobId/tasks/:taskId/complete',
      {
        config: { roles: INTERNAL },
        schema: {
          tags: ['rendering'],
          summary: 'Report a task done: its actual cost (≤ hold) is charged once, the rest released',
          params: RenderTaskParams,
          body: CompleteTaskBody,
          response: { 200: CompletedTask, 409: ProblemSchema, 422: ProblemSchema, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) => {
        const { accountId, jobId, taskId } = request.params;
        const input = {
          accountId,
          jobExternalId: jobId,
          taskExternalId: taskId,
          usage: request.body.usage,
          ...(request.body.jobTaskCount === undefined ? {} : { jobTaskCount: request.body.jobTaskCount }),
        };
        return reply(res, await completeRenderTask(ctx, input), (v) => ({
          task: presentTask(v.task, jobId),
          transaction: v.transaction ? presentTransaction(v.transaction) : null,
        }));
      },
    );

    app.post(
      '/v1/accounts/:accountId/render-jobs/:jobId/tasks/:taskId/fail',
      {
        config: { roles: INTERNAL },
        schema: {
          tags: ['rendering'],
          summary: 'Report a task failed: its hold is released, nothing charged',
          params: RenderTaskParams,
          body: FailTaskBody,
          response: { 200: RenderTask, 409: ProblemSchema, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) => {
        const { accountId, jobId, taskId } = request.params;
        const input = {
          accountId,
          jobExternalId: jobId,
          taskExternalId: taskId,
          reason: request.body.reason,
        };
        return reply(res, await failRenderTask(ctx, input), (t) => presentTask(t, jobId));
      },
    );

    app.get(
      '/v1/accounts/:accountId/render-jobs',
      {
        config: { roles: ALL },
        schema: {
          tags: ['rendering'],
          summary: "The account's render jobs, newest first",
          params: AccountParams,
          querystring: RenderJobsQuery,
          response: { 200: RenderJobList, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) =>
        reply(
          res,
          await listRenderJobs(ctx, request.params.accountId, { limit: request.query.limit }),
          (jobs) => ({ data: jobs.map(presentJob) }),
        ),
    );

    app.get(
      '/v1/accounts/:accountId/render-jobs/:jobId',
      {
        config: { roles: ALL },
        schema: {
          tags: ['rendering'],
          summary: 'A render job and its status (the farm polls paused jobs here)',
          params: RenderJobParams,
          response: { 200: RenderJob, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) =>
        reply(
          res,
          await listRenderJobs(ctx, request.params.accountId, {
            limit: 1,
            jobExternalId: request.params.jobId,
          }),
          (jobs) => presentJob(jobs[0]!),
        ),
    );

    app.get(
      '/v1/accounts/:accountId/render-jobs/:jobId/tasks',
      {
        config: { roles: ALL },
        schema: {
          tags: ['rendering'],
          summary: "A render job's tasks in the order they started: status, hold, usage and cost",
          params: RenderJobParams,
          response: { 200: RenderTaskList, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) => {
        const { accountId, jobId } = request.params;
        return reply(res, await listRenderTasks(ctx, accountId, jobId), (tasks) => ({
          data: tasks.map((t) => presentTask(t, jobId)),
        }));
      },
    );

    app.post(
      '/v1/accounts/:accountId/render-jobs/:jobId/resume',
      {
        config: { roles: ALL },
        schema: {
          tags: ['rendering'],
          summary: 'Resume a paused job if the balance now covers its next task (else 422)',
          params: RenderJobParams,
          response: { 200: RenderJob, 422: ProblemSchema, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) => {
        const { accountId, jobId } = request.params;
        const resumed = await resumeRenderJob(ctx, accountId, jobId);
        if (!resumed.ok) return reply(res, resumed, () => null);
        return reply(res, await listRenderJobs(ctx, accountId, { limit: 1, jobExternalId: jobId }), (jobs) =>
          presentJob(jobs[0]!),
        );
      },
    );
  };
