import type { LightMyRequestResponse } from 'fastify';
import { type Engine, startEngine } from '../../src/server/engine.js';
import { type App, buildApp } from '../../src/server/app.js';
import { type Clock, SimulatedClock } from '../../src/kernel/clock.js';
import { createApiKey } from '../../src/accounts/create-api-key.js';
import type { Caller } from '../../src/server/context.js';
import type { Database, Queryable } from '../../src/kernel/db/database.js';
import { expect } from 'vitest';
import type { Backend, FreshDatabase } from './databases.js';
import { type FakeCardProcessor, startFakeCardProcessor } from './fake-card-processor.js';

export interface Harness {
  engine: Engine;
  app: App;
  clock: SimulatedClock;
  database: FreshDatabase;
  operatorKey: string;
  serviceKey: string;
  operator: Caller;
  service: Caller;
  /** Calls the API as `key`, with an Idempotency-Key on POSTs unless one is given or `null`. */
  call(method: 'GET' | 'POST', url: string, options?: CallOptions): Promise<LightMyRequestResponse>;
  openAccount(name?: string): Promise<string>;
  /** Funds a wallet through an operator adjustment. */
  fund(accountId: string, amount: string, unit?: string): Promise<void>;
  close(): Promise<void>;
}

export interface CallOptions {
  key?: string;
  body?: unknown;
  rawBody?: string;
  idempotencyKey?: string | null;
  headers?: Record<string, string>;
}

let keyCounter = 0;
export const uniqueKey = (label = 'k') =>
  `${label}-${process.pid}-${++keyCounter}-${Math.random().toString(36).slice(2)}`;

export async function startHarness(
  backend: Backend,
  options: {
    clock?: SimulatedClock;
    database?: FreshDatabase;
    web3?: Engine['web3'];
    /** PayPal (the fake server's client, or a sandbox), its sandbox and top-up limits. */
    payments?: Pick<Engine, 'paypal' | 'paypalSandbox' | 'topUps'>;
    /** The card processor (the fake processor's client, or a sandbox) and the page's tokenize config. */
    cards?: Pick<Engine, 'cards' | 'cardsPublic'>;
    /** Where sign-in codes go (an SMTP sender to a test server, or the sandbox mailbox). */
    mail?: Pick<Engine, 'signInMail' | 'mailSandbox'>;
    /** The built-in render farm's routes (submit, quote), as on the embedded default. */
    renderFarmSandbox?: boolean;
  } = {},
): Promise<Harness> {
  const database = options.database ?? (await backend.fresh());
  const clock = options.clock ?? new SimulatedClock('2026-01-01T00:00:00Z');
  const engine = await startEngine(await database.open(), clock, {
    web3: options.web3,
    ...options.payments,
    ...options.cards,
    ...options.mail,
  });
  if (options.renderFarmSandbox) Object.assign(engine, { renderFarmSandbox: true });
  const app = await buildApp(engine);
  const operator = await issueKey(engine, 'operator');
  const service = await issueKey(engine, 'service');

  const call: Harness['call'] = (method, url, o = {}) => {
    const headers: Record<string, string> = {
      authorization: `Bearer ${o.key ?? operator.secret}`,
      ...o.headers,
    };
    if (method === 'POST' && o.idempotencyKey !== null)
      headers['idempotency-key'] = o.idempotencyKey ?? uniqueKey();
    if (o.rawBody !== undefined) {
      headers['content-type'] ??= 'application/json';
      return app.inject({ method, url, headers, payload: o.rawBody });
    }
    return app.inject({
      method,
      url,
      headers,
      ...(o.body === undefined ? {} : { payload: o.body as object }),
    });
  };

  return {
    engine,
    app,
    clock,
    database,
    operatorKey: operator.secret,
    serviceKey: service.secret,
    operator: operator.caller,
    service: service.caller,
    call,
    async openAccount(name = 'Customer') {
      const res = await call('POST', '/v1/accounts', { body: { name } });
      if (res.statusCode !== 201) throw new Error(`openAccount: ${res.statusCode} ${res.body}`);
      return res.json().id as string;
    },
    async fund(accountId, amount, unit = 'CREDIT') {
      const res = await call('POST', `/v1/accounts/${accountId}/adjustments`, {
        body: { direction: 'credit', amount: { amount, unit }, reason: 'test funding' },
      });
      if (res.statusCode !== 201) throw new Error(`fund: ${res.statusCode} ${res.body}`);
    },
    async close() {
      await app.close();
      await engine.close();
      if (!options.database) await database.drop();
    },
  };
}

