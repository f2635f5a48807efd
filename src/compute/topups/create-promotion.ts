import { insertAuditEntry } from '../../accounts/audit-store.js';
import { formatAmount } from '../../kernel/money.js';
import { type PromotionRule, validatePromotionRule, type PromotionRecord } from './promotions-rules.js';
import { newId } from '../../kernel/ids.js';
import { commandClaim, runKeyed } from '../../ledger/idempotent-command.js';
import { insertPromotion } from './promotion-store.js';
import type { Caller } from '../../kernel/context.js';
import type { ComputeContext } from '../context.js';
import { type Result, fail, ok } from '../../kernel/result.js';

export interface CreatePromotionInput extends Omit<PromotionRule, 'id' | 'createdAt' | 'deactivatedAt'> {
  reason: string;
}

const RULE_ERRORS = {
  window_empty: ['endsAt', 'endsAt must be after startsAt'],
  percentage_out_of_range: ['bonus.basisPoints', 'basisPoints must be a whole number from 1 to 100000'],
  fixed_bonus_not_positive: ['bonus.amount', 'a fixed bonus must be positive'],
  max_bonus_not_positive: ['maximumBonus', 'the maximum bonus must be positive'],
  minimum_negative: ['minimumTopUp', 'the minimum top-up cannot be negative'],
  limit_not_positive: ['perCustomerLimit', 'the per-customer limit must be at least 1'],
} as const;

/**
 * An operator defines a top-up promotion. The rule and the audit entry (actor, reason) are written
 * in one transaction, with the Idempotency-Key.
 */
export async function createPromotion(
  ctx: ComputeContext,
  operator: Caller,
  input: CreatePromotionInput,
  idempotencyKey: string,
): Promise<Result<PromotionRecord>> {
  const invalid = validatePromotionRule(input);
  if (invalid) {
    const [field, message] = RULE_ERRORS[invalid];
    return fail('invalid_request', `${field}: ${message}`, { field });
  }
  const claim = commandClaim(operator, null, idempotencyKey, 'create-promotion', input);
  return runKeyed(ctx, claim, async (tx, now) => {
    const promotion: PromotionRecord = {
      id: newId('promotion'),
      name: input.name,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      minTopUpMicros: input.minTopUpMicros,
      bonus: input.bonus,
      maxBonusMicros: input.maxBonusMicros,
      perCustomerLimit: input.perCustomerLimit,
      createdBy: operator.id,
      createdAt: now,
      deactivatedAt: null,
    };
    await insertPromotion(tx, promotion);
    await insertAuditEntry(tx, {
      id: newId('audit'),
      actor: operator.id,
      action: 'promotion.create',
      subject: promotion.id,
      reason: input.reason,
      details: {
        name: input.name,
        startsAt: input.startsAt.toISOString(),
        endsAt: input.endsAt?.toISOString() ?? null,
        minimumTopUp: formatAmount(input.minTopUpMicros, 'USD'),
        bonus:
          input.bonus.kind === 'percentage'
            ? { type: 'percentage', basisPoints: input.bonus.basisPoints }
            : { type: 'fixed', amount: formatAmount(input.bonus.amountMicros, 'CREDIT') },
        maximumBonus: input.maxBonusMicros === null ? null : formatAmount(input.maxBonusMicros, 'CREDIT'),
        perCustomerLimit: input.perCustomerLimit,
      },
      createdAt: now,
    });
    return ok(promotion);
  });
}
