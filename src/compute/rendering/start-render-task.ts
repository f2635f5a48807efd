import { type HoldRecord, revenueAccountId, walletId } from '../../ledger/ledger-rules.js';
import {
  type RenderResources,
  taskMaxCostMicros,
  type RenderJobRecord,
  type RenderTaskRecord,
} from './rendering-rules.js';
import { formatAmount } from '../../kernel/money.js';
import { newId } from '../../kernel/ids.js';
import { requestHash } from '../../kernel/request-hash.js';
import { findAccount } from '../../accounts/account-store.js';
import {
  ensureJob,
  ensureTask,
  findJob,
  findRates,
  findRatesInForce,
  findTask,
  pauseJob,
  resumeJob,
} from './rendering-store.js';
import type { ComputeContext } from '../context.js';
import { resumeAffordableJobs } from './resume-affordable-render-jobs.js';
import { type Result, fail, ok } from '../../kernel/result.js';
import { fromLedger, holdOf } from '../../ledger/ledger-result.js';

export interface StartRenderTaskInput {
  accountId: string;
  /** The farm's job id, unique per account. */
  jobExternalId: string;
  /** The farm's task id, unique per job. */
  taskExternalId: string;
  limits: RenderResources;
  timeLimitSeconds: number;
}

/** A task's hold outlives its time limit by this much, for the farm to report the completion. */
export const RENDER_HOLD_GRACE_SECONDS = 3600;

/** Ledger idempotency keys of rendering: natural ids, whichever service key reports them. */
export const RENDER_SCOPE = 'render';

export interface StartedRenderTask {
  job: RenderJobRecord;
  task: RenderTaskRecord;
}

/**
 * The farm asks to dispatch a task. Creates the job on its first task (on the rate card in force
 * then), prices the task's maximum cost on the job's rate card, and places a hold for it. The
 * hold's ledger idempotency key is (job, task), so a repeated or concurrent start gets the same
 * hold; a start that differs from the first (other limits) is a conflict.
 *
 * If the hold cannot be placed the job becomes paused_insufficient_credits, remembering the
 * amount, and the answer is insufficient_funds with the available and required amounts. Nothing
 * about the task is stored, and the refusal does not consume the key: the same start succeeds
 * once money arrives, and a successful start resumes a paused job.
 */
export async function startRenderTask(
  ctx: ComputeContext,
  input: StartRenderTaskInput,
): Promise<Result<StartedRenderTask>> {
  const account = await findAccount(ctx.db, input.accountId);
  if (!account) return fail('account_not_found', 'no such account', { accountId: input.accountId });
  const now = ctx.clock.now();
  // Price before writing anything: a refused start leaves no job behind.
  const known = await findJob(ctx.db, input.accountId, input.jobExternalId);
  const rates = known
    ? (await findRates(ctx.db, known.rateCardVersion))!
    : (await findRatesInForce(ctx.db, now))!;
  const maxCostMicros = taskMaxCostMicros(input.timeLimitSeconds, input.limits, rates);
  if (maxCostMicros <= 0n) {
    return fail('invalid_request', 'resources: a task must use at least one resource', {
      field: 'resources',
    });
  }
  const job = known ?? (await ensureRunningJob(ctx, input, rates.version, now));
  // A concurrent first start created the job on another rate card: price on the job's card.
  if (job.rateCardVersion !== rates.version) return startRenderTask(ctx, input);
  const existing = await findTask(ctx.db, job.id, input.taskExternalId);
  if (existing) return answerExistingTask(job, existing, input);

  const held = fromLedger(await placeTaskHold(ctx, input, job, maxCostMicros, now), holdOf);
  if (!held.ok) {
    if (held.failure.code === 'insufficient_funds')
      return pauseForCredits(ctx, input, job, maxCostMicros, held.failure.extra, now);
    if (held.failure.code === 'idempotency_key_reused') {
      return fail('idempotency_key_reused', 'this task was already started with different limits');
    }
    return held;
  }
  const started = await recordStartedTask(ctx, input, job, held.value, now);
  return ok(started, held.replayed);
}

const taskSpec = (input: Pick<StartRenderTaskInput, 'limits' | 'timeLimitSeconds'>) => ({
  limits: input.limits,
  timeLimitSeconds: input.timeLimitSeconds,
});

