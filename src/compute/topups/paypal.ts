/**
 * PayPal's Orders v2 REST API over plain fetch (the PayPal SDK cannot be pointed at a local fake).
 * The base URL is configuration: PayPal's live or sandbox API, the test suite's fake server, or the
 * engine's built-in sandbox (reached in-process through an injected fetch).
 *
 * Only the outcomes the engine acts on are surfaced: a capture is completed, pending, declined,
 * not approved yet, or already captured. Anything else is a PayPalError (the caller answers 502 and
 * the customer or PayPal's webhook retries later).
 */
import { createHash } from 'node:crypto';

export type PayPalRail = 'paypal' | 'sandbox';

export interface CreateOrderInput {
  /** Our top-up order id: PayPal's custom_id and reference_id, so webhooks can be traced back. */
  orderId: string;
  /** Amount PayPal charges, in USD with 2 decimals ("104.70"). */
  totalValue: string;
  description: string;
  returnUrl?: string;
  cancelUrl?: string;
  /** PayPal-Request-Id: a retry with the same id returns the first order instead of a second one. */
  requestId: string;
}

export interface CreatedOrder {
  id: string;
  status: string;
  /** Where the buyer approves the payment (HATEOAS rel "payer-action" or "approve"). */
  approveUrl: string;
}

export type CaptureOutcome =
  | { status: 'completed'; captureId: string; amountValue: string; currency: string }
  | { status: 'pending'; captureId: string; reason: string }
  | { status: 'declined'; captureId: string | null; reason: string }
  | { status: 'not_approved'; orderStatus: string }
  | { status: 'already_captured' };

/** The PAYPAL-* transmission headers of a webhook delivery, lower-cased as Node delivers them. */
export interface WebhookTransmission {
  'paypal-transmission-id'?: string;
  'paypal-transmission-time'?: string;
  'paypal-transmission-sig'?: string;
  'paypal-cert-url'?: string;
  'paypal-auth-algo'?: string;
}

export interface RefundInput {
  /** Partial refund in USD ("10.00"); the whole capture when absent. */
  amountValue?: string;
  noteToPayer?: string;
  requestId: string;
}

export interface RefundResult {
  id: string;
  status: string;
}

/** What the services need from PayPal. The real API, the test fake and the sandbox all speak it. */
export interface PayPalGateway {
  /** Which clearing account its money arrives in: real PayPal or the built-in sandbox. */
  readonly rail: PayPalRail;
  createOrder(input: CreateOrderInput): Promise<CreatedOrder>;
  captureOrder(providerOrderId: string, requestId: string): Promise<CaptureOutcome>;
  /** The order as PayPal has it now, as a capture outcome (not_approved while uncaptured). */
  getOrder(providerOrderId: string): Promise<CaptureOutcome>;
  verifyWebhookSignature(transmission: WebhookTransmission, event: unknown): Promise<boolean>;
  refundCapture(captureId: string, input: RefundInput): Promise<RefundResult>;
}

/** PayPal answered with an error the engine does not act on, or could not be reached. */
export class PayPalError extends Error {
  constructor(
    message: string,
    readonly httpStatus: number | null,
    readonly issue: string | null = null,
    readonly debugId: string | null = null,
  ) {
    super(message);
    this.name = 'PayPalError';
  }
}

export interface PayPalClientOptions {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** The webhook's id in the PayPal developer dashboard; without it no webhook verifies. */
  webhookId?: string;
  rail?: PayPalRail;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

interface PayPalLink {
  href: string;
  rel: string;
  method?: string;
}

interface PayPalCapture {
  id: string;
  status: string;
  status_details?: { reason?: string };
  amount?: { currency_code: string; value: string };
}

interface PayPalOrder {
  id: string;
  status: string;
  links?: PayPalLink[];
  purchase_units?: { payments?: { captures?: PayPalCapture[] } }[];
}

interface PayPalErrorBody {
  name?: string;
  message?: string;
  debug_id?: string;
  details?: { issue?: string; description?: string }[];
  error?: string;
  error_description?: string;
}

/** PayPal-Request-Id is at most 108 characters: long keys are hashed. */
export function paypalRequestId(...parts: string[]): string {
  const joined = parts.join(':');
  return joined.length <= 108 ? joined : createHash('sha256').update(joined).digest('base64url');
}

export class PayPalClient implements PayPalGateway {
  readonly rail: PayPalRail;
  private readonly baseUrl: string;
  private readonly fetch: typeof fetch;
  private token: { value: string; expiresAt: number } | undefined;

