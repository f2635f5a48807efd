import type { Database } from './database.js';
import * as m001 from './migrations/001_ledger.js';
import * as m002 from './migrations/002_invoices.js';
import * as m003 from './migrations/003_web3.js';
import * as m004 from './migrations/004_paypal.js';
import * as m005 from './migrations/005_rendering.js';
import * as m006 from './migrations/006_rentals.js';
import * as m007 from './migrations/007_alerts.js';
import * as m008 from './migrations/008_scheduler.js';
import * as m009 from './migrations/009_cards_and_booth_invoices.js';
import * as m010 from './migrations/010_licenses.js';
import * as m011 from './migrations/011_booth_events_tokens.js';
import * as m012 from './migrations/012_storage_charges.js';
import * as m013 from './migrations/013_gpu_instances_fillfactor.js';
import * as m014 from './migrations/014_idempotency_scopes.js';
import * as m015 from './migrations/015_idempotency_retention.js';
import * as m016 from './migrations/016_document_series.js';
import * as m017 from './migrations/017_termination_warnings.js';
import * as m018 from './migrations/018_booth_edges.js';
import * as m020 from './migrations/020_email_sign_in.js';
import * as m021 from './migrations/021_test_clocks.js';
import * as m025 from './migrations/025_gpu_max_disk.js';
import * as m026 from './migrations/026_dunning_voided.js';
import * as m027 from './migrations/027_notification_reads.js';
import * as m033 from './migrations/033_usdt_relays.js';
import * as m034 from './migrations/034_booth_payment_attempts.js';
import * as m041 from './migrations/041_usdt_watcher_heads.js';
import * as m042 from './migrations/042_verified_alert_emails.js';
import * as m043 from './migrations/043_usdt_relays_submitting.js';
import * as m044 from './migrations/044_series_settings_version.js';

/** Versioned migrations, applied in order, each in its own transaction. Append; never edit. */
export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  { version: 1, name: 'ledger', sql: m001.sql },
  { version: 2, name: 'invoices', sql: m002.sql },
  { version: 3, name: 'web3', sql: m003.sql },
  { version: 4, name: 'paypal', sql: m004.sql },
  { version: 5, name: 'rendering', sql: m005.sql },
  { version: 6, name: 'rentals', sql: m006.sql },
  { version: 7, name: 'alerts', sql: m007.sql },
  { version: 8, name: 'scheduler', sql: m008.sql },
  { version: 9, name: 'cards_and_booth_invoices', sql: m009.sql },
  { version: 10, name: 'licenses', sql: m010.sql },
  { version: 11, name: 'booth_events_tokens', sql: m011.sql },
  { version: 12, name: 'storage_charges', sql: m012.sql },
  { version: 13, name: 'gpu_instances_fillfactor', sql: m013.sql },
  { version: 14, name: 'idempotency_scopes', sql: m014.sql },
  { version: 15, name: 'idempotency_retention', sql: m015.sql },
  { version: 16, name: 'document_series', sql: m016.sql },
  { version: 17, name: 'termination_warnings', sql: m017.sql },
  { version: 18, name: 'booth_edges', sql: m018.sql },
  { version: 20, name: 'email_sign_in', sql: m020.sql },
  { version: 21, name: 'test_clocks', sql: m021.sql },
  { version: 25, name: 'gpu_max_disk', sql: m025.sql },
  { version: 26, name: 'dunning_voided', sql: m026.sql },
  { version: 27, name: 'notification_reads', sql: m027.sql },
  { version: 33, name: 'usdt_relays', sql: m033.sql },
  { version: 34, name: 'booth_payment_attempts', sql: m034.sql },
  { version: 41, name: 'usdt_watcher_heads', sql: m041.sql },
  { version: 42, name: 'verified_alert_emails', sql: m042.sql },
  { version: 43, name: 'usdt_relays_submitting', sql: m043.sql },
  { version: 44, name: 'series_settings_version', sql: m044.sql },
];

/** Serializes migrators across processes sharing one PostgreSQL server. */
const MIGRATION_LOCK_KEY = 7_311_002_001;

export async function migrate(db: Database): Promise<number[]> {
  await db.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  const applied: number[] = [];
  for (const migration of MIGRATIONS) {
    const ran = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      const done = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [migration.version]);
      if (done.length > 0) return false;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      return true;
    });
    if (ran) applied.push(migration.version);
  }
  return applied;
}
