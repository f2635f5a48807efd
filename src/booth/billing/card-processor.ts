/**
 * The card rail behind one interface. The engine never sees a card number: the billing page turns
 * the card into a processor payment method (`pm_…`) with the publishable key, and the engine only
 * attaches it to the account's processor customer and charges it off-session.
 *
 * `StripeCardProcessor` speaks Stripe's API through the official SDK; pointed at another host it
 * speaks to the embedded sandbox (sandbox-card-processor.ts) or the tests' fake processor.
 */
import Stripe from 'stripe';

export interface CardDetails {
  /** The processor's payment method id (`pm_…`). */
  id: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
  /** The processor customer it is attached to, if any. */
  customerId: string | null;
}

export interface ChargeRequest {
  customerId: string;
  paymentMethodId: string;
  /** Whole cents, positive. */
  amountCents: bigint;
  /** The processor idempotency key: a repeat with the same key is answered, never charged again. */
  idempotencyKey: string;
  description: string;
  metadata: Record<string, string>;
}

export type ChargeOutcome =
  | { status: 'succeeded'; paymentId: string }
  | {
      status: 'declined';
      code: string;
      declineCode: string | null;
      message: string;
      paymentId: string | null;
    };

/**
 * The processor could not be asked or did not answer (network, 5xx, rate limit): the outcome of a
 * charge is then unknown, and the same request must be retried with the same idempotency key.
 */
export class CardProcessorUnavailable extends Error {
  constructor(
    message: string,
    readonly statusCode: number | null,
  ) {
    super(message);
    this.name = 'CardProcessorUnavailable';
  }
}

/** The processor refused the request itself (unknown payment method, already attached elsewhere…). */
export class CardProcessorRejected extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly statusCode: number | null,
  ) {
    super(message);
    this.name = 'CardProcessorRejected';
  }
}

/** A card error while attaching (the processor checks the card when it is saved). */
export class CardDeclined extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly declineCode: string | null,
  ) {
    super(message);
    this.name = 'CardDeclined';
  }
}

export interface CardProcessor {
  /** Creates the processor customer for an account; the key makes a repeat return the same customer. */
  createCustomer(accountId: string, idempotencyKey: string): Promise<string>;
  retrievePaymentMethod(paymentMethodId: string): Promise<CardDetails>;
  attachPaymentMethod(paymentMethodId: string, customerId: string): Promise<CardDetails>;
  detachPaymentMethod(paymentMethodId: string): Promise<void>;
  /** Charges off-session and confirms at once; a decline is an outcome, not an error. */
  charge(request: ChargeRequest): Promise<ChargeOutcome>;
}

/** What the billing page needs to tokenize a card: the publishable key and where to send the card. */
export interface CardPublicConfig {
  publishableKey: string;
  /** Base URL of the processor's API for `POST /v1/payment_methods` from the browser. */
  tokenizeUrl: string;
  mode: 'processor' | 'sandbox';
}

export interface StripeCardProcessorOptions {
  secretKey: string;
  /** `https://api.stripe.com` or a sandbox / fake processor base URL. */
  baseUrl: string;
  /** Retries of one request by the SDK (same idempotency key); default 2. */
  maxNetworkRetries?: number;
  timeoutMs?: number;
}

export class StripeCardProcessor implements CardProcessor {
  private readonly stripe: Stripe;

  constructor(options: StripeCardProcessorOptions) {
    const url = new URL(options.baseUrl);
    const protocol = url.protocol === 'http:' ? 'http' : 'https';
    this.stripe = new Stripe(options.secretKey, {
      host: url.hostname,
      port: url.port ? Number(url.port) : protocol === 'http' ? 80 : 443,
      protocol,
      maxNetworkRetries: options.maxNetworkRetries ?? 2,
      timeout: options.timeoutMs ?? 20_000,
      telemetry: false,
    });
  }

  async createCustomer(accountId: string, idempotencyKey: string): Promise<string> {
    const customer = await this.call(() =>
      this.stripe.customers.create({ metadata: { accountId } }, { idempotencyKey }),
    );
    return customer.id;
  }

  async retrievePaymentMethod(paymentMethodId: string): Promise<CardDetails> {
    return cardDetails(await this.call(() => this.stripe.paymentMethods.retrieve(paymentMethodId)));
  }

  async attachPaymentMethod(paymentMethodId: string, customerId: string): Promise<CardDetails> {
    return cardDetails(
      await this.call(() => this.stripe.paymentMethods.attach(paymentMethodId, { customer: customerId })),
    );
  }

  async detachPaymentMethod(paymentMethodId: string): Promise<void> {
    await this.call(() => this.stripe.paymentMethods.detach(paymentMethodId));
  }

  async charge(request: ChargeRequest): Promise<ChargeOutcome> {
    if (request.amountCents <= 0n) throw new Error('a card charge is positive');
    try {
      const intent = await this.stripe.paymentIntents.create(
        {
          amount: Number(request.amountCents),
          currency: 'usd',
          customer: request.customerId,
          payment_method: request.paymentMethodId,
          confirm: true,
          off_session: true,
          description: request.description,
          metadata: request.metadata,
        },
        { idempotencyKey: request.idempotencyKey },
      );
      if (intent.status === 'succeeded') return { status: 'succeeded', paymentId: intent.id };
      // Off-session with confirm: anything but success (authentication required, processing) is not paid.
      const error = intent.last_payment_error;
      return {
        status: 'declined',
        code: error?.code ?? intent.status,
        declineCode: error?.decline_code ?? null,
        message: error?.message ?? `the payment is ${intent.status}`,
        paymentId: intent.id,
      };
    } catch (error) {
      if (error instanceof Stripe.errors.StripeCardError) {
        const raw = error.raw as { payment_intent?: { id?: string } } | undefined;
        return {
          status: 'declined',
          code: error.code ?? 'card_declined',
          declineCode: error.decline_code ?? null,
          message: error.message,
          paymentId: raw?.payment_intent?.id ?? null,
        };
      }
      throw translate(error);
    }
  }

  private async call<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof Stripe.errors.StripeCardError) {
        throw new CardDeclined(error.message, error.code ?? 'card_declined', error.decline_code ?? null);
      }
      throw translate(error);
    }
  }
}

function translate(error: unknown): Error {
  if (error instanceof Stripe.errors.StripeError) {
    const status = error.statusCode ?? null;
    if (
      error instanceof Stripe.errors.StripeConnectionError ||
      error instanceof Stripe.errors.StripeAPIError ||
      error instanceof Stripe.errors.StripeRateLimitError ||
      status === null ||
      status >= 500 ||
      status === 429
    ) {
      return new CardProcessorUnavailable(error.message, status);
    }
    return new CardProcessorRejected(error.message, error.code ?? error.type, status);
  }
  return error instanceof Error ? error : new Error(String(error));
}

function cardDetails(pm: Stripe.PaymentMethod): CardDetails {
  if (pm.type !== 'card' || !pm.card) {
    throw new CardProcessorRejected('the payment method is not a card', 'payment_method_not_card', 400);
  }
  const customer = pm.customer;
  return {
    id: pm.id,
    brand: pm.card.brand,
    last4: pm.card.last4,
    expMonth: pm.card.exp_month,
    expYear: pm.card.exp_year,
    customerId: customer === null ? null : typeof customer === 'string' ? customer : customer.id,
  };
}
