import {
  type Feature,
  type TemplateOutput,
  type Tier,
  featureTiers,
  templateCost,
  templateHasAi,
  templateTier,
  unknownFeatures,
  unknownOutputKinds,
  type StoredTemplate,
} from './booth-usage-rules.js';
import type { LicenseCatalog } from '../licenses/licensing-rules.js';
import { archiveTemplate, findTemplates, listTemplates, upsertTemplate } from './booth-store.js';
import { findAccount } from '../../accounts/account-store.js';
import { currentCatalog } from '../licenses/license-store.js';
import type { BoothContext } from '../context.js';
import { type Result, fail, ok } from '../../kernel/result.js';

/** A template with what the catalog in force makes of it: cost per session, tier, AI or not. */
export interface TemplateView extends StoredTemplate {
  costMicros: bigint;
  hasAi: boolean;
  tier: Tier;
}

export function viewTemplate(t: StoredTemplate, catalog: LicenseCatalog): TemplateView {
  return {
    ...t,
    costMicros: templateCost(t, catalog.outputs),
    hasAi: templateHasAi(t, catalog.outputs),
    tier: templateTier(t, featureTiers(catalog), catalog.outputs),
  };
}

/**
 * Defines (or redefines, un-archiving it) one of the account's templates: its outputs per session
 * and the features it uses. Ids are per account, so two booth apps never collide. Its cost and tier
 * follow the catalog in force (computed when read). Output kinds and features must be in the
 * catalog; nothing is written otherwise. Idempotent by (account, id). Events keep the tag they were
 * registered with.
 */
export async function putBoothTemplate(
  ctx: BoothContext,
  input: { accountId: string; id: string; name: string; outputs: TemplateOutput[]; features: Feature[] },
): Promise<Result<TemplateView>> {
  if (!(await findAccount(ctx.db, input.accountId))) {
    return fail('account_not_found', 'no such account', { accountId: input.accountId });
  }
  const catalog = await currentCatalog(ctx.db);
  const unknownKinds = unknownOutputKinds(
    input.outputs.map((o) => o.kind),
    catalog.outputs,
  );
  if (unknownKinds.length > 0) {
    return fail('unknown_output_kind', `not an output kind of the catalog: ${unknownKinds.join(', ')}`, {
      field: 'outputs',
      kinds: unknownKinds,
    });
  }
  const features = [...new Set(input.features)].sort();
  const unknown = unknownFeatures(features, featureTiers(catalog));
  if (unknown.length > 0) {
    return fail('invalid_request', `features: not in the license catalog: ${unknown.join(', ')}`, {
      field: 'features',
    });
  }
  const stored = await upsertTemplate(ctx.db, { ...input, features }, ctx.clock.now());
  return ok(viewTemplate(stored, catalog));
}

/** One of the account's templates with its token cost per session; another account's is not found. */
export async function getBoothTemplate(
  ctx: BoothContext,
  accountId: string,
  templateId: string,
): Promise<Result<TemplateView>> {
  const [template] = await findTemplates(ctx.db, accountId, [templateId], true);
  if (!template) return fail('template_not_found', `no template ${templateId}`, { templateId });
  return ok(viewTemplate(template, await currentCatalog(ctx.db)));
}

/** The account's templates by name, each with its cost per session (shown next to its name). */
export async function listBoothTemplates(
  ctx: BoothContext,
  accountId: string,
  includeArchived: boolean,
): Promise<Result<TemplateView[]>> {
  if (!(await findAccount(ctx.db, accountId)))
    return fail('account_not_found', 'no such account', { accountId });
  const [templates, catalog] = await Promise.all([
    listTemplates(ctx.db, accountId, includeArchived),
    currentCatalog(ctx.db),
  ]);
  return ok(templates.map((t) => viewTemplate(t, catalog)));
}

/** Archives a template: no new event or estimate can use it; registered events keep their tag. */
export async function archiveBoothTemplate(
  ctx: BoothContext,
  accountId: string,
  templateId: string,
): Promise<Result<TemplateView>> {
  const archived = await archiveTemplate(ctx.db, accountId, templateId, ctx.clock.now());
  if (!archived) return fail('template_not_found', `no template ${templateId}`, { templateId });
  return ok(viewTemplate(archived, await currentCatalog(ctx.db)));
}
