import { type TransactionRecord, systemAccountId, walletId } from '../domain/ledger.js';
import { newId } from '../platform/ids.js';
import { requestHash } from '../platform/request-hash.js';
import type { ServiceContext } from './context.js';
import { type Result, fromLedger, transactionOf } from './result.js';

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

/**
 * Credits a customer's CREDIT wallet for money received on a rail, as one Payment transaction
 * from the rail's clearing account. Every rail (PayPal capture or webhook, USDT deposit watcher,
 * sandbox) comes through here, so "credited exactly once" is enforced in one place: the ledger's
 * idempotency key (rail, sourceId), checked in the same database transaction as the transfer.
 */
export async function recordTopUp(
  ctx: ServiceContext,
  input: TopUpInput,
): Promise<Result<TransactionRecord>> {
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
  return fromLedger(outcome, transactionOf);
}
