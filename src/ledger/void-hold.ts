import type { HoldRecord } from './ledger-rules.js';
import { requestHash } from '../kernel/request-hash.js';
import type { Caller } from '../kernel/context.js';
import type { LedgerContext } from './context.js';
import { type Result } from '../kernel/result.js';
import { fromLedger, holdOf } from './ledger-result.js';

/** Releases a hold without charging anything (a failed render task, a cancelled start). */
export async function voidHold(
  ctx: LedgerContext,
  caller: Caller,
  holdId: string,
  idempotencyKey: string,
): Promise<Result<HoldRecord>> {
  const outcome = await ctx.ledger.submit({
    idempotency: { scope: caller.id, key: idempotencyKey, requestHash: requestHash('void-hold', { holdId }) },
    command: { type: 'void_hold', holdId, at: ctx.clock.now() },
  });
  return fromLedger(outcome, holdOf);
}
