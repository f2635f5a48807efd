import { type Feature, eventTag, featureTiers, unknownFeatures } from './booth-usage-rules.js';
import { newId } from '../../kernel/ids.js';
import { requestHash } from '../../kernel/request-hash.js';
import { findAccount } from '../../accounts/account-store.js';
import { type EventRecord, findTemplates, insertEvent } from './booth-store.js';
import { transactionWithRetry } from '../../kernel/db/database.js';
import { findKeys, insertKeys, isIdempotencyRace } from '../../ledger/idempotency-store.js';
import { currentCatalog } from '../licenses/license-store.js';
import { type Caller, idempotencyScope } from '../../kernel/context.js';
import type { BoothContext } from '../context.js';
import { IDEMPOTENCY_CONFLICT, type Result, fail, ok } from '../../kernel/result.js';

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
  const claim = {
    scope: idempotencyScope(caller, input.accountId),
    key: idempotencyKey,
    requestHash: requestHash('register-event', input),
  };
  return transactionWithRetry(
    ctx.db,
    async (tx) => {
      const seen = (await findKeys(tx, [claim]))(claim);
      if (seen.seen) return 'conflict' in seen ? IDEMPOTENCY_CONFLICT() : ok(revive(seen.replay), true);
      const now = ctx.clock.now();
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
      await insertKeys(tx, [{ claim, result: event }], now);
      return ok(event);
    },
    isIdempotencyRace,
  );
}

/** A replayed event comes back from JSON: its dates as Date again. */
function revive(stored: unknown): EventRecord {
  const e = stored as EventRecord;
  const date = (d: Date | string | null) => (d === null ? null : new Date(d));
  return { ...e, createdAt: new Date(e.createdAt), startedAt: date(e.startedAt), endedAt: date(e.endedAt) };
}
