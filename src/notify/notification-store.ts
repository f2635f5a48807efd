import type { Queryable } from '../kernel/db/database.js';
import type {
  DeliveryRecord,
  DeliveryStatus,
  NotificationChannel,
  NotificationRecipients,
  NotificationRecord,
} from './notification-rules.js';

/** The columns `notificationFromRow` reads. */
type NotificationRow = {
  id: string;
  account_id: string;
  type: string;
  payload: Record<string, string>;
  dedupe_id: string;
  occurred_at: Date;
  created_at: Date;
  read_at?: Date | null;
};

function notificationFromRow(row: NotificationRow): NotificationRecord {
  return {
    id: row.id,
    accountId: row.account_id,
    type: row.type,
    payload: row.payload,
    dedupeId: row.dedupe_id,
    occurredAt: row.occurred_at,
    createdAt: row.created_at,
    readAt: row.read_at ?? null,
  };
}

/** The columns `deliveryFromRow` reads. */
type DeliveryRow = {
  notification_id: string;
  channel: NotificationChannel;
  target: string;
  status: DeliveryStatus;
  attempts: number;
  last_error: string | null;
  delivered_at: Date | null;
};

function deliveryFromRow(row: DeliveryRow): DeliveryRecord {
  return {
    notificationId: row.notification_id,
    channel: row.channel,
    target: row.target,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error ?? null,
    deliveredAt: row.delivered_at ?? null,
  };
}

/** Inserts the notification unless its dedupe id exists; returns it and whether it is new. */
export async function insertNotification(
  tx: Queryable,
  n: NotificationRecord,
): Promise<{ notification: NotificationRecord; created: boolean }> {
  const inserted = await tx.query<NotificationRow>(
    `INSERT INTO notifications (id, account_id, type, payload, dedupe_id, occurred_at, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT ON CONSTRAINT notifications_dedupe DO NOTHING
     RETURNING *`,
    [n.id, n.accountId, n.type, JSON.stringify(n.payload), n.dedupeId, n.occurredAt, n.createdAt],
  );
  if (inserted[0]) return { notification: notificationFromRow(inserted[0]), created: true };
  const rows = await tx.query<NotificationRow>('SELECT * FROM notifications WHERE dedupe_id = $1', [
    n.dedupeId,
  ]);
  return { notification: notificationFromRow(rows[0]!), created: false };
}

export async function insertDeliveries(
  tx: Queryable,
  notificationId: string,
  targets: readonly { channel: NotificationChannel; target: string }[],
  now: Date,
): Promise<void> {
  for (const t of targets) {
    await tx.query(
      `INSERT INTO notification_deliveries (notification_id, channel, target, status, updated_at)
       VALUES ($1, $2, $3, 'pending', $4) ON CONFLICT DO NOTHING`,
      [notificationId, t.channel, t.target, now],
    );
  }
}

export async function findNotification(q: Queryable, id: string): Promise<NotificationRecord | undefined> {
  const rows = await q.query<NotificationRow>('SELECT * FROM notifications WHERE id = $1', [id]);
  return rows[0] ? notificationFromRow(rows[0]) : undefined;
}

export async function findDelivery(
  q: Queryable,
  notificationId: string,
  channel: NotificationChannel,
): Promise<DeliveryRecord | undefined> {
  const rows = await q.query<DeliveryRow>(
    'SELECT * FROM notification_deliveries WHERE notification_id = $1 AND channel = $2',
    [notificationId, channel],
  );
  return rows[0] ? deliveryFromRow(rows[0]) : undefined;
}

/** Records one attempt: delivered, skipped (nothing to send it with), or failed with its error. */
export async function recordDeliveryAttempt(
  q: Queryable,
  notificationId: string,
  channel: NotificationChannel,
  outcome: { status: 'delivered' | 'skipped' | 'pending'; error?: string },
  now: Date,
): Promise<void> {
  await q.query(
    `UPDATE notification_deliveries SET status = $3, attempts = attempts + 1, last_error = $4,
       delivered_at = CASE WHEN $3 = 'delivered' THEN $5::timestamptz END, updated_at = $5
     WHERE notification_id = $1 AND channel = $2`,
    [notificationId, channel, outcome.status, outcome.error?.slice(0, 2000) ?? null, now],
  );
}

