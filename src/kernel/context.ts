import type { Clock } from './clock.js';
import type { Database } from './db/database.js';

/**
 * What every use case gets, whatever its slice: the database and the clock. Each slice extends it
 * with what its own use cases need (LedgerContext, AccountsContext, ComputeContext, BoothContext);
 * the server's ServiceContext is all of them at once.
 */
export interface KernelContext {
  db: Database;
  clock: Clock;
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
}

/** Who is calling: the API key's id scopes idempotency keys, and is the actor in the audit log. */
export interface Caller {
  id: string;
  role: 'operator' | 'service' | 'customer';
  accountId: string | null;
}
