import { type Tier, chooseLicense } from './booth-usage-rules.js';
import { tierCovers } from '../licenses/licensing-rules.js';
import {
  EVENT_HAS_LICENSE,
  LICENSE_IN_USE,
  lockRunningEvents,
  moveEventLicense,
  pauseRunningEvents,
  stopEvent,
} from './booth-store.js';
import { isUniqueViolation, transactionWithRetry } from '../../kernel/db/database.js';
import { usableLicenses } from '../licenses/license-store.js';
import type { BoothContext } from '../context.js';
import { ACCOUNT_LOCKED_REASON } from './start-event.js';

export const LICENSE_DOWNGRADED_REASON =
  'the license running this event was downgraded at its renewal and no free license of the event tier or higher is available';

export const LICENSE_ENDED_REASON =
  'the license running this event ended and no other free license of its tier or higher is available';

/**
 * Called by licensing whenever licenses of the account expire, are removed or renew (a downgrade
 * applied at renewal). With no usable
 * license left the account is locked: every running event pauses (reason `account_locked: …`) and
 * lets its license go. Otherwise a running event whose license is no longer usable moves to a free
 * usable license of its tag or higher (lowest first), or pauses when there is none; so does one
 * whose license was downgraded below its tag (reason `license_downgraded: …`). Idempotent:
 * calling it again changes nothing.
 */
export async function pauseEventsIfLocked(ctx: BoothContext, accountId: string): Promise<void> {
  await transactionWithRetry(
    ctx.db,
    async (tx) => {
      const now = ctx.clock.now();
      const running = await lockRunningEvents(tx, accountId);
      if (running.length === 0) return;
      const usable = await usableLicenses(tx, accountId, now);
      if (usable.length === 0) {
        await pauseRunningEvents(tx, accountId, `account_locked: ${ACCOUNT_LOCKED_REASON}`, now);
        return;
      }
      // A license still usable but downgraded below the event's tag no longer covers it either.
      const tierOf = new Map(usable.map((l) => [l.id, l.tier]));
      const covers = (r: { tag: Tier; licenseId: string | null }) =>
        r.licenseId !== null && tierOf.has(r.licenseId) && tierCovers(tierOf.get(r.licenseId)!, r.tag);
      const busy = new Set(
        running.flatMap((r) => (r.licenseId && tierOf.has(r.licenseId) ? [r.licenseId] : [])),
      );
      for (const event of running) {
        if (covers(event)) continue;
        if (event.licenseId) busy.delete(event.licenseId);
        const downgraded = event.licenseId !== null && tierOf.has(event.licenseId);
        const license = chooseLicense(event.tag, usable, busy);
        if (license) {
          busy.add(license.id);
          await moveEventLicense(tx, { eventId: event.eventId, accountId, license, at: now });
        } else {
          await stopEvent(tx, {
            eventId: event.eventId,
            status: 'paused',
            reason: downgraded
              ? `license_downgraded: ${LICENSE_DOWNGRADED_REASON} (${event.tag} event)`
              : `license_ended: ${LICENSE_ENDED_REASON}`,
            at: now,
          });
        }
      }
    },
    (error) => isUniqueViolation(error, LICENSE_IN_USE) || isUniqueViolation(error, EVENT_HAS_LICENSE),
    8,
  );
}
