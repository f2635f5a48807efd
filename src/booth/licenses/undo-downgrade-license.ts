import { clearPendingProduct } from './license-store.js';
import type { BoothContext } from '../context.js';
import { changeActiveLicense } from './license-billing.js';
import { type LicenseView, viewOf } from './list-licenses.js';
import { type Result, fail, ok } from '../../kernel/result.js';

/**
 * The customer takes back a pending downgrade before the renewal that applies it: the license
 * renews at its own tier. A license with no pending downgrade answers `409 nothing_to_undo`.
 */
export async function undoDowngradeLicense(
  ctx: BoothContext,
  accountId: string,
  licenseId: string,
): Promise<Result<LicenseView>> {
  return changeActiveLicense(ctx, accountId, licenseId, async (tx, license, now) => {
    if (!license.pendingProduct) {
      return fail('nothing_to_undo', 'the license has no pending downgrade', { licenseId });
    }
    return ok(viewOf((await clearPendingProduct(tx, licenseId, now))!));
  });
}
