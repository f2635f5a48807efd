import type { TopUpPolicy } from '../compute/topups/fees-rules.js';
import type { CardProcessor, CardPublicConfig } from '../booth/billing/card-processor.js';
import type { GpuFleet } from '../compute/rentals/gpu-fleet.js';
import type { PayPalGateway } from '../compute/topups/paypal.js';
import type { SandboxPayPal } from '../sandbox/sandbox-paypal.js';
import type { Clock } from '../kernel/clock.js';
import type { Web3Config } from '../kernel/config.js';
import type { Database } from '../kernel/db/database.js';
import type { LedgerWriter } from '../ledger/ledger-writer.js';

/** What every use case gets: the database, the clock, and the ledger's batching writer. */
export interface ServiceContext {
  db: Database;
  clock: Clock;
  ledger: LedgerWriter;
  /** Wallet sign-in and USDT deposit settings; the configuration defaults when absent. */
  web3?: Web3Config;
  /** PayPal, or the built-in sandbox PayPal; absent: PayPal top-ups answer 503 paypal_not_configured. */
  paypal?: PayPalGateway;
  /** The embedded sandbox PayPal, whose approval page is mounted under /sandbox/paypal. */
  paypalSandbox?: SandboxPayPal;
  /** Top-up limits and the PayPal fee schedule; the catalog defaults when absent. */
  topUps?: TopUpPolicy;
  /**
   * Customer notifications (email, signed webhook): records the event once per dedupe id and
   * delivers it through the scheduler. Absent: events are not recorded.
   */
  events?: {
    publish(
      accountId: string,
      event: { type: string; at: Date; data: Record<string, string> },
    ): Promise<void>;
  };
  /** The account's current hourly burn (all GPU instances), for low-remaining-time alerts; absent: skipped. */
  burnRate?: { hourlyBurnMicros(accountId: string): Promise<bigint> };
  /** The GPU fleet's API (create, start, stop, terminate machines); absent: renting answers 503 fleet_not_configured. */
  fleet?: GpuFleet;
  /** The card processor (Stripe, or the embedded sandbox); absent: card operations answer 503 card_processor_not_configured. */
  cards?: CardProcessor;
  /** What the billing page needs to tokenize a card (publishable key, processor URL). */
  cardsPublic?: CardPublicConfig;
}

/** Who is calling: the API key's id scopes idempotency keys, and is the actor in the audit log. */
export interface Caller {
  id: string;
  role: 'operator' | 'service' | 'customer';
  accountId: string | null;
}
