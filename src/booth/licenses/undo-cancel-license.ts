import { clearCancelAtPeriodEnd } from './license-store.js';
import type { BoothContext } from '../context.js';
import { changeActiveLicense } from './license-billing.js';
import { type LicenseView, viewOf } from './list-licenses.js';
import { type Result, fail, ok } from '../../kernel/result.js';

/**
 * The customer takes back a cancellation before its date: the license renews at its billing date
 * as if never cancelled. Only while it is still active (the renewal that removes it has not run);
 * a license that is not cancelling answers `409 nothing_to_undo`, writing nothing.
 */
export async function undoCancelLicense(
  ctx: BoothContext,
  accountId: string,
  licenseId: string,
): Promise<Result<LicenseView>> {
  return changeActiveLicense(ctx, accountId, licenseId, async (tx, license, now) => {
    if (!license.cancelAtPeriodEnd) {
      return fail('nothing_to_undo', 'the license is not set to cancel', { licenseId });
    }
    return ok(viewOf((await clearCancelAtPeriodEnd(tx, licenseId, now))!));
  });
}
