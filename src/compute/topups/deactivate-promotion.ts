import { insertAuditEntry } from '../../accounts/audit-store.js';
import { newId } from '../../kernel/ids.js';
import { transactionWithRetry } from '../../kernel/db/database.js';
import { deactivatePromotion as deactivateStored, findPromotion } from './promotion-store.js';
import type { Caller } from '../../kernel/context.js';
import type { ComputeContext } from '../context.js';
import { type Result, fail, ok } from '../../kernel/result.js';
import type { PromotionRecord } from './promotions-rules.js';

/**
 * An operator ends a promotion now: top-ups recorded from now on no longer get it (bonuses already
 * granted stay). Audited with the operator and reason. Deactivating again changes nothing.
 */
export async function deactivatePromotion(
  ctx: ComputeContext,
  operator: Caller,
  input: { promotionId: string; reason: string },
): Promise<Result<PromotionRecord>> {
  return transactionWithRetry(ctx.db, async (tx) => {
    const now = ctx.clock.now();
    const updated = await deactivateStored(tx, input.promotionId, now);
    if (!updated) {
      const existing = await findPromotion(tx, input.promotionId);
      return existing
        ? ok(existing, true)
        : fail('promotion_not_found', 'no such promotion', { promotionId: input.promotionId });
    }
    await insertAuditEntry(tx, {
      id: newId('audit'),
      actor: operator.id,
      action: 'promotion.deactivate',
      subject: updated.id,
      reason: input.reason,
      details: { name: updated.name },
      createdAt: now,
    });
    return ok(updated);
  });
}
