import pg from 'pg';
import type { Database, Queryable, Row } from './database.js';

const INT8_OID = 20;

/** A PostgreSQL server through a connection pool (`DATABASE_URL`). */
export function openPostgres(url: string, poolSize = 10): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID
          ? (value: string) => BigInt(value)
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client losing its server connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});

  const run = async <R extends Row>(
    client: pg.Pool | pg.PoolClient,
    text: string,
    params?: readonly unknown[],
  ) => (await client.query(text, params as unknown[] | undefined)).rows as R[];

  return {
    kind: 'postgres',
    maxConcurrentTransactions: Math.max(1, Math.floor(poolSize / 2)),
    query: (text, params) => run(pool, text, params),
    exec: async (script) => void (await pool.query(script)),
    async transaction(work) {
      const client = await pool.connect();
      const tx: Queryable = {
        query: (text, params) => run(client, text, params),
        exec: async (script) => void (await client.query(script)),
      };
      try {
        await client.query('BEGIN');
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
    close: () => pool.end(),
  };
}
