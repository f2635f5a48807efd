import { accrueStorage } from './charge-instance-storage.js';
import { endRentalPeriod } from './end-rental-period.js';
import { PERIOD_END_WORK, STORAGE_ACCRUE_WORK } from './rental-billing.js';
import { TERMINATION_CHECK_WORK, checkTerminationWarning } from './check-termination-warning.js';
import type { DueWorkRunner } from '../../kernel/jobs/due-work-runner.js';
import type { ComputeContext } from '../context.js';

/**
 * Registers the compute line's due work: GPU rental period ends, and the storage sweep that charges
 * every stopped instance's owed hour in bulk, and the termination warnings' scheduled checks.
 */
export function registerComputeWork<C extends ComputeContext>(runner: DueWorkRunner<C>): DueWorkRunner<C> {
  return runner
    .register(PERIOD_END_WORK, endRentalPeriod)
    .register(STORAGE_ACCRUE_WORK, accrueStorage)
    .register(TERMINATION_CHECK_WORK, (ctx, work) => checkTerminationWarning(ctx, work.subject));
}
