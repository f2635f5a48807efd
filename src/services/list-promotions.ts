import { type PromotionRecord, listPromotions as listStored } from '../store/promotion-store.js';
import type { ServiceContext } from './context.js';
import { type Result, ok } from './result.js';

/** Every promotion, newest first; with `activeOnly`, those in force now. */
export async function listPromotions(
  ctx: ServiceContext,
  input: { activeOnly: boolean },
): Promise<Result<PromotionRecord[]>> {
  return ok(await listStored(ctx.db, input.activeOnly ? { activeAt: ctx.clock.now() } : {}));
}
