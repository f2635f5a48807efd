import { type PromotionRecord, listPromotions as listStored } from './promotion-store.js';
import type { ComputeContext } from '../context.js';
import { type Result, ok } from '../../kernel/result.js';

/** Every promotion, newest first; with `activeOnly`, those in force now. */
export async function listPromotions(
  ctx: ComputeContext,
  input: { activeOnly: boolean },
): Promise<Result<PromotionRecord[]>> {
  return ok(await listStored(ctx.db, input.activeOnly ? { activeAt: ctx.clock.now() } : {}));
}
