import type { HoldRecord } from './ledger-rules.js';
import { findHold } from './transaction-store.js';
import type { LedgerContext } from './context.js';
import { type Result, fail, ok } from '../kernel/result.js';

export async function getHold(ctx: LedgerContext, holdId: string): Promise<Result<HoldRecord>> {
  const hold = await findHold(ctx.db, holdId);
  if (!hold) return fail('hold_not_found', 'no such hold', { holdId });
  // A hold past its expiry is reported expired even before the sweeper writes it.
  const expired = hold.status === 'pending' && hold.expiresAt <= ctx.clock.now();
  return ok(expired ? { ...hold, status: 'expired', resolvedAt: hold.expiresAt } : hold);
}
