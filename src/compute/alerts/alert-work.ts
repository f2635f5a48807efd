import { type DueWorkRunner, scheduleRecurring } from '../../kernel/jobs/due-work-runner.js';
import type { ComputeContext } from '../context.js';
import { listAlertedAccounts } from './alert-store.js';
import { checkBalanceAlerts } from './check-balance-alerts.js';

const DEFAULT_SCAN_SECONDS = 60;

/**
 * Registers `alerts.scan` (subject `all`, period = the scan's slot): checks every account with alert
 * settings, then schedules the next slot. `scheduleAlertScan` seeds the first one.
 */
export function registerAlertWork<C extends ComputeContext>(
  runner: DueWorkRunner<C>,
  alertScanSeconds = DEFAULT_SCAN_SECONDS,
): DueWorkRunner<C> {
  return runner.every('alerts.scan', alertScanSeconds * 1000, scanBalanceAlerts);
}

/** Checks the alerts of every account on the current clock that has alert settings. */
export async function scanBalanceAlerts(ctx: ComputeContext): Promise<void> {
  const errors: string[] = [];
  for (let after = ''; ;) {
    const page = await listAlertedAccounts(ctx.db, after, 500);
    for (const accountId of page) {
      await checkBalanceAlerts(ctx, accountId).catch((e: unknown) =>
        errors.push(`${accountId}: ${e instanceof Error ? e.message : String(e)}`),
      );
    }
    if (page.length < 500) break;
    after = page[page.length - 1]!;
  }
  if (errors.length > 0) throw new Error(`alert checks failed: ${errors.join('; ')}`);
}

/** Schedules the alert scan of the slot containing `at` (default: now); scheduling twice is a no-op. */
export function scheduleAlertScan(
  ctx: ComputeContext,
  scanMs = DEFAULT_SCAN_SECONDS * 1000,
  at: Date = ctx.clock.now(),
): Promise<void> {
  return scheduleRecurring(ctx, 'alerts.scan', scanMs, at);
}
