import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../src/kernel/clock.js';
import { getBalances } from '../../src/ledger/get-balances.js';
import { getHold } from '../../src/ledger/get-hold.js';
import { placeHold } from '../../src/ledger/place-hold.js';
import { applyLedgerBatch } from '../../src/ledger/ledger-store.js';
import { type LedgerRequest, revenueAccountId, walletId } from '../../src/ledger/ledger-rules.js';
import { findTransaction } from '../../src/ledger/transaction-store.js';
import { newId } from '../../src/kernel/ids.js';
import { backends } from '../support/databases.js';
import { type Harness, expectLedgerSound, startHarness, uniqueKey } from '../support/harness.js';

/**
 * A batch whose effects leave every wallet as it found it still writes them. Found by the scale-out
 * test: a one-second hold placed on a wallet whose previous hold of the same amount had just passed
 * its expiry (expired lazily by the same batch) left `held` unchanged, so the batch wrote nothing,
 * yet answered 201 with the new hold's id.
 */
for (const backend of backends) {
  describe(`a batch that nets to zero on its wallets (${backend.name})`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(backend, { clock: new SimulatedClock('2026-04-01T00:00:00Z') });
    });
    afterAll(async () => h.close());

    const hold = (accountId: string, key: string) =>
      placeHold(
        h.engine,
        h.service,
        {
          accountId,
          unit: 'CREDIT',
          amountMicros: 2_000_000n,
          productLine: 'compute',
          description: 'render task',
          expiresInSeconds: 1,
        },
        key,
      );
    const available = async (accountId: string) => {
      const r = await getBalances(h.engine, accountId);
      if (!r.ok) throw new Error('balances');
      return r.value.find((b) => b.unit === 'CREDIT')!;
    };

    it('a hold placed as an equal one lapses is stored, and its key replays it', async () => {
      const id = await h.openAccount();
      await h.fund(id, '10');
      const first = await hold(id, uniqueKey());
      expect(first.ok).toBe(true);
      h.clock.advance(2_000); // the first hold lapses; no sweeper runs, the next write expires it
      const key = uniqueKey();
      const second = await hold(id, key);
      if (!second.ok) throw new Error(second.failure.code);
      const stored = await getHold(h.engine, second.value.id);
      expect(stored.ok && stored.value.status).toBe('pending');
      const replay = await hold(id, key);
      expect(replay.ok && replay.replayed && replay.value.id).toBe(second.value.id);
      const first2 = first.ok && (await getHold(h.engine, first.value.id));
      expect(first2 && first2.ok && first2.value.status).toBe('expired');
      const balance = await available(id);
      expect([balance.balanceMicros, balance.heldMicros]).toEqual([10_000_000n, 2_000_000n]);
      await expectLedgerSound(h.engine.db);
    });

    it('a charge and an equal credit decided in one batch are both recorded', async () => {
      const id = await h.openAccount();
      await h.fund(id, '10');
      const wallet = walletId(id, 'CREDIT');
      const revenue = revenueAccountId('compute', 'CREDIT');
      const at = h.clock.now();
      const post = (debit: string, credit: string, kind: 'charge' | 'refund'): LedgerRequest => {
        const transactionId = newId('transaction');
        return {
          command: {
            type: 'post_transaction',
            transaction: {
              id: transactionId,
              accountId: id,
              kind,
              unit: 'CREDIT',
              description: kind,
              metadata: {},
              createdAt: at,
            },
            transfers: [
              {
                id: newId('transfer'),
                debitAccountId: debit,
                creditAccountId: credit,
                amountMicros: 5_000_000n,
              },
            ],
          },
          idempotency: { scope: `${id}/service`, key: uniqueKey(), requestHash: kind },
        };
      };
      const requests = [post(wallet, revenue, 'charge'), post(revenue, wallet, 'refund')];
      const result = await h.engine.db.transaction((tx) => applyLedgerBatch(tx, requests, at));
      expect(result.outcomes.map((o) => o.status)).toEqual(['applied', 'applied']);
      for (const r of result.outcomes) {
        if (r.status !== 'applied') continue;
        expect(await findTransaction(h.engine.db, id, r.result.transaction!.id)).toBeTruthy();
      }
      expect((await available(id)).balanceMicros).toBe(10_000_000n);
      await expectLedgerSound(h.engine.db);
    });
  });
}
