import { scheduleWork } from '../kernel/jobs/due-work-store.js';
import type { DueWorkRunner } from '../kernel/jobs/due-work-runner.js';
import type { ComputeContext } from '../compute/context.js';
import type { RenderResources } from '../compute/rendering/rendering-rules.js';
import { completeRenderTask } from '../compute/rendering/complete-render-task.js';
import { startRenderTask } from '../compute/rendering/start-render-task.js';
import { findJob } from '../compute/rendering/rendering-store.js';
import { findAccount } from '../accounts/account-store.js';
import { type Result, fail, ok } from '../kernel/result.js';
import type { DueWork } from '../kernel/jobs/due-work-rules.js';

/**
 * The built-in render farm (issue 15), like the sandbox fleet and the built-in PayPal: on the
 * embedded default (or with PICTOR_SANDBOX=on) a customer submits a render job and it runs out of
 * the box. It drives the job through the same use cases the real farm reaches over its service API
 * (`…/tasks/{task}/start`, `…/complete` with `jobTaskCount`):
 *
 * - tasks run one after another; each is started (a hold for its maximum cost), runs
 *   `secondsPerTask` on the injected clock, and is reported complete with its resources × those
 *   seconds (the charge), then the next one starts;
 * - a start refused for credits leaves the job paused; the farm polls the job every POLL_MS, as
 *   the real farm does, and starts the task again once the job runs again (after a top-up, an
 *   operator credit, a refund, or the customer's Resume).
 *
 * Its state is the due work itself (kind SANDBOX_FARM_WORK, one row per step, in the database of
 * the data directory): every step is keyed (job, task, phase), so a crash or a second scheduler
 * repeats nothing, and `simulate`, test clocks and `serve` all drive it through their runner.
 */
export const SANDBOX_FARM_WORK = 'sandbox.render_farm';
export const SANDBOX_FARM_POLL_MS = 15 * 60_000;

export interface SandboxRenderJob {
  accountId: string;
  jobId: string;
  tasks: number;
  resources: RenderResources;
  timeLimitSeconds: number;
  /** How long each task runs (at most the time limit): what it is charged for. */
  secondsPerTask: number;
}

interface Step extends SandboxRenderJob {
  task: number;
  phase: 'start' | 'complete' | 'poll';
}

const taskId = (n: number) => `task-${String(n + 1).padStart(3, '0')}`;

async function schedule(ctx: ComputeContext, step: Step, dueAt: Date): Promise<void> {
  const suffix = step.phase === 'poll' ? `:${dueAt.toISOString()}` : '';
  await scheduleWork(ctx.db, [
    {
      kind: SANDBOX_FARM_WORK,
      subject: `${step.accountId}/${step.jobId}`,
      period: `${taskId(step.task)}:${step.phase}${suffix}`,
      dueAt,
      payload: step as unknown as Record<string, unknown>,
    },
  ]);
}

/** Queues a job's first task now; a job already submitted (same account and job id) is left as it is. */
export async function submitSandboxRenderJob(
  ctx: ComputeContext,
  job: SandboxRenderJob,
): Promise<Result<SandboxRenderJob>> {
  if (job.secondsPerTask > job.timeLimitSeconds)
    return fail('invalid_request', 'secondsPerTask: a task cannot run longer than its time limit', {
      field: 'secondsPerTask',
    });
  if (!(await findAccount(ctx.db, job.accountId)))
    return fail('account_not_found', 'no such account', { accountId: job.accountId });
  await schedule(ctx, { ...job, task: 0, phase: 'start' }, ctx.clock.now());
  return ok(job);
}

/** One step of a job: start a task (or poll a paused job), or report a task complete. */
export async function runSandboxFarmStep(ctx: ComputeContext, work: DueWork): Promise<void> {
  const step = work.payload as unknown as Step;
  const now = ctx.clock.now();
  if (step.phase === 'complete') {
    await completeRenderTask(ctx, {
      accountId: step.accountId,
      jobExternalId: step.jobId,
      taskExternalId: taskId(step.task),
      usage: { seconds: step.secondsPerTask, ...step.resources },
      jobTaskCount: step.tasks,
    });
    if (step.task + 1 < step.tasks)
      await schedule(ctx, { ...step, task: step.task + 1, phase: 'start' }, now);
    return;
  }
  if (step.phase === 'poll') {
    const job = await findJob(ctx.db, step.accountId, step.jobId);
    if (job?.status === 'paused_insufficient_credits') {
      await schedule(ctx, step, new Date(now.getTime() + SANDBOX_FARM_POLL_MS));
      return;
    }
    if (job && job.status !== 'running') return;
  }
  const started = await startRenderTask(ctx, {
    accountId: step.accountId,
    jobExternalId: step.jobId,
    taskExternalId: taskId(step.task),
    limits: step.resources,
    timeLimitSeconds: step.timeLimitSeconds,
  });
  if (started.ok) {
    await schedule(ctx, { ...step, phase: 'complete' }, new Date(now.getTime() + step.secondsPerTask * 1000));
  } else if (started.failure.code === 'insufficient_funds') {
    await schedule(ctx, { ...step, phase: 'poll' }, new Date(now.getTime() + SANDBOX_FARM_POLL_MS));
  }
}

/** Registers the farm's steps on a runner (serve, the scheduler, test clocks, simulate). */
export function registerSandboxRenderFarm<C extends ComputeContext>(
  runner: DueWorkRunner<C>,
): DueWorkRunner<C> {
  return runner.register(SANDBOX_FARM_WORK, runSandboxFarmStep);
}
