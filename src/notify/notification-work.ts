import { type EmailAttachment, type EmailSender, renderEmail } from './email.js';
import { postWebhook, webhookBody } from './webhook.js';
import type { WebhookTargets } from './webhook-target.js';
import type { KernelContext } from '../kernel/context.js';
import {
  findDelivery,
  findNotification,
  findRecipients,
  recordDeliveryAttempt,
} from './notification-store.js';
import type { DueWorkRunner } from '../kernel/jobs/due-work-runner.js';
import type { NotificationChannel, NotificationRecord } from './notification-rules.js';
import type { DueWork } from '../kernel/jobs/due-work-rules.js';

export interface NotificationWorkOptions<C extends KernelContext = KernelContext> {
  /** The SMTP sender; absent: email deliveries are marked skipped ("SMTP not configured"). */
  email?: EmailSender;
  /**
   * The files an email carries (a document's PDF), rendered when it is sent, so notify knows no
   * product line; the server wires it. A throw is a failed attempt, retried like a send.
   */
  attachments?: (ctx: C, notification: NotificationRecord) => Promise<EmailAttachment[]>;
  webhookTimeoutMs?: number;
  /** Which webhook targets may be reached (default `public`: https to public addresses only). */
  webhookTargets?: WebhookTargets;
  fetchImpl?: typeof fetch;
}

/**
 * Registers the notification work on a runner:
 *
 * - `notify.email`, `notify.webhook` (subject = notification id, period = channel): one delivery.
 *   The send happens outside any transaction; a failure throws, and the runner retries it with
 *   its backoff until its attempts run out (the delivery then shows `failed`).
 */
export function registerNotificationWork<C extends KernelContext>(
  runner: DueWorkRunner<C>,
  options: NotificationWorkOptions<C> = {},
): DueWorkRunner<C> {
  return runner
    .register('notify.email', (ctx, work) => deliver(ctx, work, 'email', options))
    .register('notify.webhook', (ctx, work) => deliver(ctx, work, 'webhook', options));
}

async function deliver<C extends KernelContext>(
  ctx: C,
  work: DueWork,
  channel: NotificationChannel,
  options: NotificationWorkOptions<C>,
): Promise<void> {
  const notification = await findNotification(ctx.db, work.subject);
  const delivery = await findDelivery(ctx.db, work.subject, channel);
  if (!notification || !delivery || delivery.status !== 'pending') return; // done already
  const now = ctx.clock.now();
  const skip = (why: string) =>
    recordDeliveryAttempt(ctx.db, notification.id, channel, { status: 'skipped', error: why }, now);
  try {
    if (channel === 'email') {
      if (!options.email) return await skip('SMTP not configured');
      const { subject, text } = renderEmail(notification);
      await options.email.send({
        to: delivery.target.split(', '),
        subject,
        text,
        messageId: `<${notification.id}@notifications.pictor>`,
        attachments: options.attachments ? await options.attachments(ctx, notification) : [],
      });
    } else {
      // The secret as set now (it may have been rotated since the event); no webhook any more: skip.
      const settings = await findRecipients(ctx.db, notification.accountId);
      if (!settings?.webhookUrl || !settings.webhookSecret) return await skip('webhook removed');
      await postWebhook({
        url: delivery.target,
        secret: settings.webhookSecret,
        eventId: notification.id,
        body: webhookBody(notification),
        now,
        timeoutMs: options.webhookTimeoutMs,
        targets: options.webhookTargets,
        fetchImpl: options.fetchImpl,
      });
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await recordDeliveryAttempt(ctx.db, notification.id, channel, { status: 'pending', error: message }, now);
    throw error;
  }
  await recordDeliveryAttempt(ctx.db, notification.id, channel, { status: 'delivered' }, ctx.clock.now());
}
