import type { CardConfig, PayPalConfig } from '../kernel/config.js';
import type { Clock } from '../kernel/clock.js';
import {
  type CardProcessor,
  type CardPublicConfig,
  StripeCardProcessor,
} from '../booth/billing/card-processor.js';
import { type PayPalGateway, PayPalClient } from '../compute/topups/paypal.js';
import { startSandboxCardServer } from '../sandbox/sandbox-card-processor.js';
import { SandboxPayPal } from '../sandbox/sandbox-paypal.js';

// Choosing each payment rail from configuration: the real one, the built-in sandbox, or none. Here in
// server because it is wiring: the rails' adapters live in their slices, the sandboxes in sandbox/.

export interface PayPalSetup {
  mode: 'paypal' | 'sandbox' | 'off';
  paypal?: PayPalGateway;
  sandbox?: SandboxPayPal;
}

/**
 * Chooses the PayPal rail from configuration: PayPal's API at PICTOR_PAYPAL_BASE_URL when
 * credentials are set; otherwise the built-in sandbox when PICTOR_PAYPAL_SANDBOX is `on`, or `auto`
 * on the embedded store (a PostgreSQL deployment never takes fake money by accident); otherwise off.
 */
export function setUpPayPal(
  config: PayPalConfig,
  options: { embeddedStore: boolean; publicUrl: string; clock: Clock },
): PayPalSetup {
  if (config.clientId && config.clientSecret) {
    return {
      mode: 'paypal',
      paypal: new PayPalClient({
        baseUrl: config.baseUrl,
        clientId: config.clientId,
        clientSecret: config.clientSecret,
        webhookId: config.webhookId,
      }),
    };
  }
  if (config.sandbox === 'on' || (config.sandbox === 'auto' && options.embeddedStore)) {
    const sandbox = new SandboxPayPal({
      publicUrl: `${options.publicUrl}/sandbox/paypal`,
      clock: options.clock,
    });
    return {
      mode: 'sandbox',
      sandbox,
      paypal: new PayPalClient({
        baseUrl: 'http://sandbox-paypal.invalid',
        clientId: sandbox.clientId,
        clientSecret: sandbox.clientSecret,
        webhookId: sandbox.webhookId,
        rail: 'sandbox',
        fetch: sandbox.fetch,
      }),
    };
  }
  return { mode: 'off' };
}

export interface CardSetup {
  mode: 'processor' | 'sandbox' | 'off';
  cards?: CardProcessor;
  cardsPublic?: CardPublicConfig;
  /** Stops the embedded sandbox's server, if one was started. */
  close(): Promise<void>;
}

/**
 * The card processor for `serve`: the configured one when keys are set; else the built-in sandbox
 * (its own small server on 127.0.0.1, an ephemeral port, so the page can tokenize against it)
 * when PICTOR_CARD_SANDBOX is on, or auto on the embedded store; else none (card operations 503).
 */
export async function setUpCardProcessor(
  config: CardConfig,
  options: { embeddedStore: boolean; clock?: Clock; sandboxStateFile?: string },
): Promise<CardSetup> {
  if (config.secretKey && config.publishableKey) {
    return {
      mode: 'processor',
      cards: new StripeCardProcessor({ secretKey: config.secretKey, baseUrl: config.baseUrl }),
      cardsPublic: { publishableKey: config.publishableKey, tokenizeUrl: config.baseUrl, mode: 'processor' },
      close: async () => {},
    };
  }
  if (config.sandbox === 'on' || (config.sandbox === 'auto' && options.embeddedStore)) {
    const server = await startSandboxCardServer({
      clock: options.clock,
      stateFile: options.sandboxStateFile,
    });
    return {
      mode: 'sandbox',
      cards: new StripeCardProcessor({ secretKey: server.sandbox.secretKey, baseUrl: server.url }),
      cardsPublic: {
        publishableKey: server.sandbox.publishableKey,
        tokenizeUrl: server.url,
        mode: 'sandbox',
      },
      close: () => server.close(),
    };
  }
  return { mode: 'off', close: async () => {} };
}
