import {
  type DeliveryRecord,
  type NotificationRecord,
  accountExists,
  listNotifications,
} from './notification-store.js';
import type { KernelContext } from '../kernel/context.js';
import { type Result, fail, ok } from '../kernel/result.js';

export type NotificationWithDeliveries = { notification: NotificationRecord; deliveries: DeliveryRecord[] };

/** The account's recent notifications, newest first, with each channel's delivery status. */
export async function listAccountNotifications(
  ctx: KernelContext,
  accountId: string,
  limit: number,
): Promise<Result<NotificationWithDeliveries[]>> {
  if (!(await accountExists(ctx.db, accountId)))
    return fail('account_not_found', 'no such account', { accountId });
  return ok(await listNotifications(ctx.db, accountId, limit));
}
