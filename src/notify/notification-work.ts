import { type EmailSender, renderEmail } from './email.js';
import { postWebhook, webhookBody } from './webhook.js';
import { checkBalanceAlerts } from '../compute/alerts/check-balance-alerts.js';
import type { ServiceContext } from '../server/context.js';
import { findAlertSettings, listAlertedAccounts } from '../compute/alerts/alert-store.js';
import type { DueWork } from '../kernel/jobs/due-work-store.js';
import {
  type NotificationChannel,
  findDelivery,
  findNotification,
  recordDeliveryAttempt,
} from './notification-store.js';
import { type DueWorkRunner, scheduleRecurring } from '../kernel/jobs/due-work-runner.js';

export interface NotificationWorkOptions {
  /** The SMTP sender; absent: email deliveries are marked skipped ("SMTP not configured"). */
  email?: EmailSender;
  /** How often every account with alert settings is checked (PICTOR_ALERT_SCAN_SECONDS). */
  alertScanSeconds?: number;
  webhookTimeoutMs?: number;
  fetchImpl?: typeof fetch;
}

const DEFAULT_SCAN_SECONDS = 60;

/**
 * Registers the notification work on a runner:
 *
 * - `notify.email`, `notify.webhook` (subject = notification id, period = channel): one delivery.
 *   The send happens outside any transaction; a failure throws, and the runner retries it with
 *   its backoff until its attempts run out (the delivery then shows `failed`).
 * - `alerts.scan` (subject `all`, period = the scan's slot): checks every account with alert
 *   settings, then schedules the next slot. `scheduleAlertScan` seeds the first one.
 */
export function registerNotificationWork(
  runner: DueWorkRunner,
  options: NotificationWorkOptions = {},
): DueWorkRunner {
  const scanMs = (options.alertScanSeconds ?? DEFAULT_SCAN_SECONDS) * 1000;
  return runner
    .register('notify.email', (ctx, work) => deliver(ctx, work, 'email', options))
    .register('notify.webhook', (ctx, work) => deliver(ctx, work, 'webhook', options))
    .every('alerts.scan', scanMs, async (ctx) => {
      const errors: string[] = [];
      for (let after = ''; ;) {
        const page = await listAlertedAccounts(ctx.db, after, 500);
        for (const accountId of page) {
          await checkBalanceAlerts(ctx, accountId).catch((e: unknown) =>
            errors.push(`${accountId}: ${e instanceof Error ? e.message : String(e)}`),
          );
        }
        if (page.length < 500) break;
        after = page[page.length - 1]!;
      }
      if (errors.length > 0) throw new Error(`alert checks failed: ${errors.join('; ')}`);
    });
}

/** Schedules the alert scan of the slot containing `at` (default: now); scheduling twice is a no-op. */
export function scheduleAlertScan(
  ctx: ServiceContext,
  scanMs = DEFAULT_SCAN_SECONDS * 1000,
  at: Date = ctx.clock.now(),
): Promise<void> {
  return scheduleRecurring(ctx, 'alerts.scan', scanMs, at);
}

async function deliver(
  ctx: ServiceContext,
  work: DueWork,
  channel: NotificationChannel,
  options: NotificationWorkOptions,
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
      });
    } else {
      // The secret as set now (it may have been rotated since the event); no webhook any more: skip.
      const settings = await findAlertSettings(ctx.db, notification.accountId);
      if (!settings?.webhookUrl || !settings.webhookSecret) return await skip('webhook removed');
      await postWebhook({
        url: delivery.target,
        secret: settings.webhookSecret,
        eventId: notification.id,
        body: webhookBody(notification),
        now,
        timeoutMs: options.webhookTimeoutMs,
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
