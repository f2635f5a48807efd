import { expireHolds } from './expire-holds.js';
import type { DueWorkRunner } from '../kernel/jobs/due-work-runner.js';
import type { LedgerContext } from './context.js';

export const HOLD_EXPIRY_WORK = 'holds.expire';

/**
 * Expires due holds every `everyMs`, as recurring due work. Holds also expire lazily whenever
 * their wallet is touched, so this only tidies up; two schedulers running it at once is harmless.
 */
export function registerHoldExpiry<C extends LedgerContext>(
  runner: DueWorkRunner<C>,
  everyMs: number,
): DueWorkRunner<C> {
  return runner.every(HOLD_EXPIRY_WORK, everyMs, expireHolds);
}
