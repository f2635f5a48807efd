import { findAccount } from '../../accounts/account-store.js';
import {
  findPaymentMethod,
  lockAccountCards,
  setDefaultPaymentMethod as storeSetDefault,
} from './card-store.js';
import type { BoothContext } from '../context.js';
import { type Result, fail, ok } from '../../kernel/result.js';
import type { PaymentMethodRecord } from './booth-invoice-rules.js';

/** Makes one of the account's saved cards the default (the card that pays everything). Repeats are harmless. */
export async function setDefaultPaymentMethod(
  ctx: BoothContext,
  accountId: string,
  paymentMethodId: string,
): Promise<Result<PaymentMethodRecord>> {
  if (!ctx.cards) return fail('card_processor_not_configured', 'no card processor is configured');
  if (!(await findAccount(ctx.db, accountId)))
    return fail('account_not_found', 'no such account', { accountId });
  const card = await findPaymentMethod(ctx.db, accountId, paymentMethodId);
  if (!card || card.removedAt) {
    return fail('payment_method_not_found', 'no such payment method', { paymentMethodId });
  }
  if (card.isDefault) return ok(card, true);
  const updated = await ctx.db.transaction(async (tx) => {
    await lockAccountCards(tx, accountId);
    return storeSetDefault(tx, accountId, paymentMethodId);
  });
  if (!updated) return fail('payment_method_not_found', 'no such payment method', { paymentMethodId });
  return ok(updated);
}
