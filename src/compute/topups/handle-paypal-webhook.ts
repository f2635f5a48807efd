import { PayPalError, type PayPalGateway, type WebhookTransmission } from './paypal.js';
import { findTopUpOrder, findTopUpOrderByProviderId, markOrderStatus } from './topup-store.js';
import type { ComputeContext } from '../context.js';
import { providerFailure } from './create-paypal-order.js';
import { capturePayPalOrder } from './capture-paypal-order.js';
import { creditPayPalCapture } from './credit-paypal-capture.js';
import { type Result, fail, ok } from '../../kernel/result.js';
import type { TopUpOrderRecord } from './topups-rules.js';

/** The parts of a PayPal webhook event the engine reads; the rest is passed back for verification. */
export interface PayPalWebhookEvent {
  id: string;
  event_type: string;
  resource?: {
    id?: string;
    status?: string;
    custom_id?: string;
    amount?: { currency_code?: string; value?: string };
    status_details?: { reason?: string };
    supplementary_data?: { related_ids?: { order_id?: string } };
    purchase_units?: { custom_id?: string }[];
  };
  [other: string]: unknown;
}

export interface WebhookReceipt {
  eventId: string;
  eventType: string;
  /** credited: a Payment was recorded or replayed; recorded: the order's status changed; ignored. */
  outcome: 'credited' | 'recorded' | 'ignored';
  orderId: string | null;
}

/**
 * A PayPal webhook. Its signature is checked by PayPal's verify-webhook-signature API (with our
 * webhook id) before anything is read; a forged or altered event is refused and writes nothing.
 *
 * PAYMENT.CAPTURE.COMPLETED credits through the same path as the capture call, keyed on the
 * capture id, so capture + webhook + redeliveries credit once. PENDING and DECLINED/DENIED record
 * the status; CHECKOUT.ORDER.APPROVED marks the order approved and captures it (captureOnApproval). Events about unknown orders and
 * other types are acknowledged and ignored (PayPal would otherwise redeliver them for days).
 */
export async function handlePayPalWebhook(
  ctx: ComputeContext,
  input: { transmission: WebhookTransmission; event: PayPalWebhookEvent },
): Promise<Result<WebhookReceipt>> {
  const paypal = ctx.paypal;
  if (!paypal) return fail('paypal_not_configured', 'PayPal top-ups are not configured on this server');
  const refused = await signatureRefusal(paypal, input);
  if (refused) return refused;

  const { event } = input;
  const resource = event.resource ?? {};
  const now = ctx.clock.now();
  if (event.event_type === 'CHECKOUT.ORDER.APPROVED') {
    const order = resource.id
      ? await findTopUpOrderByProviderId(ctx.db, paypal.rail, resource.id)
      : undefined;
    if (!order) return receipt(event, 'ignored');
    return captureOnApproval(ctx, event, order, now);
  }

  if (!event.event_type.startsWith('PAYMENT.CAPTURE.') || !resource.id) return receipt(event, 'ignored');
  const order = await orderOfCapture(ctx, paypal.rail, resource);
  if (!order) return receipt(event, 'ignored');
  return applyCaptureEvent(ctx, event, { ...resource, id: resource.id }, order, now);
}

/**
 * Asks PayPal whether the event is theirs, before anything of it is read: the failure to answer
 * with (forged or altered, or PayPal did not answer), or undefined when it verified.
 */
async function signatureRefusal(
  paypal: PayPalGateway,
  input: { transmission: WebhookTransmission; event: PayPalWebhookEvent },
): Promise<Result<never> | undefined> {
  let verified: boolean;
  try {
    verified = await paypal.verifyWebhookSignature(input.transmission, input.event);
  } catch (error) {
    if (error instanceof PayPalError) return providerFailure(error);
    throw error;
  }
  if (!verified) {
    return fail(
      'webhook_signature_invalid',
      'the webhook signature did not verify with PayPal; nothing was done',
    );
  }
  return undefined;
}

/** Failures of the capture path that are recorded on the order: PayPal gains nothing by redelivering. */
const RECORDED_CAPTURE_FAILURES = new Set([
  'capture_pending',
  'capture_declined',
  'order_not_approved',
  'invalid_request',
]);

