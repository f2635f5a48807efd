import { z } from 'zod';
import { SAMPLE_SELLER, type Seller } from './documents/seller-rules.js';

/** An empty variable (`DATABASE_URL=` in an env file) means "not set". */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

const EVM_ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const USD_AMOUNT = /^(0|[1-9][0-9]{0,11})(\.[0-9]{1,2})?$/;

const Env = z.object({
  DATABASE_URL: optional(z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')),
  PICTOR_DATA_DIR: z.string().min(1).default('./data'),
  PICTOR_DB_POOL_SIZE: z.coerce.number().int().min(2).max(200).default(16),
  PICTOR_LEDGER_WRITERS: z.coerce.number().int().min(1).max(64).default(2),
  PICTOR_PGLITE_THREAD: z.enum(['on', 'off']).default('on'),
  // The ledger writer's limits (docs/hardening.md § Time limits and bounds).
  PICTOR_LEDGER_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(512),
  PICTOR_LEDGER_MAX_QUEUED: z.coerce.number().int().min(1).max(1_000_000).default(20_000),
  PICTOR_LEDGER_QUEUE_DEADLINE_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PICTOR_BOOTSTRAP_OPERATOR_KEY: optional(z.string().min(24)),
  PICTOR_HOLD_SWEEP_SECONDS: z.coerce.number().int().min(1).default(30),
  PICTOR_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(65536),
  // Time limits (docs/hardening.md): receiving a request; a database connection and statement.
  PICTOR_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  PICTOR_DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  PICTOR_DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(15_000),
  // Wallet sign-in (SIWE) and USDT deposits.
  PICTOR_SIWE_DOMAIN: z.string().min(1).max(255).default('localhost:3000'),
  PICTOR_CHAIN_ID: z.coerce.number().int().min(1).default(1),
  PICTOR_SIWE_NONCE_TTL_SECONDS: z.coerce.number().int().min(10).max(86400).default(300),
  PICTOR_SESSION_TTL_SECONDS: z.coerce.number().int().min(60).default(86400),
  PICTOR_CHAIN_RPC_URL: optional(z.url({ protocol: /^https?$/ })),
  PICTOR_USDT_ADDRESS: optional(z.string().regex(EVM_ADDRESS, 'must be a 0x-prefixed 20-byte address')),
  PICTOR_DEPOSIT_ADDRESS: optional(z.string().regex(EVM_ADDRESS, 'must be a 0x-prefixed 20-byte address')),
  PICTOR_DEPOSIT_CONFIRMATIONS: z.coerce.number().int().min(1).max(10_000).default(12),
  PICTOR_DEPOSIT_START_BLOCK: z.coerce.number().int().min(0).default(0),
  PICTOR_EXPLORER_TX_URL: z
    .string()
    .includes('{hash}', { message: 'must contain {hash}' })
    .default('https://etherscan.io/tx/{hash}'),
  PICTOR_WATCHER_INTERVAL_SECONDS: z.coerce.number().int().min(1).default(15),
  // Network-fee sponsorship (docs/usdt-relay.md): Pictor's relayer submits the customer's signed
  // EIP-3009 transferWithAuthorization and pays the gas. Needs a token that implements EIP-3009 and
  // its EIP-712 domain name and version; unset, the page sends an ordinary transfer.
  PICTOR_RELAYER_PRIVATE_KEY: optional(
    z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'must be a 0x-prefixed 32-byte hex private key'),
  ),
  PICTOR_USDT_EIP712_NAME: optional(z.string().min(1).max(100)),
  PICTOR_USDT_EIP712_VERSION: z.string().min(1).max(20).default('1'),
  PICTOR_RELAY_VALIDITY_SECONDS: z.coerce.number().int().min(60).max(86_400).default(3_600),
  // Network-fee sponsorship by refund (no relayer): the gas the customer's wallet paid for a
  // credited deposit, at this USD price of the chain's native token, comes back as credits, at most
  // the cap per deposit. Decimal strings, read as exact micros (never a float).
  PICTOR_NATIVE_TOKEN_USD_PRICE: optional(
    z.string().regex(/^[0-9]{1,9}(\.[0-9]{1,6})?$/, 'must be a decimal USD price with at most 6 decimals'),
  ),
  PICTOR_NETWORK_FEE_REFUND_CAP: z
    .string()
    .regex(/^[0-9]{1,6}(\.[0-9]{1,6})?$/, 'must be a decimal number of credits with at most 6 decimals')
    .default('5'),
  // PayPal top-ups (no credentials: the built-in sandbox PayPal on the embedded store).
  PICTOR_PAYPAL_BASE_URL: z.url({ protocol: /^https?$/ }).default('https://api-m.sandbox.paypal.com'),
  PICTOR_PAYPAL_CLIENT_ID: optional(z.string().min(1).max(200)),
  PICTOR_PAYPAL_CLIENT_SECRET: optional(z.string().min(1).max(200)),
  PICTOR_PAYPAL_WEBHOOK_ID: optional(z.string().regex(/^[A-Za-z0-9]{1,50}$/, 'must be a PayPal webhook id')),
  PICTOR_PAYPAL_SANDBOX: z.enum(['auto', 'on', 'off']).default('auto'),
  PICTOR_TOPUP_MIN_USD: z
    .string()
    .regex(USD_AMOUNT, 'must be a USD amount such as "5" or "5.00"')
    .default('5'),
  PICTOR_TOPUP_MAX_USD: z.string().regex(USD_AMOUNT, 'must be a USD amount such as "10000"').default('10000'),
  // Notifications: email through SMTP (unset: email deliveries are skipped) and the alert scan.
  PICTOR_SMTP_URL: optional(z.url({ protocol: /^smtps?$/ })),
  PICTOR_SMTP_FROM: z.string().min(3).max(320).default('Pictor Billing <billing@pictor.pro>'),
  PICTOR_ALERT_SCAN_SECONDS: z.coerce.number().int().min(1).max(86400).default(60),
  // Webhook targets (see WebhookTargets); unset: https and public addresses with DATABASE_URL,
  // http allowed too on the embedded store (development).
  PICTOR_WEBHOOK_TARGETS: optional(z.enum(['public', 'http', 'local'])),
  // GPU renting: the fleet's API (unset: renting answers 503) and how often due work runs.
  PICTOR_FLEET_BASE_URL: optional(z.url({ protocol: /^https?$/ })),
  PICTOR_FLEET_TOKEN: optional(z.string().min(1).max(500)),
  // instance.termination_imminent is sent this many hours before a foreseen termination (and at 1 h).
  PICTOR_TERMINATION_WARNING_HOURS: z.coerce
    .number()
    .int()
    .min(2)
    .max(24 * 30)
    .default(24),
  PICTOR_SCHEDULER_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(1),
  // What `serve` runs (docs/scale-out.md): the API and the due work (all), the API only, or the due work only.
  PICTOR_ROLE: z.enum(['all', 'api', 'scheduler']).default('all'),
  // Booth cards: a Stripe-compatible processor (unset secret key: the built-in sandbox on the embedded store).
  PICTOR_CARD_PROCESSOR_URL: optional(z.url({ protocol: /^https?$/ })),
  PICTOR_CARD_PROCESSOR_SECRET_KEY: optional(z.string().min(1).max(300)),
  PICTOR_CARD_PROCESSOR_PUBLISHABLE_KEY: optional(z.string().min(1).max(300)),
  PICTOR_CARD_SANDBOX: z.enum(['auto', 'on', 'off']).default('auto'),
  // Dunning: days after the billing date on which a failed booth renewal is retried (docs/dunning.md).
  PICTOR_DUNNING_RETRY_DAYS: z
    .string()
    .regex(/^\d{1,2}(,\d{1,2}){0,9}$/, 'must be whole days such as "1,3,5"')
    .refine(
      (v) => v.split(',').every((d, i, all) => Number(d) >= 1 && (i === 0 || Number(d) > Number(all[i - 1]))),
      'must be increasing days from 1',
    )
    .default('1,3,5'),
  // The issuer printed on every document (the defaults are marked samples).
  PICTOR_SELLER_NAME: z.string().min(1).max(200).default(SAMPLE_SELLER.legalName),
  PICTOR_SELLER_ADDRESS: z.string().min(1).max(1000).default(SAMPLE_SELLER.address),
  PICTOR_SELLER_TAX_ID: z.string().min(1).max(100).default(SAMPLE_SELLER.taxId),
  PICTOR_SUPPORT_EMAIL: z.email().default(SAMPLE_SELLER.supportEmail),
  // The billing page's demo account (auto: on the embedded PGlite store only).
  PICTOR_DEMO: z.enum(['auto', 'on', 'off']).default('auto'),
  // Sandbox mode (test clocks over the API): auto = the embedded store without live payment credentials.
  // Also the sandbox GPU fleet: used when no PICTOR_FLEET_BASE_URL is set and this is on, or auto on the embedded store.
  PICTOR_SANDBOX: z.enum(['auto', 'on', 'off']).default('auto'),
  // Operations: rate limits (off for benches), and how long shutdown may take to drain.
  PICTOR_RATE_LIMIT: z.enum(['on', 'off']).default('on'),
  PICTOR_RATE_LIMIT_KEY_PER_MINUTE: z.coerce.number().int().min(1).default(12_000),
  PICTOR_RATE_LIMIT_IP_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  PICTOR_AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  PICTOR_SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(15),
  // Idempotency keys (docs/idempotency.md § Retention): kept this many days, then pruned in batches.
  PICTOR_IDEMPOTENCY_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  PICTOR_IDEMPOTENCY_PRUNE_BATCH: z.coerce.number().int().min(1).max(100_000).default(1000),
  PICTOR_IDEMPOTENCY_PRUNE_SECONDS: z.coerce.number().int().min(1).max(86400).default(3600),
  // How long a request may hold its key before a retry takes it over (its owner crashed).
  PICTOR_IDEMPOTENCY_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
});

