import type { Unit } from '../kernel/money.js';
import type { KernelContext } from '../kernel/context.js';
import type { LedgerWriter } from './ledger-writer.js';

/** The kernel's context plus the ledger's batching writer: what every money movement needs. */
export interface LedgerContext extends KernelContext {
  ledger: LedgerWriter;
  /**
   * Called after money arrives in a customer wallet outside a product line's own flow (an
   * operator's credit adjustment), so each product line reacts in its one place (the compute
   * line resumes paused render jobs: compute/credits-arrived.ts). Never allowed to fail the credit.
   */
  walletCredited?: readonly ((accountId: string, unit: Unit) => Promise<void>)[];
}
