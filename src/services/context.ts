import type { Clock } from '../platform/clock.js';
import type { Database } from '../store/database.js';
import type { LedgerWriter } from './ledger-writer.js';

/** What every use case gets: the database, the clock, and the ledger's batching writer. */
export interface ServiceContext {
  db: Database;
  clock: Clock;
  ledger: LedgerWriter;
}

/** Who is calling: the API key's id scopes idempotency keys, and is the actor in the audit log. */
export interface Caller {
  id: string;
  role: 'operator' | 'service' | 'customer';
  accountId: string | null;
}
