import { accountExists, countUnread, listNotifications } from './notification-store.js';
import type { KernelContext } from '../kernel/context.js';
import { type Result, fail, ok } from '../kernel/result.js';
import type { DeliveryRecord, NotificationRecord } from './notification-rules.js';

export type NotificationWithDeliveries = { notification: NotificationRecord; deliveries: DeliveryRecord[] };

/**
 * The account's recent notifications, newest first, with each channel's delivery status, and how
 * many of all its notifications are unread (read state is the account's, not a browser's).
 */
export async function listAccountNotifications(
  ctx: KernelContext,
  accountId: string,
  limit: number,
): Promise<Result<{ list: NotificationWithDeliveries[]; unreadCount: number }>> {
  if (!(await accountExists(ctx.db, accountId)))
    return fail('account_not_found', 'no such account', { accountId });
  const list = await listNotifications(ctx.db, accountId, limit);
  return ok({ list, unreadCount: await countUnread(ctx.db, accountId) });
}
