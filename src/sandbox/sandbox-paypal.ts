/**
 * A sandbox PayPal: the subset of PayPal's REST API the engine uses (OAuth2 client credentials,
 * Orders v2 create/get/capture, capture refunds, webhook signature verification), with in-memory
 * state and a buyer approval page. The same code serves two purposes:
 *
 * - the embedded default: with no PayPal credentials configured the engine talks to one of these
 *   in-process (through `fetch`) and serves its approval page under /sandbox/paypal, so a newcomer
 *   can top up without any outside service;
 * - the tests' fake PayPal server (test/support/fake-paypal.ts), which serves it over real HTTP and
 *   drives the extra controls: decline or hold the next capture, emit signed or forged webhooks,
 *   count calls.
 *
 * Webhook signatures are HMAC-SHA256 (PayPal's are RSA with a certificate): the engine never checks
 * them itself, it asks the verify-webhook-signature endpoint, as it does with PayPal.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { type Clock, systemClock } from '../kernel/clock.js';

export interface SandboxPayPalOptions {
  /** Absolute URL this sandbox is reachable at (links and the approval page point there). */
  publicUrl: string;
  clientId?: string;
  clientSecret?: string;
  webhookId?: string;
  clock?: Clock;
}

export interface SandboxRequest {
  method: string;
  /** Path below the sandbox's root, with its query string: `/v2/checkout/orders?x=1`. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface SandboxResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type ScriptedCapture = 'decline' | 'pending' | 'instrument_declined';

interface Amount {
  currency_code: string;
  value: string;
}

interface SandboxOrder {
  id: string;
  status: 'PAYER_ACTION_REQUIRED' | 'APPROVED' | 'COMPLETED';
  referenceId: string;
  customId: string;
  description: string;
  amount: Amount;
  returnUrl: string | null;
  cancelUrl: string | null;
  captureId: string | null;
  createTime: string;
  updateTime: string;
}

interface SandboxCapture {
  id: string;
  orderId: string;
  status: 'COMPLETED' | 'PENDING' | 'DECLINED' | 'PARTIALLY_REFUNDED' | 'REFUNDED';
  reason: string | null;
  amount: Amount;
  customId: string;
  refundedCents: bigint;
  createTime: string;
  updateTime: string;
}

export interface WebhookDelivery {
  headers: Record<string, string>;
  body: string;
}

const CENTS = /^(0|[1-9][0-9]{0,9})\.[0-9]{2}$/;

function cents(value: string): bigint {
  const [whole, fraction] = value.split('.');
  return BigInt(whole!) * 100n + BigInt(fraction!);
}

function centsValue(c: bigint): string {
  return `${c / 100n}.${(c % 100n).toString().padStart(2, '0')}`;
}

/** PayPal-style ids: 17 upper-case letters and digits. */
function paypalId(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
  return [...randomBytes(17)].map((b) => alphabet[b % alphabet.length]).join('');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function header(req: SandboxRequest, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

export class SandboxPayPal {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly webhookId: string;
  readonly publicUrl: string;
  private readonly clock: Clock;
  private readonly signingKey = randomBytes(32);
  private readonly tokens = new Set<string>();
  private readonly orders = new Map<string, SandboxOrder>();
  private readonly captures = new Map<string, SandboxCapture>();
  /** Responses by (operation, PayPal-Request-Id): a repeated request gets the first answer. */
  private readonly replies = new Map<string, SandboxResponse>();
  private readonly script: ScriptedCapture[] = [];
  private readonly calls = new Map<string, number>();

  constructor(options: SandboxPayPalOptions) {
    this.publicUrl = options.publicUrl.replace(/\/+$/, '');
    this.clientId = options.clientId ?? 'sandbox-client';
    this.clientSecret = options.clientSecret ?? 'sandbox-secret';
    this.webhookId = options.webhookId ?? 'SANDBOXWEBHOOK';
    this.clock = options.clock ?? systemClock;
  }

  // ---- controls (tests; the approval page uses approve) ----

  /** The buyer approves the order (what PayPal's checkout page does). */
  approve(orderId: string): boolean {
    const order = this.orders.get(orderId);
    if (!order || order.status === 'COMPLETED') return false;
    order.status = 'APPROVED';
    order.updateTime = this.now();
    return true;
  }

  /** Makes the next capture decline, stay pending, or fail with INSTRUMENT_DECLINED. */
  scriptNextCapture(outcome: ScriptedCapture): void {
    this.script.push(outcome);
  }

  /** A pending capture clears (what happens at PayPal after a review or an eCheck). */
  completeCapture(captureId: string): boolean {
    const capture = this.captures.get(captureId);
    if (!capture || capture.status !== 'PENDING') return false;
    capture.status = 'COMPLETED';
    capture.reason = null;
    capture.updateTime = this.now();
    return true;
  }

  /** How many times an operation was called: 'create', 'capture', 'get', 'token', 'verify', 'refund'. */
  callCount(operation: string): number {
    return this.calls.get(operation) ?? 0;
  }

  orderStatus(orderId: string): string | undefined {
    return this.orders.get(orderId)?.status;
  }

  /** A PAYMENT.CAPTURE.* webhook event for a capture, as PayPal would post it. */
  captureEvent(captureId: string, eventType = 'PAYMENT.CAPTURE.COMPLETED'): Record<string, unknown> {
    const capture = this.captures.get(captureId);
    if (!capture) throw new Error(`no capture ${captureId}`);
    return {
      id: `WH-${paypalId()}-${paypalId()}`,
      event_version: '1.0',
      create_time: this.now(),
      resource_type: 'capture',
      resource_version: '2.0',
      event_type: eventType,
      summary: `Payment ${eventType.split('.').pop()!.toLowerCase()} for $ ${capture.amount.value} USD`,
      resource: this.captureJson(capture),
      links: [],
    };
  }

  /** A CHECKOUT.ORDER.* webhook event for an order, as PayPal would post it (resource: the order). */
  orderEvent(orderId: string, eventType = 'CHECKOUT.ORDER.APPROVED'): Record<string, unknown> {
    const order = this.orders.get(orderId);
    if (!order) throw new Error(`no order ${orderId}`);
    return {
      id: `WH-${paypalId()}-${paypalId()}`,
      event_version: '1.0',
      create_time: this.now(),
      resource_type: 'checkout-order',
      resource_version: '2.0',
      event_type: eventType,
      summary: `An order has been ${eventType.split('.').pop()!.toLowerCase()} by buyer`,
      resource: this.orderJson(order),
      links: [],
    };
  }

  /** The body and PAYPAL-* headers of a delivery that verify-webhook-signature accepts. */
  signedDelivery(event: unknown): WebhookDelivery {
    const body = JSON.stringify(event);
    const transmissionId = `${paypalId()}-${paypalId()}`.toLowerCase();
    const transmissionTime = this.now();
    return {
      headers: {
        'content-type': 'application/json',
        'paypal-transmission-id': transmissionId,
        'paypal-transmission-time': transmissionTime,
        'paypal-transmission-sig': this.sign(transmissionId, transmissionTime, this.webhookId, body),
        'paypal-cert-url': `${this.publicUrl}/v1/notifications/certs/CERT-SANDBOX`,
        'paypal-auth-algo': 'HMACSHA256',
      },
      body,
    };
  }

  /** A delivery that looks right but is not signed by this sandbox. */
  forgedDelivery(event: unknown): WebhookDelivery {
    const delivery = this.signedDelivery(event);
    const forger = createHmac('sha256', randomBytes(32)).update(delivery.body).digest('base64');
    return { ...delivery, headers: { ...delivery.headers, 'paypal-transmission-sig': forger } };
  }

  // ---- transport adapters ----

  /** A fetch that answers from this sandbox in-process (the embedded default's PayPal client uses it). */
  readonly fetch: typeof fetch = async (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, key) => {
      headers[key] = value;
    });
    const res = this.handle({
      method: init?.method ?? 'GET',
      url: `${url.pathname}${url.search}`,
      headers,
      body: typeof init?.body === 'string' ? init.body : '',
    });
    return new Response(res.status === 204 ? null : res.body, { status: res.status, headers: res.headers });
  };

  /** Answers one HTTP request addressed to the sandbox. */
  handle(req: SandboxRequest): SandboxResponse {
    const url = new URL(req.url, 'http://sandbox.invalid');
    const path = url.pathname.replace(/\/+$/, '');
    const method = req.method.toUpperCase();
    let m: RegExpExecArray | null;

    if (path === '/checkoutnow') {
      const token = url.searchParams.get('token') ?? '';
      return method === 'POST' ? this.approvePage(token) : this.checkoutPage(token);
    }
    if (method === 'POST' && path === '/v1/oauth2/token') return this.issueToken(req);

    if (!this.authorized(req)) {
      return json(401, { error: 'invalid_token', error_description: 'Token signature verification failed' });
    }
    if (method === 'POST' && path === '/v2/checkout/orders') return this.createOrder(req);
    if (method === 'GET' && (m = /^\/v2\/checkout\/orders\/([A-Z0-9]+)$/.exec(path))) {
      this.count('get');
      const order = this.orders.get(m[1]!);
      return order ? json(200, this.orderJson(order)) : notFound();
    }
    if (method === 'POST' && (m = /^\/v2\/checkout\/orders\/([A-Z0-9]+)\/capture$/.exec(path))) {
      return this.idempotent(req, 'capture', () => this.capture(m![1]!));
    }
    if (method === 'POST' && (m = /^\/v2\/payments\/captures\/([A-Z0-9]+)\/refund$/.exec(path))) {
      return this.idempotent(req, 'refund', () => this.refund(m![1]!, req));
    }
    if (method === 'POST' && path === '/v1/notifications/verify-webhook-signature') return this.verify(req);
    return notFound();
  }

  // ---- endpoints ----

  private issueToken(req: SandboxRequest): SandboxResponse {
    this.count('token');
    const expected = `Basic ${Buffer.from(`${this.clientId}:${this.clientSecret}`).toString('base64')}`;
    const grant = new URLSearchParams(req.body).get('grant_type');
    if (header(req, 'authorization') !== expected || grant !== 'client_credentials') {
      return json(401, { error: 'invalid_client', error_description: 'Client Authentication failed' });
    }
    const token = `A21AA${randomBytes(24).toString('base64url')}`;
    this.tokens.add(token);
    return json(200, {
      scope: 'https://uri.paypal.com/services/payments/payment',
      access_token: token,
      token_type: 'Bearer',
      app_id: 'APP-SANDBOX',
      expires_in: 32400,
      nonce: `${this.now()}${paypalId()}`,
    });
  }

  private authorized(req: SandboxRequest): boolean {
    const match = /^Bearer (\S+)$/.exec(header(req, 'authorization') ?? '');
    return match !== null && this.tokens.has(match[1]!);
  }

  private createOrder(req: SandboxRequest): SandboxResponse {
    return this.idempotent(req, 'create', () => {
      const body = parse(req.body) as {
        intent?: string;
        purchase_units?: {
          reference_id?: string;
          custom_id?: string;
          description?: string;
          amount?: Amount;
        }[];
        payment_source?: { paypal?: { experience_context?: { return_url?: string; cancel_url?: string } } };
      } | null;
      const unit = body?.purchase_units?.[0];
      const amount = unit?.amount;
      if (!body || body.intent !== 'CAPTURE' || body.purchase_units?.length !== 1 || !amount) {
        return invalidRequest('/purchase_units', 'MISSING_REQUIRED_PARAMETER');
      }
      if (amount.currency_code !== 'USD')
        return invalidRequest(
          "/purchase_units/@reference_id=='default'/amount/currency_code",
          'CURRENCY_NOT_SUPPORTED',
        );
      if (typeof amount.value !== 'string' || !CENTS.test(amount.value) || cents(amount.value) <= 0n) {
        return invalidRequest(
          "/purchase_units/@reference_id=='default'/amount/value",
          'INVALID_PARAMETER_VALUE',
        );
      }
      const now = this.now();
      const order: SandboxOrder = {
        id: paypalId(),
        status: 'PAYER_ACTION_REQUIRED',
        referenceId: unit.reference_id ?? 'default',
        customId: unit.custom_id ?? '',
        description: unit.description ?? '',
        amount: { currency_code: 'USD', value: amount.value },
        returnUrl: body.payment_source?.paypal?.experience_context?.return_url ?? null,
        cancelUrl: body.payment_source?.paypal?.experience_context?.cancel_url ?? null,
        captureId: null,
        createTime: now,
        updateTime: now,
      };
      this.orders.set(order.id, order);
      return json(201, this.orderJson(order));
    });
  }

  private capture(orderId: string): SandboxResponse {
    const order = this.orders.get(orderId);
    if (!order) return notFound();
    if (order.status === 'COMPLETED')
      return unprocessable('ORDER_ALREADY_CAPTURED', 'Order already captured.');
    if (order.status !== 'APPROVED') {
      return unprocessable('ORDER_NOT_APPROVED', 'Payer has not yet approved the Order for payment.');
    }
    const scripted = this.script.shift();
    if (scripted === 'instrument_declined') {
      return unprocessable(
        'INSTRUMENT_DECLINED',
        'The instrument presented was either declined by the processor or bank.',
      );
    }
    const now = this.now();
    const capture: SandboxCapture = {
      id: paypalId(),
      orderId,
      status: scripted === 'decline' ? 'DECLINED' : scripted === 'pending' ? 'PENDING' : 'COMPLETED',
      reason: scripted === 'pending' ? 'PENDING_REVIEW' : null,
      amount: order.amount,
      customId: order.customId,
      refundedCents: 0n,
      createTime: now,
      updateTime: now,
    };
    this.captures.set(capture.id, capture);
    order.status = 'COMPLETED';
    order.captureId = capture.id;
    order.updateTime = now;
    return json(201, this.orderJson(order));
  }

  private refund(captureId: string, req: SandboxRequest): SandboxResponse {
    const capture = this.captures.get(captureId);
    if (!capture) return notFound();
    if (capture.status !== 'COMPLETED' && capture.status !== 'PARTIALLY_REFUNDED') {
      return unprocessable(
        'CAPTURE_FULLY_REFUNDED',
        'The capture has already been fully refunded or cannot be refunded.',
      );
    }
    const body = (parse(req.body) ?? {}) as { amount?: Amount };
    const remaining = cents(capture.amount.value) - capture.refundedCents;
    let refund = remaining;
    if (body.amount) {
      if (body.amount.currency_code !== 'USD' || !CENTS.test(body.amount.value ?? '')) {
        return invalidRequest('/amount/value', 'INVALID_PARAMETER_VALUE');
      }
      refund = cents(body.amount.value);
      if (refund <= 0n || refund > remaining) {
        return unprocessable(
          'REFUND_AMOUNT_EXCEEDED',
          'The refund amount must be less than or equal to the capture amount that has not yet been refunded.',
        );
      }
    }
    capture.refundedCents += refund;
    capture.status =
      capture.refundedCents === cents(capture.amount.value) ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
    capture.updateTime = this.now();
    return json(201, {
      id: paypalId(),
      status: 'COMPLETED',
      amount: { currency_code: 'USD', value: centsValue(refund) },
      create_time: capture.updateTime,
      links: [{ href: `${this.publicUrl}/v2/payments/captures/${captureId}`, rel: 'up', method: 'GET' }],
    });
  }

  private verify(req: SandboxRequest): SandboxResponse {
    this.count('verify');
    const body = parse(req.body) as Record<string, unknown> | null;
    const required = [
      'auth_algo',
      'cert_url',
      'transmission_id',
      'transmission_sig',
      'transmission_time',
      'webhook_id',
    ];
    const missing = required.find((k) => typeof body?.[k] !== 'string');
    if (!body || missing || body.webhook_event === undefined) {
      return invalidRequest(`/${missing ?? 'webhook_event'}`, 'MISSING_REQUIRED_PARAMETER');
    }
    const expected = this.sign(
      body.transmission_id as string,
      body.transmission_time as string,
      body.webhook_id as string,
      JSON.stringify(body.webhook_event),
    );
    const given = Buffer.from(body.transmission_sig as string);
    const ok =
      body.webhook_id === this.webhookId &&
      body.auth_algo === 'HMACSHA256' &&
      given.length === Buffer.byteLength(expected) &&
      timingSafeEqual(given, Buffer.from(expected));
    return json(200, { verification_status: ok ? 'SUCCESS' : 'FAILURE' });
  }

  private checkoutPage(token: string): SandboxResponse {
    const order = this.orders.get(token);
    if (!order) return html(404, '<h1>Sandbox PayPal</h1><p>No such order.</p>');
    const done = order.status !== 'PAYER_ACTION_REQUIRED';
    return html(
      200,
      `<h1>Sandbox PayPal</h1>
<p>Pay <strong>$${escapeHtml(order.amount.value)} USD</strong> to Pictor: ${escapeHtml(order.description)}</p>
<p>This is the built-in sandbox: no money moves.</p>
${done ? `<p>Status: ${order.status}.</p>` : `<form method="post" action="${escapeHtml(`${this.publicUrl}/checkoutnow?token=${order.id}`)}"><button type="submit">Approve payment</button></form>`}
${!done && order.cancelUrl ? `<p><a href="${escapeHtml(withToken(order.cancelUrl, order.id))}">Cancel and return to Pictor</a></p>` : ''}`,
    );
  }

  private approvePage(token: string): SandboxResponse {
    const order = this.orders.get(token);
    if (!order || !this.approve(token)) {
      return html(order ? 409 : 404, '<h1>Sandbox PayPal</h1><p>This order cannot be approved.</p>');
    }
    if (order.returnUrl) {
      const back = new URL(withToken(order.returnUrl, order.id));
      back.searchParams.set('PayerID', 'SANDBOXPAYER');
      return { status: 303, headers: { location: back.toString() }, body: '' };
    }
    return html(
      200,
      `<h1>Sandbox PayPal</h1><p>Payment approved. Back in Pictor, capture top-up order
<code>${escapeHtml(order.customId)}</code>: <code>POST /v1/accounts/{accountId}/top-ups/paypal/${escapeHtml(order.customId)}/capture</code>.</p>`,
    );
  }

  // ---- helpers ----

  private idempotent(req: SandboxRequest, operation: string, work: () => SandboxResponse): SandboxResponse {
    this.count(operation);
    const requestId = header(req, 'paypal-request-id');
    if (!requestId) return work();
    const key = `${operation}\u0000${requestId}`;
    const earlier = this.replies.get(key);
    if (earlier) return earlier;
    const res = work();
    // Like PayPal, a request id remembers what it did, not a refusal: after ORDER_NOT_APPROVED the
    // same id may capture once the buyer approves.
    if (res.status < 300) this.replies.set(key, res);
    return res;
  }

  private sign(transmissionId: string, time: string, webhookId: string, body: string): string {
    const digest = createHash('sha256').update(body).digest('hex');
    return createHmac('sha256', this.signingKey)
      .update(`${transmissionId}|${time}|${webhookId}|${digest}`)
      .digest('base64');
  }

  private orderJson(order: SandboxOrder) {
    const capture = order.captureId ? this.captures.get(order.captureId) : undefined;
    const self = `${this.publicUrl}/v2/checkout/orders/${order.id}`;
    const links =
      order.status === 'COMPLETED'
        ? [{ href: self, rel: 'self', method: 'GET' }]
        : [
            { href: self, rel: 'self', method: 'GET' },
            { href: `${this.publicUrl}/checkoutnow?token=${order.id}`, rel: 'payer-action', method: 'GET' },
            { href: `${self}/capture`, rel: 'capture', method: 'POST' },
          ];
    return {
      id: order.id,
      intent: 'CAPTURE',
      status: order.status,
      payment_source: { paypal: {} },
      purchase_units: [
        {
          reference_id: order.referenceId,
          custom_id: order.customId,
          description: order.description,
          amount: order.amount,
          ...(capture ? { payments: { captures: [this.captureJson(capture)] } } : {}),
        },
      ],
      create_time: order.createTime,
      update_time: order.updateTime,
      links,
    };
  }

  private captureJson(capture: SandboxCapture) {
    return {
      id: capture.id,
      status: capture.status,
      ...(capture.reason ? { status_details: { reason: capture.reason } } : {}),
      amount: capture.amount,
      custom_id: capture.customId,
      final_capture: true,
      supplementary_data: { related_ids: { order_id: capture.orderId } },
      create_time: capture.createTime,
      update_time: capture.updateTime,
      links: [{ href: `${this.publicUrl}/v2/payments/captures/${capture.id}`, rel: 'self', method: 'GET' }],
    };
  }

  private count(operation: string): void {
    this.calls.set(operation, (this.calls.get(operation) ?? 0) + 1);
  }

  private now(): string {
    return this.clock
      .now()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
  }
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function json(status: number, body: unknown): SandboxResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

function html(status: number, body: string): SandboxResponse {
  return {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: `<!doctype html><html><head><meta charset="utf-8"><title>Sandbox PayPal</title></head><body>${body}</body></html>`,
  };
}

const debugId = () => randomBytes(6).toString('hex');

function notFound(): SandboxResponse {
  return json(404, {
    name: 'RESOURCE_NOT_FOUND',
    details: [{ issue: 'INVALID_RESOURCE_ID', description: 'Specified resource ID does not exist.' }],
    message: 'The specified resource does not exist.',
    debug_id: debugId(),
  });
}

function invalidRequest(field: string, issue: string): SandboxResponse {
  return json(400, {
    name: 'INVALID_REQUEST',
    message: 'Request is not well-formed, syntactically incorrect, or violates schema.',
    debug_id: debugId(),
    details: [{ field, location: 'body', issue, description: issue.toLowerCase().replace(/_/g, ' ') }],
  });
}

function unprocessable(issue: string, description: string): SandboxResponse {
  return json(422, {
    name: 'UNPROCESSABLE_ENTITY',
    details: [{ issue, description }],
    message:
      'The requested action could not be performed, semantically incorrect, or failed business validation.',
    debug_id: debugId(),
  });
}

/** PayPal appends its order id as `token` to both the return and the cancel URL. */
function withToken(url: string, token: string): string {
  const u = new URL(url);
  u.searchParams.set('token', token);
  return u.toString();
}
