import { findLicense } from './license-store.js';
import type { BoothContext } from '../context.js';
import { type LicenseView, viewOf } from './list-licenses.js';
import { type Result, fail, ok } from '../../kernel/result.js';

/** One license of the account, as the list shows it; another account's is not found. */
export async function getLicense(
  ctx: BoothContext,
  accountId: string,
  licenseId: string,
): Promise<Result<LicenseView>> {
  const license = await findLicense(ctx.db, accountId, licenseId);
  return license ? ok(viewOf(license)) : fail('license_not_found', 'no such license', { licenseId });
}
