import type { KernelContext } from '../kernel/context.js';
import type { LedgerWriter } from './ledger-writer.js';

/** The kernel's context plus the ledger's batching writer: what every money movement needs. */
export interface LedgerContext extends KernelContext {
  ledger: LedgerWriter;
}
