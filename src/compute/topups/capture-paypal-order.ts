import { formatAmount } from '../../kernel/money.js';
import { type CaptureOutcome, PayPalError, paypalRequestId } from './paypal.js';
import { findTopUpOrder } from './topup-store.js';
import type { ComputeContext } from '../context.js';
import { providerFailure } from './create-paypal-order.js';
import { type CapturedTopUp, creditPayPalCapture, recordUncaptured } from './credit-paypal-capture.js';
import { type Result, fail } from '../../kernel/result.js';

/**
 * Captures an approved PayPal order and credits A CREDIT (plus any promotion bonus) exactly once.
 * Safe to repeat and to race with itself and with PayPal's webhook:
 *
 * - a captured order is not captured again: its capture is credited (which replays);
 * - concurrent captures send the same PayPal-Request-Id (order id + attempt), so PayPal answers
 *   them all with the one capture; "already captured" is resolved by reading the order back;
 * - a declined or pending capture credits nothing and records the status (a decline bumps the
 *   attempt, so a retry after the buyer fixes the payment is a new request to PayPal).
 */
export async function capturePayPalOrder(
  ctx: ComputeContext,
  input: { accountId: string; orderId: string },
): Promise<Result<CapturedTopUp>> {
  const paypal = ctx.paypal;
  if (!paypal) return fail('paypal_not_configured', 'PayPal top-ups are not configured on this server');
  const order = await findTopUpOrder(ctx.db, input.orderId);
  if (!order || order.accountId !== input.accountId || order.rail !== paypal.rail) {
    return fail('order_not_found', 'no such top-up order', { orderId: input.orderId });
  }
  if (order.status === 'captured' && order.captureId) {
    // Captured (and checked) before: make sure it is credited, which replays if it is.
    const captured = {
      captureId: order.captureId,
      amountValue: formatAmount(order.totalMicros, 'USD'),
      currency: 'USD',
    };
    return creditPayPalCapture(ctx, order, captured);
  }
  let outcome: CaptureOutcome;
  try {
    outcome = await paypal.captureOrder(
      order.providerOrderId,
      paypalRequestId('capture', order.id, String(order.captureAttempt)),
    );
    if (outcome.status === 'already_captured') outcome = await paypal.getOrder(order.providerOrderId);
  } catch (error) {
    if (error instanceof PayPalError) return providerFailure(error);
    throw error;
  }
  switch (outcome.status) {
    case 'completed':
      return creditPayPalCapture(ctx, order, outcome);
    case 'already_captured':
      return fail(
        'capture_pending',
        'PayPal reports the order captured but shows no capture yet; retry shortly',
        {
          orderId: order.id,
        },
      );
    default:
      return recordUncaptured(ctx, order, outcome);
  }
}
