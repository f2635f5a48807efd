import {
  type Feature,
  type TemplateOutput,
  featureTiers,
  highestTier,
  templateCost,
  templateFeatures,
  templateHasAi,
  unknownFeatures,
} from './booth-usage-rules.js';
import { type TemplateRecord, findTemplates, upsertTemplate } from './booth-store.js';
import { currentCatalog } from '../licenses/license-store.js';
import type { BoothContext } from '../context.js';
import { type Result, fail, ok } from '../../kernel/result.js';

/**
 * Defines (or redefines) a template of the booth app: its outputs per session and the features it
 * uses. Its token cost per session and tier are computed from them. Idempotent by the template id:
 * the same definition again changes nothing visible but `updatedAt`. Events keep the tag they were
 * registered with.
 */
export async function putBoothTemplate(
  ctx: BoothContext,
  input: { id: string; name: string; outputs: TemplateOutput[]; features: Feature[] },
): Promise<Result<TemplateRecord>> {
  const tiers = featureTiers(await currentCatalog(ctx.db));
  const features = [...new Set(input.features)].sort();
  const unknown = unknownFeatures(features, tiers);
  if (unknown.length > 0) {
    return fail('invalid_request', `features: not in the license catalog: ${unknown.join(', ')}`, {
      field: 'features',
    });
  }
  const spec = { outputs: input.outputs, features };
  return ok(
    await upsertTemplate(
      ctx.db,
      {
        id: input.id,
        name: input.name,
        outputs: input.outputs,
        features,
        costMicros: templateCost(spec),
        hasAi: templateHasAi(spec),
        tier: highestTier(templateFeatures(spec).map((f) => tiers.get(f) ?? 'basic')),
      },
      ctx.clock.now(),
    ),
  );
}

/** A template with its token cost per session (shown next to its name in the workflow stage). */
export async function getTemplateCost(
  ctx: BoothContext,
  templateId: string,
): Promise<Result<TemplateRecord>> {
  const [template] = await findTemplates(ctx.db, [templateId]);
  return template ? ok(template) : fail('template_not_found', `no template ${templateId}`, { templateId });
}
