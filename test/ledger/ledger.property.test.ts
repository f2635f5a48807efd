import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walletId } from '../../src/ledger/ledger-rules.js';
import { newId } from '../../src/kernel/ids.js';
import { adjustWallet } from '../../src/ledger/adjust-wallet.js';
import { chargeWallet } from '../../src/ledger/charge-wallet.js';
import { expireHolds } from '../../src/ledger/expire-holds.js';
import { getBalances } from '../../src/ledger/get-balances.js';
import { placeHold } from '../../src/ledger/place-hold.js';
import { postHold } from '../../src/ledger/post-hold.js';
import { voidHold } from '../../src/ledger/void-hold.js';
import { backends } from '../support/databases.js';
import { type Harness, ledgerInvariants, startHarness, uniqueKey } from '../support/harness.js';

type Op =
  | { op: 'fund'; who: number; micros: bigint }
  | { op: 'charge'; who: number; micros: bigint }
  | { op: 'balancing'; who: number; micros: bigint }
  | { op: 'move'; from: number; to: number; micros: bigint }
  | { op: 'hold'; who: number; micros: bigint; ttlSeconds: number }
  | { op: 'post'; pick: number; fraction: number }
  | { op: 'void'; pick: number }
  | { op: 'advance'; seconds: number }
  | { op: 'sweep' };

const amount = fc.bigInt({ min: 1n, max: 5_000_000n });
const who = fc.integer({ min: 0, max: 2 });
// Weighted towards holds and their resolution, which is where the bookkeeping is subtle.
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 1, arbitrary: fc.record({ op: fc.constant('fund' as const), who, micros: amount }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('charge' as const), who, micros: amount }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('balancing' as const), who, micros: amount }) },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('move' as const), from: who, to: who, micros: amount }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('hold' as const),
      who,
      micros: amount,
      ttlSeconds: fc.integer({ min: 1, max: 600 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('post' as const),
      pick: fc.nat(),
      fraction: fc.integer({ min: 0, max: 100 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('void' as const), pick: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('advance' as const), seconds: fc.integer({ min: 1, max: 300 }) }),
  },
  { weight: 1, arbitrary: fc.constant({ op: 'sweep' as const }) },
);

/** An independent model: plain arithmetic on balances and a list of holds with their expiry. */
class Model {
  balance = [0n, 0n, 0n];
  holds: { id: string; who: number; micros: bigint; expiresAtMs: number; open: boolean }[] = [];
  held(who: number, nowMs: number) {
    return this.holds
      .filter((h) => h.open && h.who === who && h.expiresAtMs > nowMs)
      .reduce((s, h) => s + h.micros, 0n);
  }
  available(who: number, nowMs: number) {
    return this.balance[who]! - this.held(who, nowMs);
  }
}

