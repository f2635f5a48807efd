import type { AccountsContext } from '../accounts/context.js';
import type { WebhookTargets } from '../notify/webhook-target.js';
import type { GpuFleet } from './rentals/gpu-fleet.js';
import type { TopUpPolicy } from './topups/fees-rules.js';
import type { PayPalGateway } from './topups/paypal.js';

/** What the compute line's use cases need beyond the accounts context. */
export interface ComputeContext extends AccountsContext {
  /** PayPal, or the built-in sandbox PayPal; absent: PayPal top-ups answer 503 paypal_not_configured. */
  paypal?: PayPalGateway;
  /** Top-up limits and the PayPal fee schedule; the catalog defaults when absent. */
  topUps?: TopUpPolicy;
  /** The account's current hourly burn (all GPU instances), for low-remaining-time alerts; absent: skipped. */
  burnRate?: { hourlyBurnMicros(accountId: string): Promise<bigint> };
  /** The GPU fleet's API (create, start, stop, terminate machines); absent: renting answers 503 fleet_not_configured. */
  fleet?: GpuFleet;
  /** GPU rental settings: the termination warning's lead in hours (default 24). */
  rentals?: { terminationWarningHours: number };
  /** Which webhook URLs may be saved (PICTOR_WEBHOOK_TARGETS); absent: `public`, as at delivery. */
  webhookTargets?: WebhookTargets;
}
