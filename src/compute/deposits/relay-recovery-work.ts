import { type DueWorkRunner, scheduleRecurring } from '../../kernel/jobs/due-work-runner.js';
import type { ComputeContext } from '../context.js';
import { STALE_SUBMITTING_MS } from './recover-relay.js';
import { recoverStaleRelays } from './usdt-relay.js';

export const RELAY_RECOVERY_WORK = 'usdt.relays.recover';

/** As often as a relay can go stale: one left `submitting` by a crash is settled within two minutes. */
export const RELAY_RECOVERY_EVERY_MS = STALE_SUBMITTING_MS;

/**
 * Registers `usdt.relays.recover`, recurring due work that settles relays a crash left `submitting`
 * from the chain (docs/usdt-relay.md § Recovery), so one settles with nobody looking it up and its
 * gas is recorded. A chain error leaves a relay for the next slot and fails nothing: the lookup
 * and submit paths recover the same way, and two sweeps at once write the same outcome.
 */
export function registerRelayRecovery<C extends ComputeContext>(
  runner: DueWorkRunner<C>,
  everyMs = RELAY_RECOVERY_EVERY_MS,
): DueWorkRunner<C> {
  return runner.every(RELAY_RECOVERY_WORK, everyMs, (ctx) => recoverStaleRelays(ctx));
}

/** Seeds the sweep's series when this server relays (a relayer key is configured); twice is a no-op. */
export async function scheduleRelayRecovery(
  ctx: ComputeContext,
  everyMs = RELAY_RECOVERY_EVERY_MS,
): Promise<void> {
  if (ctx.web3?.chain?.relay) await scheduleRecurring(ctx, RELAY_RECOVERY_WORK, everyMs);
}
