import type { BoothContext } from '../booth/context.js';
import type { ComputeContext } from '../compute/context.js';
import type { SandboxMailbox } from '../sandbox/sandbox-mail.js';
import type { SandboxPayPal } from '../sandbox/sandbox-paypal.js';
import type { SandboxFleet } from '../sandbox/sandbox-fleet.js';

export type { Caller } from '../kernel/context.js';

/** Every slice's context at once: what the server wires and hands to routes and due work. */
export interface ServiceContext extends ComputeContext, BoothContext {
  /** The embedded sandbox PayPal, whose approval page is mounted under /sandbox/paypal. */
  paypalSandbox?: SandboxPayPal;
  /** The embedded sandbox mailbox (sign-in codes without SMTP), shown under /sandbox/mail. */
  mailSandbox?: SandboxMailbox;
  /** The built-in sandbox GPU fleet, when it is the fleet (its view under /sandbox/fleet). */
  fleetSandbox?: SandboxFleet;
  /** The built-in sandbox render farm: customers submit render jobs (POST …/render-jobs). */
  renderFarmSandbox?: boolean;
}
