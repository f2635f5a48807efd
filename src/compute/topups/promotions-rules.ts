/**
 * Top-up promotions: operator-defined bonus rules, decided without I/O. A rule applies to a top-up
 * of A credits made at time t when t is in [startsAt, endsAt), the rule existed and was not
 * deactivated at t, A ≥ the minimum, and the customer has used it fewer times than its limit.
 * The bonus is a percentage (basis points) of A or a fixed amount, capped, rounded once, half-up,
 * to CREDIT's 6 decimals. At most one promotion applies per top-up: the one giving the largest bonus.
 */
export type PromotionBonus =
  { kind: 'percentage'; basisPoints: number } | { kind: 'fixed'; amountMicros: bigint };

export interface PromotionRule {
  id: string;
  name: string;
  startsAt: Date;
  /** Exclusive; null: open-ended. */
  endsAt: Date | null;
  minTopUpMicros: bigint;
  bonus: PromotionBonus;
  maxBonusMicros: bigint | null;
  /** Redemptions per customer; null: unlimited. */
  perCustomerLimit: number | null;
  createdAt: Date;
  deactivatedAt: Date | null;
}

/** Largest percentage accepted: 1000 % (100,000 basis points). */
export const MAX_BONUS_BASIS_POINTS = 100_000;

export type PromotionRuleError =
  | 'window_empty'
  | 'percentage_out_of_range'
  | 'fixed_bonus_not_positive'
  | 'max_bonus_not_positive'
  | 'minimum_negative'
  | 'limit_not_positive';

/** Checks a rule an operator is about to create; the store's CHECK constraints back this up. */
export function validatePromotionRule(
  rule: Omit<PromotionRule, 'id' | 'name' | 'createdAt' | 'deactivatedAt'>,
): PromotionRuleError | undefined {
  if (rule.endsAt !== null && rule.endsAt.getTime() <= rule.startsAt.getTime()) return 'window_empty';
  if (rule.minTopUpMicros < 0n) return 'minimum_negative';
  if (rule.bonus.kind === 'percentage') {
    const bp = rule.bonus.basisPoints;
    if (!Number.isInteger(bp) || bp <= 0 || bp > MAX_BONUS_BASIS_POINTS) return 'percentage_out_of_range';
  } else if (rule.bonus.amountMicros <= 0n) {
    return 'fixed_bonus_not_positive';
  }
  if (rule.maxBonusMicros !== null && rule.maxBonusMicros <= 0n) return 'max_bonus_not_positive';
  if (
    rule.perCustomerLimit !== null &&
    (!Number.isInteger(rule.perCustomerLimit) || rule.perCustomerLimit < 1)
  ) {
    return 'limit_not_positive';
  }
  return undefined;
}

/** a / b rounded half-up, for a ≥ 0 and b > 0. */
function divideHalfUp(a: bigint, b: bigint): bigint {
  return (a * 2n + b) / (2n * b);
}

/** The bonus a rule gives on a top-up of `amountMicros` credits, before eligibility: ≥ 0, ≤ the cap. */
export function bonusFor(
  rule: Pick<PromotionRule, 'bonus' | 'maxBonusMicros'>,
  amountMicros: bigint,
): bigint {
  if (amountMicros <= 0n) return 0n;
  const raw =
    rule.bonus.kind === 'percentage'
      ? divideHalfUp(amountMicros * BigInt(Math.max(0, rule.bonus.basisPoints)), 10_000n)
      : rule.bonus.amountMicros > 0n
        ? rule.bonus.amountMicros
        : 0n;
  return rule.maxBonusMicros !== null && raw > rule.maxBonusMicros
    ? rule.maxBonusMicros > 0n
      ? rule.maxBonusMicros
      : 0n
    : raw;
}

export type Ineligibility =
  'inactive' | 'not_started' | 'ended' | 'below_minimum' | 'limit_reached' | 'no_bonus';

export type PromotionDecision =
  | { applies: true; promotion: PromotionRule; bonusMicros: bigint }
  | { applies: false; promotion: PromotionRule; reason: Ineligibility };

export interface TopUpFacts {
  amountMicros: bigint;
  at: Date;
  /** How many times this customer has already redeemed each promotion, by promotion id. */
  redemptions: ReadonlyMap<string, number>;
}

export function evaluatePromotion(rule: PromotionRule, facts: TopUpFacts): PromotionDecision {
  const at = facts.at.getTime();
  const no = (reason: Ineligibility): PromotionDecision => ({ applies: false, promotion: rule, reason });
  if (rule.deactivatedAt !== null && rule.deactivatedAt.getTime() <= at) return no('inactive');
  if (at < rule.startsAt.getTime() || at < rule.createdAt.getTime()) return no('not_started');
  if (rule.endsAt !== null && at >= rule.endsAt.getTime()) return no('ended');
  if (facts.amountMicros < rule.minTopUpMicros) return no('below_minimum');
  if (rule.perCustomerLimit !== null && (facts.redemptions.get(rule.id) ?? 0) >= rule.perCustomerLimit) {
    return no('limit_reached');
  }
  const bonusMicros = bonusFor(rule, facts.amountMicros);
  if (bonusMicros <= 0n) return no('no_bonus');
  return { applies: true, promotion: rule, bonusMicros };
}

/** The promotion a top-up gets, if any: the largest bonus; on a tie, the rule created first. */
export function choosePromotion(
  rules: readonly PromotionRule[],
  facts: TopUpFacts,
): Extract<PromotionDecision, { applies: true }> | undefined {
  let best: Extract<PromotionDecision, { applies: true }> | undefined;
  for (const rule of rules) {
    const decision = evaluatePromotion(rule, facts);
    if (!decision.applies) continue;
    if (
      !best ||
      decision.bonusMicros > best.bonusMicros ||
      (decision.bonusMicros === best.bonusMicros &&
        (rule.createdAt.getTime() < best.promotion.createdAt.getTime() ||
          (rule.createdAt.getTime() === best.promotion.createdAt.getTime() && rule.id < best.promotion.id)))
    ) {
      best = decision;
    }
  }
  return best;
}

// Entities as the stores, use cases and routes pass them around (the stores map their rows into these;
// docs/architecture.md, "Entity types").

export interface PromotionRecord extends PromotionRule {
  createdBy: string;
}

export interface RedemptionRecord {
  rail: string;
  sourceId: string;
  promotionId: string;
  accountId: string;
  slot: number;
  topUpMicros: bigint;
  bonusMicros: bigint;
  createdAt: Date;
}