export interface Config {
  databaseUrl: string | undefined;
  dataDir: string;
  poolSize: number;
  ledgerWriters: number;
  /** Embedded PGlite on a worker thread of its own (on, the default) or on the event loop (off). */
  pgliteThread: boolean;
  /** The ledger writer: most requests per batch, most waiting at once, longest wait for a slot. */
  ledgerWriter: { maxBatchSize: number; maxQueued: number; queueDeadlineMs: number };
  host: string;
  port: number;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  bootstrapOperatorKey: string | undefined;
  holdSweepSeconds: number;
  bodyLimitBytes: number;
  requestTimeoutMs: number;
  dbConnectTimeoutMs: number;
  dbStatementTimeoutMs: number;
  web3: Web3Config;
  paypal: PayPalConfig;
  notifications: NotificationsConfig;
  /** The GPU fleet's API; unset base URL: GPU renting is off. */
  fleet: {
    baseUrl: string | undefined;
    token: string | undefined;
    sandbox: 'auto' | 'on' | 'off';
    terminationWarningHours: number;
  };
  /** How often the due-work runner (renewals, storage hours, notifications) looks for due work. */
  schedulerIntervalSeconds: number;
  /**
   * What `serve` runs: `all` the API and the due-work scheduler, `api` the API only (the due work
   * runs in scheduler processes), `scheduler` the due work only (as `pictor-billing scheduler`).
   */
  role: 'all' | 'api' | 'scheduler';
  /** Booth cards: the processor, or the built-in sandbox (see CardConfig). */
  cards: CardConfig;
  /** Days after the billing date on which a failed booth renewal is retried. */
  dunningRetryDays: number[];
  /** The billing page's demo account and its sign-in: auto = on the embedded PGlite store only. */
  demo: 'auto' | 'on' | 'off';
  /** Sandbox mode (test clocks): resolved from PICTOR_SANDBOX, never on with live payment credentials. */
  sandbox: boolean;
  /** Pictor's legal details on every document. */
  seller: Seller;
  /** Requests per minute per API key and per IP, failed authentications per IP; undefined: off. */
  rateLimit: { perKeyPerMinute: number; perIpPerMinute: number; authFailuresPerMinute: number } | undefined;
  /** How long `serve` may take to stop (drain requests and the ledger writer) before exiting 1. */
  shutdownTimeoutSeconds: number;
  /** Client idempotency keys: kept `retentionDays`, then pruned `batchSize` at a time every `everyMs`. */
  idempotencyRetention: { retentionDays: number; batchSize: number; everyMs: number };
  /** How long a request may hold its idempotency key before a retry takes it over (its owner died). */
  idempotencyLeaseMs: number;
}

