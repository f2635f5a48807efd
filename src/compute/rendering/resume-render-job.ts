import { findJob, resumeJob } from './rendering-store.js';
import type { ComputeContext } from '../context.js';
import { type Result, fail, ok } from '../../kernel/result.js';
import { availableCredits } from './resume-affordable-render-jobs.js';
import type { RenderJobRecord } from './rendering-rules.js';

/**
 * The customer (or the farm, or an operator) resumes a job paused for lack of credits. The job
 * resumes only if the available balance covers the max cost of the task that was refused;
 * otherwise the answer is insufficient_funds with both amounts, and the job stays paused: resuming
 * it anyway would only pause it again at the farm's next start. Resuming a running job changes
 * nothing.
 */
export async function resumeRenderJob(
  ctx: ComputeContext,
  accountId: string,
  jobExternalId: string,
): Promise<Result<RenderJobRecord>> {
  const job = await findJob(ctx.db, accountId, jobExternalId);
  if (!job) return fail('render_job_not_found', 'no such render job', { jobId: jobExternalId });
  if (job.status !== 'paused_insufficient_credits') return ok(job, true);
  const available = await availableCredits(ctx, accountId);
  const required = job.requiredMicros ?? 0n;
  if (available < required) {
    return fail('insufficient_funds', 'the available balance does not cover the next task: top up first', {
      accountId,
      unit: 'CREDIT',
      availableMicros: available,
      requiredMicros: required,
      jobId: job.id,
      jobStatus: job.status,
    });
  }
  await resumeJob(ctx.db, job.id, ctx.clock.now());
  return ok((await findJob(ctx.db, accountId, jobExternalId))!);
}
