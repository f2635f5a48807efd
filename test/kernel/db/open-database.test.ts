import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/server/engine.js';
import { postgres } from '../../support/databases.js';

describe.runIf(postgres)('opening the configured PostgreSQL', () => {
  // PICTOR_LEDGER_WRITERS was once read into the configuration and then dropped on the way.
  it('gives the ledger as many concurrent batches as PICTOR_LEDGER_WRITERS says, within the pool', async () => {
    const database = await postgres!.fresh();
    try {
      for (const [ledgerWriters, poolSize, expected] of [
        [3, 16, 3],
        [1, 16, 1],
        [8, 4, 3],
      ] as const) {
        const db = await openDatabase({
          databaseUrl: database.url,
          dataDir: 'data',
          poolSize,
          ledgerWriters,
        });
        expect(db.maxConcurrentTransactions).toBe(expected);
        await db.close();
      }
    } finally {
      await database.drop();
    }
  });
});
