import { findAccount } from '../../accounts/account-store.js';
import { findBalances } from '../../ledger/balance-store.js';
import {
  type RenderResources,
  hourlyRateMicros,
  renderCostMicros,
  taskMaxCostMicros,
} from './rendering-rules.js';
import { findRatesInForce } from './rendering-store.js';
import type { ComputeContext } from '../context.js';
import { type Result, fail, ok } from '../../kernel/result.js';

export interface RenderJobPlan {
  accountId: string;
  tasks: number;
  resources: RenderResources;
  timeLimitSeconds: number;
  /** How long each task is expected to run (the sandbox farm runs each exactly this long). */
  secondsPerTask: number;
}

export interface RenderJobQuote {
  rateCardVersion: number;
  hourlyMicros: bigint;
  /** What each task's hold reserves when it starts: its time limit at the hourly rate. */
  holdPerTaskMicros: bigint;
  /** What each task is charged when it completes after `secondsPerTask`. */
  chargePerTaskMicros: bigint;
  totalMicros: bigint;
  availableMicros: bigint;
  availableAfterMicros: bigint;
  /** Whether the first task's hold fits the available balance now (else the job starts paused). */
  firstTaskFits: boolean;
}

/**
 * What a render job would cost on the rate card in force, before it is submitted (issue 15): the
 * hourly rate of its resources, the hold each task places when it starts, the charge of each task
 * (post-paid per completed task, DESIGN §5 "Rendering"), the total for all tasks, and the
 * available balance after it. Writes nothing.
 */
export async function quoteRenderJob(
  ctx: ComputeContext,
  plan: RenderJobPlan,
): Promise<Result<RenderJobQuote>> {
  if (plan.secondsPerTask > plan.timeLimitSeconds)
    return fail('invalid_request', 'secondsPerTask: a task cannot run longer than its time limit', {
      field: 'secondsPerTask',
    });
  if (!(await findAccount(ctx.db, plan.accountId)))
    return fail('account_not_found', 'no such account', { accountId: plan.accountId });
  const now = ctx.clock.now();
  const rates = await findRatesInForce(ctx.db, now);
  if (!rates) throw new Error('no rendering rate card: migration 5 seeds version 1');
  const hold = taskMaxCostMicros(plan.timeLimitSeconds, plan.resources, rates);
  const charge = renderCostMicros(plan.secondsPerTask, plan.resources, rates);
  const total = charge * BigInt(plan.tasks);
  const credit = (await findBalances(ctx.db, plan.accountId, now)).find((b) => b.unit === 'CREDIT');
  const available = credit ? credit.balanceMicros - credit.heldMicros : 0n;
  return ok({
    rateCardVersion: rates.version,
    hourlyMicros: hourlyRateMicros(plan.resources, rates),
    holdPerTaskMicros: hold,
    chargePerTaskMicros: charge,
    totalMicros: total,
    availableMicros: available,
    availableAfterMicros: available - total,
    firstTaskFits: available >= hold,
  });
}
