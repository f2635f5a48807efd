import { ApiKeyCache } from '../accounts/api-key-cache.js';
import { followApiKeyRevocations } from '../accounts/api-key-revocations.js';
import { createEventPublisher } from '../notify/publisher.js';
import { creditsArrived } from '../compute/credits-arrived.js';
import { type Clock, ScopedClock } from '../kernel/clock.js';
import type { Config } from '../kernel/config.js';
import { numberRecordedTransactions, numberInBatchStatement } from '../compute/invoices/number-invoices.js';
import { emailTopUpReceipts } from '../compute/invoices/email-receipts.js';
import { LedgerWriter } from '../ledger/ledger-writer.js';
import type { ServiceContext } from './context.js';
import type { Database, Listener } from '../kernel/db/database.js';
import { hourlyBurnMicros } from '../compute/rentals/burn-store.js';
import { migrate } from '../kernel/db/migrate.js';
import { openPglite, openPgliteThread } from '../kernel/db/pglite.js';
import { DEFAULT_POSTGRES_TIMEOUTS, openPostgres } from '../kernel/db/postgres.js';
import { grantWelcomeTokens } from '../booth/events/grant-welcome-tokens.js';
import { alertsLosingRecipient } from '../compute/alerts/alert-recipient-guard.js';

export interface Engine extends ServiceContext {
  /**
   * PostgreSQL: the connection on which this process hears other processes revoke API keys
   * (docs/scale-out.md); undefined on PGlite.
   */
  apiKeyRevocations?: Listener;
  close(): Promise<void>;
}

/** Opens the configured store (PostgreSQL when DATABASE_URL is set, else PGlite in the data directory). */
export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'poolSize' | 'ledgerWriters'> &
    Partial<Pick<Config, 'dbConnectTimeoutMs' | 'dbStatementTimeoutMs' | 'pgliteThread'>>,
): Promise<Database> {
  return config.databaseUrl
    ? openPostgres(config.databaseUrl, config.poolSize, config.ledgerWriters, {
        ...DEFAULT_POSTGRES_TIMEOUTS,
        ...(config.dbConnectTimeoutMs ? { connectMs: config.dbConnectTimeoutMs } : {}),
        ...(config.dbStatementTimeoutMs ? { statementMs: config.dbStatementTimeoutMs } : {}),
      })
    : config.pgliteThread === false
      ? openPglite(config.dataDir)
      : openPgliteThread(config.dataDir);
}

/**
 * This process's verified API keys: the API's authenticator reads the cache, revoking a key clears
 * it here at once and, on PostgreSQL, in every other process through the listener. An engine that
 * answers no requests listens for nothing and remembers no key.
 */
async function verifiedApiKeys(
  db: Database,
  servesRequests: boolean,
): Promise<{ apiKeyCache: ApiKeyCache; apiKeyRevocations?: Listener }> {
  const apiKeyCache = new ApiKeyCache();
  if (!servesRequests) {
    apiKeyCache.distrust();
    return { apiKeyCache };
  }
  return { apiKeyCache, apiKeyRevocations: await followApiKeyRevocations(db, apiKeyCache) };
}

/** Wires the engine on an open database, applying pending migrations first. */
export async function startEngine(
  db: Database,
  clock: Clock,
  options: { web3?: Config['web3'] } & Pick<ServiceContext, 'paypal' | 'paypalSandbox' | 'topUps'> &
    Pick<ServiceContext, 'signInMail' | 'mailSandbox'> &
    Pick<ServiceContext, 'cards' | 'cardsPublic'> & {
      /** Record customer notifications (`events`), delivered by the notification due work. */
      notifications?: boolean;
      /** The issuer on documents (configuration); the sample seller when absent. */
      seller?: Config['seller'];
      /** The ledger writer's limits (configuration); DEFAULT_WRITER_LIMITS and batches of 512 when absent. */
      ledgerWriter?: Config['ledgerWriter'];
      /** Which webhook URLs customers may save (as at delivery); `public` when absent. */
      webhookTargets?: Config['notifications']['webhookTargets'];
      /** False for the scheduler and the CLI: no API requests, so no key cache, no listener. */
      servesRequests?: boolean;
    } = {},
): Promise<Engine> {
  await migrate(db);
  // Test clocks (sandbox) lend their time to the requests and work of their accounts.
  clock = clock instanceof ScopedClock ? clock : new ScopedClock(clock);
  const writer = options.ledgerWriter;
  const ledger = writer
    ? new LedgerWriter(db, clock, writer.maxBatchSize, {
        maxQueued: writer.maxQueued,
        queueDeadlineMs: writer.queueDeadlineMs,
      })
    : new LedgerWriter(db, clock);
  // Compute documents are numbered in the transaction that records them (docs/documents.md).
  ledger.withinBatch(numberRecordedTransactions, numberInBatchStatement);
  const { apiKeyCache, apiKeyRevocations } = await verifiedApiKeys(db, options.servesRequests !== false);
  const engine: Engine = {
    db,
    clock,
    ledger,
    web3: options.web3,
    paypal: options.paypal,
    paypalSandbox: options.paypalSandbox,
    signInMail: options.signInMail ?? options.mailSandbox,
    mailSandbox: options.mailSandbox,
    topUps: options.topUps,
    cards: options.cards,
    cardsPublic: options.cardsPublic,
    seller: options.seller,
    webhookTargets: options.webhookTargets,
    apiKeyCache,
    apiKeyRevocations,
    // Remaining time for alerts: available balance ÷ what the account's instances cost per hour.
    burnRate: { hourlyBurnMicros: (accountId) => hourlyBurnMicros(db, accountId) },
    async close() {
      await apiKeyRevocations?.close();
      await ledger.idle();
      await db.close();
    },
  };
  // The booth line grants its welcome tokens when an account opens (accounts knows no product).
  engine.accountOpened = [(accountId) => grantWelcomeTokens(engine, accountId)];
  // Removing the email the compute alerts go to asks the alerts first (refused if they'd reach nobody).
  engine.contactEmailChanging = [alertsLosingRecipient];
  // Money arriving by an operator's credit reaches the compute line's one reaction to new credits.
  engine.walletCredited = [
    async (accountId, unit) => (unit === 'CREDIT' ? creditsArrived(engine, accountId) : undefined),
  ];
  if (options.notifications) engine.events = createEventPublisher(engine);
  // Top-up receipts go to the billing email once numbered (after the numbering listener above).
  ledger.afterCommit((recorded) => emailTopUpReceipts(engine, recorded));
  return engine;
}