/** The card processor (Stripe's API or one speaking it); no secret key: the sandbox decides (auto = embedded store only). */
export interface CardConfig {
  /** Default https://api.stripe.com. */
  baseUrl: string;
  secretKey: string | undefined;
  publishableKey: string | undefined;
  sandbox: 'auto' | 'on' | 'off';
}

function cardConfigFrom(e: z.infer<typeof Env>): CardConfig {
  const config: CardConfig = {
    baseUrl: e.PICTOR_CARD_PROCESSOR_URL ?? 'https://api.stripe.com',
    secretKey: e.PICTOR_CARD_PROCESSOR_SECRET_KEY,
    publishableKey: e.PICTOR_CARD_PROCESSOR_PUBLISHABLE_KEY,
    sandbox: e.PICTOR_CARD_SANDBOX,
  };
  if ((config.secretKey === undefined) !== (config.publishableKey === undefined)) {
    throw new Error(
      'invalid configuration: set both PICTOR_CARD_PROCESSOR_SECRET_KEY and PICTOR_CARD_PROCESSOR_PUBLISHABLE_KEY, or neither',
    );
  }
  if (config.sandbox === 'on' && config.secretKey !== undefined) {
    throw new Error('invalid configuration: PICTOR_CARD_SANDBOX=on conflicts with card processor keys');
  }
  return config;
}