for (const backend of backends) {
  describe(`ledger invariants under random operations (${backend.name})`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(backend);
    });
    afterAll(async () => h.close());

    it('every unit sums to zero, no wallet is negative, available = balance − active holds (property)', async () => {
      let resolvedTotal = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 40, size: 'medium' }), async (ops) => {
          const ctx = h.engine;
          const accounts = await Promise.all([0, 1, 2].map(() => h.openAccount()));
          // Funded from the start, so holds, posts and voids succeed often enough to matter.
          await Promise.all(accounts.map((a) => h.fund(a, '10')));
          const model = new Model();
          model.balance = [10_000_000n, 10_000_000n, 10_000_000n];
          let resolved = 0;
          for (const step of ops) {
            const nowMs = ctx.clock.now().getTime();
            switch (step.op) {
              case 'fund': {
                const r = await adjustWallet(
                  ctx,
                  h.operator,
                  {
                    accountId: accounts[step.who]!,
                    direction: 'credit',
                    unit: 'CREDIT',
                    amountMicros: step.micros,
                    reason: 'prop',
                  },
                  uniqueKey(),
                );
                expect(r.ok).toBe(true);
                model.balance[step.who]! += step.micros;
                break;
              }
              case 'charge': {
                const expected = model.available(step.who, nowMs) >= step.micros;
                const r = await chargeWallet(
                  ctx,
                  h.service,
                  {
                    accountId: accounts[step.who]!,
                    unit: 'CREDIT',
                    amountMicros: step.micros,
                    productLine: 'compute',
                    description: 'prop',
                  },
                  uniqueKey(),
                );
                expect(r.ok).toBe(expected);
                if (!r.ok) expect(r.failure.code).toBe('insufficient_funds');
                if (expected) model.balance[step.who]! -= step.micros;
                break;
              }
              case 'move': {
                const expected = step.from !== step.to && model.available(step.from, nowMs) >= step.micros;
                const outcome = await ctx.ledger.submit({
                  command: {
                    type: 'post_transaction',
                    transaction: {
                      id: newId('transaction'),
                      accountId: accounts[step.from]!,
                      kind: 'other',
                      unit: 'CREDIT',
                      description: 'move',
                      metadata: {},
                      createdAt: ctx.clock.now(),
                    },
                    transfers: [
                      {
                        id: newId('transfer'),
                        debitAccountId: walletId(accounts[step.from]!, 'CREDIT'),
                        creditAccountId: walletId(accounts[step.to]!, 'CREDIT'),
                        amountMicros: step.micros,
                      },
                    ],
                  },
                });
                expect(outcome.status).toBe(expected ? 'applied' : 'rejected');
                if (expected) {
                  model.balance[step.from]! -= step.micros;
                  model.balance[step.to]! += step.micros;
                }
                break;
              }
              case 'balancing': {
                // Takes the amount, or what is available when that is less; refused only at zero.
                const available = model.available(step.who, nowMs);
                const taken = available < step.micros ? available : step.micros;
                const outcome = await ctx.ledger.submit({
                  command: {
                    type: 'post_transaction',
                    transaction: {
                      id: newId('transaction'),
                      accountId: accounts[step.who]!,
                      kind: 'charge',
                      unit: 'CREDIT',
                      description: 'fee',
                      metadata: {},
                      createdAt: ctx.clock.now(),
                    },
                    transfers: [
                      {
                        id: newId('transfer'),
                        debitAccountId: walletId(accounts[step.who]!, 'CREDIT'),
                        creditAccountId: 'system:revenue.compute:CREDIT',
                        amountMicros: step.micros,
                      },
                    ],
                    balancing: true,
                  },
                });
                expect(outcome.status).toBe(taken > 0n ? 'applied' : 'rejected');
                if (outcome.status === 'applied')
                  expect(outcome.result.transaction?.amountMicros).toBe(-taken);
                if (taken > 0n) model.balance[step.who]! -= taken;
                break;
              }
              case 'hold': {
                const expected = model.available(step.who, nowMs) >= step.micros;
                const r = await placeHold(
                  ctx,
                  h.service,
                  {
                    accountId: accounts[step.who]!,
                    unit: 'CREDIT',
                    amountMicros: step.micros,
                    productLine: 'compute',
                    description: 'task',
                    expiresInSeconds: step.ttlSeconds,
                  },
                  uniqueKey(),
                );
                expect(r.ok).toBe(expected);
                if (r.ok)
                  model.holds.push({
                    id: r.value.id,
                    who: step.who,
                    micros: step.micros,
                    expiresAtMs: nowMs + step.ttlSeconds * 1000,
                    open: true,
                  });
                break;
              }
              case 'post':
              case 'void': {
                // Even picks choose among open holds, odd ones among all (resolved ones must be refused).
                const open = model.holds.filter((m) => m.open);
                const pool = step.pick % 2 === 0 && open.length > 0 ? open : model.holds;
                if (pool.length === 0) break;
                const target = pool[Math.floor(step.pick / 2) % pool.length]!;
                const live = target.open && target.expiresAtMs > nowMs;
                const micros = step.op === 'post' ? (target.micros * BigInt(step.fraction)) / 100n : 0n;
                const r =
                  step.op === 'post'
                    ? await postHold(ctx, h.service, { holdId: target.id, amountMicros: micros }, uniqueKey())
                    : await voidHold(ctx, h.service, target.id, uniqueKey());
                const expected = live && (step.op === 'void' || micros > 0n);
                expect(r.ok).toBe(expected);
                if (!r.ok) expect(['hold_not_pending', 'hold_amount_exceeded']).toContain(r.failure.code);
                if (expected) {
                  target.open = false;
                  resolved++;
                }
                if (expected && step.op === 'post') model.balance[target.who]! -= micros;
                break;
              }
              case 'advance':
                h.clock.advance(step.seconds * 1000);
                break;
              case 'sweep':
                await expireHolds(ctx);
                break;
            }
          }

          const nowMs = ctx.clock.now().getTime();
          for (const [i, accountId] of accounts.entries()) {
            const r = await getBalances(ctx, accountId);
            if (!r.ok) throw new Error(r.failure.detail);
            const credit = r.value.find((b) => b.unit === 'CREDIT')!;
            expect(credit.balanceMicros).toBe(model.balance[i]);
            expect(credit.heldMicros).toBe(model.held(i, nowMs));
            expect(credit.availableMicros).toBe(credit.balanceMicros - credit.heldMicros);
            expect(credit.availableMicros).toBeGreaterThanOrEqual(0n);
          }
          const { sums, wallets } = await ledgerInvariants(ctx.db);
          for (const s of sums) expect(s.total).toBe(0n);
          for (const w of wallets.filter((w) => accounts.some((a) => w.id === walletId(a, 'CREDIT')))) {
            expect(w.balance).toBe(w.derived);
            expect(w.balance).toBeGreaterThanOrEqual(w.held);
            expect(w.held).toBe(w.pending);
          }
          resolvedTotal += resolved;
        }),
        {
          numRuns: 40,
          // Always tried first: a hold placed as an equal one lapses nets to zero on the wallet, and
          // once was acknowledged without being written (found by the scale-out test).
          examples: [
            [
              [
                { op: 'hold', who: 0, micros: 1n, ttlSeconds: 1 },
                { op: 'advance', seconds: 1 },
                { op: 'hold', who: 0, micros: 1n, ttlSeconds: 1 },
              ],
            ],
          ],
        },
      );
      expect(resolvedTotal).toBeGreaterThan(20); // the runs did exercise posting and voiding
    });

    it('concurrent random charges and holds never overdraw and keep the books balanced', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(fc.boolean(), fc.bigInt({ min: 1n, max: 400_000n })), {
            minLength: 5,
            maxLength: 60,
          }),
          async (requests) => {
            const ctx = h.engine;
            const accountId = await h.openAccount();
            await h.fund(accountId, '3');
            const results = await Promise.all(
              requests.map(([isHold, micros]) =>
                isHold
                  ? placeHold(
                      ctx,
                      h.service,
                      {
                        accountId,
                        unit: 'CREDIT',
                        amountMicros: micros,
                        productLine: 'compute',
                        description: 't',
                        expiresInSeconds: 60,
                      },
                      uniqueKey(),
                    )
                  : chargeWallet(
                      ctx,
                      h.service,
                      {
                        accountId,
                        unit: 'CREDIT',
                        amountMicros: micros,
                        productLine: 'compute',
                        description: 'c',
                      },
                      uniqueKey(),
                    ),
              ),
            );
            const used = requests.reduce((sum, [, micros], i) => (results[i]!.ok ? sum + micros : sum), 0n);
            expect(used).toBeLessThanOrEqual(3_000_000n);
            const balances = await getBalances(ctx, accountId);
            if (!balances.ok) throw new Error('no balances');
            const credit = balances.value.find((b) => b.unit === 'CREDIT')!;
            expect(credit.availableMicros).toBe(3_000_000n - used);
            const { sums } = await ledgerInvariants(ctx.db);
            for (const s of sums) expect(s.total).toBe(0n);
          },
        ),
        { numRuns: 15 },
      );
    });
  });
}
