import { findExpiredHolds } from './transaction-store.js';
import type { LedgerContext } from './context.js';

/**
 * Marks every hold whose time has come as expired and releases its funds. Safe to run late, twice,
 * or on two nodes at once: expiring an already-resolved hold is refused by the ledger, not repeated.
 */
/** Returns how many due holds it found; each is expired when it returns. */
export async function expireHolds(ctx: LedgerContext, batchSize = 500): Promise<number> {
  let expired = 0;
  for (;;) {
    const now = ctx.clock.now();
    const due = await findExpiredHolds(ctx.db, now, batchSize);
    // A hold already expired by a charge that swept its wallet is refused here; it is expired either way.
    await Promise.all(
      due.map(({ id, walletId }) =>
        ctx.ledger.submit({ command: { type: 'expire_hold', holdId: id, at: now, walletId } }),
      ),
    );
    expired += due.length;
    if (due.length < batchSize) return expired;
  }
}
