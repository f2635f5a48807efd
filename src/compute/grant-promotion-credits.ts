import { newId } from '../kernel/ids.js';
import type { Result } from '../kernel/result.js';
import { fromLedger, transactionOf } from '../ledger/ledger-result.js';
import {
  type IdempotencyClaim,
  type TransactionRecord,
  systemAccountId,
  walletId,
} from '../ledger/ledger-rules.js';
import type { ComputeContext } from './context.js';

/**
 * Credits granted from Pictor's promotions account to a customer's CREDIT wallet as a Promotion
 * transaction, once under `idempotency` (a top-up's bonus, a sponsored network fee).
 */
export async function grantPromotionCredits(
  ctx: ComputeContext,
  grant: {
    idempotency: IdempotencyClaim;
    accountId: string;
    description: string;
    metadata: Record<string, string>;
    amountMicros: bigint;
  },
): Promise<Result<TransactionRecord>> {
  const outcome = await ctx.ledger.submit({
    idempotency: grant.idempotency,
    command: {
      type: 'post_transaction',
      transaction: {
        id: newId('transaction'),
        accountId: grant.accountId,
        kind: 'promotion',
        unit: 'CREDIT',
        description: grant.description,
        metadata: grant.metadata,
        createdAt: ctx.clock.now(),
      },
      transfers: [
        {
          id: newId('transfer'),
          debitAccountId: systemAccountId('promotions', 'CREDIT'),
          creditAccountId: walletId(grant.accountId, 'CREDIT'),
          amountMicros: grant.amountMicros,
        },
      ],
    },
  });
  return fromLedger(outcome, transactionOf);
}
