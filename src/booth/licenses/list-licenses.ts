import { findAccount } from '../../accounts/account-store.js';
import { roundHalfUp } from '../../kernel/money.js';
import { listLicenses } from './license-store.js';
import type { BoothContext } from '../context.js';
import { type Result, fail, ok } from '../../kernel/result.js';
import type { LicenseRecord } from './licensing-rules.js';

export interface LicenseView extends LicenseRecord {
  /** When it renews next (null: it ends instead, or it is not active). */
  renewsAt: Date | null;
  /** A cancellation takes effect here (the end of the current period). */
  cancelEffectiveAt: Date | null;
  /** A downgrade takes effect here (the next renewal). */
  downgradeEffectiveAt: Date | null;
  /**
   * One full period at what it is billed (after volume discount and coupon, whole cents): its
   * current period's billed amount scaled from a pro-rata part to the full period.
   */
  billedPriceMicros: bigint;
}

export function viewOf(l: LicenseRecord): LicenseView {
  const active = l.status === 'active';
  return {
    ...l,
    renewsAt: active && !l.cancelAtPeriodEnd ? l.currentPeriodEnd : null,
    cancelEffectiveAt: active && l.cancelAtPeriodEnd ? l.currentPeriodEnd : null,
    downgradeEffectiveAt: active && l.pendingProduct && !l.cancelAtPeriodEnd ? l.currentPeriodEnd : null,
    billedPriceMicros: roundHalfUp(
      l.periodListMicros > 0n ? (l.paidMicros * l.listPriceMicros) / l.periodListMicros : l.paidMicros,
      2,
    ),
  };
}

/** The account's licenses: active first (by renewal date), then expired and removed ones. */
export async function listAccountLicenses(
  ctx: BoothContext,
  accountId: string,
): Promise<Result<LicenseView[]>> {
  if (!(await findAccount(ctx.db, accountId)))
    return fail('account_not_found', 'no such account', { accountId });
  return ok((await listLicenses(ctx.db, accountId)).map(viewOf));
}
