import {
  DEFAULT_SESSIONS_PER_HOUR,
  type Estimate,
  estimateEventTokens as estimate,
} from './booth-usage-rules.js';
import { findTemplates } from './booth-store.js';
import { type TemplateView, viewTemplate } from './booth-templates.js';
import { currentCatalog } from '../licenses/license-store.js';
import type { BoothContext } from '../context.js';
import { getBalances } from '../../ledger/get-balances.js';
import { type Result, fail, ok } from '../../kernel/result.js';

export interface EstimateEventInput {
  accountId: string;
  templateIds: string[];
  /** Event length in minutes. */
  minutes: number;
  sessionsPerHour?: { min: number; max: number };
  virtualBooth: boolean;
}

/**
 * The estimator: token range for the chosen templates over the event's length at a sessions-per-
 * hour range (30–55 by default), against the account's available tokens, with the cheapest packs
 * that cover the shortfall. Reads only.
 */
export async function estimateEventTokens(
  ctx: BoothContext,
  input: EstimateEventInput,
): Promise<Result<Estimate & { templates: TemplateView[]; sessionsPerHour: { min: number; max: number } }>> {
  const balances = await getBalances(ctx, input.accountId);
  if (!balances.ok) return balances;
  const ids = [...new Set(input.templateIds)];
  const catalog = await currentCatalog(ctx.db);
  const templates = (await findTemplates(ctx.db, input.accountId, ids)).map((t) => viewTemplate(t, catalog));
  const missing = ids.filter((id) => !templates.some((t) => t.id === id));
  if (missing.length > 0)
    return fail('template_not_found', `no template ${missing.join(', ')}`, { templateIds: missing });
  const sessionsPerHour = input.sessionsPerHour ?? DEFAULT_SESSIONS_PER_HOUR;
  if (sessionsPerHour.min > sessionsPerHour.max) {
    return fail('invalid_request', 'sessionsPerHour: min must not exceed max', { field: 'sessionsPerHour' });
  }
  const available = balances.value.find((b) => b.unit === 'TOKEN')?.availableMicros ?? 0n;
  return ok({
    ...estimate({
      templates: templates.map((t) => ({ costMicros: t.costMicros, hasAi: t.hasAi })),
      minutes: input.minutes,
      sessionsPerHour,
      virtualBooth: input.virtualBooth,
      availableMicros: available,
    }),
    templates,
    sessionsPerHour: { ...sessionsPerHour },
  });
}
