import { findAccount } from '../../accounts/account-store.js';
import { listEvents as listStored } from './booth-store.js';
import type { BoothContext } from '../context.js';
import { type Result, fail, ok } from '../../kernel/result.js';
import type { EventRecord, EventStatus } from './booth-usage-rules.js';

/** The account's events, newest first; `before` is the last id of the previous page. */
export async function listEvents(
  ctx: BoothContext,
  input: { accountId: string; limit: number; before?: string; status?: EventStatus },
): Promise<Result<{ events: EventRecord[]; next: string | null }>> {
  if (!(await findAccount(ctx.db, input.accountId))) {
    return fail('account_not_found', 'no such account', { accountId: input.accountId });
  }
  const events = await listStored(ctx.db, input.accountId, { ...input, limit: input.limit + 1 });
  const page = events.slice(0, input.limit);
  return ok({ events: page, next: events.length > input.limit ? page[page.length - 1]!.id : null });
}
