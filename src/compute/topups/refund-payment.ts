import { refundableMicros } from '../invoices/billing-rules.js';
import {
  type LedgerOutcome,
  SYSTEM_ACCOUNT_CODES,
  type SystemAccountCode,
  type TransactionRecord,
  systemAccountId,
  walletId,
} from '../../ledger/ledger-rules.js';
import { type Money, formatAmount } from '../../kernel/money.js';
import { newId } from '../../kernel/ids.js';
import { requestHash } from '../../kernel/request-hash.js';
import { findRefundsOfPayment, findTransaction } from '../../ledger/transaction-store.js';
import { type Caller, idempotencyScope } from '../../kernel/context.js';
import type { ComputeContext } from '../context.js';
import { type Result, fail, ok } from '../../kernel/result.js';
import { fromLedger, transactionOf } from '../../ledger/ledger-result.js';
import { explorerUrl, web3Of } from '../../accounts/siwe-settings.js';

export interface RefundInput {
  accountId: string;
  paymentTransactionId: string;
  /** In the payment's unit; defaults to everything still refundable. */
  amount?: Money;
  reason: string;
  /** Where the money went back outside the ledger (e.g. the USDT payout's tx hash). */
  payoutReference?: string;
}

/**
 * An operator refunds (part of) a top-up: a Refund transaction moving credits from the wallet back
 * to the rail's clearing account. Never more than the payment brought in less earlier refunds, and
 * never credits already spent (the ledger refuses to overdraw the wallet).
 *
 * Refunds of one payment are serialized by the ledger's own unique constraint: each claims the
 * idempotency key (refund:<payment>, <number of earlier refunds>), read in the same snapshot as the
 * refunded total. Two different refunds racing claim the same ordinal and one is refused
 * (`refund_conflict`); the operator's retry of the same request finds its refund and replays it.
 *
 * A PayPal top-up is then refunded at PayPal (the fee stays with PayPal). The credits leave the
 * wallet first, so they cannot be spent while PayPal is asked; PayPal-Request-Id is the refund's
 * own id, so when PayPal fails, retrying the same request (a replay here) asks again safely. A
 * failure is completed by retrying, never by reversing, so money can never go back twice.
 */
export async function refundPayment(
  ctx: ComputeContext,
  operator: Caller,
  input: RefundInput,
  idempotencyKey: string,
): Promise<Result<TransactionRecord>> {
  const payment = await findTransaction(ctx.db, input.accountId, input.paymentTransactionId);
  if (!payment) return fail('transaction_not_found', 'no such transaction on this account');
  const rail = payment.metadata.rail;
  const clearing = `clearing.${rail}`;
  if (
    payment.kind !== 'payment' ||
    !rail ||
    !(SYSTEM_ACCOUNT_CODES as readonly string[]).includes(clearing)
  ) {
    return fail(
      'not_a_payment',
      `only top-ups can be refunded, not a ${payment.kind} without a payment rail`,
    );
  }
  if (input.amount && input.amount.unit !== payment.unit) {
    return fail('invalid_request', `this payment is in ${payment.unit}`);
  }
  if (rail === 'usdt' && !input.payoutReference) {
    return fail(
      'payout_reference_required',
      'USDT refunds are paid out on-chain by an operator: give the payout tx hash',
    );
  }
  if (rail === 'usdt' && !TX_HASH.test(input.payoutReference!)) {
    return fail('invalid_request', 'a USDT payout reference is its transaction hash: 0x and 64 hex digits', {
      field: 'payoutReference',
    });
  }
  // A PayPal capture is refunded through PayPal; check it can be before any credit moves.
  const paypalCapture = payment.metadata.paypalOrderId ? payment.metadata.sourceId : undefined;
  if (paypalCapture && ctx.paypal?.rail !== rail) {
    return fail(
      'paypal_not_configured',
      `this payment came through ${rail}, which this service is not connected to`,
    );
  }

  const recorded = await recordRefund(ctx, operator, payment, input, idempotencyKey);
  if (!recorded.ok || !paypalCapture) return recorded;
  try {
    await ctx.paypal!.refundCapture(paypalCapture, {
      amountValue: formatAmount(-recorded.value.amountMicros, 'USD'),
      requestId: recorded.value.id,
    });
  } catch (error) {
    return fail(
      'payment_provider_error',
      'the refund is recorded but PayPal did not confirm it: retry this request',
      {
        transactionId: recorded.value.id,
        provider: error instanceof Error ? error.message : String(error),
      },
    );
  }
  return recorded;
}

const TX_HASH = /^0x[0-9a-fA-F]{64}$/;

