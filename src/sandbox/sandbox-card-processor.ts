/**
 * A sandbox card processor: the subset of Stripe's REST API that the engine (through the stripe
 * SDK) and the billing page use, with in-memory state (kept in `stateFile` when given, so saved
 * cards outlive a restart of the embedded service as they would at a real processor; only brand,
 * last4, expiry and the test behaviour are kept, never a card number). Form-encoded bodies, `Bearer` keys, Stripe-
 * shaped objects and error objects, and `Idempotency-Key` honoured (a repeat replays the first
 * answer; the same key with other parameters is an `idempotency_error`).
 *
 * - `POST /v1/payment_methods` (publishable or secret key, CORS): tokenizes `card[number]`,
 *   `card[exp_month]`, `card[exp_year]`, `card[cvc]` into a `pm_…` after a Luhn and expiry check;
 * - `GET /v1/payment_methods/:id`, `POST …/:id/attach`, `POST …/:id/detach`;
 * - `POST /v1/customers`, `GET /v1/customers/:id`;
 * - `POST /v1/payment_intents` (confirm + off_session), `GET /v1/payment_intents/:id`.
 *
 * Cards behave like Stripe's test cards: 4242 4242 4242 4242 (and any other valid number) succeeds;
 * 4000 0000 0000 0002 is refused when attached to a customer (402 card_declined / generic_decline,
 * as Stripe checks the card at attach); 4000 0000 0000 0069 is refused at attach (expired_card), as
 * is any card whose expiry has passed by the time it is attached; 4000 0000 0000 0341 attaches but
 * every charge declines (card_declined / generic_decline, Stripe's "attach succeeds, charge fails"
 * card); 4000 0000 0000 9995 attaches and charges decline with insufficient_funds; 4000 0000 0000
 * 0127 incorrect_cvc on charge. The number is used at tokenization and then dropped: the sandbox
 * keeps only brand, last 4, expiry and the behaviour the number selects.
 *
 * It is the embedded default (served on 127.0.0.1, an ephemeral port, when no processor is
 * configured) and the tests' fake processor (test/support/fake-card-processor.ts).
 */
import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Clock, systemClock } from '../kernel/clock.js';

export interface SandboxCardOptions {
  secretKey?: string;
  publishableKey?: string;
  clock?: Clock;
  /** A JSON file holding the sandbox's state across restarts (the embedded default's data dir). */
  stateFile?: string;
}

/** What `stateFile` holds. */
interface SandboxState {
  secretKey: string;
  publishableKey: string;
  customers: [string, { id: string; metadata: Record<string, string>; created: number }][];
  paymentMethods: [string, SandboxPaymentMethod][];
  intents: [string, SandboxPaymentIntent][];
  idempotency: [string, { fingerprint: string; response: SandboxCardResponse }][];
}

export interface SandboxCardRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface SandboxCardResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

type Behaviour =
  | { outcome: 'succeed' }
  | {
      outcome: 'decline';
      code: string;
      declineCode: string;
      message: string;
      /** The card is refused when attached to a customer (never saved), not only when charged. */
      refusedAtAttach?: boolean;
    };

interface SandboxPaymentMethod {
  id: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
  fingerprint: string;
  customer: string | null;
  /** Detached from its customer: Stripe never lets it be used again. */
  detached: boolean;
  created: number;
  behaviour: Behaviour;
}

export interface SandboxPaymentIntent {
  id: string;
  amount: number;
  currency: string;
  customer: string;
  paymentMethod: string;
  status: 'succeeded' | 'requires_payment_method';
  description: string | null;
  metadata: Record<string, string>;
  lastError: { code: string; decline_code: string; message: string } | null;
  created: number;
  idempotencyKey: string | null;
}

const GENERIC_DECLINE: Behaviour = {
  outcome: 'decline',
  code: 'card_declined',
  declineCode: 'generic_decline',
  message: 'Your card was declined.',
};

/** Stripe's test numbers and what a charge on them does. */
const TEST_CARDS: Record<string, Behaviour> = {
  '4000000000000002': { ...GENERIC_DECLINE, refusedAtAttach: true },
  '4000000000000341': GENERIC_DECLINE,
  '4000000000009995': {
    outcome: 'decline',
    code: 'card_declined',
    declineCode: 'insufficient_funds',
    message: 'Your card has insufficient funds.',
  },
  '4000000000000069': {
    outcome: 'decline',
    code: 'expired_card',
    declineCode: 'expired_card',
    message: 'Your card has expired.',
    refusedAtAttach: true,
  },
  '4000000000000127': {
    outcome: 'decline',
    code: 'incorrect_cvc',
    declineCode: 'incorrect_cvc',
    message: "Your card's security code is incorrect.",
  },
};

