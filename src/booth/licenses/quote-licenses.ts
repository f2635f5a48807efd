import type { LicenseQuote } from './licensing-rules.js';
import { findAccount } from '../../accounts/account-store.js';
import type { BoothContext } from '../context.js';
import { type LicenseRequest, priceRequest } from './license-billing.js';
import { type Result, fail } from '../../kernel/result.js';

/**
 * The order summary of a license purchase (writes nothing): list price or its pro-rata part, volume
 * discount, coupon (or why it gives nothing), account credit, total — and the volume-discount credit
 * the licenses already running would get. `purchase-licenses` charges exactly this total or refuses.
 */
export async function quoteLicenses(ctx: BoothContext, input: LicenseRequest): Promise<Result<LicenseQuote>> {
  if (!(await findAccount(ctx.db, input.accountId))) {
    return fail('account_not_found', 'no such account', { accountId: input.accountId });
  }
  const priced = await priceRequest(ctx.db, input, ctx.clock.now(), false);
  if (!priced.ok) return priced;
  return { ok: true, value: priced.value.quote, replayed: false };
}
