import { CardProcessorRejected, CardProcessorUnavailable } from './card-processor.js';
import { findAccount } from '../../accounts/account-store.js';
import {
  findPaymentMethod,
  listPaymentMethods,
  lockAccountCards,
  markPaymentMethodRemoved,
} from './card-store.js';
import type { BoothContext } from '../context.js';
import { type Result, fail, ok } from '../../kernel/result.js';
import type { PaymentMethodRecord } from './booth-invoice-rules.js';

/**
 * Removes a saved card: detached at the processor, then marked removed (the row stays, so invoices
 * can still name the card that paid them). The default card can be removed only when it is the
 * account's last card; with other cards saved, another must be made the default first
 * (`payment_method_is_default`), so an account with cards always has a default that pays.
 * Removing a removed card again returns it (idempotent).
 */
export async function removePaymentMethod(
  ctx: BoothContext,
  accountId: string,
  paymentMethodId: string,
): Promise<Result<PaymentMethodRecord>> {
  const cards = ctx.cards;
  if (!cards) return fail('card_processor_not_configured', 'no card processor is configured');
  if (!(await findAccount(ctx.db, accountId)))
    return fail('account_not_found', 'no such account', { accountId });
  const card = await findPaymentMethod(ctx.db, accountId, paymentMethodId);
  if (!card) return fail('payment_method_not_found', 'no such payment method', { paymentMethodId });
  if (card.removedAt) return ok(card, true);
  const refusal = defaultRefusal(card, await listPaymentMethods(ctx.db, accountId));
  if (refusal) return refusal;
  try {
    await cards.detachPaymentMethod(card.processorPaymentMethodId);
  } catch (error) {
    if (error instanceof CardProcessorUnavailable) {
      return fail('card_processor_error', 'the card processor did not answer; retry the request');
    }
    // Already detached (a retry after a crash, or removed at the processor): remove it here too.
    if (!(error instanceof CardProcessorRejected)) throw error;
  }
  const removed = await ctx.db.transaction(async (tx) => {
    await lockAccountCards(tx, accountId);
    const again = defaultRefusal(card, await listPaymentMethods(tx, accountId));
    if (again) return again;
    return ok((await markPaymentMethodRemoved(tx, card.id, ctx.clock.now())) ?? card);
  });
  return removed;
}

function defaultRefusal(card: PaymentMethodRecord, live: PaymentMethodRecord[]): Result<never> | undefined {
  const current = live.find((c) => c.id === card.id);
  if (current?.isDefault && live.length > 1) {
    return fail(
      'payment_method_is_default',
      'this is the default card: make another card the default before removing it',
      { paymentMethodId: card.id },
    );
  }
  return undefined;
}
