import { findEvent, stopEvent } from './booth-store.js';
import type { BoothContext } from '../context.js';
import { type Result, fail, ok } from '../../kernel/result.js';
import type { EventRecord } from './booth-usage-rules.js';

/** Ends the event and frees its license. Ending an ended event answers it as it is. */
export async function endEvent(
  ctx: BoothContext,
  input: { accountId: string; eventId: string },
): Promise<Result<EventRecord>> {
  return ctx.db.transaction(async (tx) => {
    const event = await findEvent(tx, input.accountId, input.eventId, true);
    if (!event) return fail('event_not_found', 'no such event', { eventId: input.eventId });
    if (event.status === 'ended') return ok(event, true);
    await stopEvent(tx, { eventId: event.id, status: 'ended', reason: null, at: ctx.clock.now() });
    return ok((await findEvent(tx, input.accountId, input.eventId))!);
  });
}
