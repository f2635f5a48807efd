#!/usr/bin/env node
import { randomUUID } from 'node:crypto';
import { Command, Option } from 'commander';
import fs from 'node:fs';
import path from 'node:path';
import { type Logger, pino } from 'pino';
import { type Engine, openDatabase, startEngine } from '../server/engine.js';
import { PAYPAL_FEE } from '../compute/topups/fees-rules.js';
import { buildApp } from '../server/app.js';
import { setUpCardProcessor, setUpPayPal } from '../server/rails.js';
import { systemClock } from '../kernel/clock.js';
import { type Config, loadConfig } from '../kernel/config.js';
import { createSmtpSender, signInMailerOf } from '../notify/email.js';
import { SandboxMailbox } from '../sandbox/sandbox-mail.js';
import { GpuFleetClient } from '../compute/rentals/gpu-fleet.js';
import { SandboxFleet } from '../sandbox/sandbox-fleet.js';
import { startAllWork } from '../server/all-work.js';
import { stopWithin } from '../server/shutdown.js';
import { startUsdtWatcherLoop } from '../compute/deposits/usdt-watcher-loop.js';
import { createApiKey } from '../accounts/create-api-key.js';
import { seedDemo } from '../sandbox/seed-demo.js';
import type { DemoSignIn } from '../accounts/page-session-routes.js';
import { countApiKeys } from '../accounts/api-key-store.js';
import { migrate } from '../kernel/db/migrate.js';
import { DataDirectoryInUseError } from '../kernel/db/pglite.js';
import { Scenario } from '../simulation/scenario.js';
import { formatReport, runScenario } from '../simulation/run-scenario.js';
import cliProgress from 'cli-progress';
import { formatMoney } from '../kernel/format-rules.js';

const { SingleBar, Presets } = cliProgress;

const program = new Command()
  .name('pictor-billing')
  .description(
    'Pictor Billing: the ledger engine, its HTTP API and its tools.\nConfiguration comes from the environment (see README).',
  );

program
  .command('serve')
  .description('run the HTTP API (applies pending migrations first)')
  .option('-p, --port <port>', 'port to listen on (default: $PORT or 3000)')
  .action(serve);

