import { type TransactionRecord, systemAccountId, walletId } from '../../ledger/ledger-rules.js';
import { creditsArrived } from '../credits-arrived.js';
import { newId } from '../../kernel/ids.js';
import { requestHash } from '../../kernel/request-hash.js';
import { applyTopUpPromotion } from './apply-top-up-promotion.js';
import type { ComputeContext } from '../context.js';
import { type Result, ok } from '../../kernel/result.js';
import { fromLedger, transactionOf } from '../../ledger/ledger-result.js';

/** The rails that bring money in; each has its own clearing account. */
export type TopUpRail = 'paypal' | 'usdt' | 'sandbox';

export interface TopUpInput {
  accountId: string;
  rail: TopUpRail;
  /** Credits to add (1 USD = 1 USDT = 1 CREDIT), in micros. Fees are never part of it. */
  amountMicros: bigint;
  /**
   * The rail's natural id for this money: a PayPal capture id, `<txHash>:<logIndex>` of a USDT
   * Transfer log. Crediting is idempotent on (rail, sourceId): a repeat delivery replays.
   */
  sourceId: string;
  description: string;
  metadata?: Record<string, string>;
}

export interface CreditedTopUp {
  /** The Payment transaction: exactly A credits from the rail's clearing account. */
  payment: TransactionRecord;
  /** The Promotion transaction granted for this top-up, if a promotion applied. */
  promotion: TransactionRecord | null;
}

/**
 * Credits a customer's CREDIT wallet for money received on a rail, as one Payment transaction
 * from the rail's clearing account. Every rail (PayPal capture or webhook, USDT deposit watcher,
 * sandbox) comes through here, so "credited exactly once" is enforced in one place: the ledger's
 * idempotency key (rail, sourceId), checked in the same database transaction as the transfer.
 *
 * Then applies the promotion in force at the payment's time, if any, as a separate Promotion
 * transaction (see apply-top-up-promotion.ts). Returns the Payment transaction.
 */
export async function recordTopUp(
  ctx: ComputeContext,
  input: TopUpInput,
): Promise<Result<TransactionRecord>> {
  const credited = await creditTopUp(ctx, input);
  return credited.ok ? ok(credited.value.payment, credited.replayed) : credited;
}

/**
 * recordTopUp, returning the bonus too. A repeat delivery replays the payment and re-runs the bonus
 * step, which converges on the same single Promotion transaction: if a crash separated the two, the
 * redelivery finishes the job.
 */
export async function creditTopUp(ctx: ComputeContext, input: TopUpInput): Promise<Result<CreditedTopUp>> {
  const metadata = { ...input.metadata, rail: input.rail, sourceId: input.sourceId };
  const outcome = await ctx.ledger.submit({
    idempotency: {
      scope: `topup:${input.rail}`,
      key: input.sourceId,
      requestHash: requestHash('top-up', { accountId: input.accountId, amountMicros: input.amountMicros }),
    },
    command: {
      type: 'post_transaction',
      transaction: {
        id: newId('transaction'),
        accountId: input.accountId,
        kind: 'payment',
        unit: 'CREDIT',
        description: input.description,
        metadata,
        createdAt: ctx.clock.now(),
      },
      transfers: [
        {
          id: newId('transfer'),
          debitAccountId: systemAccountId(`clearing.${input.rail}`, 'CREDIT'),
          creditAccountId: walletId(input.accountId, 'CREDIT'),
          amountMicros: input.amountMicros,
        },
      ],
    },
  });
  const payment = fromLedger(outcome, transactionOf);
  if (!payment.ok) return payment;
  const promotion = await applyTopUpPromotion(ctx, {
    accountId: input.accountId,
    rail: input.rail,
    sourceId: input.sourceId,
    amountMicros: input.amountMicros,
    payment: payment.value,
  });
  // Paused render jobs resume, alerts and the termination warning re-arm (never fails the top-up).
  await creditsArrived(ctx, input.accountId);
  if (!promotion.ok) return promotion;
  return ok({ payment: payment.value, promotion: promotion.value }, payment.replayed);
}
