import { findBalances } from '../../ledger/balance-store.js';
import { findPausedJobs, resumeJob } from './rendering-store.js';
import type { ComputeContext } from '../context.js';

/** The CREDIT wallet's available balance now (expired holds no longer count). */
export async function availableCredits(ctx: ComputeContext, accountId: string): Promise<bigint> {
  const balances = await findBalances(ctx.db, accountId, ctx.clock.now());
  const credit = balances.find((b) => b.unit === 'CREDIT');
  return credit ? credit.balanceMicros - credit.heldMicros : 0n;
}

/**
 * The resume check: marks running again those of the account's jobs paused for lack of credits
 * whose refused task's max cost the available balance now covers, longest-paused first, each
 * counted against what is left (two paused jobs needing 0.60 each resume only if 1.20 is there).
 * Resuming places no hold: the farm learns from the job's status and its next start places the
 * hold (which pauses the job again if money left in between).
 *
 * Runs after every top-up, completion and failure. It never throws: money already moved, and a
 * failure here only delays a resume until the next check (or the farm's next start, which resumes
 * a job whose hold it can place). Returns the resumed job ids.
 */
export async function resumeAffordableJobs(ctx: ComputeContext, accountId: string): Promise<string[]> {
  try {
    const paused = await findPausedJobs(ctx.db, accountId);
    if (paused.length === 0) return [];
    let left = await availableCredits(ctx, accountId);
    const resumed: string[] = [];
    for (const job of paused) {
      const required = job.requiredMicros ?? 0n;
      if (required > left) continue;
      if (await resumeJob(ctx.db, job.id, ctx.clock.now())) {
        resumed.push(job.id);
        left -= required;
      }
    }
    return resumed;
  } catch {
    return [];
  }
}
