import type { Clock } from './clock.js';
import type { Database } from './db/database.js';
import type { Seller } from './documents/seller-rules.js';

/**
 * What every use case gets, whatever its slice: the database and the clock. Each slice extends it
 * with what its own use cases need (LedgerContext, AccountsContext, ComputeContext, BoothContext);
 * the server's ServiceContext is all of them at once.
 */
export interface KernelContext {
  db: Database;
  clock: Clock;
  /** The issuer printed on every document; the sample seller when absent (tests, demos). */
  seller?: Seller;
  /**
   * Customer notifications (email, signed webhook): records the event once per dedupe id and
   * delivers it through the scheduler. Absent: events are not recorded.
   */
  events?: {
    publish(
      accountId: string,
      /** `emailTo`: email these addresses instead of the alert recipients (documents: the billing email). */
      event: { type: string; at: Date; data: Record<string, string>; emailTo?: readonly string[] },
    ): Promise<void>;
  };
}

/** Who is calling: an API key or a wallet session; its id is the actor in the audit log. */
export interface Caller {
  id: string;
  role: 'operator' | 'service' | 'customer';
  accountId: string | null;
}

/**
 * The scope of a caller's idempotency keys: the account acted for and the kind of principal, never
 * the key or session id. A customer's wallet sessions and API keys share one scope (signing in again
 * and retrying replays, it does not charge twice); a service key acting for an account has its own,
 * and so does an operator; work that acts for no account (a catalog, a new account) is scoped to the
 * kind of principal alone. See docs/idempotency.md.
 */
export function idempotencyScope(caller: Caller, accountId: string | null): string {
  // A customer only ever acts for its own account (routes check it), whatever the input names.
  const account = caller.role === 'customer' ? caller.accountId : accountId;
  return account ? `${account}/${caller.role}` : caller.role;
}
