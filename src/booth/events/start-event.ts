import { TIERS, chooseLicense, tierRank, type EventRecord } from './booth-usage-rules.js';
import { tierCovers } from '../licenses/licensing-rules.js';
import {
  LICENSE_IN_USE,
  EVENT_HAS_LICENSE,
  busyLicenses,
  findEvent,
  startEventWithLicense,
} from './booth-store.js';
import { isUniqueViolation, transactionWithRetry } from '../../kernel/db/database.js';
import { findBoothAccount, usableLicenses } from '../licenses/license-store.js';
import type { BoothContext } from '../context.js';
import { type Result, fail, ok } from '../../kernel/result.js';

export const ACCOUNT_LOCKED_REASON =
  'the account has no active base license (expired or cancelled): it is locked until a license is renewed or bought';

/**
 * Starts (or resumes a paused) event: takes a free license of the event's tag or higher, the lowest
 * sufficient tier first. One license runs one event at a time: the unique partial index on open
 * assignments refuses a second, and a start that loses that race tries again with what is left.
 * Starting a running event answers it as it is (idempotent by the event id).
 */
export async function startEvent(
  ctx: BoothContext,
  input: { accountId: string; eventId: string },
): Promise<Result<EventRecord>> {
  return transactionWithRetry(
    ctx.db,
    async (tx) => {
      const event = await findEvent(tx, input.accountId, input.eventId, true);
      if (!event) return fail('event_not_found', 'no such event', { eventId: input.eventId });
      if (event.status === 'running') return ok(event, true);
      if (event.status === 'ended') return fail('event_ended', 'the event has ended; register a new one');
      const now = ctx.clock.now();
      const usable = await usableLicenses(tx, input.accountId, now);
      if (usable.length === 0) {
        // Why, as licensing recorded it when it locked the account (none recorded: never licensed).
        const booth = await findBoothAccount(tx, input.accountId);
        return fail('account_locked', ACCOUNT_LOCKED_REASON, {
          reason: (booth?.locked && booth.lockReason) || 'no_active_base_license',
          lockedSince: booth?.lockedSince?.toISOString() ?? null,
        });
      }
      const busy = await busyLicenses(tx, input.accountId);
      const license = chooseLicense(event.tag, usable, busy);
      if (!license) {
        const sufficient = usable.filter((l) => tierCovers(l.tier, event.tag));
        return fail(
          'no_license_available',
          sufficient.length === 0
            ? `this ${event.tag} event needs a ${TIERS.slice(tierRank(event.tag)).join(' or ')} license; the account has none`
            : `every ${TIERS.slice(tierRank(event.tag)).join(' or ')} license already runs an event: end one, or add a license`,
          {
            requiredTier: event.tag,
            sufficientLicenses: sufficient.length,
            sufficientLicensesInUse: sufficient.filter((l) => busy.has(l.id)).length,
          },
        );
      }
      await startEventWithLicense(tx, {
        eventId: event.id,
        accountId: input.accountId,
        license: { id: license.id, tier: license.tier },
        at: now,
      });
      return ok((await findEvent(tx, input.accountId, input.eventId))!);
    },
    // Another start took the license (or this event) first: decide again on what is left.
    (error) => isUniqueViolation(error, LICENSE_IN_USE) || isUniqueViolation(error, EVENT_HAS_LICENSE),
    8,
  );
}