/** Email notifications (SMTP) and how often balance alerts are checked. */
export interface NotificationsConfig {
  /** `smtp://host:port` or `smtps://user:pass@host:465`; unset: no email is sent. */
  smtpUrl: string | undefined;
  smtpFrom: string;
  alertScanSeconds: number;
  webhookTargets: WebhookTargets;
}

/**
 * Which webhook targets a server may deliver to:
 *
 * - `public`: https only, and only to public addresses (the default with DATABASE_URL);
 * - `http`: http too, still only public addresses (the default on the embedded store: dev mode);
 * - `local`: anything, loopback and private networks included (tests, a receiver on this machine).
 *
 * A customer chooses the URL, so without this a webhook could reach what only the server can:
 * loopback services, the private network, the cloud metadata endpoint.
 */
export type WebhookTargets = 'public' | 'http' | 'local';

/** PayPal top-ups: the API and credentials, or the built-in sandbox; top-up limits in USD micros. */
export interface PayPalConfig {
  baseUrl: string;
  clientId: string | undefined;
  clientSecret: string | undefined;
  webhookId: string | undefined;
  /** auto: the sandbox when no credentials are set and the store is embedded PGlite. */
  sandbox: 'auto' | 'on' | 'off';
  topUpMinMicros: bigint;
  topUpMaxMicros: bigint;
}

function paypalConfigFrom(e: z.infer<typeof Env>): PayPalConfig {
  const micros = (text: string) => {
    const [whole, fraction = ''] = text.split('.');
    return BigInt(whole!) * 1_000_000n + BigInt(fraction.padEnd(6, '0'));
  };
  const config: PayPalConfig = {
    baseUrl: e.PICTOR_PAYPAL_BASE_URL,
    clientId: e.PICTOR_PAYPAL_CLIENT_ID,
    clientSecret: e.PICTOR_PAYPAL_CLIENT_SECRET,
    webhookId: e.PICTOR_PAYPAL_WEBHOOK_ID,
    sandbox: e.PICTOR_PAYPAL_SANDBOX,
    topUpMinMicros: micros(e.PICTOR_TOPUP_MIN_USD),
    topUpMaxMicros: micros(e.PICTOR_TOPUP_MAX_USD),
  };
  if ((config.clientId === undefined) !== (config.clientSecret === undefined)) {
    throw new Error(
      'invalid configuration: set both PICTOR_PAYPAL_CLIENT_ID and PICTOR_PAYPAL_CLIENT_SECRET, or neither',
    );
  }
  if (config.sandbox === 'on' && config.clientId !== undefined) {
    throw new Error('invalid configuration: PICTOR_PAYPAL_SANDBOX=on conflicts with PayPal credentials');
  }
  if (config.topUpMinMicros <= 0n || config.topUpMinMicros > config.topUpMaxMicros) {
    throw new Error('invalid configuration: need 0 < PICTOR_TOPUP_MIN_USD <= PICTOR_TOPUP_MAX_USD');
  }
  return config;
}