export async function issueKey(
  engine: { db: Database; clock: Clock } & Engine,
  role: Caller['role'],
  accountId?: string,
) {
  const created = await createApiKey(engine, { role, accountId });
  if (!created.ok) throw new Error(created.failure.detail);
  const { key, secret } = created.value;
  return { secret, caller: { id: key.id, role: key.role, accountId: key.accountId } satisfies Caller };
}

/** Row counts of every table that a mutation could write. */
export async function rowCounts(db: Queryable): Promise<Record<string, number>> {
  const tables = [
    'accounts',
    'transactions',
    'transfers',
    'holds',
    'idempotency_keys',
    'audit_log',
    'wallet_balances',
    'siwe_nonces',
    'wallet_addresses',
    'sessions',
    'account_emails',
    'sign_in_codes',
    'usdt_deposits',
    'usdt_watcher_checkpoints',
    'invoice_settings_versions',
    'invoices',
    'topup_orders',
    'promotions',
    'promotion_redemptions',
    'alert_settings',
    'verified_alert_emails',
    'alert_state',
    'notifications',
    'notification_deliveries',
    'render_rate_cards',
    'render_jobs',
    'render_tasks',
    'gpu_instance_type_versions',
    'gpu_instances',
    'gpu_instance_events',
    'storage_charges',
    'booth_templates',
    'booth_events',
    'booth_event_licenses',
    'booth_outputs',
    'booth_sessions',
    'booth_token_purchases',
    'card_customers',
    'payment_methods',
    'booth_invoices',
    'booth_invoice_lines',
    'license_catalog_versions',
    'coupons',
    'coupon_redemptions',
    'license_orders',
    'licenses',
    'booth_accounts',
    'booth_lock_history',
    'license_renewals',
  ];
  const rows = await db.query<Record<string, bigint>>(
    `SELECT ${tables.map((t) => `(SELECT count(*) FROM ${t})::int8 AS ${t}`).join(', ')}`,
  );
  return Object.fromEntries(Object.entries(rows[0]!).map(([k, v]) => [k, Number(v)]));
}

/**
 * The ledger's invariants, checked from the rows: every unit sums to zero over all ledger accounts
 * (wallets by their cached balance, system accounts by their transfers);
 * each wallet's cached balance equals its transfers and is never negative; cached held equals its
 * pending holds.
 */
export async function ledgerInvariants(db: Queryable) {
  // Wallets from their cached balance rows, system accounts derived from transfers.
  const sums = await db.query<{ unit: string; total: bigint }>(
    `SELECT unit, sum(balance)::int8 AS total FROM (
       SELECT unit, balance_micros AS balance FROM wallet_balances
       UNION ALL SELECT unit, amount_micros FROM transfers WHERE credit_account_id LIKE 'system:%'
       UNION ALL SELECT unit, -amount_micros FROM transfers WHERE debit_account_id LIKE 'system:%') b
     GROUP BY unit`,
  );
  const wallets = await db.query<{
    id: string;
    balance: bigint;
    held: bigint;
    derived: bigint;
    pending: bigint;
  }>(
    `SELECT w.ledger_account_id AS id, w.balance_micros AS balance, w.held_micros AS held,
       (COALESCE((SELECT sum(amount_micros) FROM transfers WHERE credit_account_id = w.ledger_account_id), 0)
        - COALESCE((SELECT sum(amount_micros) FROM transfers WHERE debit_account_id = w.ledger_account_id), 0))::int8 AS derived,
       COALESCE((SELECT sum(amount_micros) FROM holds WHERE wallet_id = w.ledger_account_id AND status = 'pending'), 0)::int8 AS pending
     FROM wallet_balances w`,
  );
  return { sums, wallets };
}

/** The ledger's invariants as assertions: every unit sums to zero; every wallet is its transfers' sum, never negative. */
export async function expectLedgerSound(db: Queryable) {
  const { sums, wallets } = await ledgerInvariants(db);
  for (const s of sums) expect(s.total).toBe(0n);
  for (const w of wallets) {
    expect(w.balance).toBe(w.derived);
    expect(w.balance >= 0n).toBe(true);
  }
}

/** A harness whose engine charges cards at a fake processor started for it; closing the harness closes both. */
export async function startHarnessWithCards(
  backend: Backend,
  clock: SimulatedClock,
): Promise<{ h: Harness; fake: FakeCardProcessor }> {
  const fake = await startFakeCardProcessor({ clock });
  const h = await startHarness(backend, {
    clock,
    cards: { cards: fake.client(), cardsPublic: fake.publicConfig() },
  });
  const closeHarness = h.close;
  h.close = async () => {
    await closeHarness();
    await fake.close();
  };
  return { h, fake };
}
