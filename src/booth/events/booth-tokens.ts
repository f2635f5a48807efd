import {
  type TransactionKind,
  revenueAccountId,
  systemAccountId,
  walletId,
  type LedgerOutcome,
} from '../../ledger/ledger-rules.js';
import { newId } from '../../kernel/ids.js';
import { requestHash } from '../../kernel/request-hash.js';
import type { BoothContext } from '../context.js';

/**
 * Moves TOKEN through the ledger for the booth line. Every booth token movement is keyed by a
 * natural id in the `booth:<account>` scope (an output batch's Charge, a session, a purchase, the
 * welcome bonus), so a retry anywhere replays instead of moving tokens twice.
 *
 * Counterparts: usage is credited to `revenue.booth`, the welcome bonus comes from `promotions`,
 * bought tokens are issued from `sales.tokens` (the USD side lives on the booth invoice).
 */
export function postTokens(
  ctx: BoothContext,
  input: {
    accountId: string;
    /** The natural key, unique per account: `outputs:<txn>`, `session:<evt>:<id>`, `purchase:<tkp>`, `welcome`. */
    key: string;
    kind: Extract<TransactionKind, 'charge' | 'promotion' | 'payment'>;
    amountMicros: bigint;
    description: string;
    metadata: Record<string, string>;
    transactionId?: string;
  },
): Promise<LedgerOutcome> {
  const wallet = walletId(input.accountId, 'TOKEN');
  const system =
    input.kind === 'charge'
      ? revenueAccountId('booth', 'TOKEN')
      : systemAccountId(input.kind === 'promotion' ? 'promotions' : 'sales.tokens', 'TOKEN');
  const transactionId = input.transactionId ?? newId('transaction');
  return ctx.ledger.submit({
    idempotency: {
      scope: `booth:${input.accountId}`,
      key: input.key,
      requestHash: requestHash('booth-tokens', {
        kind: input.kind,
        amount: input.amountMicros.toString(),
        ...(input.transactionId ? { transactionId } : {}),
      }),
    },
    command: {
      type: 'post_transaction',
      transaction: {
        id: transactionId,
        accountId: input.accountId,
        kind: input.kind,
        unit: 'TOKEN',
        description: input.description,
        metadata: input.metadata,
        createdAt: ctx.clock.now(),
      },
      transfers: [
        {
          id: newId('transfer'),
          debitAccountId: input.kind === 'charge' ? wallet : system,
          creditAccountId: input.kind === 'charge' ? system : wallet,
          amountMicros: input.amountMicros,
        },
      ],
    },
  });
}
