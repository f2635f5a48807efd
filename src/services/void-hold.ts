import type { HoldRecord } from '../domain/ledger.js';
import { requestHash } from '../platform/request-hash.js';
import type { Caller, ServiceContext } from './context.js';
import { type Result, fromLedger, holdOf } from './result.js';

/** Releases a hold without charging anything (a failed render task, a cancelled start). */
export async function voidHold(
  ctx: ServiceContext,
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
