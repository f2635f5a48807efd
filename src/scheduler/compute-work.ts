import { chargeInstanceStorage } from '../services/charge-instance-storage.js';
import { endRentalPeriod } from '../services/end-rental-period.js';
import { PERIOD_END_WORK, STORAGE_HOUR_WORK } from '../services/rental-billing.js';
import type { DueWorkRunner } from './due-work-runner.js';

/** Registers the compute line's due work (GPU rental period ends, stopped instances' storage hours). */
export function registerComputeWork(runner: DueWorkRunner): DueWorkRunner {
  return runner.register(PERIOD_END_WORK, endRentalPeriod).register(STORAGE_HOUR_WORK, chargeInstanceStorage);
}