/** `pictor-billing serve`: the API (and, unless PICTOR_ROLE says otherwise, the due work) in one process. */
async function serve(opts: { port?: string }) {
  const config = loadConfig();
  const log = pino({ level: config.logLevel });
  // PICTOR_ROLE=scheduler: this process runs the due work only, as `pictor-billing scheduler` does.
  if (config.role === 'scheduler') return runScheduler(config, log);
  const { engine, mailer } = await startServingEngine(config, opts.port, log);
  const cardSetup = await attachCardProcessor(engine, config, log);
  await ensureOperatorKey(engine, config, log);
  // Before the demo account, which rents instances on it.
  Object.assign(engine, fleetFrom(config));
  const demo = await ensureDemoAccount(engine, config, log);
  engine.rentals = { terminationWarningHours: config.fleet.terminationWarningHours };
  log.info(
    `GPU renting: ${engine.fleetSandbox ? 'sandbox fleet and render farm (built in)' : engine.fleet ? `fleet at ${config.fleet.baseUrl}` : 'off (no PICTOR_FLEET_BASE_URL)'}`,
  );
  // Due work: notifications and alert scans, rental period ends and storage hours, hold expiry.
  const dueWork = await startAllWork(engine, config, mailer);
  const app = await buildApp(engine, {
    bodyLimitBytes: config.bodyLimitBytes,
    // One logger for the process: Fastify's request logs and the CLI's own lines alike.
    logger: log,
    rateLimit: config.rateLimit,
    dueWork,
    requestTimeoutMs: config.requestTimeoutMs,
    idempotencyLeaseMs: config.idempotencyLeaseMs,
    web: { demo: () => demo },
    // Sandbox mode: test clocks, advanced by the same kinds of work (docs/test-clocks.md).
    testClocks: config.sandbox ? dueWork : undefined,
  });
  log.info(`Sandbox mode (test clocks): ${config.sandbox ? 'on' : 'off'}`);
  const stopDueWork = startDueWorkLoop(dueWork, config, log);
  const stopUsdtWatcher = startUsdtWatcher(engine, config, log);
  const port = opts.port ? Number(opts.port) : config.port;
  const address = await app.listen({ host: config.host, port });
  log.info(
    { store: engine.db.kind === 'pglite' ? `PGlite at ${path.resolve(config.dataDir)}` : 'PostgreSQL' },
    `Pictor Billing listening on ${address} (API reference: ${address}/docs)`,
  );
  const shutdown = () =>
    stopWithin(config.shutdownTimeoutSeconds, log, async () => {
      await app.close(); // stops accepting, waits for requests in flight
      await stopUsdtWatcher();
      await stopDueWork();
      mailer?.close();
      await engine.close(); // drains the ledger writer, then closes the database
      await cardSetup.close();
    });
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

/**
 * The engine `serve` runs, with its PayPal and email rails chosen from the configuration; the
 * port option is passed as given, because the PayPal sandbox's approval links name it.
 */
async function startServingEngine(config: Config, portOption: string | undefined, log: Logger) {
  // PayPal top-ups: PayPal's API when credentials are set, else the built-in sandbox (see README).
  const paypal = setUpPayPal(config.paypal, {
    embeddedStore: !config.databaseUrl,
    publicUrl: `http://${config.host}:${portOption ?? config.port}`,
    clock: systemClock,
  });
  // Email (notifications and sign-in codes): SMTP when configured, else on the embedded store the
  // sandbox mailbox at /sandbox/mail shows sign-in codes; otherwise email sign-in is off (503).
  const mailer = config.notifications.smtpUrl
    ? createSmtpSender(config.notifications.smtpUrl, config.notifications.smtpFrom)
    : undefined;
  const mailSandbox = !mailer && !config.databaseUrl ? new SandboxMailbox(systemClock) : undefined;
  const engine = await startEngine(await openDatabase(config), systemClock, {
    web3: config.web3,
    signInMail: mailer ? signInMailerOf(mailer) : undefined,
    mailSandbox,
    paypal: paypal.paypal,
    paypalSandbox: paypal.sandbox,
    topUps: {
      minMicros: config.paypal.topUpMinMicros,
      maxMicros: config.paypal.topUpMaxMicros,
      paypalFee: PAYPAL_FEE,
    },
    notifications: true,
    seller: config.seller,
    ledgerWriter: config.ledgerWriter,
    webhookTargets: config.notifications.webhookTargets,
  });
  log.info(
    `Email sign-in codes: ${mailer ? 'SMTP' : mailSandbox ? 'sandbox mailbox (see /sandbox/mail)' : 'off (no PICTOR_SMTP_URL)'}`,
  );
  log.info(
    `PayPal top-ups: ${paypal.mode}${paypal.sandbox ? ` (approve at ${paypal.sandbox.publicUrl})` : ''}`,
  );
  return { engine, mailer };
}

/** Booth cards: the configured processor, else the built-in sandbox on the embedded store (see README). */
async function attachCardProcessor(engine: Engine, config: Config, log: Logger) {
  const cardSetup = await setUpCardProcessor(config.cards, {
    embeddedStore: !config.databaseUrl,
    clock: systemClock,
    // On the embedded store the sandbox keeps its saved cards beside the data, across restarts.
    sandboxStateFile: config.databaseUrl ? undefined : path.join(config.dataDir, 'sandbox-cards.json'),
  });
  engine.cards = cardSetup.cards;
  engine.cardsPublic = cardSetup.cardsPublic;
  log.info(
    `Booth cards: ${cardSetup.mode}${cardSetup.cardsPublic ? ` (tokenize at ${cardSetup.cardsPublic.tokenizeUrl})` : ''}`,
  );
  return cardSetup;
}

/**
 * Starts the due-work loop in this process, unless PICTOR_ROLE=api: then the due work runs in
 * scheduler processes only (docs/scale-out.md), and the runner stays for test clocks, which
 * advance in the process that serves the request. Returns how to stop it.
 */
function startDueWorkLoop(dueWork: Awaited<ReturnType<typeof startAllWork>>, config: Config, log: Logger) {
  const stopDueWork =
    config.role === 'api'
      ? async () => {}
      : dueWork.start(config.schedulerIntervalSeconds * 1000, (err) =>
          log.error({ err }, 'due work pass failed'),
        );
  log.info(`Role: ${config.role === 'api' ? 'API only (no due work in this process)' : 'API and due work'}`);
  return stopDueWork;
}

/** The USDT deposit watcher runs only when a chain is configured (PICTOR_CHAIN_RPC_URL). Returns how to stop it. */
function startUsdtWatcher(engine: Engine, config: Config, log: Logger) {
  const usdtChain = config.web3.chain;
  if (!usdtChain) return async () => {};
  log.info(`USDT network fee: ${networkFeeMode(usdtChain)}`);
  return startUsdtWatcherLoop(
    engine,
    usdtChain,
    (err) => log.error({ err }, 'USDT deposit watcher pass failed'),
    ({ head, credited, held, reorged, rewound, errors }) => {
      if (credited.length || held.length || reorged.length || errors.length || rewound)
        log.info({ head: String(head), credited, held, reorged, rewound, errors }, 'USDT deposits processed');
    },
  );
}

/** Who pays a USDT deposit's gas on this server, for the start-up log (docs/usdt-relay.md). */
function networkFeeMode(chain: NonNullable<Config['web3']['chain']>): string {
  if (chain.relay) return "paid by Pictor's relayer (EIP-3009)";
  const refund = chain.feeRefund;
  if (!refund) return 'paid by the sending wallet, not refunded (no PICTOR_NATIVE_TOKEN_USD_PRICE)';
  const price = formatMoney(refund.nativeUsdPriceMicros);
  return `paid by the sending wallet, refunded as credits at ${price} USD per native token${refund.sandboxPrice ? ' (sandbox stand-in price)' : ''}, at most ${formatMoney(refund.capMicros)} credits per deposit`;
}

program
  .command('scheduler')
  .description(
    'run only the due-work scheduler (renewals, storage hours, terminations, notifications, hold expiry)',
  )
  .action(async () => {
    const config = loadConfig();
    await runScheduler(config, pino({ level: config.logLevel }));
  });

/** The due-work scheduler alone: `pictor-billing scheduler`, or `serve` with PICTOR_ROLE=scheduler. */
async function runScheduler(config: ReturnType<typeof loadConfig>, log: Logger) {
  const engine = await startEngine(await openDatabase(config), systemClock, {
    // The chain and relayer: the sweep that settles relays a crash left `submitting`.
    web3: config.web3,
    notifications: true,
    seller: config.seller,
    ledgerWriter: config.ledgerWriter,
    servesRequests: false,
  });
  // The sandbox fleet's machines live in the serving process: only a real fleet here.
  engine.fleet = config.fleet.baseUrl ? fleetFrom(config).fleet : undefined;
  engine.rentals = { terminationWarningHours: config.fleet.terminationWarningHours };
  // Renewals charge cards: only a real processor here (a sandbox's cards live in the serving process).
  if (config.cards.secretKey) {
    const cardSetup = await setUpCardProcessor(config.cards, { embeddedStore: false });
    engine.cards = cardSetup.cards;
  }
  const mailer = config.notifications.smtpUrl
    ? createSmtpSender(config.notifications.smtpUrl, config.notifications.smtpFrom)
    : undefined;
  const runner = await startAllWork(engine, config, mailer);
  const stop = runner.start(config.schedulerIntervalSeconds * 1000, (err) =>
    log.error({ err }, 'due work pass failed'),
  );
  log.info(`scheduler running every ${config.schedulerIntervalSeconds} s`);
  const shutdown = () =>
    stopWithin(config.shutdownTimeoutSeconds, log, async () => {
      await stop();
      mailer?.close();
      await engine.close();
    });
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

/**
 * The GPU fleet client when PICTOR_FLEET_BASE_URL is set; else the built-in sandbox fleet on the
 * embedded store (or with PICTOR_SANDBOX=on), its machines kept in the data directory; else none
 * (renting answers 503).
 */
function fleetFrom(config: ReturnType<typeof loadConfig>) {
  if (config.fleet.baseUrl) {
    return { fleet: new GpuFleetClient({ baseUrl: config.fleet.baseUrl, token: config.fleet.token }) };
  }
  const sandbox = config.fleet.sandbox === 'on' || (config.fleet.sandbox === 'auto' && !config.databaseUrl);
  if (!sandbox) return {};
  const fleetSandbox = new SandboxFleet(systemClock, path.join(config.dataDir, 'sandbox-fleet.json'));
  return { fleet: fleetSandbox, fleetSandbox, renderFarmSandbox: true };
}

program
  .command('migrate')
  .description('apply pending database migrations and exit')
  .action(async () => {
    const db = await openDatabase(loadConfig());
    const applied = await migrate(db);
    await db.close();
    console.log(applied.length ? `applied migrations: ${applied.join(', ')}` : 'database is up to date');
  });

program
  .command('api-key')
  .description('issue an API key and print its secret (shown once)')
  .addOption(
    new Option('--role <role>', 'operator, service or customer')
      .choices(['operator', 'service', 'customer'])
      .makeOptionMandatory(),
  )
  .option('--account <accountId>', 'the account a customer key is bound to')
  .option('--label <label>', 'what the key is for', '')
  .option(
    '--server <url>',
    "issue it through a running server's API (with the operator key in $PICTOR_OPERATOR_KEY or <dataDir>/operator.key); " +
      'chosen by itself when the embedded data directory is held by `serve`',
  )
  .action(async (opts: ApiKeyOptions) => {
    const config = loadConfig();
    const input = { role: opts.role, accountId: opts.account, label: opts.label };
    let secret: string;
    if (opts.server) secret = await createApiKeyOverHttp(opts.server, config, input);
    else {
      const db = await openDatabase(config).catch((error: unknown) => {
        if (error instanceof DataDirectoryInUseError) return null;
        throw error;
      });
      if (db === null) {
        // `serve` holds the embedded data directory: ask it, as an operator, over its API.
        secret = await createApiKeyOverHttp(`http://${config.host}:${config.port}`, config, input);
      } else {
        const engine = await startEngine(db, systemClock, { servesRequests: false });
        const result = await createApiKey(engine, input);
        await engine.close();
        if (!result.ok) fatal(result.failure.detail);
        secret = result.value.secret;
      }
    }
    console.log(secret);
  });

interface ApiKeyOptions {
  role: 'operator' | 'service' | 'customer';
  account?: string;
  label: string;
  server?: string;
}

function fatal(message: string): never {
  console.error(`error: ${message}`);
  process.exit(1);
}

/** POST /v1/api-keys on a running server, as the operator whose key is in the environment or the data directory. */
async function createApiKeyOverHttp(
  server: string,
  config: ReturnType<typeof loadConfig>,
  input: { role: string; accountId?: string; label: string },
): Promise<string> {
  const keyFile = path.join(config.dataDir, 'operator.key');
  const operatorKey =
    process.env.PICTOR_OPERATOR_KEY ??
    (fs.existsSync(keyFile) ? fs.readFileSync(keyFile, 'utf8').trim() : '');
  if (!operatorKey) {
    fatal(
      `no operator key: set PICTOR_OPERATOR_KEY or create ${keyFile} (written by \`serve\` at its first start)`,
    );
  }
  const response = await fetch(new URL('/v1/api-keys', server), {
    method: 'POST',
    headers: {
      authorization: `Bearer ${operatorKey}`,
      'content-type': 'application/json',
      'idempotency-key': `cli-api-key-${randomUUID()}`,
    },
    body: JSON.stringify(input),
  }).catch((error: unknown) =>
    fatal(
      `the server at ${server} did not answer (${error instanceof Error ? error.message : String(error)})`,
    ),
  );
  const body = (await response.json().catch(() => ({}))) as { secret?: string; detail?: string };
  if (!response.ok || !body.secret)
    fatal(`${response.status}: ${body.detail ?? 'the server refused the key'}`);
  return body.secret;
}

program
  .command('simulate')
  .description('run a scenario (JSON file) on the simulated clock and print the ledger and events')
  .argument('<file>', 'scenario file, e.g. scenarios/compute-30-days.json')
  .option('--no-progress', 'do not draw the progress bar')
  .action(async (file: string, opts: { progress: boolean }) => {
    const parsed = Scenario.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        console.error(`${file}: ${issue.path.join('.')}: ${issue.message}`);
      process.exit(2);
    }
    const bar = opts.progress
      ? new SingleBar(
          { stream: process.stderr, format: 'simulating [{bar}] {percentage}% {value}/{total} steps' },
          Presets.shades_classic,
        )
      : undefined;
    bar?.start(1, 0);
    const report = await runScenario(parsed.data, (done, total) => {
      bar?.setTotal(total);
      bar?.update(done);
    });
    bar?.stop();
    console.log(formatReport(report));
  });

/**
 * A fresh service needs one operator key. PICTOR_BOOTSTRAP_OPERATOR_KEY registers a chosen one;
 * otherwise, on the embedded store only, one is generated and written to <dataDir>/operator.key.
 */
async function ensureOperatorKey(
  engine: Awaited<ReturnType<typeof startEngine>>,
  config: ReturnType<typeof loadConfig>,
  log: pino.Logger,
) {
  if ((await countApiKeys(engine.db, 'operator')) > 0) return;
  if (config.bootstrapOperatorKey) {
    await createApiKey(engine, { role: 'operator', label: 'bootstrap', secret: config.bootstrapOperatorKey });
    log.info('registered the operator key from PICTOR_BOOTSTRAP_OPERATOR_KEY');
  } else if (engine.db.kind === 'pglite') {
    const created = await createApiKey(engine, { role: 'operator', label: 'generated at first start' });
    if (!created.ok) throw new Error(created.failure.detail);
    const file = path.join(config.dataDir, 'operator.key');
    fs.writeFileSync(file, `${created.value.secret}\n`, { mode: 0o600 });
    log.info(`generated an operator API key in ${file}`);
  } else {
    log.warn(
      'no operator key exists: run `pictor-billing api-key --role operator` or set PICTOR_BOOTSTRAP_OPERATOR_KEY',
    );
  }
}

/**
 * The billing page's demo account (PICTOR_DEMO=auto: on the embedded store only): seeded once, its
 * customer key kept in data/demo.key so later starts reuse it; GET /v1/demo hands it to the page.
 */
async function ensureDemoAccount(
  engine: Awaited<ReturnType<typeof startEngine>>,
  config: ReturnType<typeof loadConfig>,
  log: pino.Logger,
): Promise<DemoSignIn | null> {
  const enabled = config.demo === 'on' || (config.demo === 'auto' && engine.db.kind === 'pglite');
  if (!enabled) return null;
  const file = path.join(config.dataDir, 'demo.key');
  const existingSecret = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : undefined;
  const seeded = await seedDemo(engine, { existingSecret });
  if (!seeded.ok) {
    log.warn(`demo account not available: ${seeded.failure.detail}`);
    return null;
  }
  if (seeded.value.secret !== existingSecret) {
    fs.mkdirSync(config.dataDir, { recursive: true });
    fs.writeFileSync(file, `${seeded.value.secret}\n`, { mode: 0o600 });
    log.info(`demo account ${seeded.value.account.id}: its customer key is in ${file}`);
  }
  return { accountId: seeded.value.account.id, secret: seeded.value.secret };
}

program.parseAsync().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
