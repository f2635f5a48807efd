import { type CatalogVersionRecord, currentCatalog } from '../store/license-store.js';
import type { ServiceContext } from './context.js';
import { type Result, ok } from './result.js';

/** The license catalog in force: prices per tier and period, the Enterprise add-on, features. */
export async function getLicenseCatalog(ctx: ServiceContext): Promise<Result<CatalogVersionRecord>> {
  return ok(await currentCatalog(ctx.db));
}
