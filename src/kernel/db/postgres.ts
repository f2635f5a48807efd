import pg from 'pg';
import type { Database, Queryable, Row } from './database.js';
import { pgListeners } from './pg-listener.js';

const INT8_OID = 20;

/** Time limits of every connection (PICTOR_DB_*_TIMEOUT_MS). */
export interface PostgresTimeouts {
  /** Waiting for a connection from the pool or the server. */
  connectMs: number;
  /** One statement, lock waits included. */
  statementMs: number;
  /** A transaction left open without a statement (a crashed or stuck caller). */
  idleInTransactionMs: number;
}

export const DEFAULT_POSTGRES_TIMEOUTS: PostgresTimeouts = {
  connectMs: 5_000,
  statementMs: 15_000,
  idleInTransactionMs: 60_000,
};

/** The pool every query and transaction borrows from, with the time limits of its connections. */
function openPool(url: string, poolSize: number, limits: PostgresTimeouts): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    // Time limits: a stalled server or a held lock fails a request (503 overloaded, rolled back)
    // instead of holding it, its connection and its writer slot forever.
    connectionTimeoutMillis: limits.connectMs,
    statement_timeout: limits.statementMs,
    lock_timeout: limits.statementMs,
    idle_in_transaction_session_timeout: limits.idleInTransactionMs,
    // Hot statements are prepared by name; a generic plan cannot see how many ids their array
    // parameters hold and chose full scans of wallets (measured: 3x slower at 10,000 accounts).
    // Custom plans keep the saved parse and plan each execution for its actual arrays.
    options: '-c plan_cache_mode=force_custom_plan',
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID
          ? (value: string) => BigInt(value)
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client losing its server connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  return pool;
}

/** A PostgreSQL server through a connection pool (`DATABASE_URL`). */
/**
 * `writers`: how many ledger batches may be written at once. Two overlap one batch's commit with
 * the next batch's work; more split the same requests into smaller batches (measured in
 * docs/performance.md: 2 beat 1 and 4).
 */
export function openPostgres(
  url: string,
  poolSize = 10,
  writers = 2,
  limits: PostgresTimeouts = DEFAULT_POSTGRES_TIMEOUTS,
): Database {
  const pool = openPool(url, poolSize, limits);

  const run = async <R extends Row>(
    client: pg.Pool | pg.PoolClient,
    text: string,
    params?: readonly unknown[],
    prepareAs?: string,
  ) => (await client.query({ text, values: params as unknown[] | undefined, name: prepareAs })).rows as R[];

  // Listening connections, closed with the pool so that none outlives the database it came from.
  const listeners = pgListeners(url, limits.connectMs);

  return {
    kind: 'postgres',
    maxConcurrentTransactions: Math.max(1, Math.min(writers, poolSize - 1)),
    query: (text, params, prepareAs) => run(pool, text, params, prepareAs),
    exec: async (script) => void (await pool.query(script)),
    async transaction(work, options) {
      const client = await pool.connect();
      const tx: Queryable = {
        query: (text, params, prepareAs) => run(client, text, params, prepareAs),
        exec: async (script) => void (await client.query(script)),
      };
      try {
        await client.query(options?.lazyCommit ? 'BEGIN; SET LOCAL synchronous_commit = off' : 'BEGIN');
        const result = await work(tx);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    listen: listeners.listen,
    async close() {
      await listeners.closeAll();
      await pool.end();
    },
    poolStats: () => ({
      total: pool.totalCount,
      idle: pool.idleCount,
      waiting: pool.waitingCount,
      max: poolSize,
    }),
  };
}
