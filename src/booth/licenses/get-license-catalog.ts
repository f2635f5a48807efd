import { currentCatalog } from './license-store.js';
import type { BoothContext } from '../context.js';
import { type Result, ok } from '../../kernel/result.js';
import type { CatalogVersionRecord } from './licensing-rules.js';

/** The license catalog in force: prices per tier and period, the Enterprise add-on, features. */
export async function getLicenseCatalog(ctx: BoothContext): Promise<Result<CatalogVersionRecord>> {
  return ok(await currentCatalog(ctx.db));
}
