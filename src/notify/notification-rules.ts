/**
 * The notify slice's entities as its store, delivery work and the other slices pass them around (the
 * store maps its rows into these; docs/architecture.md, "Entity types"). Pure: no I/O.
 */

export type NotificationChannel = 'email' | 'webhook';

export type DeliveryStatus = 'pending' | 'delivered' | 'skipped' | 'failed';

export interface NotificationRecord {
  id: string;
  accountId: string;
  type: string;
  payload: Record<string, string>;
  dedupeId: string;
  occurredAt: Date;
  createdAt: Date;
  /** When the account read it (any of its people, in any browser); null: unread. */
  readAt?: Date | null;
}

export interface DeliveryRecord {
  notificationId: string;
  channel: NotificationChannel;
  target: string;
  /** `failed`: the scheduler gave up (the due work is failed); never stored, derived. */
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  deliveredAt: Date | null;
}

/**
 * Where an account's notifications go: its email, and the recipients and webhook of its notification
 * settings (kept in `alert_settings` with the alert thresholds). `undefined` when there is no such
 * account. Read here, in notify's own store, so notify imports neither accounts nor compute.
 */
export interface NotificationRecipients {
  accountEmail: string | null;
  /** The configured recipients; null: none configured (the account's email is the default). */
  emailRecipients: string[] | null;
  /** The account's addresses verified for its alerts (by code, or its own ways in), lowercase. */
  verifiedEmails: string[];
  webhookUrl: string | null;
  webhookSecret: string | null;
}

/**
 * Whom an account's notifications are emailed to (issue 15, docs/compute.md "Alert emails are
 * verified"): the configured recipients that are verified for the account, never another. When
 * none are configured, or none of them is verified (settings saved before verification existed),
 * the account's own email, which is verified by definition (a linked way in, or the address the
 * operator opened the account with). None of these: no email (the webhook and the in-page list remain).
 */
export function alertEmailRecipients(r: NotificationRecipients): string[] {
  const verified = new Set(r.verifiedEmails);
  const named = (r.emailRecipients ?? []).filter((e) => verified.has(e.trim().toLowerCase()));
  if (named.length > 0) return named;
  return r.accountEmail ? [r.accountEmail] : [];
}