export function luhnValid(digits: string): boolean {
  if (!/^[0-9]{12,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function cardBrand(digits: string): string {
  if (/^4/.test(digits)) return 'visa';
  if (/^(5[1-5]|2(2[2-9]|[3-6][0-9]|7[01]|720))/.test(digits)) return 'mastercard';
  if (/^3[47]/.test(digits)) return 'amex';
  if (/^(6011|65|64[4-9])/.test(digits)) return 'discover';
  if (/^35/.test(digits)) return 'jcb';
  if (/^3(0[0-5]|[689])/.test(digits)) return 'diners';
  return 'unknown';
}

class ApiError {
  constructor(
    readonly status: number,
    readonly error: Record<string, unknown>,
  ) {}
}

const invalid = (message: string, param?: string, code = 'parameter_invalid') =>
  new ApiError(400, { type: 'invalid_request_error', code, message, ...(param ? { param } : {}) });
const missing = (kind: string, id: string, param = 'id') =>
  new ApiError(404, {
    type: 'invalid_request_error',
    code: 'resource_missing',
    message: `No such ${kind}: '${id}'`,
    param,
  });
const cardError = (code: string, message: string, param?: string) =>
  new ApiError(402, { type: 'card_error', code, message, ...(param ? { param } : {}) });

export class SandboxCardProcessor {
  readonly secretKey: string;
  readonly publishableKey: string;
  private readonly clock: Clock;
  private readonly customers = new Map<
    string,
    { id: string; metadata: Record<string, string>; created: number }
  >();
  private readonly paymentMethods = new Map<string, SandboxPaymentMethod>();
  private readonly intents = new Map<string, SandboxPaymentIntent>();
  private readonly idempotency = new Map<string, { fingerprint: string; response: SandboxCardResponse }>();
  /** Every request served, in order: method, path (no query), and the idempotency key sent. */
  readonly log: { method: string; path: string; idempotencyKey: string | null }[] = [];

  private readonly stateFile: string | undefined;

  constructor(options: SandboxCardOptions = {}) {
    this.stateFile = options.stateFile;
    const saved =
      this.stateFile && fs.existsSync(this.stateFile)
        ? (JSON.parse(fs.readFileSync(this.stateFile, 'utf8')) as SandboxState)
        : undefined;
    this.secretKey =
      options.secretKey ?? saved?.secretKey ?? `sk_test_sandbox_${randomBytes(12).toString('hex')}`;
    this.publishableKey =
      options.publishableKey ?? saved?.publishableKey ?? `pk_test_sandbox_${randomBytes(12).toString('hex')}`;
    this.clock = options.clock ?? systemClock;
    for (const [k, v] of saved?.customers ?? []) this.customers.set(k, v);
    for (const [k, v] of saved?.paymentMethods ?? []) this.paymentMethods.set(k, v);
    for (const [k, v] of saved?.intents ?? []) this.intents.set(k, v);
    for (const [k, v] of saved?.idempotency ?? []) this.idempotency.set(k, v);
  }

  /** Writes the state after a change (a new file renamed over the old: never half written). */
  private save(): void {
    if (!this.stateFile) return;
    const state: SandboxState = {
      secretKey: this.secretKey,
      publishableKey: this.publishableKey,
      customers: [...this.customers],
      paymentMethods: [...this.paymentMethods],
      intents: [...this.intents],
      idempotency: [...this.idempotency],
    };
    fs.writeFileSync(`${this.stateFile}.tmp`, JSON.stringify(state), { mode: 0o600 });
    fs.renameSync(`${this.stateFile}.tmp`, this.stateFile);
  }

  /** Every PaymentIntent created (each idempotent repeat is answered from the first, not listed again). */
  paymentIntents(): SandboxPaymentIntent[] {
    return [...this.intents.values()];
  }

  /** Succeeded charges in cents, for a customer or all. */
  chargedCents(customer?: string): number {
    return this.paymentIntents()
      .filter((p) => p.status === 'succeeded' && (customer === undefined || p.customer === customer))
      .reduce((sum, p) => sum + p.amount, 0);
  }

  handle(request: SandboxCardRequest): SandboxCardResponse {
    const [path = '/', query = ''] = request.url.split('?', 2);
    const key = header(request.headers, 'idempotency-key') ?? null;
    this.log.push({ method: request.method, path, idempotencyKey: key });
    if (request.method === 'OPTIONS') return { status: 204, headers: CORS, body: '' };
    const auth = /^Bearer (\S+)$/.exec(header(request.headers, 'authorization') ?? '')?.[1];
    const publishable = auth === this.publishableKey;
    if (auth !== this.secretKey && !publishable) {
      return respond(
        new ApiError(401, {
          type: 'invalid_request_error',
          message: 'Invalid API Key provided.',
        }),
      );
    }
    const params = request.method === 'GET' ? parseForm(query) : parseForm(request.body);
    const fingerprint = `${request.method} ${path} ${request.body}`;
    const scopedKey = key === null || request.method !== 'POST' ? null : `${auth} ${key}`;
    if (scopedKey) {
      const earlier = this.idempotency.get(scopedKey);
      if (earlier) {
        if (earlier.fingerprint !== fingerprint) {
          return respond(
            new ApiError(400, {
              type: 'idempotency_error',
              message:
                'Keys for idempotent requests can only be used with the same parameters they were first used with.',
            }),
          );
        }
        return {
          ...earlier.response,
          headers: { ...earlier.response.headers, 'idempotent-replayed': 'true' },
        };
      }
    }
    let response: SandboxCardResponse;
    try {
      const value = this.route(request.method, path, params, publishable, key);
      response = {
        status: 200,
        headers: { ...CORS, 'content-type': 'application/json' },
        body: JSON.stringify(value),
      };
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      response = respond(error);
    }
    // Stripe saves the first answer under the key, errors included, except server errors.
    if (scopedKey && response.status < 500) this.idempotency.set(scopedKey, { fingerprint, response });
    if (request.method !== 'GET') this.save();
    return response;
  }

  private route(
    method: string,
    path: string,
    params: Params,
    publishable: boolean,
    idempotencyKey: string | null,
  ): unknown {
    const parts = path.split('/').filter(Boolean);
    if (parts[0] !== 'v1') throw missing('route', path, 'path');
    // The publishable key may only tokenize a card, as Stripe.js does.
    if (publishable && !(method === 'POST' && parts.length === 2 && parts[1] === 'payment_methods')) {
      throw new ApiError(401, {
        type: 'invalid_request_error',
        message: 'This API call cannot be made with a publishable API key.',
      });
    }
    const [, resource, id, action] = parts;
    if (resource === 'customers') {
      if (method === 'POST' && !id) return this.createCustomer(params);
      if (method === 'GET' && id && !action) return this.customerObject(this.customer(id));
    }
    if (resource === 'payment_methods') {
      if (method === 'POST' && !id) return this.tokenize(params);
      if (method === 'GET' && id && !action) return this.pmObject(this.paymentMethod(id));
      if (method === 'POST' && id && action === 'attach') return this.attach(id, params);
      if (method === 'POST' && id && action === 'detach') return this.detach(id);
    }
    if (resource === 'payment_intents') {
      if (method === 'POST' && !id) return this.createIntent(params, idempotencyKey);
      if (method === 'GET' && id && !action) return this.intentObject(this.intent(id));
    }
    throw missing('route', path, 'path');
  }

  private now(): number {
    return Math.floor(this.clock.now().getTime() / 1000);
  }

  private createCustomer(params: Params) {
    const customer = { id: `cus_${token(14)}`, metadata: params.nested('metadata'), created: this.now() };
    this.customers.set(customer.id, customer);
    return this.customerObject(customer);
  }

  private customer(id: string) {
    const c = this.customers.get(id);
    if (!c) throw missing('customer', id);
    return c;
  }

  private customerObject(c: { id: string; metadata: Record<string, string>; created: number }) {
    return { id: c.id, object: 'customer', created: c.created, livemode: false, metadata: c.metadata };
  }

  private tokenize(params: Params) {
    const type = params.get('type') ?? 'card';
    if (type !== 'card') throw invalid('only card payment methods are supported', 'type');
    const card = params.nested('card');
    const number = (card.number ?? '').replace(/[\s-]/g, '');
    if (!number) throw invalid('Missing required param: card[number].', 'card[number]', 'parameter_missing');
    if (!luhnValid(number)) throw cardError('incorrect_number', 'Your card number is incorrect.', 'number');
    const expMonth = Number(card.exp_month);
    let expYear = Number(card.exp_year);
    if (!Number.isInteger(expMonth) || expMonth < 1 || expMonth > 12) {
      throw cardError('invalid_expiry_month', "Your card's expiration month is invalid.", 'exp_month');
    }
    if (Number.isInteger(expYear) && expYear >= 0 && expYear < 100) expYear += 2000;
    const now = this.clock.now();
    const [year, month] = [now.getUTCFullYear(), now.getUTCMonth() + 1];
    if (!Number.isInteger(expYear) || expYear < year || expYear > year + 50) {
      throw cardError('invalid_expiry_year', "Your card's expiration year is invalid.", 'exp_year');
    }
    if (expYear === year && expMonth < month) {
      throw cardError('invalid_expiry_month', "Your card's expiration date is in the past.", 'exp_month');
    }
    const brand = cardBrand(number);
    if (card.cvc !== undefined && !(brand === 'amex' ? /^[0-9]{4}$/ : /^[0-9]{3}$/).test(card.cvc)) {
      throw cardError('invalid_cvc', "Your card's security code is invalid.", 'cvc');
    }
    const pm: SandboxPaymentMethod = {
      id: `pm_${token(24)}`,
      brand,
      last4: number.slice(-4),
      expMonth,
      expYear,
      // A stable, non-reversible identifier of the number (as Stripe's fingerprint), never the number.
      fingerprint: fingerprintOf(number),
      customer: null,
      detached: false,
      created: this.now(),
      behaviour: TEST_CARDS[number] ?? { outcome: 'succeed' },
    };
    this.paymentMethods.set(pm.id, pm);
    return this.pmObject(pm);
  }

  private paymentMethod(id: string) {
    const pm = this.paymentMethods.get(id);
    if (!pm) throw missing('PaymentMethod', id);
    return pm;
  }

  private pmObject(pm: SandboxPaymentMethod) {
    return {
      id: pm.id,
      object: 'payment_method',
      type: 'card',
      created: pm.created,
      livemode: false,
      customer: pm.customer,
      metadata: {},
      billing_details: { address: null, email: null, name: null, phone: null },
      card: {
        brand: pm.brand,
        display_brand: pm.brand,
        last4: pm.last4,
        exp_month: pm.expMonth,
        exp_year: pm.expYear,
        fingerprint: pm.fingerprint,
        funding: 'credit',
        country: 'US',
      },
    };
  }

  private attach(id: string, params: Params) {
    const pm = this.paymentMethod(id);
    const customerId = params.get('customer');
    if (!customerId) throw invalid('Missing required param: customer.', 'customer', 'parameter_missing');
    this.customer(customerId);
    if (pm.customer && pm.customer !== customerId) {
      throw invalid('This PaymentMethod is already attached to another customer.', 'payment_method');
    }
    if (pm.detached) {
      throw invalid(
        'This PaymentMethod was previously detached from a Customer and may not be used again.',
        'payment_method',
      );
    }
    this.checkAtAttach(pm);
    pm.customer = customerId;
    return this.pmObject(pm);
  }

  /** Stripe checks the card with the issuer when it is attached: a refused card is not attached. */
  private checkAtAttach(pm: SandboxPaymentMethod): void {
    const now = this.clock.now();
    const [year, month] = [now.getUTCFullYear(), now.getUTCMonth() + 1];
    if (pm.expYear < year || (pm.expYear === year && pm.expMonth < month)) {
      throw new ApiError(402, {
        type: 'card_error',
        code: 'expired_card',
        decline_code: 'expired_card',
        message: 'Your card has expired.',
        param: 'exp_month',
      });
    }
    const behaviour = pm.behaviour;
    if (behaviour.outcome === 'decline' && behaviour.refusedAtAttach) {
      throw new ApiError(402, {
        type: 'card_error',
        code: behaviour.code,
        decline_code: behaviour.declineCode,
        message: behaviour.message,
      });
    }
  }

  private detach(id: string) {
    const pm = this.paymentMethod(id);
    if (!pm.customer)
      throw invalid('The payment method you provided is not attached to a customer.', 'payment_method');
    pm.customer = null;
    pm.detached = true;
    return this.pmObject(pm);
  }

  private createIntent(params: Params, idempotencyKey: string | null) {
    const amount = Number(params.get('amount'));
    if (!Number.isSafeInteger(amount) || amount < 1) throw invalid('Invalid positive integer', 'amount');
    const currency = params.get('currency') ?? '';
    if (currency !== 'usd') throw invalid('Invalid currency: only usd in the sandbox.', 'currency');
    const customerId = params.get('customer') ?? '';
    this.customer(customerId);
    const pm = this.paymentMethod(params.get('payment_method') ?? '');
    if (pm.customer !== customerId) {
      throw invalid(
        'The provided PaymentMethod was previously used without being attached to a Customer or was detached from a Customer, and may not be used again.',
        'payment_method',
      );
    }
    if (params.get('confirm') !== 'true')
      throw invalid('the sandbox only confirms at once (confirm=true)', 'confirm');
    const intent: SandboxPaymentIntent = {
      id: `pi_${token(24)}`,
      amount,
      currency,
      customer: customerId,
      paymentMethod: pm.id,
      status: pm.behaviour.outcome === 'succeed' ? 'succeeded' : 'requires_payment_method',
      description: params.get('description') ?? null,
      metadata: params.nested('metadata'),
      lastError:
        pm.behaviour.outcome === 'decline'
          ? { code: pm.behaviour.code, decline_code: pm.behaviour.declineCode, message: pm.behaviour.message }
          : null,
      created: this.now(),
      idempotencyKey,
    };
    this.intents.set(intent.id, intent);
    if (pm.behaviour.outcome === 'decline') {
      throw new ApiError(402, {
        type: 'card_error',
        code: pm.behaviour.code,
        decline_code: pm.behaviour.declineCode,
        message: pm.behaviour.message,
        payment_intent: this.intentObject(intent),
        payment_method: this.pmObject(pm),
      });
    }
    return this.intentObject(intent);
  }

  private intent(id: string) {
    const pi = this.intents.get(id);
    if (!pi) throw missing('payment_intent', id);
    return pi;
  }

  private intentObject(pi: SandboxPaymentIntent) {
    return {
      id: pi.id,
      object: 'payment_intent',
      amount: pi.amount,
      amount_received: pi.status === 'succeeded' ? pi.amount : 0,
      currency: pi.currency,
      customer: pi.customer,
      payment_method: pi.paymentMethod,
      status: pi.status,
      description: pi.description,
      metadata: pi.metadata,
      confirmation_method: 'automatic',
      created: pi.created,
      livemode: false,
      last_payment_error: pi.lastError ? { type: 'card_error', ...pi.lastError } : null,
    };
  }
}

const CORS: Record<string, string> = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'authorization, content-type, idempotency-key',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-max-age': '600',
};

function respond(error: ApiError): SandboxCardResponse {
  return {
    status: error.status,
    headers: { ...CORS, 'content-type': 'application/json', 'request-id': `req_${token(14)}` },
    body: JSON.stringify({ error: error.error }),
  };
}

function header(headers: SandboxCardRequest['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function token(length: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  const bytes = randomBytes(length);
  return [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
}

const FINGERPRINT_KEY = randomBytes(32);

/** Keyed by a per-process secret: equal numbers match within the sandbox, nothing leaks the digits. */
function fingerprintOf(number: string): string {
  return createHmac('sha256', FINGERPRINT_KEY).update(number).digest('hex').slice(0, 16);
}

interface Params {
  get(name: string): string | undefined;
  /** `metadata[a]=1&metadata[b]=2` → `{a: '1', b: '2'}`. */
  nested(name: string): Record<string, string>;
}

function parseForm(text: string): Params {
  const search = new URLSearchParams(text);
  return {
    get: (name) => search.get(name) ?? undefined,
    nested(name) {
      const out: Record<string, string> = {};
      for (const [k, v] of search) {
        const m = /^([^[]+)\[([^\]]+)\]$/.exec(k);
        if (m && m[1] === name) out[m[2]!] = v;
      }
      return out;
    },
  };
}

export interface SandboxCardServer {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  url: string;
  sandbox: SandboxCardProcessor;
  close(): Promise<void>;
}

/** Serves a sandbox on 127.0.0.1 (an ephemeral port unless `port` is given). */
export async function startSandboxCardServer(
  options: SandboxCardOptions & {
    port?: number;
    /** Test hook: may answer in place of the sandbox, or act after it (drop the connection…). */
    intercept?: (
      request: SandboxCardRequest,
      answer: () => SandboxCardResponse,
      res: http.ServerResponse,
    ) => boolean;
  } = {},
): Promise<SandboxCardServer> {
  const sandbox = new SandboxCardProcessor(options);
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request: SandboxCardRequest = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      const answer = () => sandbox.handle(request);
      if (options.intercept?.(request, answer, res)) return;
      const response = answer();
      res.writeHead(response.status, response.headers).end(response.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    sandbox,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