  constructor(private readonly options: PayPalClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.rail = options.rail ?? 'paypal';
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  async createOrder(input: CreateOrderInput): Promise<CreatedOrder> {
    const experience: Record<string, string> = {
      user_action: 'PAY_NOW',
      shipping_preference: 'NO_SHIPPING',
      brand_name: 'Pictor',
    };
    if (input.returnUrl) experience.return_url = input.returnUrl;
    if (input.cancelUrl) experience.cancel_url = input.cancelUrl;
    const res = await this.api('POST', '/v2/checkout/orders', {
      headers: { 'PayPal-Request-Id': input.requestId, Prefer: 'return=representation' },
      body: {
        intent: 'CAPTURE',
        purchase_units: [
          {
            reference_id: input.orderId,
            custom_id: input.orderId,
            description: input.description,
            amount: { currency_code: 'USD', value: input.totalValue },
          },
        ],
        payment_source: { paypal: { experience_context: experience } },
      },
    });
    if (res.status !== 200 && res.status !== 201) throw errorOf('create order', res.status, res.body);
    const order = res.body as PayPalOrder;
    const link = order.links?.find((l) => l.rel === 'payer-action' || l.rel === 'approve');
    if (!order.id || !link)
      throw new PayPalError('PayPal returned an order without an approval link', res.status);
    return { id: order.id, status: order.status, approveUrl: link.href };
  }

  async captureOrder(providerOrderId: string, requestId: string): Promise<CaptureOutcome> {
    const res = await this.api('POST', `/v2/checkout/orders/${encodeURIComponent(providerOrderId)}/capture`, {
      headers: { 'PayPal-Request-Id': requestId, Prefer: 'return=representation' },
      body: {},
    });
    if (res.status === 200 || res.status === 201) return outcomeOf(res.body as PayPalOrder);
    const issue = issueOf(res.body);
    if (res.status === 422 && issue === 'ORDER_ALREADY_CAPTURED') return { status: 'already_captured' };
    if (res.status === 422 && issue === 'ORDER_NOT_APPROVED')
      return { status: 'not_approved', orderStatus: 'CREATED' };
    if (res.status === 422 && (issue === 'INSTRUMENT_DECLINED' || issue === 'TRANSACTION_REFUSED')) {
      return { status: 'declined', captureId: null, reason: issue };
    }
    throw errorOf('capture order', res.status, res.body);
  }

  async getOrder(providerOrderId: string): Promise<CaptureOutcome> {
    const res = await this.api('GET', `/v2/checkout/orders/${encodeURIComponent(providerOrderId)}`);
    if (res.status !== 200) throw errorOf('get order', res.status, res.body);
    return outcomeOf(res.body as PayPalOrder);
  }

  async verifyWebhookSignature(t: WebhookTransmission, event: unknown): Promise<boolean> {
    const fields = {
      auth_algo: t['paypal-auth-algo'],
      cert_url: t['paypal-cert-url'],
      transmission_id: t['paypal-transmission-id'],
      transmission_sig: t['paypal-transmission-sig'],
      transmission_time: t['paypal-transmission-time'],
    };
    if (!this.options.webhookId || Object.values(fields).some((v) => !v)) return false;
    const res = await this.api('POST', '/v1/notifications/verify-webhook-signature', {
      body: { ...fields, webhook_id: this.options.webhookId, webhook_event: event },
    });
    if (res.status >= 500) throw errorOf('verify webhook signature', res.status, res.body);
    return (
      res.status === 200 && (res.body as { verification_status?: string }).verification_status === 'SUCCESS'
    );
  }

  async refundCapture(captureId: string, input: RefundInput): Promise<RefundResult> {
    const body: Record<string, unknown> = {};
    if (input.amountValue) body.amount = { value: input.amountValue, currency_code: 'USD' };
    if (input.noteToPayer) body.note_to_payer = input.noteToPayer;
    const res = await this.api('POST', `/v2/payments/captures/${encodeURIComponent(captureId)}/refund`, {
      headers: { 'PayPal-Request-Id': input.requestId, Prefer: 'return=representation' },
      body,
    });
    if (res.status !== 200 && res.status !== 201) throw errorOf('refund capture', res.status, res.body);
    const refund = res.body as { id: string; status: string };
    return { id: refund.id, status: refund.status };
  }

  /** An authenticated call; a rejected token is renewed once. */
  private async api(
    method: 'GET' | 'POST',
    path: string,
    options: { headers?: Record<string, string>; body?: unknown } = {},
  ): Promise<{ status: number; body: unknown }> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.accessToken();
      const res = await this.send(
        method,
        path,
        {
          ...options.headers,
          Authorization: `Bearer ${token}`,
          ...(options.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        options.body === undefined ? undefined : JSON.stringify(options.body),
      );
      if (res.status === 401 && attempt === 0) {
        this.token = undefined;
        continue;
      }
      return res;
    }
  }

  /** OAuth 2.0 client credentials, cached until shortly before PayPal says it expires. */
  private async accessToken(): Promise<string> {
    if (this.token && performance.now() < this.token.expiresAt) return this.token.value;
    const basic = Buffer.from(`${this.options.clientId}:${this.options.clientSecret}`).toString('base64');
    const res = await this.send(
      'POST',
      '/v1/oauth2/token',
      { Authorization: `Basic ${basic}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      'grant_type=client_credentials',
    );
    const body = res.body as { access_token?: string; expires_in?: number };
    if (res.status !== 200 || !body.access_token)
      throw errorOf('obtain an access token', res.status, res.body);
    const lifetimeMs = Math.max(0, (body.expires_in ?? 0) - 60) * 1000;
    this.token = { value: body.access_token, expiresAt: performance.now() + lifetimeMs };
    return body.access_token;
  }

  private async send(
    method: string,
    path: string,
    headers: Record<string, string>,
    body: string | undefined,
  ): Promise<{ status: number; body: unknown }> {
    let res: Response;
    try {
      res = await this.fetch(`${this.baseUrl}${path}`, {
        method,
        headers: { Accept: 'application/json', ...headers },
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
      });
    } catch (error) {
      throw new PayPalError(`PayPal could not be reached: ${(error as Error).message}`, null);
    }
    const text = await res.text();
    let parsed: unknown = {};
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = { message: text.slice(0, 200) };
      }
    }
    return { status: res.status, body: parsed };
  }
}

function outcomeOf(order: PayPalOrder): CaptureOutcome {
  const capture = order.purchase_units?.[0]?.payments?.captures?.[0];
  if (!capture) return { status: 'not_approved', orderStatus: order.status };
  switch (capture.status) {
    // A capture refunded later was still money received: crediting stays keyed on its id.
    case 'COMPLETED':
    case 'PARTIALLY_REFUNDED':
    case 'REFUNDED':
      return {
        status: 'completed',
        captureId: capture.id,
        amountValue: capture.amount?.value ?? '',
        currency: capture.amount?.currency_code ?? '',
      };
    case 'PENDING':
      return {
        status: 'pending',
        captureId: capture.id,
        reason: capture.status_details?.reason ?? 'PENDING',
      };
    default:
      return {
        status: 'declined',
        captureId: capture.id,
        reason: capture.status_details?.reason ?? capture.status,
      };
  }
}

function issueOf(body: unknown): string | null {
  return (body as PayPalErrorBody | null)?.details?.[0]?.issue ?? null;
}

function errorOf(action: string, status: number, body: unknown): PayPalError {
  const b = (body ?? {}) as PayPalErrorBody;
  const issue = issueOf(body) ?? b.error ?? b.name ?? null;
  const message = b.details?.[0]?.description ?? b.message ?? b.error_description ?? 'no detail';
  return new PayPalError(
    `PayPal refused to ${action} (${status} ${issue ?? ''}): ${message}`,
    status,
    issue,
    b.debug_id ?? null,
  );
}