/** An account's notifications, newest first, each with its deliveries. */
export async function listNotifications(
  q: Queryable,
  accountId: string,
  limit: number,
): Promise<{ notification: NotificationRecord; deliveries: DeliveryRecord[] }[]> {
  const rows = await q.query<NotificationRow>(
    `SELECT * FROM notifications WHERE account_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`,
    [accountId, limit],
  );
  const notifications = rows.map(notificationFromRow);
  if (notifications.length === 0) return [];
  const deliveryRows = await q.query<DeliveryRow>(
    `SELECT d.notification_id, d.channel, d.target, d.attempts, d.last_error, d.delivered_at,
       CASE WHEN d.status = 'pending' AND w.status = 'failed' THEN 'failed' ELSE d.status END AS status
     FROM notification_deliveries d
     LEFT JOIN due_work w ON w.kind = 'notify.' || d.channel AND w.subject = d.notification_id
       AND w.period = d.channel
     WHERE d.notification_id = ANY($1::text[]) ORDER BY d.channel`,
    [notifications.map((n) => n.id)],
  );
  const deliveries = deliveryRows.map(deliveryFromRow);
  return notifications.map((notification) => ({
    notification,
    deliveries: deliveries.filter((d) => d.notificationId === notification.id),
  }));
}

export async function findRecipients(
  q: Queryable,
  accountId: string,
): Promise<NotificationRecipients | undefined> {
  const rows = await q.query<{
    email: string | null;
    email_recipients: string[] | null;
    webhook_url: string | null;
    webhook_secret: string | null;
    verified_emails: string[];
  }>(
    `SELECT a.email, s.email_recipients, s.webhook_url, s.webhook_secret,
       ARRAY(SELECT v.email FROM verified_alert_emails v WHERE v.account_id = a.id
             UNION SELECT e.email FROM account_emails e WHERE e.account_id = a.id) AS verified_emails
     FROM accounts a LEFT JOIN alert_settings s ON s.account_id = a.id WHERE a.id = $1`,
    [accountId],
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    accountEmail: row.email,
    emailRecipients: row.email_recipients,
    verifiedEmails: row.verified_emails,
    webhookUrl: row.webhook_url,
    webhookSecret: row.webhook_secret,
  };
}

export async function accountExists(q: Queryable, accountId: string): Promise<boolean> {
  return (await q.query('SELECT 1 FROM accounts WHERE id = $1', [accountId])).length > 0;
}

/** Deliveries not yet delivered, skipped or given up (for /metrics). */
export async function countPendingDeliveries(q: Queryable): Promise<number> {
  const rows = await q.query<{ n: bigint | number }>(
    `SELECT count(*) AS n FROM notification_deliveries WHERE status = 'pending'`,
  );
  return Number(rows[0]?.n ?? 0);
}

/** How many of the account's notifications are unread. */
export async function countUnread(q: Queryable, accountId: string): Promise<number> {
  const rows = await q.query<{ n: string | number }>(
    'SELECT count(*) AS n FROM notifications WHERE account_id = $1 AND read_at IS NULL',
    [accountId],
  );
  return Number(rows[0]?.n ?? 0);
}

/** Which of these ids are the account's notifications. */
export async function findAccountNotificationIds(
  q: Queryable,
  accountId: string,
  ids: readonly string[],
): Promise<string[]> {
  const rows = await q.query<{ id: string }>(
    'SELECT id FROM notifications WHERE account_id = $1 AND id = ANY($2::text[])',
    [accountId, [...ids]],
  );
  return rows.map((r) => r.id);
}

/**
 * Marks read the account's notifications named, or every one up to and including `upTo` (in list
 * order: created_at, then id). A notification already read keeps its first read time.
 */
export async function markNotificationsRead(
  q: Queryable,
  accountId: string,
  which: { ids: readonly string[] } | { upTo: NotificationRecord },
  now: Date,
): Promise<void> {
  if ('ids' in which) {
    await q.query(
      `UPDATE notifications SET read_at = $3
       WHERE account_id = $1 AND id = ANY($2::text[]) AND read_at IS NULL`,
      [accountId, [...which.ids], now],
    );
    return;
  }
  await q.query(
    `UPDATE notifications SET read_at = $4
     WHERE account_id = $1 AND read_at IS NULL AND (created_at, id) <= ($2::timestamptz, $3::text)`,
    [accountId, which.upTo.createdAt, which.upTo.id, now],
  );
}
