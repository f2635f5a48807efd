import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { type WebhookTargets, guardedLookup, webhookUrlProblem } from './webhook-target.js';
import type { NotificationRecord } from './notification-rules.js';

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

/**
 * POSTs one signed attempt; resolves on 2xx, throws otherwise. The target is checked against
 * `targets` (scheme, then every address its name resolves to, on the connection itself); a
 * redirect is an answer like any other non-2xx, never followed.
 */
export async function postWebhook(input: {
  url: string;
  secret: string;
  eventId: string;
  body: string;
  now: Date;
  targets?: WebhookTargets;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
}): Promise<void> {
  const targets = input.targets ?? 'public';
  const url = new URL(input.url);
  const refused = webhookUrlProblem(url, targets);
  if (refused) throw new Error(refused);
  const unix = Math.floor(input.now.getTime() / 1000);
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'pictor-billing-webhooks/1',
    [WEBHOOK_HEADERS.eventId]: input.eventId,
    [WEBHOOK_HEADERS.timestamp]: String(unix),
    [WEBHOOK_HEADERS.signature]: webhookSignature(input.secret, unix, input.body),
  };
  const timeoutMs = input.timeoutMs ?? 10_000;
  const { status, text } = input.fetchImpl
    ? await viaFetch(input.fetchImpl, url, headers, input.body, timeoutMs)
    : await viaRequest(url, headers, input.body, timeoutMs, targets);
  if (status < 200 || status >= 300) {
    throw new Error(`webhook answered ${status}${text ? `: ${text.slice(0, 200)}` : ''}`);
  }
}

async function viaFetch(
  fetchImpl: typeof fetch,
  url: URL,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
) {
  const response = await fetchImpl(url, {
    method: 'POST',
    headers,
    body,
    redirect: 'manual',
    signal: AbortSignal.timeout(timeoutMs),
  });
  return { status: response.status, text: await response.text().catch(() => '') };
}

/** node:http(s) rather than fetch: only it lets the socket connect to the address that was checked. */
function viaRequest(
  url: URL,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
  targets: WebhookTargets,
): Promise<{ status: number; text: string }> {
  const send = url.protocol === 'https:' ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const request = send(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
        lookup: guardedLookup(targets) as unknown as LookupFunction,
        signal: AbortSignal.timeout(timeoutMs),
        agent: false,
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        // Read at most a little of the answer: only its status matters.
        response.on('data', (chunk: string) => {
          if (text.length < 1_000) text += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}
