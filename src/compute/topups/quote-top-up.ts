import {
  DEFAULT_TOP_UP_POLICY,
  type FeeBreakdown,
  type TopUpPolicy,
  USDT_FEE,
  topUpFee,
} from './fees-rules.js';
import { formatAmount } from '../../kernel/money.js';
import { choosePromotion } from './promotions-rules.js';
import { findAccount } from '../../accounts/account-store.js';
import type { Queryable } from '../../kernel/db/database.js';
import { listPromotions, redemptionCounts } from './promotion-store.js';
import type { ComputeContext } from '../context.js';
import { type Result, fail, ok } from '../../kernel/result.js';

export type QuoteRail = 'paypal' | 'usdt';

export interface QuoteInput {
  accountId: string;
  rail: QuoteRail;
  /** A, the credits to buy, in USD micros (whole cents). */
  amountMicros: bigint;
}

/** The order summary: what the customer pays and what lands in the wallet. */
export interface TopUpQuote extends FeeBreakdown {
  accountId: string;
  rail: QuoteRail;
  /** Credits the Payment transaction adds: always A. */
  creditsMicros: bigint;
  /** The promotion that would apply if the money arrived now, and its bonus (a separate transaction). */
  promotion: { id: string; name: string; bonusMicros: bigint } | null;
  minMicros: bigint;
  maxMicros: bigint;
}

export function topUpPolicy(ctx: ComputeContext): TopUpPolicy {
  return ctx.topUps ?? DEFAULT_TOP_UP_POLICY;
}

/** The order summary for topping up A: fee, total, credits and the promotion bonus, within the limits. */
export async function quoteTopUp(ctx: ComputeContext, input: QuoteInput): Promise<Result<TopUpQuote>> {
  return priceTopUp(ctx, ctx.db, input);
}

/** quoteTopUp on a given connection (create-paypal-order prices inside its own flow). */
export async function priceTopUp(
  ctx: ComputeContext,
  db: Queryable,
  input: QuoteInput,
): Promise<Result<TopUpQuote>> {
  const policy = topUpPolicy(ctx);
  if (input.amountMicros < policy.minMicros) {
    return fail(
      'topup_below_minimum',
      `the smallest top-up is ${formatAmount(policy.minMicros, 'USD')} USD`,
      {
        field: 'amount.amount',
        minimum: formatAmount(policy.minMicros, 'USD'),
      },
    );
  }
  if (input.amountMicros > policy.maxMicros) {
    return fail('topup_above_maximum', `the largest top-up is ${formatAmount(policy.maxMicros, 'USD')} USD`, {
      field: 'amount.amount',
      maximum: formatAmount(policy.maxMicros, 'USD'),
    });
  }
  if (!(await findAccount(db, input.accountId))) {
    return fail('account_not_found', 'no such account', { accountId: input.accountId });
  }
  const fee = topUpFee(input.amountMicros, input.rail === 'paypal' ? policy.paypalFee : USDT_FEE);
  const now = ctx.clock.now();
  const rules = await listPromotions(db, { activeAt: now });
  const chosen =
    rules.length === 0
      ? undefined
      : choosePromotion(rules, {
          amountMicros: input.amountMicros,
          at: now,
          redemptions: await redemptionCounts(db, input.accountId),
        });
  return ok({
    ...fee,
    accountId: input.accountId,
    rail: input.rail,
    creditsMicros: input.amountMicros,
    promotion: chosen
      ? { id: chosen.promotion.id, name: chosen.promotion.name, bonusMicros: chosen.bonusMicros }
      : null,
    minMicros: policy.minMicros,
    maxMicros: policy.maxMicros,
  });
}
