import {
  CardDeclined,
  type CardProcessor,
  CardProcessorRejected,
  CardProcessorUnavailable,
} from './card-processor.js';
import { newId } from '../../kernel/ids.js';
import { findAccount } from '../../accounts/account-store.js';
import {
  findByProcessorId,
  findCardCustomer,
  insertPaymentMethod,
  lockAccountCards,
  saveCardCustomer,
} from './card-store.js';
import type { BoothContext } from '../context.js';
import { type Result, fail, ok } from '../../kernel/result.js';
import type { PaymentMethodRecord } from './booth-invoice-rules.js';

/**
 * Saves a card the billing page tokenized at the processor (`pm_…`): the processor attaches it to
 * the account's processor customer (created on first use), and we keep brand, last 4 and expiry.
 * The account's first card becomes its default. The processor payment method id is the natural
 * idempotency key: adding it again returns the same card; it cannot be added to another account.
 */
export async function addPaymentMethod(
  ctx: BoothContext,
  accountId: string,
  processorPaymentMethodId: string,
): Promise<Result<PaymentMethodRecord>> {
  const cards = ctx.cards;
  if (!cards) return fail('card_processor_not_configured', 'no card processor is configured');
  if (!(await findAccount(ctx.db, accountId)))
    return fail('account_not_found', 'no such account', { accountId });
  const earlier = await findByProcessorId(ctx.db, processorPaymentMethodId);
  if (earlier) return replayOf(earlier, accountId);
  try {
    // The processor customer is recorded only with the card: a card refused at attach writes nothing
    // (creating the customer again is answered with the same one: it is keyed by the account id).
    const known = await findCardCustomer(ctx.db, accountId);
    const customer = known ?? (await cards.createCustomer(accountId, customerKey(accountId)));
    const card = await cards.attachPaymentMethod(processorPaymentMethodId, customer);
    const saved = await ctx.db.transaction(async (tx) => {
      await lockAccountCards(tx, accountId);
      if (!known) await saveCardCustomer(tx, accountId, customer, ctx.clock.now());
      return insertPaymentMethod(tx, {
        id: newId('paymentMethod'),
        accountId,
        processorPaymentMethodId: card.id,
        brand: card.brand,
        last4: card.last4,
        expMonth: card.expMonth,
        expYear: card.expYear,
        createdAt: ctx.clock.now(),
      });
    });
    if (saved.accountId !== accountId) return replayOf(saved, accountId);
    return ok(saved);
  } catch (error) {
    if (error instanceof CardDeclined) {
      return fail('card_declined', error.message, { declineCode: error.declineCode ?? error.code });
    }
    if (error instanceof CardProcessorRejected) {
      return fail('payment_method_invalid', `the processor refused this payment method: ${error.message}`, {
        field: 'paymentMethod',
        processorCode: error.code,
      });
    }
    if (error instanceof CardProcessorUnavailable) {
      return fail('card_processor_error', 'the card processor did not answer; retry the request');
    }
    throw error;
  }
}

function replayOf(card: PaymentMethodRecord, accountId: string): Result<PaymentMethodRecord> {
  if (card.accountId !== accountId || card.removedAt !== null) {
    return fail(
      'payment_method_invalid',
      'this payment method cannot be added again: tokenize the card anew',
      {
        field: 'paymentMethod',
      },
    );
  }
  return ok(card, true);
}

const customerKey = (accountId: string) => `pictor-customer-${accountId}`;

/** The account's processor customer, created at the processor on first use (keyed by the account id). */
export async function ensureCardCustomer(
  ctx: BoothContext,
  cards: CardProcessor,
  accountId: string,
): Promise<string> {
  const known = await findCardCustomer(ctx.db, accountId);
  if (known) return known;
  const created = await cards.createCustomer(accountId, customerKey(accountId));
  return saveCardCustomer(ctx.db, accountId, created, ctx.clock.now());
}
