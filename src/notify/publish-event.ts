import { createHash } from 'node:crypto';
import { newId } from '../kernel/ids.js';
import { type Queryable, transactionWithRetry } from '../kernel/db/database.js';
import { scheduleWork } from '../kernel/jobs/due-work-store.js';
import { findRecipients, insertDeliveries, insertNotification } from './notification-store.js';
import type { KernelContext } from '../kernel/context.js';
import { type Result, fail, ok } from '../kernel/result.js';
import {
  type NotificationChannel,
  type NotificationRecord,
  alertEmailRecipients,
} from './notification-rules.js';

export interface PublishEventInput {
  accountId: string;
  /** e.g. `alert.low_balance`, `job.paused`, `instance.terminated`. */
  type: string;
  /** When it happened. */
  at: Date;
  data: Record<string, string>;
  /** Publishing the same dedupe id again changes nothing; derived from the event when absent. */
  dedupeId?: string;
  /** Email to these addresses instead of the alert recipients (a document to the billing email). */
  emailTo?: readonly string[];
}

/** The default dedupe id: the same account, type, time and data make the same event. */
export function eventDedupeId(input: Omit<PublishEventInput, 'dedupeId' | 'emailTo'>): string {
  const data = Object.fromEntries(
    Object.entries(input.data).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  const canonical = JSON.stringify([input.accountId, input.type, input.at.toISOString(), data]);
  return `evt:${createHash('sha256').update(canonical).digest('hex')}`;
}

/**
 * Records the notification and schedules its deliveries (`notify.email`, `notify.webhook`) as
 * due work, inside the caller's transaction: the event and its deliveries commit together, and
 * the sending happens later, outside any transaction. Channels come from the account's alert
 * settings at this moment: email to the configured recipients (default: the account's email),
 * the webhook when one is set. A repeat (same dedupe id) returns the first notification.
 */
export async function publishEventIn(
  tx: Queryable,
  now: Date,
  input: PublishEventInput,
): Promise<{ notification: NotificationRecord; created: boolean } | undefined> {
  const settings = await findRecipients(tx, input.accountId);
  if (!settings) return undefined;
  const { notification, created } = await insertNotification(tx, {
    id: newId('notification'),
    accountId: input.accountId,
    type: input.type,
    payload: input.data,
    dedupeId: input.dedupeId ?? eventDedupeId(input),
    occurredAt: input.at,
    createdAt: now,
  });
  if (!created) return { notification, created };
  const targets: { channel: NotificationChannel; target: string }[] = [];
  const recipients = input.emailTo ?? alertEmailRecipients(settings);
  if (recipients.length > 0) targets.push({ channel: 'email', target: recipients.join(', ') });
  if (settings.webhookUrl) targets.push({ channel: 'webhook', target: settings.webhookUrl });
  await insertDeliveries(tx, notification.id, targets, now);
  await scheduleWork(
    tx,
    targets.map((t) => ({
      kind: `notify.${t.channel}`,
      subject: notification.id,
      period: t.channel,
      dueAt: now,
    })),
  );
  return { notification, created };
}

/** publishEventIn in a transaction of its own. */
export async function publishEvent(
  ctx: KernelContext,
  input: PublishEventInput,
): Promise<Result<NotificationRecord>> {
  const published = await transactionWithRetry(ctx.db, (tx) => publishEventIn(tx, ctx.clock.now(), input));
  if (!published) return fail('account_not_found', 'no such account', { accountId: input.accountId });
  return ok(published.notification, !published.created);
}
