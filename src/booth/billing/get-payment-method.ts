import { findPaymentMethod } from './card-store.js';
import type { BoothContext } from '../context.js';
import { type Result, fail, ok } from '../../kernel/result.js';
import type { PaymentMethodRecord } from './booth-invoice-rules.js';

/** One saved card of the account (a removed one too, with its status); another account's is not found. */
export async function getPaymentMethod(
  ctx: BoothContext,
  accountId: string,
  paymentMethodId: string,
): Promise<Result<PaymentMethodRecord>> {
  const card = await findPaymentMethod(ctx.db, accountId, paymentMethodId);
  return card ? ok(card) : fail('payment_method_not_found', 'no such payment method', { paymentMethodId });
}