/** The job of a first start, on the rate card in force (a concurrent first start's job if it won). */
function ensureRunningJob(
  ctx: ComputeContext,
  input: StartRenderTaskInput,
  rateCardVersion: number,
  now: Date,
) {
  return ensureJob(ctx.db, {
    id: newId('renderJob'),
    accountId: input.accountId,
    externalId: input.jobExternalId,
    rateCardVersion,
    status: 'running',
    pauseReason: null,
    requiredMicros: null,
    createdAt: now,
    updatedAt: now,
  });
}

/** A repeated start: the same task again, or a conflict when its limits differ. */
function answerExistingTask(
  job: RenderJobRecord,
  existing: RenderTaskRecord,
  input: StartRenderTaskInput,
): Result<StartedRenderTask> {
  if (requestHash('render-task', taskSpec(input)) !== requestHash('render-task', taskSpec(existing))) {
    return fail('idempotency_key_reused', 'this task was already started with different limits', {
      taskId: existing.id,
    });
  }
  return ok({ job, task: existing }, true);
}

/** The hold for the task's maximum cost, keyed (job, task) in the ledger. */
function placeTaskHold(
  ctx: ComputeContext,
  input: StartRenderTaskInput,
  job: RenderJobRecord,
  maxCostMicros: bigint,
  now: Date,
) {
  return ctx.ledger.submit({
    idempotency: {
      scope: RENDER_SCOPE,
      key: `start:${job.id}:${input.taskExternalId}`,
      requestHash: requestHash('render-task', taskSpec(input)),
    },
    command: {
      type: 'place_hold',
      hold: {
        id: newId('hold'),
        accountId: input.accountId,
        unit: 'CREDIT',
        walletId: walletId(input.accountId, 'CREDIT'),
        creditAccountId: revenueAccountId('compute', 'CREDIT'),
        amountMicros: maxCostMicros,
        description: `Render task ${input.taskExternalId} of job ${input.jobExternalId}`,
        metadata: { renderJob: input.jobExternalId, renderTask: input.taskExternalId },
        createdAt: now,
        expiresAt: new Date(now.getTime() + (input.timeLimitSeconds + RENDER_HOLD_GRACE_SECONDS) * 1000),
      },
    },
  });
}

/** The hold was refused for credits: the job pauses (the customer is told once per pause). */
async function pauseForCredits(
  ctx: ComputeContext,
  input: StartRenderTaskInput,
  job: RenderJobRecord,
  maxCostMicros: bigint,
  refusal: Record<string, unknown> | undefined,
  now: Date,
): Promise<Result<StartedRenderTask>> {
  const newlyPaused = await pauseJob(ctx.db, job.id, maxCostMicros, now);
  // A top-up that landed between the refusal and the pause found nothing paused: check again.
  const resumed = (await resumeAffordableJobs(ctx, input.accountId)).includes(job.id);
  if (newlyPaused && !resumed) {
    // A notification problem never fails the farm's call.
    await ctx.events
      ?.publish(input.accountId, {
        type: 'render_job.paused',
        at: now,
        data: {
          dedupeId: `render_job.paused:${job.id}:${now.toISOString()}`,
          jobId: input.jobExternalId,
          reason: 'insufficient_credits',
          required: formatAmount(maxCostMicros, 'CREDIT'),
        },
      })
      .catch(() => {});
  }
  return fail(
    'insufficient_funds',
    resumed
      ? 'the hold was refused, but credits arrived meanwhile: start the task again'
      : "not enough available credits for the task's maximum cost: the job is paused (insufficient credits)",
    {
      ...refusal,
      unit: 'CREDIT',
      jobId: job.id,
      jobStatus: resumed ? 'running' : 'paused_insufficient_credits',
    },
  );
}

/** The task under its hold; a successful start resumes a paused job. */
async function recordStartedTask(
  ctx: ComputeContext,
  input: StartRenderTaskInput,
  job: RenderJobRecord,
  hold: HoldRecord,
  now: Date,
): Promise<StartedRenderTask> {
  const task = await ensureTask(ctx.db, {
    id: newId('renderTask'),
    jobId: job.id,
    accountId: input.accountId,
    externalId: input.taskExternalId,
    status: 'running',
    limits: input.limits,
    timeLimitSeconds: input.timeLimitSeconds,
    maxCostMicros: hold.amountMicros,
    holdId: hold.id,
    chargeTransactionId: null,
    usage: null,
    actualCostMicros: null,
    failureReason: null,
    createdAt: now,
    updatedAt: now,
  });
  if (job.status === 'paused_insufficient_credits' && (await resumeJob(ctx.db, job.id, now))) {
    return {
      job: { ...job, status: 'running', pauseReason: null, requiredMicros: null, updatedAt: now },
      task,
    };
  }
  return { job, task };
}
