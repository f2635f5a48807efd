import { listPromotions as listStored } from './promotion-store.js';
import type { ComputeContext } from '../context.js';
import { type Result, ok } from '../../kernel/result.js';
import type { PromotionRecord } from './promotions-rules.js';

/** Every promotion, newest first; with `activeOnly`, those in force now. */
export async function listPromotions(
  ctx: ComputeContext,
  input: { activeOnly: boolean },
): Promise<Result<PromotionRecord[]>> {
  return ok(await listStored(ctx.db, input.activeOnly ? { activeAt: ctx.clock.now() } : {}));
}