/**
 * CHECKOUT.ORDER.APPROVED about one of our orders: mark it approved, then capture it here, as PayPal
 * advises, so a buyer who approves and closes the tab is still charged and credited (PayPal voids an
 * uncaptured approval after about three hours). The capture is the customer's own path, so racing the
 * return page sends the same PayPal-Request-Id and credits once. Only PayPal being unreachable
 * answers 5xx, so PayPal redelivers and the capture is tried again.
 */
async function captureOnApproval(
  ctx: ComputeContext,
  event: PayPalWebhookEvent,
  order: TopUpOrderRecord,
  now: Date,
): Promise<Result<WebhookReceipt>> {
  const current = await markOrderStatus(ctx.db, order.id, { status: 'approved', detail: null }, now);
  if (!current || (current.status !== 'created' && current.status !== 'approved')) {
    // Captured, declined or pending already: a late or repeated approval changes nothing.
    return receipt(event, 'recorded', order);
  }
  const captured = await capturePayPalOrder(ctx, { accountId: order.accountId, orderId: order.id });
  if (captured.ok) return receipt(event, 'credited', captured.value.order);
  return RECORDED_CAPTURE_FAILURES.has(captured.failure.code) ? receipt(event, 'recorded', order) : captured;
}

/** A PAYMENT.CAPTURE.* event about one of our orders: credits once, or records the capture's status. */
async function applyCaptureEvent(
  ctx: ComputeContext,
  event: PayPalWebhookEvent,
  resource: NonNullable<PayPalWebhookEvent['resource']> & { id: string },
  order: TopUpOrderRecord,
  now: Date,
): Promise<Result<WebhookReceipt>> {
  switch (event.event_type) {
    case 'PAYMENT.CAPTURE.COMPLETED': {
      const credited = await creditPayPalCapture(ctx, order, {
        captureId: resource.id,
        amountValue: resource.amount?.value ?? '',
        currency: resource.amount?.currency_code ?? '',
      });
      if (!credited.ok) {
        // An amount mismatch or a conflicting capture is kept for review, not redelivered forever.
        return credited.failure.code === 'capture_pending' || credited.failure.code === 'invalid_request'
          ? receipt(event, 'recorded', order)
          : credited;
      }
      return receipt(event, 'credited', credited.value.order);
    }
    case 'PAYMENT.CAPTURE.PENDING':
      await markOrderStatus(
        ctx.db,
        order.id,
        { status: 'pending', detail: resource.status_details?.reason ?? 'PENDING', captureId: resource.id },
        now,
      );
      return receipt(event, 'recorded', order);
    case 'PAYMENT.CAPTURE.DECLINED':
    case 'PAYMENT.CAPTURE.DENIED':
      await markOrderStatus(ctx.db, order.id, { status: 'declined', detail: event.event_type }, now);
      return receipt(event, 'recorded', order);
    default:
      return receipt(event, 'ignored', order);
  }
}

/** What the webhook answers PayPal: the event, what came of it, and the order it was about. */
function receipt(
  event: PayPalWebhookEvent,
  outcome: WebhookReceipt['outcome'],
  order?: TopUpOrderRecord,
): Result<WebhookReceipt> {
  return ok<WebhookReceipt>({
    eventId: event.id,
    eventType: event.event_type,
    outcome,
    orderId: order?.id ?? null,
  });
}

/** The order a capture belongs to: by PayPal's order id, else by our id in custom_id. */
async function orderOfCapture(
  ctx: ComputeContext,
  rail: TopUpOrderRecord['rail'],
  resource: NonNullable<PayPalWebhookEvent['resource']>,
): Promise<TopUpOrderRecord | undefined> {
  const providerOrderId = resource.supplementary_data?.related_ids?.order_id;
  const byProvider = providerOrderId
    ? await findTopUpOrderByProviderId(ctx.db, rail, providerOrderId)
    : undefined;
  if (byProvider) return byProvider;
  const byCustomId = resource.custom_id ? await findTopUpOrder(ctx.db, resource.custom_id) : undefined;
  return byCustomId?.rail === rail ? byCustomId : undefined;
}
