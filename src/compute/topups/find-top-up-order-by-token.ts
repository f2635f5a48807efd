import { findTopUpOrderByProviderId } from './topup-store.js';
import type { ComputeContext } from '../context.js';
import { type Result, fail, ok } from '../../kernel/result.js';
import type { TopUpOrderRecord } from './topups-rules.js';

/**
 * The account's top-up order for PayPal's order id (the `token` PayPal appends to the return URL).
 * The billing page resolves its order this way, so a buyer who returns in another tab or window (a
 * closed tab, PayPal's phone app) still gets the payment captured. Another account's order is "not
 * found", never a hint that it exists.
 */
export async function findTopUpOrderByToken(
  ctx: ComputeContext,
  input: { accountId: string; token: string },
): Promise<Result<TopUpOrderRecord>> {
  const paypal = ctx.paypal;
  if (!paypal) return fail('paypal_not_configured', 'PayPal top-ups are not configured on this server');
  const order = await findTopUpOrderByProviderId(ctx.db, paypal.rail, input.token);
  return order && order.accountId === input.accountId
    ? ok(order)
    : fail('order_not_found', 'no such top-up order', { token: input.token });
}
