import { setCancelAtPeriodEnd } from './license-store.js';
import type { BoothContext } from '../context.js';
import { changeActiveLicense } from './license-billing.js';
import { type LicenseView, viewOf } from './list-licenses.js';
import { type Result, ok } from '../../kernel/result.js';

/**
 * The customer cancels a license: it stays active (and counts for the volume rate) until the end
 * of its current period, then is removed by that date's renewal instead of renewing. Events are
 * never cut off mid-cycle. Cancelling again answers the same (replayed).
 */
export async function cancelLicense(
  ctx: BoothContext,
  accountId: string,
  licenseId: string,
): Promise<Result<LicenseView>> {
  return changeActiveLicense(ctx, accountId, licenseId, async (tx, license, now) => {
    if (license.cancelAtPeriodEnd) return ok(viewOf(license), true);
    return ok(viewOf((await setCancelAtPeriodEnd(tx, licenseId, now))!));
  });
}
