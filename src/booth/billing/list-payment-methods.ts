import { findAccount } from '../../accounts/account-store.js';
import { listPaymentMethods as storeList } from './card-store.js';
import type { BoothContext } from '../context.js';
import { type Result, fail, ok } from '../../kernel/result.js';
import type { PaymentMethodRecord } from './booth-invoice-rules.js';

/** The account's saved cards (removed ones are not listed), oldest first; the default is marked. */
export async function listPaymentMethods(
  ctx: BoothContext,
  accountId: string,
): Promise<Result<PaymentMethodRecord[]>> {
  if (!ctx.cards) return fail('card_processor_not_configured', 'no card processor is configured');
  if (!(await findAccount(ctx.db, accountId)))
    return fail('account_not_found', 'no such account', { accountId });
  return ok(await storeList(ctx.db, accountId));
}
