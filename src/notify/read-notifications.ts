import { transactionWithRetry } from '../kernel/db/database.js';
import {
  accountExists,
  countUnread,
  findAccountNotificationIds,
  findNotification,
  markNotificationsRead,
} from './notification-store.js';
import type { KernelContext } from '../kernel/context.js';
import { type Result, fail, ok } from '../kernel/result.js';

/** Either the notifications to mark read, or the newest one the reader saw (all up to it). */
export interface ReadInput {
  ids?: readonly string[];
  upTo?: string;
}

/**
 * Marks an account's notifications read, for every browser and person of the account (issue 15).
 * Idempotent by nature: marking a read notification again changes nothing (it keeps its first read
 * time), so a retry needs no Idempotency-Key; the answer is the unread count after it. `upTo`
 * ("Mark all as read") marks only what the reader saw: a notification that arrived after the newest
 * one on their screen stays unread. A notification id that is not the account's is a 404.
 */
export async function readNotifications(
  ctx: KernelContext,
  accountId: string,
  input: ReadInput,
): Promise<Result<{ unreadCount: number }>> {
  if ((input.ids === undefined) === (input.upTo === undefined))
    return fail('invalid_request', 'give either ids or upTo (exactly one)', {
      field: input.ids ? 'upTo' : 'ids',
    });
  if (!(await accountExists(ctx.db, accountId)))
    return fail('account_not_found', 'no such account', { accountId });
  const requested = input.ids ?? [input.upTo!];
  const known = await findAccountNotificationIds(ctx.db, accountId, requested);
  const unknown = requested.find((id) => !known.includes(id));
  if (unknown !== undefined)
    return fail('notification_not_found', `no notification ${unknown} on this account`, {
      field: input.ids ? 'ids' : 'upTo',
      notificationId: unknown,
    });
  const now = ctx.clock.now();
  const unreadCount = await transactionWithRetry(ctx.db, async (tx) => {
    if (input.ids) await markNotificationsRead(tx, accountId, { ids: input.ids }, now);
    else
      await markNotificationsRead(tx, accountId, { upTo: (await findNotification(tx, input.upTo!))! }, now);
    return countUnread(tx, accountId);
  });
  return ok({ unreadCount });
}
