import { TIER_RANK, type Tier, isTier } from './licensing-rules.js';
import { setPendingProduct } from './license-store.js';
import type { BoothContext } from '../context.js';
import { changeActiveLicense } from './license-billing.js';
import { type LicenseView, viewOf } from './list-licenses.js';
import { type Result, fail, ok } from '../../kernel/result.js';

/**
 * The customer downgrades a license to a lower tier, effective at its next renewal (which is then
 * priced at the lower tier): until then it keeps its tier and features. Asking for the same
 * downgrade again answers the same; a cancelled license is not downgraded.
 */
export async function downgradeLicense(
  ctx: BoothContext,
  accountId: string,
  licenseId: string,
  tier: Tier,
): Promise<Result<LicenseView>> {
  return changeActiveLicense(ctx, accountId, licenseId, async (tx, license, now) => {
    if (license.cancelAtPeriodEnd) {
      return fail('license_cancel_pending', 'the license is cancelled at the end of its period', {
        licenseId,
      });
    }
    if (!isTier(license.product) || TIER_RANK[tier] >= TIER_RANK[license.product]) {
      return fail('downgrade_not_lower', `a ${license.product} license can only move to a lower tier`, {
        field: 'tier',
      });
    }
    if (license.pendingProduct === tier) return ok(viewOf(license), true);
    return ok(viewOf((await setPendingProduct(tx, licenseId, tier, now))!));
  });
}
