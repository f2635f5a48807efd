import { createHmac, timingSafeEqual } from 'node:crypto';
import type { NotificationRecord } from './notification-store.js';

/**
 * Signed outgoing webhooks, Stripe-like. Each delivery attempt POSTs the event as JSON with:
 *
 * - `Pictor-Event-Id`: the notification id, the same on every retry (receivers dedupe on it);
 * - `Pictor-Timestamp`: the attempt's time, unix seconds;
 * - `Pictor-Signature: t=<unix>,v1=<hex>`, where hex = HMAC-SHA256(secret, `<unix>.<raw body>`).
 *
 * A receiver recomputes the HMAC over the raw body with its secret, compares in constant time,
 * and rejects timestamps too far from its own clock (replays). Any 2xx answer is a delivery;
 * anything else (or no answer within the timeout) is retried with backoff.
 */
export const WEBHOOK_HEADERS = {
  eventId: 'pictor-event-id',
  timestamp: 'pictor-timestamp',
  signature: 'pictor-signature',
} as const;

export function webhookSignature(secret: string, unixSeconds: number, body: string): string {
  const hex = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${hex}`;
}

/** Verifies a `Pictor-Signature` header, for receivers (and tests). */
export function verifyWebhookSignature(
  secret: string,
  header: string,
  body: string,
  nowUnixSeconds: number,
  toleranceSeconds = 300,
): boolean {
  const parts = new Map(header.split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(parts.get('t'));
  const v1 = parts.get('v1');
  if (!Number.isInteger(t) || !v1 || Math.abs(nowUnixSeconds - t) > toleranceSeconds) return false;
  const expected = Buffer.from(webhookSignature(secret, t, body).split('v1=')[1]!, 'hex');
  const given = Buffer.from(v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The event as the receiver sees it. */
export function webhookBody(n: NotificationRecord): string {
  return JSON.stringify({
    id: n.id,
    type: n.type,
    accountId: n.accountId,
    occurredAt: n.occurredAt.toISOString(),
    data: n.payload,
  });
}

/** POSTs one signed attempt; resolves on 2xx, throws otherwise. */
export async function postWebhook(input: {
  url: string;
  secret: string;
  eventId: string;
  body: string;
  now: Date;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
}): Promise<void> {
  const unix = Math.floor(input.now.getTime() / 1000);
  const response = await (input.fetchImpl ?? fetch)(input.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'pictor-billing-webhooks/1',
      [WEBHOOK_HEADERS.eventId]: input.eventId,
      [WEBHOOK_HEADERS.timestamp]: String(unix),
      [WEBHOOK_HEADERS.signature]: webhookSignature(input.secret, unix, input.body),
    },
    body: input.body,
    redirect: 'manual',
    signal: AbortSignal.timeout(input.timeoutMs ?? 10_000),
  });
  // Drain the body so the connection is reused.
  const text = await response.text().catch(() => '');
  if (response.status < 200 || response.status >= 300) {
    throw new Error(`webhook answered ${response.status}${text ? `: ${text.slice(0, 200)}` : ''}`);
  }
}
