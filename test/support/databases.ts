import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Database } from '../../src/kernel/db/database.js';
import { migrate } from '../../src/kernel/db/migrate.js';
import { openPglite } from '../../src/kernel/db/pglite.js';
import { openPostgres } from '../../src/kernel/db/postgres.js';

export interface Backend {
  name: 'pglite' | 'postgres';
  /**
   * A fresh database for one test file or scenario, with no rows of its own. It may already be
   * migrated (PGlite starts from a migrated template); `empty` asks for one with no schema at all.
   */
  fresh(options?: { empty?: boolean }): Promise<FreshDatabase>;
}

export interface FreshDatabase {
  /** Opens a connection to it (several for PostgreSQL: separate pools, as separate processes would). */
  open(): Promise<Database>;
  url?: string;
  drop(): Promise<void>;
}

const serverUrl = process.env.DATABASE_URL;

let migratedTemplate: Promise<Blob> | undefined;

/**
 * One migrated in-memory database per test worker, dumped: every later fresh database starts as a
 * copy of it instead of running initdb and every migration again (a fifth of the CPU per open).
 */
function pgliteTemplate(): Promise<Blob> {
  migratedTemplate ??= (async () => {
    const db = await openPglite();
    try {
      await migrate(db);
      return await db.dumpDataDir!();
    } finally {
      await db.close();
    }
  })();
  return migratedTemplate;
}

export const pglite: Backend = {
  name: 'pglite',
  async fresh(options = {}) {
    let opened = false;
    return {
      async open() {
        if (opened) throw new Error('an in-memory PGlite database opens once');
        opened = true;
        return options.empty ? openPglite() : openPglite(undefined, { template: await pgliteTemplate() });
      },
      drop: async () => {},
    };
  },
};

/**
 * Creates a database of its own on the server DATABASE_URL points at, named after it, and drops
 * it afterwards: tests never share rows, and CI's database stays clean.
 */
export const postgres: Backend | undefined = serverUrl
  ? {
      name: 'postgres',
      async fresh() {
        const admin = new URL(serverUrl);
        const name = `${admin.pathname.slice(1) || 'pictor'}_t${randomBytes(5).toString('hex')}`;
        await withAdmin((c) => c.query(`CREATE DATABASE "${name}"`));
        const url = new URL(serverUrl);
        url.pathname = `/${name}`;
        const opened: Database[] = [];
        return {
          url: url.toString(),
          async open() {
            const db = openPostgres(url.toString(), 20);
            opened.push(db);
            return db;
          },
          async drop() {
            await Promise.all(opened.map((db) => db.close().catch(() => {})));
            await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
          },
        };
      },
    }
  : undefined;

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** PGlite always; real PostgreSQL too when DATABASE_URL is set (CI always sets it). */
export const backends: Backend[] = [pglite, ...(postgres ? [postgres] : [])];
