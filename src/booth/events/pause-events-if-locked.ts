import { chooseLicense } from './booth-usage-rules.js';
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

export const LICENSE_ENDED_REASON =
  'the license running this event ended and no other free license of its tier or higher is available';

/**
 * Called by licensing whenever licenses of the account expire or are removed. With no usable
 * license left the account is locked: every running event pauses (reason `account_locked: …`) and
 * lets its license go. Otherwise a running event whose license is no longer usable moves to a free
 * usable license of its tag or higher (lowest first), or pauses when there is none. Idempotent:
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
      const usableIds = new Set(usable.map((l) => l.id));
      const busy = new Set(
        running.flatMap((r) => (r.licenseId && usableIds.has(r.licenseId) ? [r.licenseId] : [])),
      );
      for (const event of running) {
        if (event.licenseId && usableIds.has(event.licenseId)) continue;
        const license = chooseLicense(event.tag, usable, busy);
        if (license) {
          busy.add(license.id);
          await moveEventLicense(tx, { eventId: event.eventId, accountId, license, at: now });
        } else {
          await stopEvent(tx, {
            eventId: event.eventId,
            status: 'paused',
            reason: `license_ended: ${LICENSE_ENDED_REASON}`,
            at: now,
          });
        }
      }
    },
    (error) => isUniqueViolation(error, LICENSE_IN_USE) || isUniqueViolation(error, EVENT_HAS_LICENSE),
    8,
  );
}
