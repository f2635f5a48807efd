import type { TransactionRecord } from '../../ledger/ledger-rules.js';
import { formatAmount, parsePositiveAmount } from '../../kernel/money.js';
import type { CaptureOutcome } from './paypal.js';
import { bumpCaptureAttempt, findTopUpOrder, markOrderCaptured, markOrderStatus } from './topup-store.js';
import type { ComputeContext } from '../context.js';
import { creditTopUp } from './record-top-up.js';
import { type Result, fail, ok } from '../../kernel/result.js';
import type { TopUpOrderRecord } from './topups-rules.js';

export interface CapturedTopUp {
  order: TopUpOrderRecord;
  payment: TransactionRecord;
  promotion: TransactionRecord | null;
}

/**
 * The one crediting path for a PayPal capture, whoever reports it (our capture call, a later retry,
 * or PayPal's PAYMENT.CAPTURE.COMPLETED webhook and its redeliveries): bind the capture to the order,
 * then recordTopUp keyed on (rail, capture id). However many reports arrive, and in whatever order or
 * concurrency, the ledger's idempotency key lets exactly one Payment through; the rest replay it.
 */
export async function creditPayPalCapture(
  ctx: ComputeContext,
  order: TopUpOrderRecord,
  capture: { captureId: string; amountValue: string; currency: string },
): Promise<Result<CapturedTopUp>> {
  const paid = parsePositiveAmount(capture.amountValue, 'USD');
  if (capture.currency !== 'USD' || !paid.ok || paid.micros !== order.totalMicros) {
    // PayPal captured something other than what the order asked: credit nothing, keep the evidence.
    await markOrderStatus(
      ctx.db,
      order.id,
      {
        status: 'pending',
        detail: `AMOUNT_MISMATCH: captured ${capture.amountValue} ${capture.currency}, expected ${formatAmount(order.totalMicros, 'USD')} USD`,
        captureId: capture.captureId,
      },
      ctx.clock.now(),
    );
    return fail(
      'capture_pending',
      'the captured amount differs from the order total; an operator must review it',
      {
        orderId: order.id,
      },
    );
  }
  const bound = await markOrderCaptured(ctx.db, order.id, capture.captureId, ctx.clock.now());
  if (!bound) {
    const current = await findTopUpOrder(ctx.db, order.id);
    return fail('invalid_request', 'this order was already settled by another capture', {
      orderId: order.id,
      captureId: current?.captureId ?? null,
    });
  }
  const credited = await creditTopUp(ctx, {
    accountId: order.accountId,
    rail: order.rail,
    amountMicros: order.amountMicros,
    sourceId: capture.captureId,
    description: order.rail === 'sandbox' ? 'Sandbox PayPal top-up' : 'PayPal top-up',
    metadata: {
      orderId: order.id,
      paypalOrderId: order.providerOrderId,
      charged: formatAmount(order.totalMicros, 'USD'),
      fee: formatAmount(order.feeMicros, 'USD'),
    },
  });
  if (!credited.ok) return credited;
  return ok({ order: bound, ...credited.value }, credited.replayed);
}

/** Records what a non-completed capture outcome means for the order, and the failure to report. */
export async function recordUncaptured(
  ctx: ComputeContext,
  order: TopUpOrderRecord,
  outcome: Exclude<CaptureOutcome, { status: 'completed' } | { status: 'already_captured' }>,
): Promise<Result<never>> {
  const now = ctx.clock.now();
  switch (outcome.status) {
    case 'pending':
      await markOrderStatus(
        ctx.db,
        order.id,
        { status: 'pending', detail: outcome.reason, captureId: outcome.captureId },
        now,
      );
      return fail(
        'capture_pending',
        `PayPal holds the payment (${outcome.reason}); the credit follows when it completes`,
        {
          orderId: order.id,
          reason: outcome.reason,
        },
      );
    case 'declined':
      await markOrderStatus(ctx.db, order.id, { status: 'declined', detail: outcome.reason }, now);
      return fail(
        'capture_declined',
        `PayPal declined the payment (${outcome.reason}); nothing was credited`,
        {
          orderId: order.id,
          reason: outcome.reason,
        },
      );
    case 'not_approved':
      await bumpCaptureAttempt(ctx.db, order.id, now);
      return fail('order_not_approved', 'the buyer has not approved this order at PayPal yet', {
        orderId: order.id,
        approveUrl: order.approveUrl,
      });
  }
}
