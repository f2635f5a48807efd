import { findAccount } from '../../accounts/account-store.js';
import { findJob, listJobs, listTasks } from './rendering-store.js';
import type { ComputeContext } from '../context.js';
import { type Result, fail, ok } from '../../kernel/result.js';
import type { RenderJobRecord, RenderTaskRecord, RenderTaskStatus } from './rendering-rules.js';

export type RenderJobSummary = RenderJobRecord & {
  taskCounts: Record<RenderTaskStatus, number>;
  /** What its completed tasks were charged. */
  costMicros: bigint;
};

/** An account's render jobs, newest first, or one of them by the farm's job id. */
export async function listRenderJobs(
  ctx: ComputeContext,
  accountId: string,
  options: { limit: number; jobExternalId?: string },
): Promise<Result<RenderJobSummary[]>> {
  const account = await findAccount(ctx.db, accountId);
  if (!account) return fail('account_not_found', 'no such account', { accountId });
  const jobs = await listJobs(ctx.db, accountId, options.limit, options.jobExternalId);
  if (options.jobExternalId !== undefined && jobs.length === 0) {
    return fail('render_job_not_found', 'no such render job', { jobId: options.jobExternalId });
  }
  return ok(jobs);
}

/** A job's tasks, in the order they started, each with its status, hold and cost. */
export async function listRenderTasks(
  ctx: ComputeContext,
  accountId: string,
  jobExternalId: string,
): Promise<Result<RenderTaskRecord[]>> {
  if (!(await findAccount(ctx.db, accountId)))
    return fail('account_not_found', 'no such account', { accountId });
  const job = await findJob(ctx.db, accountId, jobExternalId);
  if (!job) return fail('render_job_not_found', 'no such render job', { jobId: jobExternalId });
  return ok(await listTasks(ctx.db, job.id));
}
