import type { Feature, LicensePrices, OutputCatalog, Tier, CatalogVersionRecord } from './licensing-rules.js';
import { formatAmount } from '../../kernel/money.js';
import { newId } from '../../kernel/ids.js';
import { insertAuditEntry } from '../../accounts/audit-store.js';
import { isUniqueViolation } from '../../kernel/db/database.js';
import { commandClaim, runKeyed } from '../../ledger/idempotent-command.js';
import { insertCatalogVersion } from './license-store.js';
import type { Caller } from '../../kernel/context.js';
import type { BoothContext } from '../context.js';
import { type Result, fail, ok } from '../../kernel/result.js';

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
  const claim = commandClaim(operator, null, idempotencyKey, 'update-license-catalog', input);
  if (Object.keys(input.outputs).length === 0) {
    return fail('invalid_request', 'outputs: the catalog needs at least one output kind', {
      field: 'outputs',
    });
  }
  return runKeyed(
    ctx,
    claim,
    async (tx, now) => {
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
      return ok(version);
    },
    { alsoRetry: (error) => isUniqueViolation(error) },
  );
}
