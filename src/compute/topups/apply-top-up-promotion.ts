import type { TransactionRecord } from '../../ledger/ledger-rules.js';
import { formatAmount } from '../../kernel/money.js';
import { choosePromotion, type RedemptionRecord } from './promotions-rules.js';
import { requestHash } from '../../kernel/request-hash.js';
import { type Queryable, transactionWithRetry } from '../../kernel/db/database.js';
import {
  findPromotion,
  findRedemption,
  insertRedemption,
  isRedemptionRace,
  listPromotions,
  redemptionCounts,
} from './promotion-store.js';
import type { ComputeContext } from '../context.js';
import { grantPromotionCredits } from '../grant-promotion-credits.js';
import { type Result, ok } from '../../kernel/result.js';

export interface TopUpPromotionInput {
  accountId: string;
  rail: string;
  sourceId: string;
  amountMicros: bigint;
  /** The top-up's Payment transaction: its time decides which promotions were in force. */
  payment: TransactionRecord;
}

/**
 * Grants the bonus of the promotion in force when a top-up was recorded, as a separate Promotion
 * transaction from `system:promotions:CREDIT`. Two steps, each idempotent on the top-up's
 * (rail, sourceId):
 *
 * 1. claim a redemption row, in one transaction that evaluates the rules (domain/promotions.ts)
 *    against the customer's earlier redemptions. Its primary key (rail, sourceId) makes it once per
 *    top-up; its unique (promotion, account, slot) makes the per-customer limit hold under races;
 * 2. post the Promotion transaction under the ledger idempotency key `promotion:<rail>`/sourceId.
 *
 * A redelivery finds the claimed row and re-posts, which replays; so a crash between the steps is
 * repaired by the next delivery (PayPal redelivers webhooks; the watcher rescans).
 */
export async function applyTopUpPromotion(
  ctx: ComputeContext,
  input: TopUpPromotionInput,
): Promise<Result<TransactionRecord | null>> {
  const redemption =
    (await findRedemption(ctx.db, input.rail, input.sourceId)) ??
    (await transactionWithRetry(ctx.db, (tx) => claimRedemption(ctx, tx, input), isRedemptionRace));
  if (!redemption) return ok(null);
  return postPromotionBonus(ctx, input, redemption);
}

/**
 * Step 1: the redemption of the promotion the rules choose for this top-up, claimed once (or the
 * one a concurrent delivery claimed first); none when no promotion applies.
 */
async function claimRedemption(
  ctx: ComputeContext,
  tx: Queryable,
  input: TopUpPromotionInput,
): Promise<RedemptionRecord | undefined> {
  const claimed = await findRedemption(tx, input.rail, input.sourceId);
  if (claimed) return claimed;
  const at = input.payment.createdAt;
  const rules = await listPromotions(tx, { activeAt: at });
  if (rules.length === 0) return undefined;
  const counts = await redemptionCounts(tx, input.accountId);
  const chosen = choosePromotion(rules, { amountMicros: input.amountMicros, at, redemptions: counts });
  if (!chosen) return undefined;
  const record: RedemptionRecord = {
    rail: input.rail,
    sourceId: input.sourceId,
    promotionId: chosen.promotion.id,
    accountId: input.accountId,
    slot: (counts.get(chosen.promotion.id) ?? 0) + 1,
    topUpMicros: input.amountMicros,
    bonusMicros: chosen.bonusMicros,
    createdAt: ctx.clock.now(),
  };
  await insertRedemption(tx, record);
  return record;
}

/** Step 2: the Promotion transaction, keyed by the top-up, so a redelivery replays it. */
async function postPromotionBonus(
  ctx: ComputeContext,
  input: TopUpPromotionInput,
  redemption: RedemptionRecord,
): Promise<Result<TransactionRecord>> {
  const promotion = await findPromotion(ctx.db, redemption.promotionId);
  const name = promotion?.name ?? redemption.promotionId;
  return grantPromotionCredits(ctx, {
    idempotency: {
      scope: `promotion:${input.rail}`,
      key: input.sourceId,
      requestHash: requestHash('top-up-promotion', {
        accountId: redemption.accountId,
        promotionId: redemption.promotionId,
        bonusMicros: redemption.bonusMicros,
      }),
    },
    accountId: redemption.accountId,
    description: `Promotion: ${name}`,
    metadata: {
      promotionId: redemption.promotionId,
      rail: input.rail,
      sourceId: input.sourceId,
      paymentTransactionId: input.payment.id,
      topUp: formatAmount(redemption.topUpMicros, 'CREDIT'),
    },
    amountMicros: redemption.bonusMicros,
  });
}