/** A USDT refund's chain link: the payout's hash and its explorer page (PICTOR_EXPLORER_TX_URL). */
function usdtPayoutLink(ctx: ComputeContext, payoutReference: string) {
  const payoutTxHash = payoutReference.toLowerCase();
  return { payoutTxHash, explorerUrl: explorerUrl(web3Of(ctx).explorerTxUrl, payoutTxHash) };
}

/** The ledger half: the Refund transaction, or the one this same request already recorded. */
async function recordRefund(
  ctx: ComputeContext,
  operator: Caller,
  payment: TransactionRecord,
  input: RefundInput,
  idempotencyKey: string,
): Promise<Result<TransactionRecord>> {
  const requestKey = `${idempotencyScope(operator, input.accountId)}:${idempotencyKey}`;
  const fingerprint = requestHash('refund', { ...input, requestKey });
  const earlier = await findRefundsOfPayment(ctx.db, input.accountId, payment.id, requestKey);
  if (earlier.forRequest) {
    return earlier.forRequest.metadata.requestHash === fingerprint
      ? ok(earlier.forRequest, true)
      : fail('idempotency_key_reused', 'this Idempotency-Key was already used with a different request');
  }
  const refundable = refundableMicros(payment.amountMicros, earlier.refundedMicros);
  const amountMicros = input.amount?.amountMicros ?? refundable;
  if (amountMicros <= 0n || amountMicros > refundable) {
    return fail(
      'refund_exceeds_payment',
      'a refund cannot exceed what the payment brought in less earlier refunds',
      {
        unit: payment.unit,
        refundableMicros: refundable,
      },
    );
  }
  const outcome = await postRefund(ctx, operator, payment, input, {
    requestKey,
    fingerprint,
    sequence: earlier.count,
    amountMicros,
  });
  return refundResult(outcome, payment);
}

type RefundRequest = {
  /** The operator's idempotency key, scoped: finds this request's refund again on a retry. */
  requestKey: string;
  fingerprint: string;
  /** How many refunds of the payment came before: two refunds racing on the same count conflict. */
  sequence: number;
  amountMicros: bigint;
};

/** The Refund transaction (wallet → the rail's clearing account) and its audit entry. */
async function postRefund(
  ctx: ComputeContext,
  operator: Caller,
  payment: TransactionRecord,
  input: RefundInput,
  { requestKey, fingerprint, sequence, amountMicros }: RefundRequest,
): Promise<LedgerOutcome> {
  const now = ctx.clock.now();
  const rail = payment.metadata.rail!;
  const transactionId = newId('transaction');
  return ctx.ledger.submit({
    idempotency: { scope: `refund:${payment.id}`, key: String(sequence), requestHash: fingerprint },
    command: {
      type: 'post_transaction',
      transaction: {
        id: transactionId,
        accountId: input.accountId,
        kind: 'refund',
        unit: payment.unit,
        description: `Refund: ${input.reason}`,
        metadata: {
          paymentId: payment.id,
          rail,
          reason: input.reason,
          requestKey,
          requestHash: fingerprint,
          ...(payment.metadata.sourceId ? { sourceId: payment.metadata.sourceId } : {}),
          ...(input.payoutReference ? { payoutReference: input.payoutReference } : {}),
          ...(rail === 'usdt' ? usdtPayoutLink(ctx, input.payoutReference!) : {}),
        },
        createdAt: now,
      },
      transfers: [
        {
          id: newId('transfer'),
          debitAccountId: walletId(input.accountId, payment.unit),
          creditAccountId: systemAccountId(`clearing.${rail}` as SystemAccountCode, payment.unit),
          amountMicros,
        },
      ],
    },
    audit: {
      id: newId('audit'),
      actor: operator.id,
      action: 'payment.refund',
      subject: input.accountId,
      reason: input.reason,
      details: {
        paymentId: payment.id,
        transactionId,
        amount: formatAmount(amountMicros, payment.unit),
        rail,
      },
      createdAt: now,
    },
  });
}

/** The ledger's answer in the refund's words: a race and spent credits get their own codes. */
function refundResult(outcome: LedgerOutcome, payment: TransactionRecord): Result<TransactionRecord> {
  if (outcome.status === 'idempotency_conflict') {
    return fail(
      'refund_conflict',
      'another refund of this payment was recorded at the same moment; review and retry',
    );
  }
  if (outcome.status === 'rejected' && outcome.error.code === 'insufficient_funds') {
    return fail(
      'insufficient_funds',
      'the credits of this payment were already spent; only unspent credits can be refunded',
      {
        unit: payment.unit,
        availableMicros: outcome.error.availableMicros,
      },
    );
  }
  return fromLedger(outcome, transactionOf);
}
