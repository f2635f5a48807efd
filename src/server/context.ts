import type { BoothContext } from '../booth/context.js';
import type { ComputeContext } from '../compute/context.js';
import type { SandboxPayPal } from '../sandbox/sandbox-paypal.js';

export type { Caller } from '../kernel/context.js';

/** Every slice's context at once: what the server wires and hands to routes and due work. */
export interface ServiceContext extends ComputeContext, BoothContext {
  /** The embedded sandbox PayPal, whose approval page is mounted under /sandbox/paypal. */
  paypalSandbox?: SandboxPayPal;
}
