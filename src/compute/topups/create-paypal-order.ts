import { formatAmount } from '../../kernel/money.js';
import { formatMoneyWithUnit } from '../../kernel/format-rules.js';
import { PayPalError, paypalRequestId } from './paypal.js';
import { newId } from '../../kernel/ids.js';
import { isUniqueViolation } from '../../kernel/db/database.js';
import { commandClaim, lookUpKeyed, runKeyed } from '../../ledger/idempotent-command.js';
import { insertTopUpOrder } from './topup-store.js';
import type { Caller } from '../../kernel/context.js';
import type { ComputeContext } from '../context.js';
import { type TopUpQuote, priceTopUp } from './quote-top-up.js';
import { type Result, fail, ok } from '../../kernel/result.js';
import type { TopUpOrderRecord } from './topups-rules.js';

export interface CreatePayPalOrderInput {
  accountId: string;
  amountMicros: bigint;
  returnUrl?: string;
  cancelUrl?: string;
}

export interface CreatedPayPalOrder {
  order: TopUpOrderRecord;
  quote: TopUpQuote;
}

/**
 * Starts a PayPal top-up of A credits: prices it (A + fee), creates the order at PayPal (intent
 * CAPTURE, total in USD, custom_id = our order id), and records it. The buyer then approves at the
 * returned link, and the order is captured (capture-paypal-order) or PayPal's webhook completes it.
 *
 * The PayPal call happens outside any database transaction. It carries a PayPal-Request-Id derived
 * from the caller's Idempotency-Key, so a retried or concurrent twin gets PayPal's same order, and
 * the twin's insert of that order then collides and replays the first one's result.
 */
export async function createPayPalOrder(
  ctx: ComputeContext,
  caller: Caller,
  input: CreatePayPalOrderInput,
  idempotencyKey: string,
): Promise<Result<CreatedPayPalOrder>> {
  const paypal = ctx.paypal;
  if (!paypal) return fail('paypal_not_configured', 'PayPal top-ups are not configured on this server');
  const claim = commandClaim(caller, input.accountId, idempotencyKey, 'create-paypal-order', input);
  const earlier = await lookUpKeyed<CreatedPayPalOrder>(ctx.db, claim);
  if (earlier) return earlier;
  const quote = await priceTopUp(ctx, ctx.db, {
    accountId: input.accountId,
    rail: 'paypal',
    amountMicros: input.amountMicros,
  });
  if (!quote.ok) return quote;

  const orderId = newId('order');
  let created;
  try {
    created = await paypal.createOrder({
      orderId,
      totalValue: formatAmount(quote.value.totalMicros, 'USD'),
      description: `Pictor top-up: ${formatMoneyWithUnit(input.amountMicros, 'CREDIT')}`,
      returnUrl: input.returnUrl,
      cancelUrl: input.cancelUrl,
      requestId: paypalRequestId('create', claim.scope, idempotencyKey),
    });
  } catch (error) {
    if (error instanceof PayPalError) return providerFailure(error);
    throw error;
  }

  return runKeyed(
    ctx,
    claim,
    async (tx, now) => {
      const order: TopUpOrderRecord = {
        id: orderId,
        accountId: input.accountId,
        rail: paypal.rail,
        amountMicros: quote.value.amountMicros,
        feeMicros: quote.value.feeMicros,
        totalMicros: quote.value.totalMicros,
        currency: 'USD',
        providerOrderId: created.id,
        approveUrl: created.approveUrl,
        status: created.status === 'APPROVED' ? 'approved' : 'created',
        statusDetail: null,
        captureId: null,
        captureAttempt: 0,
        createdAt: now,
        updatedAt: now,
      };
      const value: CreatedPayPalOrder = { order, quote: quote.value };
      await insertTopUpOrder(tx, order);
      return ok(value);
    },
    { alsoRetry: (error) => isUniqueViolation(error, 'topup_orders_provider_order') },
  );
}

export function providerFailure(error: PayPalError): Result<never> {
  return fail('payment_provider_error', 'PayPal did not complete the request; it is safe to retry', {
    providerStatus: error.httpStatus,
    providerIssue: error.issue,
    debugId: error.debugId,
  });
}
