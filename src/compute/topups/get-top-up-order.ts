import { findTopUpOrder } from './topup-store.js';
import type { ComputeContext } from '../context.js';
import { type Result, fail, ok } from '../../kernel/result.js';
import type { TopUpOrderRecord } from './topups-rules.js';

/** A top-up order of the account, with its PayPal status as last recorded. */
export async function getTopUpOrder(
  ctx: ComputeContext,
  input: { accountId: string; orderId: string },
): Promise<Result<TopUpOrderRecord>> {
  const order = await findTopUpOrder(ctx.db, input.orderId);
  return order && order.accountId === input.accountId
    ? ok(order)
    : fail('order_not_found', 'no such top-up order', { orderId: input.orderId });
}
