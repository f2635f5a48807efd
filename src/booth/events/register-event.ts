import {
  type Feature,
  eventTag,
  featureTiers,
  unknownFeatures,
  type EventRecord,
} from './booth-usage-rules.js';
import { newId } from '../../kernel/ids.js';
import { findAccount } from '../../accounts/account-store.js';
import { findTemplates, insertEvent } from './booth-store.js';
import { commandClaim, runKeyed } from '../../ledger/idempotent-command.js';
import { currentCatalog } from '../licenses/license-store.js';
import type { Caller } from '../../kernel/context.js';
import type { BoothContext } from '../context.js';
import { type Result, fail, ok } from '../../kernel/result.js';

export interface RegisterEventInput {
  accountId: string;
  name: string;
  features: Feature[];
  templateIds: string[];
  virtualBooth: boolean;
}

/**
 * The booth app registers an event with the features and templates it uses; the event's tag is the
 * highest tier among them (its templates' outputs and features included), each feature's tier
 * read from the license catalog in force. Registering starts
 * nothing and takes no license. Keyed by the caller's Idempotency-Key.
 */
export async function registerEvent(
  ctx: BoothContext,
  caller: Caller,
  input: RegisterEventInput,
  idempotencyKey: string,
): Promise<Result<EventRecord>> {
  if (!(await findAccount(ctx.db, input.accountId))) {
    return fail('account_not_found', 'no such account', { accountId: input.accountId });
  }
  const templateIds = [...new Set(input.templateIds)].sort();
  const templates = await findTemplates(ctx.db, input.accountId, templateIds);
  const missing = templateIds.filter((id) => !templates.some((t) => t.id === id));
  if (missing.length > 0) {
    return fail('template_not_found', `no template ${missing.join(', ')}`, { templateIds: missing });
  }
  const features = [...new Set(input.features)].sort();
  const catalog = await currentCatalog(ctx.db);
  const tiers = featureTiers(catalog);
  const unknown = unknownFeatures(features, tiers);
  if (unknown.length > 0) {
    return fail('invalid_request', `features: not in the license catalog: ${unknown.join(', ')}`, {
      field: 'features',
    });
  }
  const claim = commandClaim(caller, input.accountId, idempotencyKey, 'register-event', input);
  return runKeyed(
    ctx,
    claim,
    async (tx, now) => {
      const event: EventRecord = {
        id: newId('event'),
        accountId: input.accountId,
        name: input.name,
        tag: eventTag({ features, templates, virtualBooth: input.virtualBooth }, tiers, catalog.outputs),
        virtualBooth: input.virtualBooth,
        features,
        templateIds,
        status: 'registered',
        pauseReason: null,
        sessionsEnded: 0,
        createdAt: now,
        startedAt: null,
        endedAt: null,
        license: null,
      };
      await insertEvent(tx, event);
      return ok(event);
    },
    { revive },
  );
}

/** A replayed event comes back from JSON: its dates as Date again. */
function revive(stored: unknown): EventRecord {
  const e = stored as EventRecord;
  const date = (d: Date | string | null) => (d === null ? null : new Date(d));
  return { ...e, createdAt: new Date(e.createdAt), startedAt: date(e.startedAt), endedAt: date(e.endedAt) };
}
