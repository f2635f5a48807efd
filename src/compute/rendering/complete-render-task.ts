import { type TransactionRecord, walletId } from '../../ledger/ledger-rules.js';
import {
  taskActualCostMicros,
  type RenderJobRecord,
  type RenderTaskRecord,
  type RenderUsage,
} from './rendering-rules.js';
import { newId } from '../../kernel/ids.js';
import { requestHash } from '../../kernel/request-hash.js';
import {
  findJob,
  findRates,
  findTask,
  completeJobIfDone,
  markTaskCompleted,
  markTaskFailed,
} from './rendering-store.js';
import type { ComputeContext } from '../context.js';
import { resumeAffordableJobs } from './resume-affordable-render-jobs.js';
import { type Result, fail, ok } from '../../kernel/result.js';
import { fromLedger } from '../../ledger/ledger-result.js';
import { RENDER_SCOPE } from './start-render-task.js';

export interface CompleteRenderTaskInput {
  accountId: string;
  jobExternalId: string;
  taskExternalId: string;
  usage: RenderUsage;
  /** How many tasks the job has in all (the farm knows): the job completes with its last one. */
  jobTaskCount?: number;
}

export interface CompletedRenderTask {
  task: RenderTaskRecord;
  /** The one Charge transaction; null when the actual cost was zero (the hold was just released). */
  transaction: TransactionRecord | null;
}

/**
 * The farm reports a task done with the resources it used. The actual cost (priced on the job's
 * rate card, at most the hold) is charged by posting the task's hold: one Charge transaction, the
 * rest released. The ledger key is the task, so duplicate or concurrent reports charge once and
 * all get the same answer; a report with different usage is a conflict.
 *
 * Storage fees are paid before holds (docs/termination.md): when they shrank the task's hold, the
 * task is charged what is still held (its cost beyond that is not collected), and when they took
 * all of it, nothing.
 *
 * A report after the hold expired (time limit + grace passed) is refused with hold_not_pending and
 * the task is recorded failed (`hold_expired`), charging nothing: the farm overran the limit it was
 * given, and the customer's reservation had already been released.
 */
export async function completeRenderTask(
  ctx: ComputeContext,
  input: CompleteRenderTaskInput,
): Promise<Result<CompletedRenderTask>> {
  const job = await findJob(ctx.db, input.accountId, input.jobExternalId);
  if (!job) return fail('render_job_not_found', 'no such render job', { jobId: input.jobExternalId });
  const task = await findTask(ctx.db, job.id, input.taskExternalId);
  if (!task) return fail('render_task_not_found', 'no such render task', { taskId: input.taskExternalId });
  if (task.status === 'failed') {
    return task.failureReason === 'hold_expired'
      ? holdExpired(task)
      : fail('render_task_not_running', 'the task was reported failed; its hold was released', {
          taskId: task.id,
        });
  }
  const rates = (await findRates(ctx.db, job.rateCardVersion))!;
  const actual = taskActualCostMicros(input.usage.seconds, input.usage, rates, task.maxCostMicros);
  const now = ctx.clock.now();
  const settled = await settleTask(ctx, job, task, actual, input.usage, now);
  if (!settled.ok) return settleRefused(ctx, job, task, input.usage, settled, now);
  await markTaskCompleted(ctx.db, task.id, {
    usage: input.usage,
    // What the customer paid: less than the priced usage only when storage shrank the hold.
    actualCostMicros: settled.value ? -settled.value.amountMicros : 0n,
    chargeTransactionId: settled.value?.id ?? null,
    now,
  });
  if (input.jobTaskCount !== undefined) await completeJobIfDone(ctx.db, job.id, input.jobTaskCount, now);
  // Releasing the rest of the hold may make a paused job's next task affordable.
  if (!settled.replayed) await resumeAffordableJobs(ctx, task.accountId);
  const done = (await findTask(ctx.db, job.id, task.externalId))!;
  return ok({ task: done, transaction: settled.value }, settled.replayed);
}

const holdExpired = (task: RenderTaskRecord) =>
  fail(
    'hold_not_pending',
    "the task's hold expired before its completion was reported; nothing was charged",
    {
      taskId: task.id,
      holdStatus: 'expired',
    },
  );

/**
 * Posts the task's hold for the actual cost (or voids it when the cost is zero), keyed by the task.
 * A concurrent twin may have settled the hold after this batch looked its key up but before it
 * locked the wallet: the refusal writes no key, so it asks again, and the key replays its answer.
 */
async function settleTask(
  ctx: ComputeContext,
  job: RenderJobRecord,
  task: RenderTaskRecord,
  actual: bigint,
  usage: RenderUsage,
  now: Date,
): Promise<Result<TransactionRecord | null>> {
  const idempotency = {
    scope: RENDER_SCOPE,
    key: `complete:${task.id}`,
    requestHash: requestHash('render-complete', usage),
  };
  const settle = async () =>
    actual > 0n
      ? await ctx.ledger.submit({
          idempotency,
          command: {
            type: 'post_hold',
            holdId: task.holdId,
            amountMicros: actual,
            // Storage fees are paid before holds and may have shrunk this one: charge what is left.
            upToHeld: true,
            transferId: newId('transfer'),
            transaction: {
              id: newId('transaction'),
              accountId: task.accountId,
              kind: 'charge',
              unit: 'CREDIT',
              description: `Render task ${task.externalId} of job ${job.externalId}`,
              metadata: { renderJob: job.externalId, renderTask: task.externalId },
              createdAt: now,
            },
          },
        })
      : await ctx.ledger.submit({
          idempotency,
          command: {
            type: 'void_hold',
            holdId: task.holdId,
            at: now,
            walletId: walletId(task.accountId, 'CREDIT'),
          },
        });
  const settled = fromLedger(await settle(), (r) => r.transaction ?? null);
  const raced =
    !settled.ok &&
    settled.failure.code === 'hold_not_pending' &&
    settled.failure.extra?.holdStatus !== 'expired';
  return raced ? fromLedger(await settle(), (r) => r.transaction ?? null) : settled;
}

/** The ledger refused to settle: an expired hold fails the task; one storage took completes it at 0. */
async function settleRefused(
  ctx: ComputeContext,
  job: RenderJobRecord,
  task: RenderTaskRecord,
  usage: RenderUsage,
  settled: Extract<Result<unknown>, { ok: false }>,
  now: Date,
): Promise<Result<CompletedRenderTask>> {
  const { code, extra } = settled.failure;
  if (code === 'hold_not_pending' && extra?.holdStatus === 'expired') {
    await markTaskFailed(ctx.db, task.id, 'hold_expired', now);
    return holdExpired(task);
  }
  if (code === 'hold_not_pending' && extra?.holdStatus === 'voided') {
    // Storage fees took the whole hold (a running task's hold is voided by nothing else): the
    // task is done, and nothing is left to charge for it.
    await markTaskCompleted(ctx.db, task.id, { usage, actualCostMicros: 0n, chargeTransactionId: null, now });
    const done = (await findTask(ctx.db, job.id, task.externalId))!;
    return ok({ task: done, transaction: null });
  }
  if (code === 'idempotency_key_reused') {
    return fail('idempotency_key_reused', 'this task was already reported complete with different usage', {
      taskId: task.id,
    });
  }
  return settled;
}
