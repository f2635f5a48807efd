import type { ComputeContext } from './context.js';
import { checkBalanceAlerts } from './alerts/check-balance-alerts.js';
import { recheckTermination } from './rentals/check-termination-warning.js';
import { resumeAffordableJobs } from './rendering/resume-affordable-render-jobs.js';

/**
 * Money arrived in an account's CREDIT wallet: a top-up (PayPal, USDT) and its promotion, an
 * operator's credit adjustment, a refund of a charge (an early stop's unused compute). The ONE
 * place that reacts: render jobs paused for credits resume when their next task is affordable,
 * balance alerts re-arm, and the termination warning is re-checked (re-armed when the money moved
 * the foreseen termination beyond the lead). Never fails: the money has already moved, and every
 * step is retried by its own scan or the next change.
 */
export async function creditsArrived(ctx: ComputeContext, accountId: string): Promise<void> {
  await resumeAffordableJobs(ctx, accountId).catch(() => []);
  await checkBalanceAlerts(ctx, accountId).catch(() => []);
  await recheckTermination(ctx, accountId);
}
