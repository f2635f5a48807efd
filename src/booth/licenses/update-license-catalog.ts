import type { Feature, LicensePrices, OutputCatalog, Tier } from './licensing-rules.js';
import { formatAmount } from '../../kernel/money.js';
import { newId } from '../../kernel/ids.js';
import { requestHash } from '../../kernel/request-hash.js';
import { insertAuditEntry } from '../../accounts/audit-store.js';
import { isUniqueViolation, transactionWithRetry } from '../../kernel/db/database.js';
import { findKeys, insertKeys, isIdempotencyRace } from '../../ledger/idempotency-store.js';
import { type CatalogVersionRecord, insertCatalogVersion } from './license-store.js';
import { type Caller, idempotencyScope } from '../../kernel/context.js';
import type { BoothContext } from '../context.js';
import { IDEMPOTENCY_CONFLICT, type Result, fail, ok } from '../../kernel/result.js';

export interface UpdateLicenseCatalogInput {
  prices: LicensePrices;
  features: Record<Tier, Feature[]>;
  enterpriseFeatures: Feature[];
  outputs: OutputCatalog;
  reason: string;
}

/**
 * An operator publishes a new version of the license catalog (prices, features). Versions are
 * appended, never edited: a license keeps the price it was bought (or last renewed) at until its
 * next renewal, which pays the version in force then. A quote shown before the change and a purchase
 * after it disagree, and the purchase is refused with `price_changed`. Audited; Idempotency-Key.
 */
export async function updateLicenseCatalog(
  ctx: BoothContext,
  operator: Caller,
  input: UpdateLicenseCatalogInput,
  idempotencyKey: string,
): Promise<Result<CatalogVersionRecord>> {
  const claim = {
    scope: idempotencyScope(operator, null),
    key: idempotencyKey,
    requestHash: requestHash('update-license-catalog', input),
  };
  if (Object.keys(input.outputs).length === 0) {
    return fail('invalid_request', 'outputs: the catalog needs at least one output kind', {
      field: 'outputs',
    });
  }
  return transactionWithRetry(
    ctx.db,
    async (tx) => {
      const state = (await findKeys(tx, [claim]))(claim);
      if (state.seen) {
        return 'conflict' in state ? IDEMPOTENCY_CONFLICT() : ok(state.replay as CatalogVersionRecord, true);
      }
      const now = ctx.clock.now();
      const version = await insertCatalogVersion(tx, { ...input, createdBy: operator.id, createdAt: now });
      const p = input.prices;
      await insertAuditEntry(tx, {
        id: newId('audit'),
        actor: operator.id,
        action: 'license_catalog.update',
        subject: `license_catalog:${version.version}`,
        reason: input.reason,
        details: {
          version: version.version,
          basic: [formatAmount(p.basic.monthly, 'USD'), formatAmount(p.basic.annual, 'USD')],
          pro: [formatAmount(p.pro.monthly, 'USD'), formatAmount(p.pro.annual, 'USD')],
          premium: [formatAmount(p.premium.monthly, 'USD'), formatAmount(p.premium.annual, 'USD')],
          enterpriseAnnual: formatAmount(p.enterpriseAnnual, 'USD'),
        },
        createdAt: now,
      });
      await insertKeys(tx, [{ claim, result: version }], now);
      return ok(version);
    },
    (error) => isIdempotencyRace(error) || isUniqueViolation(error),
  );
}
