import { eventsPausedByLock } from './booth-store.js';
import { publishEventIn } from '../../notify/publish-event.js';
import type { BoothContext } from '../context.js';
import { startEvent } from './start-event.js';

/**
 * The account is active again (an open renewal invoice paid, or a license bought): the events the
 * lock paused start again by themselves, each taking a free license of its tag or higher as a start
 * would, and the booth app is told (`booth.event_resumed`, once per event and pause). An event no
 * free license covers stays paused with its reason. Events paused for another reason (a license
 * ended or downgraded) are left to the customer. Returns the ids resumed.
 */
export async function resumeLockPausedEvents(ctx: BoothContext, accountId: string): Promise<string[]> {
  const resumed: string[] = [];
  for (const eventId of await eventsPausedByLock(ctx.db, accountId)) {
    const started = await startEvent(ctx, { accountId, eventId });
    if (!started.ok || started.value.status !== 'running') continue;
    resumed.push(eventId);
    const now = ctx.clock.now();
    await ctx.db.transaction((tx) =>
      publishEventIn(tx, now, {
        accountId,
        type: 'booth.event_resumed',
        at: now,
        data: { eventId, licenseId: started.value.license?.id ?? '', reason: 'account_reactivated' },
        dedupeId: `booth.event_resumed:${eventId}:${started.value.startedAt?.toISOString() ?? ''}:${now.toISOString()}`,
      }),
    );
  }
  return resumed;
}
