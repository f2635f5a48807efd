import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LicensePrices } from '../../../src/booth/licenses/licensing-rules.js';
import { SimulatedClock } from '../../../src/kernel/clock.js';
import { addPaymentMethod } from '../../../src/booth/billing/add-payment-method.js';
import type { ServiceContext } from '../../../src/server/context.js';
import { purchaseLicenses } from '../../../src/booth/licenses/purchase-licenses.js';
import { quoteLicenses } from '../../../src/booth/licenses/quote-licenses.js';
import { updateLicenseCatalog } from '../../../src/booth/licenses/update-license-catalog.js';
import { findBoothInvoice } from '../../../src/booth/billing/booth-invoice-store.js';
import { currentCatalog, listLicenses } from '../../../src/booth/licenses/license-store.js';
import { postgres } from '../../support/databases.js';
import type { FakeCardProcessor } from '../../support/fake-card-processor.js';
import { type Harness, ledgerInvariants, startHarnessWithCards, uniqueKey } from '../../support/harness.js';

const M = 1_000_000n;
const prices = (pro: bigint): LicensePrices => ({
  basic: { monthly: 49n * M, annual: 490n * M },
  pro: { monthly: pro * M, annual: pro * 10n * M },
  premium: { monthly: 149n * M, annual: 1490n * M },
  enterpriseAnnual: 1500n * M,
});

/**
 * Quotes and purchases racing operator price changes on real PostgreSQL (a pool of connections,
 * truly concurrent transactions): every purchase either charges exactly the total its customer was
 * shown, at the list price that quote showed, or is refused with price_changed and charges nothing.
 */
describe.runIf(postgres)('license purchases racing price changes (PostgreSQL)', () => {
  let h: Harness;
  let fake: FakeCardProcessor;
  let ctx: ServiceContext;

  beforeAll(async () => {
    const clock = new SimulatedClock('2026-01-01T00:00:00Z');
    ({ h, fake } = await startHarnessWithCards(postgres!, clock));
    ctx = h.engine;
  });
  afterAll(async () => {
    await h?.close();
  });

  it('never charges a price that was not shown', async () => {
    const accounts: string[] = [];
    for (let i = 0; i < 16; i++) {
      const id = await h.openAccount(`racer ${i}`);
      const saved = await addPaymentMethod(ctx, id, await fake.tokenize('4242424242424242'));
      if (!saved.ok) throw new Error(saved.failure.detail);
      accounts.push(id);
    }
    const outcomes: {
      shown: bigint;
      listShown: bigint;
      result: Awaited<ReturnType<typeof purchaseLicenses>>;
    }[] = [];
    let changes = 0;
    for (let round = 0; round < 4; round++) {
      const price = [109n, 119n, 99n, 129n][round]!;
      // Each customer quotes, then buys what it saw, while the operator changes the Pro price; two
      // purchases per account race each other too (4 + 4 crosses the 5-license threshold).
      // The price changes once the round's first purchase is through, so every round both sells
      // (whatever the machine's speed) and races the change with the purchases still in flight.
      let firstDone!: () => void;
      const firstPurchase = new Promise<void>((r) => (firstDone = r));
      const work = accounts.flatMap((accountId, i) =>
        [0, 1].map(async (j) => {
          const request = { accountId, product: 'pro' as const, period: 'monthly' as const, quantity: 4 };
          await new Promise((r) => setTimeout(r, (i * 3 + j * 5) % 17));
          const q = await quoteLicenses(ctx, request);
          if (!q.ok) throw new Error(q.failure.detail);
          await new Promise((r) => setTimeout(r, (i * 7 + j) % 11));
          const result = await purchaseLicenses(
            ctx,
            h.operator,
            { ...request, expectedTotalMicros: q.value.totalMicros },
            uniqueKey(`race-${round}`),
          );
          outcomes.push({ shown: q.value.totalMicros, listShown: q.value.listUnitPriceMicros, result });
          if (result.ok) firstDone();
        }),
      );
      const change = (async () => {
        await firstPurchase;
        const c = await updateLicenseCatalog(
          ctx,
          h.operator,
          {
            prices: prices(price),
            features: (await currentCatalog(ctx.db)).features,
            enterpriseFeatures: [],
            outputs: (await currentCatalog(ctx.db)).outputs,
            reason: `round ${round}`,
          },
          uniqueKey('catalog'),
        );
        if (c.ok) changes++;
      })();
      await Promise.all([...work, change]);
    }
    expect(changes).toBe(4);

    let bought = 0;
    let refused = 0;
    for (const o of outcomes) {
      if (o.result.ok) {
        bought++;
        const { order, invoiceId, licenses } = o.result.value;
        expect(order.totalMicros).toBe(o.shown);
        const inv = (await findBoothInvoice(ctx.db, invoiceId!))!;
        expect(inv.status).toBe('paid');
        expect(inv.totalMicros).toBe(o.shown);
        expect(inv.amountPaidMicros).toBe(o.shown); // the card paid what was shown, credit already taken off
        for (const l of licenses) expect(l.listPriceMicros).toBe(o.listShown);
      } else {
        expect(o.result.failure.code).toBe('price_changed');
        refused++;
      }
    }
    expect(bought + refused).toBe(outcomes.length);
    expect(bought).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);

    // What was charged is what the licenses say they cost, account by account.
    for (const accountId of accounts) {
      const paid = await ctx.db.query<{ s: bigint | null }>(
        // The order's total is after account credit (the quote shows the credit line), as is the
        // invoice's: what the card paid.
        `SELECT sum(amount_paid_micros)::int8 AS s FROM booth_invoices
         WHERE account_id = $1 AND status = 'paid' AND source LIKE 'order:%'`,
        [accountId],
      );
      const orders = await ctx.db.query<{ s: bigint | null }>(
        `SELECT sum(total_micros)::int8 AS s FROM license_orders WHERE account_id = $1 AND status = 'paid'`,
        [accountId],
      );
      expect(paid[0]!.s ?? 0n).toBe(orders[0]!.s ?? 0n);
      const lic = await listLicenses(ctx.db, accountId);
      const paidOrders = await ctx.db.query<{ n: bigint }>(
        `SELECT coalesce(sum(quantity), 0)::int8 AS n FROM license_orders WHERE account_id = $1 AND status = 'paid'`,
        [accountId],
      );
      expect(BigInt(lic.length)).toBe(paidOrders[0]!.n);
    }
    const { sums } = await ledgerInvariants(ctx.db);
    for (const s of sums) expect(s.total).toBe(0n);
    console.log(`license race: ${bought} bought at the price shown, ${refused} refused with price_changed`);
  });
});
