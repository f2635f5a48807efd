import { LICENSE_RENEWAL_WORK } from './license-billing.js';
import { renewLicenses } from './renew-licenses.js';
import { DUNNING_RETRY_WORK, runDunningRetry, startDunning } from './dunning.js';
import { DEFAULT_DUNNING_RETRY_DAYS } from './dunning-rules.js';
import { AUTO_TOPUP_WORK, runAutoTopup } from '../events/auto-topup.js';
import type { DueWorkRunner } from '../../kernel/jobs/due-work-runner.js';
import type { BoothContext } from '../context.js';

export interface LicenseWorkOptions {
  /** Days after the billing date on which a failed renewal is retried (default 1, 3, 5). */
  dunningRetryDays?: readonly number[];
}

/**
 * Registers the booth line's due work:
 * - one renewal per (account, billing date), scheduled when licenses are bought or renewed.
 *   Idempotent per (account, date): the renewal row and the invoice source are unique, so a re-run
 *   after a crash resumes instead of charging twice. An unknown card outcome throws, and the
 *   runner retries later with the same invoice. A renewal left open (declined, no card) starts its
 *   dunning (again after a crash: starting twice is a no-op);
 * - the dunning retries, one per (invoice, retry number) (dunning.ts);
 * - token auto top-up, one purchase per crossing.
 */
export function registerLicenseWork<C extends BoothContext>(
  runner: DueWorkRunner<C>,
  options: LicenseWorkOptions = {},
): DueWorkRunner<C> {
  const retryDays = options.dunningRetryDays ?? DEFAULT_DUNNING_RETRY_DAYS;
  return runner
    .register(LICENSE_RENEWAL_WORK, async (ctx, work) => {
      const result = await renewLicenses(ctx, work.subject, new Date(work.period));
      if (!result.ok) throw new Error(`${result.failure.code}: ${result.failure.detail}`);
      await startDunning(ctx, result.value, retryDays);
    })
    .register(DUNNING_RETRY_WORK, (ctx, work) => runDunningRetry(ctx, work.subject, Number(work.period)))
    .register(AUTO_TOPUP_WORK, (ctx, work) =>
      // "<crossing>" when it crossed; "<crossing>:<day>" when the daily limit deferred it to that day.
      runAutoTopup(ctx, work.subject, parseInt(work.period, 10), work.period.includes(':')),
    );
}
