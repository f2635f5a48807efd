import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revenueAccountId, walletId } from '../../src/ledger/ledger-rules.js';
import { newId } from '../../src/kernel/ids.js';
import { SimulatedClock } from '../../src/kernel/clock.js';
import { adjustWallet } from '../../src/ledger/adjust-wallet.js';
import { chargeWallet } from '../../src/ledger/charge-wallet.js';
import type { ServiceContext } from '../../src/server/context.js';
import { getBalances } from '../../src/ledger/get-balances.js';
import { numberRecordedTransactions } from '../../src/compute/invoices/number-invoices.js';
import { LedgerWriter } from '../../src/ledger/ledger-writer.js';
import { backends } from '../support/databases.js';
import { type Harness, ledgerInvariants, startHarness, uniqueKey } from '../support/harness.js';

/**
 * The writer decides plain transfers on wallet states it remembers and writes them with a
 * compare-and-set. A second writer on the same database (another API node) makes those memories
 * stale: every decision must still come out as if made on the current state.
 */
for (const backend of backends) {
  describe(`ledger writer with stale memories (${backend.name})`, () => {
    let h: Harness;
    let other: ServiceContext;
    beforeAll(async () => {
      h = await startHarness(backend, { clock: new SimulatedClock('2026-04-01T00:00:00Z') });
      other = { db: h.engine.db, clock: h.clock, ledger: new LedgerWriter(h.engine.db, h.clock) };
    });
    afterAll(async () => h.close());

    const charge = (ctx: ServiceContext, accountId: string, amountMicros: bigint) =>
      chargeWallet(
        ctx,
        h.service,
        { accountId, unit: 'CREDIT', amountMicros, productLine: 'compute', description: 'x' },
        uniqueKey(),
      );
    const credit = (ctx: ServiceContext, accountId: string, amountMicros: bigint) =>
      adjustWallet(
        ctx,
        h.operator,
        { accountId, direction: 'credit', unit: 'CREDIT', amountMicros, reason: 'top-up' },
        uniqueKey(),
      );
    const balance = async (accountId: string) => {
      const r = await getBalances(h.engine, accountId);
      if (!r.ok) throw new Error('balances');
      return r.value.find((b) => b.unit === 'CREDIT')!.balanceMicros;
    };

    it('a charge decided on a remembered balance that another node spent is refused, not overdrawn', async () => {
      const id = await h.openAccount();
      await credit(h.engine, id, 10_000_000n);
      expect((await charge(h.engine, id, 1_000_000n)).ok).toBe(true); // remembers 9.00
      expect((await charge(other, id, 8_500_000n)).ok).toBe(true); // the other node leaves 0.50
      const stale = await charge(h.engine, id, 5_000_000n); // 9.00 would allow it; 0.50 does not
      expect(stale.ok || stale.failure.code).toBe('insufficient_funds');
      expect(await balance(id)).toBe(500_000n);
    });

    it('a refusal decided on a remembered balance that another node topped up is retried and succeeds', async () => {
      const id = await h.openAccount();
      await credit(h.engine, id, 1_000_000n);
      expect((await charge(h.engine, id, 500_000n)).ok).toBe(true); // remembers 0.50
      expect((await credit(other, id, 100_000_000n)).ok).toBe(true); // the other node adds 100
      const charged = await charge(h.engine, id, 50_000_000n); // 0.50 would refuse it
      expect(charged.ok).toBe(true);
      expect(await balance(id)).toBe(50_500_000n);
    });

    it('two writers racing on one wallet keep the books exact', async () => {
      const id = await h.openAccount();
      await credit(h.engine, id, 50_000_000n);
      const results = await Promise.all(
        Array.from({ length: 120 }, (_, i) => charge(i % 2 ? h.engine : other, id, 1_000_000n)),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(50);
      expect(await balance(id)).toBe(0n);
      const { sums, wallets } = await ledgerInvariants(h.engine.db);
      for (const s of sums) expect(s.total).toBe(0n);
      const wallet = wallets.find((w) => w.id === walletId(id, 'CREDIT'))!;
      expect(wallet.balance).toBe(wallet.derived);
    });

    it('a retry racing its first try is replayed, never refused for the funds the first took; another request under the key conflicts', async () => {
      const id = await h.openAccount();
      await credit(h.engine, id, 1_000_000n);
      const key = uniqueKey();
      const input = {
        accountId: id,
        unit: 'CREDIT' as const,
        amountMicros: 800_000n,
        productLine: 'compute' as const,
        description: 'x',
      };
      // Submitted in one tick: the first goes alone, the other two in the writer's next batch.
      const [first, retry, other] = await Promise.all([
        chargeWallet(h.engine, h.service, input, key),
        chargeWallet(h.engine, h.service, input, key),
        chargeWallet(h.engine, h.service, { ...input, amountMicros: 100_000n }, key),
      ]);
      expect(first.ok && !first.replayed).toBe(true);
      expect(retry.ok && retry.replayed && retry.value.id).toBe(first.ok && first.value.id);
      expect(other.ok || other.failure.code).toBe('idempotency_key_reused');
      expect(await balance(id)).toBe(200_000n);
    });
  });

  describe(`writes that commit with a ledger batch (${backend.name})`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(backend, { clock: new SimulatedClock('2026-04-01T00:00:00Z') });
    });
    afterAll(async () => h.close());

    const documentsOf = async (accountId: string) =>
      (
        await h.engine.db.query<{ n: bigint }>('SELECT count(*) AS n FROM invoices WHERE account_id = $1', [
          accountId,
        ])
      )[0]!.n;

    const transactionCount = async (accountId: string) =>
      (await h.engine.db.query('SELECT id FROM transactions WHERE account_id = $1', [accountId])).length;

    it('background requests submitted together (a sweep page) leave as one batch, not the first alone', async () => {
      const id = await h.openAccount();
      await h.fund(id, '100');
      const writer = new LedgerWriter(h.engine.db, h.clock);
      const sizes: number[] = [];
      writer.observe((batch) => sizes.push(batch.size));
      const outcomes = await Promise.all(
        Array.from({ length: 20 }, () =>
          writer.submit(
            {
              command: {
                type: 'post_transaction',
                transaction: {
                  id: newId('transaction'),
                  accountId: id,
                  kind: 'charge',
                  unit: 'CREDIT',
                  description: 'Storage charge: 100 GB, 1 hour',
                  metadata: {},
                  createdAt: h.clock.now(),
                },
                transfers: [
                  {
                    id: newId('transfer'),
                    debitAccountId: walletId(id, 'CREDIT'),
                    creditAccountId: revenueAccountId('compute', 'CREDIT'),
                    amountMicros: 28_000n,
                  },
                ],
              },
            },
            'background',
          ),
        ),
      );
      expect(outcomes.every((o) => o.status === 'applied')).toBe(true);
      expect(sizes).toEqual([20]);
      const balances = await getBalances(h.engine, id);
      expect(balances.ok && balances.value.find((b) => b.unit === 'CREDIT')!.balanceMicros).toBe(99_440_000n);
    });

    it('a charge and its document number commit together: a failing batch listener refuses the charge, moving no money and numbering nothing', async () => {
      const id = await h.openAccount();
      await adjustWallet(
        h.engine,
        h.operator,
        { accountId: id, direction: 'credit', unit: 'CREDIT', amountMicros: 10_000_000n, reason: 'top-up' },
        uniqueKey(),
      );
      expect(await documentsOf(id)).toBe(1n); // the credit's own document, numbered with it
      const transactionsBefore = await transactionCount(id);
      const writer = new LedgerWriter(h.engine.db, h.clock);
      writer.withinBatch(numberRecordedTransactions);
      writer.withinBatch(async () => {
        throw new Error('the listener after numbering fails');
      });
      const ctx: ServiceContext = { db: h.engine.db, clock: h.clock, ledger: writer };
      const input = {
        accountId: id,
        unit: 'CREDIT' as const,
        amountMicros: 2_500_000n,
        productLine: 'compute' as const,
        description: 'Render task',
      };
      await expect(chargeWallet(ctx, h.service, input, uniqueKey())).rejects.toThrow(
        'the listener after numbering fails',
      );
      const balances = await getBalances(h.engine, id);
      expect(balances.ok && balances.value.find((b) => b.unit === 'CREDIT')!.balanceMicros).toBe(10_000_000n);
      expect(await documentsOf(id)).toBe(1n);
      expect(await transactionCount(id)).toBe(transactionsBefore);

      // The engine's own writer numbers the charge in the same commit: there when the caller hears.
      const charged = await chargeWallet(h.engine, h.service, input, uniqueKey());
      expect(charged.ok).toBe(true);
      expect(await documentsOf(id)).toBe(2n);
    });
  });
}
