import { refundableMicros } from '../domain/billing.js';
import {
  SYSTEM_ACCOUNT_CODES,
  type SystemAccountCode,
  type TransactionRecord,
  systemAccountId,
  walletId,
} from '../domain/ledger.js';
import { type Money, formatAmount } from '../domain/money.js';
import { newId } from '../platform/ids.js';
import { requestHash } from '../platform/request-hash.js';
import { findRefundsOfPayment, findTransaction } from '../store/transaction-store.js';
import type { Caller, ServiceContext } from './context.js';
import { type Result, fail, fromLedger, ok, transactionOf } from './result.js';

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
 * (`refund_conflict`); the operator's retry of the same request hashes the same and is replayed.
 */
export async function refundPayment(
  ctx: ServiceContext,
  operator: Caller,
  input: RefundInput,
  idempotencyKey: string,
): Promise<Result<TransactionRecord>> {
  const payment = await findTransaction(ctx.db, input.accountId, input.paymentTransactionId);
  if (!payment) return fail('transaction_not_found', 'no such transaction on this account');
  if (payment.kind !== 'payment')
    return fail('not_a_payment', `only payments can be refunded, not a ${payment.kind}`);

  const requestKey = `${operator.id}:${idempotencyKey}`;
  const fingerprint = requestHash('refund', { ...input, requestKey });
  const earlier = await findRefundsOfPayment(ctx.db, input.accountId, payment.id, requestKey);
  if (earlier.forRequest) {
    return earlier.forRequest.metadata.requestHash === fingerprint
      ? ok(earlier.forRequest, true)
      : fail('idempotency_key_reused', 'this Idempotency-Key was already used with a different request');
  }
  const refundable = refundableMicros(payment.amountMicros, earlier.refundedMicros);
  if (input.amount && input.amount.unit !== payment.unit) {
    return fail('invalid_request', `this payment is in ${payment.unit}`);
  }
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
  const rail = payment.metadata.rail;
  const clearing = `clearing.${rail}`;
  if (!rail || !(SYSTEM_ACCOUNT_CODES as readonly string[]).includes(clearing)) {
    return fail('not_a_payment', 'this payment did not come through a payment rail');
  }
  if (rail === 'usdt' && !input.payoutReference) {
    return fail(
      'payout_reference_required',
      'USDT refunds are paid out on-chain by an operator: give the payout tx hash',
    );
  }

  const now = ctx.clock.now();
  const transactionId = newId('transaction');
  const outcome = await ctx.ledger.submit({
    idempotency: { scope: `refund:${payment.id}`, key: String(earlier.count), requestHash: fingerprint },
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
        },
        createdAt: now,
      },
      transfers: [
        {
          id: newId('transfer'),
          debitAccountId: walletId(input.accountId, payment.unit),
          creditAccountId: systemAccountId(clearing as SystemAccountCode, payment.unit),
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
