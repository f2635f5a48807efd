import { walletId } from '../../ledger/ledger-rules.js';
import { requestHash } from '../../kernel/request-hash.js';
import { findJob, findTask, markTaskFailed } from './rendering-store.js';
import type { ComputeContext } from '../context.js';
import { resumeAffordableJobs } from './resume-affordable-render-jobs.js';
import { type Result, fail, ok } from '../../kernel/result.js';
import { fromLedger } from '../../ledger/ledger-result.js';
import { RENDER_SCOPE } from './start-render-task.js';
import type { RenderTaskRecord } from './rendering-rules.js';

export interface FailRenderTaskInput {
  accountId: string;
  jobExternalId: string;
  taskExternalId: string;
  reason: string;
}

/**
 * The farm reports a task failed: its hold is voided (nothing charged) and the task recorded
 * failed. Idempotent: a repeat answers the failed task. A completed task cannot fail any more.
 */
export async function failRenderTask(
  ctx: ComputeContext,
  input: FailRenderTaskInput,
): Promise<Result<RenderTaskRecord>> {
  const job = await findJob(ctx.db, input.accountId, input.jobExternalId);
  if (!job) return fail('render_job_not_found', 'no such render job', { jobId: input.jobExternalId });
  const task = await findTask(ctx.db, job.id, input.taskExternalId);
  if (!task) return fail('render_task_not_found', 'no such render task', { taskId: input.taskExternalId });
  if (task.status === 'completed') {
    return fail('render_task_not_running', 'the task was already reported complete and charged', {
      taskId: task.id,
    });
  }
  if (task.status === 'failed') return ok(task, true);
  const now = ctx.clock.now();
  const outcome = await ctx.ledger.submit({
    idempotency: { scope: RENDER_SCOPE, key: `fail:${task.id}`, requestHash: requestHash('render-fail', {}) },
    command: {
      type: 'void_hold',
      holdId: task.holdId,
      at: now,
      walletId: walletId(task.accountId, 'CREDIT'),
    },
  });
  const voided = fromLedger(outcome, () => null);
  // An expired hold was released already, and a concurrent twin may have voided it (its key was
  // not visible yet): the task fails all the same.
  const released = ['expired', 'voided'];
  if (
    !voided.ok &&
    !(
      voided.failure.code === 'hold_not_pending' &&
      released.includes(String(voided.failure.extra?.holdStatus))
    )
  ) {
    return voided;
  }
  await markTaskFailed(ctx.db, task.id, input.reason, now);
  await resumeAffordableJobs(ctx, task.accountId);
  const failed = (await findTask(ctx.db, job.id, task.externalId))!;
  if (failed.status === 'completed') {
    return fail('render_task_not_running', 'the task was already reported complete and charged', {
      taskId: task.id,
    });
  }
  return ok(failed);
}
