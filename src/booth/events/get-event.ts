import { findEvent } from './booth-store.js';
import type { BoothContext } from '../context.js';
import { type Result, fail, ok } from '../../kernel/result.js';
import type { EventRecord } from './booth-usage-rules.js';

/** One event of the account; another account's is not found. */
export async function getEvent(
  ctx: BoothContext,
  accountId: string,
  eventId: string,
): Promise<Result<EventRecord>> {
  const event = await findEvent(ctx.db, accountId, eventId);
  return event ? ok(event) : fail('event_not_found', 'no such event', { eventId });
}
