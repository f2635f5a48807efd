import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/kernel/db/database.js';
import { type FreshDatabase, pglite, postgres } from '../../support/databases.js';

const listeningConnections = async (db: Database) =>
  Number(
    (
      await db.query<{ n: bigint }>(
        `SELECT count(*)::int8 AS n FROM pg_stat_activity
          WHERE datname = current_database() AND application_name = 'pictor-listen'`,
      )
    )[0]!.n,
  );

describe('LISTEN (kernel/db)', () => {
  it('is not offered on PGlite: one process per data directory, nobody else to hear', async () => {
    const fresh = await pglite.fresh();
    const db = await fresh.open();
    expect(db.listen).toBeUndefined();
    await db.close();
  });
});

describe.skipIf(!postgres)('LISTEN on PostgreSQL (kernel/db)', () => {
  let fresh: FreshDatabase;
  let sender: Database;
  let receiver: Database;
  beforeAll(async () => {
    fresh = await postgres!.fresh();
    sender = await fresh.open();
    receiver = await fresh.open();
  });
  afterAll(async () => {
    await fresh.drop();
  });

  it('hears what committed transactions NOTIFY, not what rolled back, and closes its connection', async () => {
    const heard: string[] = [];
    const events: string[] = [];
    const listener = await receiver.listen!('kernel_test', {
      onNotify: (payload) => heard.push(payload),
      onListening: () => events.push('listening'),
      onLost: () => events.push('lost'),
    });
    expect(listener.listening).toBe(true);
    expect(events).toEqual(['listening']);
    expect(await listeningConnections(sender)).toBe(1);

    await sender
      .transaction(async (tx) => {
        await tx.query('SELECT pg_notify($1, $2)', ['kernel_test', 'rolled-back']);
        throw new Error('roll back');
      })
      .catch(() => {});
    await sender.transaction(async (tx) => {
      await tx.query('SELECT pg_notify($1, $2)', ['kernel_test', 'committed']);
    });
    await sender.query('SELECT pg_notify($1, $2)', ['another_channel', 'not ours']);
    await expect.poll(() => heard, { timeout: 1_000, interval: 5 }).toEqual(['committed']);

    await listener.close();
    await listener.close(); // twice is fine
    expect(listener.listening).toBe(false);
    await expect.poll(() => listeningConnections(sender), { timeout: 1_000, interval: 10 }).toBe(0);
    expect(events).toEqual(['listening']); // a close is not a loss
  });

  it('closing the database closes its listeners too', async () => {
    const other = await fresh.open();
    await other.listen!('kernel_test', { onNotify: () => {}, onListening: () => {}, onLost: () => {} });
    expect(await listeningConnections(sender)).toBe(1);
    await other.close();
    await expect.poll(() => listeningConnections(sender), { timeout: 1_000, interval: 10 }).toBe(0);
  });
});