/** Reads configuration from the environment; a bad value stops the process with its name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const e = parseEnv(env);
  return {
    databaseUrl: e.DATABASE_URL,
    dataDir: e.PICTOR_DATA_DIR,
    poolSize: e.PICTOR_DB_POOL_SIZE,
    ledgerWriters: e.PICTOR_LEDGER_WRITERS,
    pgliteThread: e.PICTOR_PGLITE_THREAD === 'on',
    ledgerWriter: {
      maxBatchSize: e.PICTOR_LEDGER_BATCH_SIZE,
      maxQueued: e.PICTOR_LEDGER_MAX_QUEUED,
      queueDeadlineMs: e.PICTOR_LEDGER_QUEUE_DEADLINE_MS,
    },
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    bootstrapOperatorKey: e.PICTOR_BOOTSTRAP_OPERATOR_KEY,
    holdSweepSeconds: e.PICTOR_HOLD_SWEEP_SECONDS,
    bodyLimitBytes: e.PICTOR_BODY_LIMIT_BYTES,
    requestTimeoutMs: e.PICTOR_REQUEST_TIMEOUT_MS,
    dbConnectTimeoutMs: e.PICTOR_DB_CONNECT_TIMEOUT_MS,
    dbStatementTimeoutMs: e.PICTOR_DB_STATEMENT_TIMEOUT_MS,
    web3: web3ConfigFrom(e),
    paypal: paypalConfigFrom(e),
    notifications: {
      smtpUrl: e.PICTOR_SMTP_URL,
      smtpFrom: e.PICTOR_SMTP_FROM,
      alertScanSeconds: e.PICTOR_ALERT_SCAN_SECONDS,
      webhookTargets: e.PICTOR_WEBHOOK_TARGETS ?? (e.DATABASE_URL ? 'public' : 'http'),
    },
    fleet: {
      baseUrl: e.PICTOR_FLEET_BASE_URL,
      token: e.PICTOR_FLEET_TOKEN,
      sandbox: e.PICTOR_SANDBOX,
      terminationWarningHours: e.PICTOR_TERMINATION_WARNING_HOURS,
    },
    schedulerIntervalSeconds: e.PICTOR_SCHEDULER_INTERVAL_SECONDS,
    role: e.PICTOR_ROLE,
    cards: cardConfigFrom(e),
    dunningRetryDays: e.PICTOR_DUNNING_RETRY_DAYS.split(',').map(Number),
    demo: e.PICTOR_DEMO,
    sandbox: sandboxFrom(e),
    seller: {
      legalName: e.PICTOR_SELLER_NAME,
      // "\n" in the variable separates address lines.
      address: e.PICTOR_SELLER_ADDRESS.replace(/\\n/g, '\n'),
      taxId: e.PICTOR_SELLER_TAX_ID,
      supportEmail: e.PICTOR_SUPPORT_EMAIL,
    },
    rateLimit: rateLimitFrom(e),
    shutdownTimeoutSeconds: e.PICTOR_SHUTDOWN_TIMEOUT_SECONDS,
    idempotencyRetention: {
      retentionDays: e.PICTOR_IDEMPOTENCY_RETENTION_DAYS,
      batchSize: e.PICTOR_IDEMPOTENCY_PRUNE_BATCH,
      everyMs: e.PICTOR_IDEMPOTENCY_PRUNE_SECONDS * 1000,
    },
    idempotencyLeaseMs: e.PICTOR_IDEMPOTENCY_LEASE_SECONDS * 1000,
  };
}

/** The environment checked against `Env`, every issue named in one error (all at once, not the first only). */
function parseEnv(env: NodeJS.ProcessEnv): z.infer<typeof Env> {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid configuration: ${issues}`);
  }
  return parsed.data;
}

/** The API's rate limits, or none with PICTOR_RATE_LIMIT=off. */
function rateLimitFrom(e: z.infer<typeof Env>): Config['rateLimit'] {
  if (e.PICTOR_RATE_LIMIT === 'off') return undefined;
  return {
    perKeyPerMinute: e.PICTOR_RATE_LIMIT_KEY_PER_MINUTE,
    perIpPerMinute: e.PICTOR_RATE_LIMIT_IP_PER_MINUTE,
    authFailuresPerMinute: e.PICTOR_AUTH_FAILURES_PER_MINUTE,
  };
}

/**
 * Sandbox mode moves time for test clocks, so it is refused where real money moves: with PayPal
 * credentials or a card processor's secret key, `on` is a configuration error and `auto` is off.
 */
function sandboxFrom(e: z.infer<typeof Env>): boolean {
  const live = e.PICTOR_PAYPAL_CLIENT_ID !== undefined || e.PICTOR_CARD_PROCESSOR_SECRET_KEY !== undefined;
  if (e.PICTOR_SANDBOX === 'on' && live) {
    throw new Error(
      'invalid configuration: PICTOR_SANDBOX=on (test clocks) is refused with live payment credentials ' +
        '(PICTOR_PAYPAL_CLIENT_ID or PICTOR_CARD_PROCESSOR_SECRET_KEY)',
    );
  }
  if (e.PICTOR_SANDBOX === 'auto') return !live && e.DATABASE_URL === undefined;
  return e.PICTOR_SANDBOX === 'on';
}

/** Wallet sign-in settings, and the USDT deposit watcher's when a chain is configured. */
export interface Web3Config {
  siweDomain: string;
  chainId: number;
  nonceTtlSeconds: number;
  sessionTtlSeconds: number;
  /** Present when PICTOR_CHAIN_RPC_URL is set: `serve` then runs the deposit watcher. */
  chain?: UsdtChainConfig;
  explorerTxUrl: string;
}

export interface UsdtChainConfig {
  rpcUrl: string;
  chainId: number;
  usdtAddress: `0x${string}`;
  depositAddress: `0x${string}`;
  confirmations: number;
  startBlock: number;
  explorerTxUrl: string;
  intervalSeconds: number;
  /** Present when PICTOR_RELAYER_PRIVATE_KEY is set: Pictor relays signed transfers and pays the gas. */
  relay?: UsdtRelayConfig;
  /**
   * Present when there is no relayer and a native-token price is known: the gas a customer's
   * wallet paid for a credited deposit is refunded as credits (docs/usdt-relay.md § Refund).
   */
  feeRefund?: NetworkFeeRefundConfig;
}

export interface NetworkFeeRefundConfig {
  /** USD (= credits) per whole native token (1e18 wei), in micros. */
  nativeUsdPriceMicros: bigint;
  /** The most one deposit's refund may be, in credit micros. */
  capMicros: bigint;
  /** True when the price is the sandbox's stand-in (no PICTOR_NATIVE_TOKEN_USD_PRICE set). */
  sandboxPrice: boolean;
}

/** The native-token price `serve` uses in sandbox mode when none is configured: a stand-in, logged as such. */
export const SANDBOX_NATIVE_TOKEN_USD_PRICE = '3000';

export interface UsdtRelayConfig {
  /** The relayer's key: never logged, never returned by the API. */
  privateKey: `0x${string}`;
  /** The token's EIP-712 domain (name, version); chainId and verifyingContract are the chain's. */
  tokenName: string;
  tokenVersion: string;
  /** How long a prepared authorization may be signed and submitted, in chain time. */
  validitySeconds: number;
}

function web3ConfigFrom(e: z.infer<typeof Env>): Web3Config {
  const base = {
    siweDomain: e.PICTOR_SIWE_DOMAIN,
    chainId: e.PICTOR_CHAIN_ID,
    nonceTtlSeconds: e.PICTOR_SIWE_NONCE_TTL_SECONDS,
    sessionTtlSeconds: e.PICTOR_SESSION_TTL_SECONDS,
    explorerTxUrl: e.PICTOR_EXPLORER_TX_URL,
  };
  if (!e.PICTOR_CHAIN_RPC_URL) return base;
  if (!e.PICTOR_USDT_ADDRESS || !e.PICTOR_DEPOSIT_ADDRESS) {
    throw new Error(
      'invalid configuration: PICTOR_CHAIN_RPC_URL needs PICTOR_USDT_ADDRESS and PICTOR_DEPOSIT_ADDRESS',
    );
  }
  return {
    ...base,
    chain: {
      rpcUrl: e.PICTOR_CHAIN_RPC_URL,
      chainId: e.PICTOR_CHAIN_ID,
      usdtAddress: e.PICTOR_USDT_ADDRESS as `0x${string}`,
      depositAddress: e.PICTOR_DEPOSIT_ADDRESS as `0x${string}`,
      confirmations: e.PICTOR_DEPOSIT_CONFIRMATIONS,
      startBlock: e.PICTOR_DEPOSIT_START_BLOCK,
      explorerTxUrl: e.PICTOR_EXPLORER_TX_URL,
      intervalSeconds: e.PICTOR_WATCHER_INTERVAL_SECONDS,
      relay: relayConfigFrom(e),
      feeRefund: feeRefundConfigFrom(e),
    },
  };
}

/** Exact micros of a decimal string the env schema already checked (digits, at most 6 decimals). */
const decimalMicros = (text: string): bigint => {
  const [whole, fraction = ''] = text.split('.') as [string, string?];
  return BigInt(whole) * 1_000_000n + BigInt(fraction.padEnd(6, '0'));
};

/**
 * Refund sponsorship is on when no relayer pays the gas and the native token's price is known:
 * PICTOR_NATIVE_TOKEN_USD_PRICE, or in sandbox mode (the embedded demo) a stand-in price. A price
 * or cap of 0 turns it off.
 */
function feeRefundConfigFrom(e: z.infer<typeof Env>): NetworkFeeRefundConfig | undefined {
  if (e.PICTOR_RELAYER_PRIVATE_KEY) return undefined;
  const price =
    e.PICTOR_NATIVE_TOKEN_USD_PRICE ?? (sandboxFrom(e) ? SANDBOX_NATIVE_TOKEN_USD_PRICE : undefined);
  if (price === undefined) return undefined;
  const nativeUsdPriceMicros = decimalMicros(price);
  const capMicros = decimalMicros(e.PICTOR_NETWORK_FEE_REFUND_CAP);
  if (nativeUsdPriceMicros === 0n || capMicros === 0n) return undefined;
  return { nativeUsdPriceMicros, capMicros, sandboxPrice: e.PICTOR_NATIVE_TOKEN_USD_PRICE === undefined };
}

function relayConfigFrom(e: z.infer<typeof Env>): UsdtRelayConfig | undefined {
  if (!e.PICTOR_RELAYER_PRIVATE_KEY) return undefined;
  if (!e.PICTOR_USDT_EIP712_NAME) {
    throw new Error(
      "invalid configuration: PICTOR_RELAYER_PRIVATE_KEY needs PICTOR_USDT_EIP712_NAME (the token's EIP-712 domain name)",
    );
  }
  return {
    privateKey: e.PICTOR_RELAYER_PRIVATE_KEY as `0x${string}`,
    tokenName: e.PICTOR_USDT_EIP712_NAME,
    tokenVersion: e.PICTOR_USDT_EIP712_VERSION,
    validitySeconds: e.PICTOR_RELAY_VALIDITY_SECONDS,
  };
}
