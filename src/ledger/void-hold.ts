import type { HoldRecord } from './ledger-rules.js';
import { commandClaim } from './idempotent-command.js';
import { findHold } from './transaction-store.js';
import type { Caller } from '../kernel/context.js';
import type { LedgerContext } from './context.js';
import { type Result, fail } from '../kernel/result.js';
import { fromLedger, holdOf } from './ledger-result.js';

/** Releases a hold without charging anything (a failed render task, a cancelled start). */
export async function voidHold(
  ctx: LedgerContext,
  caller: Caller,
  holdId: string,
  idempotencyKey: string,
): Promise<Result<HoldRecord>> {
  // Read for the account its key is scoped to; the decision is made on the locked state.
  const hold = await findHold(ctx.db, holdId);
  if (!hold) return fail('hold_not_found', 'no such hold', { holdId });
  const outcome = await ctx.ledger.submit({
    idempotency: commandClaim(caller, hold.accountId, idempotencyKey, 'void-hold', { holdId }),
    command: { type: 'void_hold', holdId, at: ctx.clock.now(), walletId: hold.walletId },
  });
  return fromLedger(outcome, holdOf);
}
