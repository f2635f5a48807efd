import { LICENSE_RENEWAL_WORK } from './license-billing.js';
import { renewLicenses } from './renew-licenses.js';
import { AUTO_TOPUP_WORK, runAutoTopup } from '../events/auto-topup.js';
import type { DueWorkRunner } from '../../kernel/jobs/due-work-runner.js';
import type { BoothContext } from '../context.js';

/**
 * Registers the booth line's due work (and token auto top-up, one purchase per crossing): one renewal per (account, billing date), scheduled when
 * licenses are bought or renewed. Idempotent per (account, date): the renewal row and the invoice
 * source are unique, so a re-run after a crash resumes instead of charging twice. An unknown card
 * outcome throws, and the runner retries later with the same invoice.
 */
export function registerLicenseWork<C extends BoothContext>(runner: DueWorkRunner<C>): DueWorkRunner<C> {
  return runner
    .register(LICENSE_RENEWAL_WORK, async (ctx, work) => {
      const result = await renewLicenses(ctx, work.subject, new Date(work.period));
      if (!result.ok) throw new Error(`${result.failure.code}: ${result.failure.detail}`);
    })
    .register(AUTO_TOPUP_WORK, (ctx, work) => runAutoTopup(ctx, work.subject, Number(work.period)));
}
