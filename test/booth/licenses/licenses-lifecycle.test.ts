import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../src/kernel/clock.js';
import { DueWorkRunner } from '../../../src/kernel/jobs/due-work-runner.js';
import { registerLicenseWork } from '../../../src/booth/licenses/license-work.js';
import { addPaymentMethod } from '../../../src/booth/billing/add-payment-method.js';
import type { ServiceContext } from '../../../src/server/context.js';
import { setDefaultPaymentMethod } from '../../../src/booth/billing/set-default-payment-method.js';
import { findBoothInvoice } from '../../../src/booth/billing/booth-invoice-store.js';
import { lockHistory, usableLicenses } from '../../../src/booth/licenses/license-store.js';
import { backends } from '../../support/databases.js';
import type { FakeCardProcessor } from '../../support/fake-card-processor.js';
import { type Harness, ledgerInvariants, startHarnessWithCards, uniqueKey } from '../../support/harness.js';

const DAY = 86_400_000;
const $ = (amount: string) => ({ amount, unit: 'USD' });

/**
 * Fourteen simulated months of one booth account (Jan 31 2026 → Mar 31 2027), on the real engine
 * with the fake card processor and the scheduler: month-end anchor (31st → 28/30/31), monthly and
 * annual licenses, a threshold crossing with its credit, a cancellation, a downgrade, an operator
 * cancel-now, a declined card (4000 0000 0000 0341) on a renewal, the lock and the reactivation.
 */
for (const backend of backends) {
  describe(`14 months of booth licenses (${backend.name})`, () => {
    let h: Harness;
    let fake: FakeCardProcessor;
    let ctx: ServiceContext;
    let runner: DueWorkRunner<ServiceContext>;
    let acct = '';

    beforeAll(async () => {
      const clock = new SimulatedClock('2026-01-31T00:00:00Z');
      ({ h, fake } = await startHarnessWithCards(backend, clock));
      ctx = h.engine;
      runner = registerLicenseWork(new DueWorkRunner(ctx));
    });
    afterAll(async () => {
      await h?.close();
    });

    async function buy(body: Record<string, unknown>) {
      const q = await h.call('POST', `/v1/accounts/${acct}/licenses/quote`, { body, idempotencyKey: null });
      expect(q.statusCode).toBe(200);
      const res = await h.call('POST', `/v1/accounts/${acct}/licenses`, {
        body: { ...body, expectedTotal: q.json().total },
        idempotencyKey: uniqueKey(),
      });
      expect(res.statusCode).toBe(201);
      return res.json();
    }
    async function card(number: string) {
      const saved = await addPaymentMethod(ctx, acct, await fake.tokenize(number));
      if (!saved.ok) throw new Error(saved.failure.detail);
      const set = await setDefaultPaymentMethod(ctx, acct, saved.value.id);
      if (!set.ok) throw new Error(set.failure.detail);
    }
    const licenses = async () =>
      (await h.call('GET', `/v1/accounts/${acct}/licenses`)).json().data as {
        id: string;
        tier: string;
        period: string;
        status: string;
        renewsAt: string | null;
      }[];

    it('runs 14 months: gapless invoice numbers, totals = lines, lock and reactivation on time', async () => {
      acct = await h.openAccount('Booth studio');
      await card('4242424242424242');
      const ids: Record<string, string> = {};
      let lockedObserved: string | null = null;
      let unlockedObserved: string | null = null;

      const actions: Record<string, () => Promise<void>> = {
        '2026-01-31': async () => {
          const pro = await buy({ product: 'pro', period: 'monthly', quantity: 2 });
          expect(pro.total).toEqual($('198.00'));
          ids.pro1 = pro.licenses[0].id;
          ids.pro2 = pro.licenses[1].id;
          const basicAnnual = await buy({ product: 'basic', period: 'annual', quantity: 1 });
          ids.basicAnnual = basicAnnual.licenses[0].id;
          expect(basicAnnual.licenses[0].renewsAt).toBe('2027-01-31T00:00:00.000Z');
        },
        '2026-02-10': async () => {
          // 18 of 28 days to the Feb 28 billing date; 5 licenses after → 10%.
          const premium = await buy({ product: 'premium', period: 'monthly', quantity: 2 });
          expect(premium.quote.lines.map((l: { amount: { amount: string } }) => l.amount.amount)).toEqual([
            '191.57',
            '-19.16',
          ]);
          expect(premium.total).toEqual($('172.41'));
          // The three running: 2 × 99 × 10% × 18/28 + 490 × 10% × 355/365 = 12.7286 + 47.6575 → 60.39.
          expect(premium.quote.volumeDiscountCredit).toEqual({ amount: $('60.39'), licenses: 3 });
          ids.premium1 = premium.licenses[0].id;
          const proAnnual = await buy({ product: 'pro', period: 'annual', quantity: 1 });
          // The next invoice: 990 − 10% = 891.00, less the 60.39 account credit just granted.
          expect(proAnnual.quote.lines.map((l: { kind: string }) => l.kind)).toEqual([
            'purchase',
            'volume_discount',
          ]);
          expect(proAnnual.quote.accountCredit).toEqual($('60.39'));
          expect(proAnnual.total).toEqual($('830.61'));
          ids.proAnnual = proAnnual.licenses[0].id;
        },
        '2026-04-15': async () => {
          expect(
            (await h.call('POST', `/v1/accounts/${acct}/licenses/${ids.premium1}/cancel`)).statusCode,
          ).toBe(200);
          const down = await h.call('POST', `/v1/accounts/${acct}/licenses/${ids.pro1}/downgrade`, {
            body: { tier: 'basic' },
          });
          expect(down.json().downgradeEffectiveAt).toBe('2026-04-30T00:00:00.000Z');
        },
        '2027-02-01': async () => {
          expect(
            (await h.call('POST', `/v1/accounts/${acct}/licenses/${ids.proAnnual}/cancel`)).statusCode,
          ).toBe(200);
        },
        '2027-02-05': async () => {
          const now = await h.call('POST', `/v1/accounts/${acct}/licenses/${ids.basicAnnual}/cancel-now`, {
            body: { reason: 'moved to monthly' },
          });
          expect(now.statusCode).toBe(200);
          // Renewed Jan 31 2027 at 490 − 10% = 441.00; 360 of 365 days left → 434.96.
          expect(now.json().credit).toEqual($('434.96'));
        },
        '2027-02-06': async () => {
          // 22 of 28 days: 149 × 22/28 = 117.07; 5 licenses (the cancelled Pro annual still runs) → 10%;
          // paid entirely from the 434.96 account credit (329.60 left).
          const extra = await buy({ product: 'premium', period: 'monthly', quantity: 1 });
          expect(
            extra.quote.lines.map((l: { kind: string; amount: { amount: string } }) => [
              l.kind,
              l.amount.amount,
            ]),
          ).toEqual([
            ['pro_rata', '117.07'],
            ['volume_discount', '-11.71'],
          ]);
          expect(extra.quote.subtotal).toEqual($('105.36'));
          expect(extra.quote.accountCredit).toEqual($('105.36'));
          expect(extra.total).toEqual($('0.00'));
        },
        '2027-02-15': async () => card('4000000000000341'),
        '2027-03-05': async () => {
          const usable = await usableLicenses(h.engine.db, acct, h.clock.now());
          expect(usable).toEqual([]);
          await card('4242424242424242');
          const open = (await licenses()).find((l) => l.status === 'expired') as unknown as {
            openInvoiceId: string;
          };
          const paid = await h.call('POST', `/v1/accounts/${acct}/booth-invoices/${open.openInvoiceId}/pay`);
          expect(paid.statusCode).toBe(200);
          expect(paid.json().status).toBe('paid');
          expect(paid.json().reactivatedLicenseIds).toHaveLength(4);
          expect(paid.json().total).toEqual($('116.40'));
        },
      };

      const start = Date.parse('2026-01-31T00:00:00Z');
      const end = Date.parse('2027-03-31T00:00:00Z');
      for (let t = start; t <= end; t += DAY) {
        h.clock.set(new Date(t));
        await runner.runDue();
        const day = new Date(t).toISOString().slice(0, 10);
        await actions[day]?.();
        const usable = (await usableLicenses(h.engine.db, acct, h.clock.now())).length;
        if (usable === 0 && !lockedObserved) lockedObserved = day;
        if (usable > 0 && lockedObserved && !unlockedObserved) unlockedObserved = day;
      }
      await runner.runDue();

      // Lock at the declined renewal's billing date, reactivation the day the invoice is paid.
      expect(lockedObserved).toBe('2027-02-28');
      expect(unlockedObserved).toBe('2027-03-05');
      const history = await lockHistory(h.engine.db, acct);
      expect(history.map((e) => [e.locked, e.reason, e.at.toISOString()])).toEqual([
        [false, 'license_active', '2026-01-31T00:00:00.000Z'],
        [true, 'renewal_payment_failed', '2027-02-28T00:00:00.000Z'],
        [false, 'license_active', '2027-03-05T00:00:00.000Z'],
      ]);
      const status = (await h.call('GET', `/v1/accounts/${acct}/booth-status`)).json();
      expect(status.locked).toBe(false);

      // Every invoice: numbered without gaps, total = sum of its lines.
      const rows = await h.engine.db.query<{
        id: string;
        number: bigint | null;
        source: string;
        status: string;
      }>(`SELECT id, number, source, status FROM booth_invoices ORDER BY number`);
      const numbers = rows.map((r) => Number(r.number));
      expect(numbers).toEqual(numbers.map((_, i) => i + 1));
      for (const r of rows) {
        const inv = (await findBoothInvoice(h.engine.db, r.id))!;
        // Σ lines = subtotal; account credit is one deduction from it, not a line.
        expect(inv.subtotalMicros).toBe(inv.lines.reduce((s, l) => s + l.amountMicros, 0n));
        expect(inv.totalMicros).toBe(inv.subtotalMicros - inv.creditAppliedMicros);
      }

      // One renewal invoice per billing date: the month-end anchor 31 → 28/30/31.
      const renewals = rows
        .filter((r) => r.source.startsWith('renewal:'))
        .map((r) => r.source.split(':').slice(2).join(':'));
      expect(renewals.map((d) => d.slice(0, 10))).toEqual([
        '2026-02-28',
        '2026-03-31',
        '2026-04-30',
        '2026-05-31',
        '2026-06-30',
        '2026-07-31',
        '2026-08-31',
        '2026-09-30',
        '2026-10-31',
        '2026-11-30',
        '2026-12-31',
        '2027-01-31',
        '2027-02-28',
        '2027-03-31',
      ]);
      const bySource = async (date: string) => {
        const r = rows.find((x) => x.source === `renewal:${acct}:${date}T00:00:00.000Z`)!;
        return (await findBoothInvoice(h.engine.db, r.id))!;
      };
      // Feb 28: 2 Pro + 2 Premium at 10% (6 licenses active).
      const feb = await bySource('2026-02-28');
      expect(feb.lines.map((l) => [l.kind, l.amountMicros])).toEqual([
        ['renewal', 198_000_000n],
        ['renewal', 298_000_000n],
        ['volume_discount', -49_600_000n],
      ]);
      expect(feb.totalMicros).toBe(446_400_000n);
      // Apr 30: the cancelled Premium is gone, the downgraded Pro renews as Basic; 5 licenses → 10%.
      const apr = await bySource('2026-04-30');
      expect(apr.lines.map((l) => [l.kind, l.amountMicros])).toEqual([
        ['renewal', 49_000_000n],
        ['renewal', 99_000_000n],
        ['renewal', 149_000_000n],
        ['volume_discount', -29_700_000n],
      ]);
      // Jan 31 2027: the monthly licenses and the Basic annual on ONE invoice.
      const jan = await bySource('2027-01-31');
      expect(jan.lines.filter((l) => l.kind === 'renewal').map((l) => l.metadata.period)).toEqual([
        'monthly',
        'annual',
        'monthly',
        'monthly',
      ]);
      // Feb 28 2027: 4 licenses, no discount: 446.00 less the 329.60 credit left = 116.40 on the declined card → left open
      // (paid late, on Mar 5); Mar 31 2027: paid.
      const feb27 = await bySource('2027-02-28');
      expect(feb27.totalMicros).toBe(116_400_000n);
      // Declined on Feb 28 and by the dunning retries of days 1, 3 and 5 (Mar 1, 3, 5); paid on Mar 5.
      expect(feb27.paymentAttempts).toBe(5);
      expect((await bySource('2027-02-28')).status).toBe('paid'); // paid late, on Mar 5
      expect((await bySource('2027-03-31')).status).toBe('paid');
      const final = await licenses();
      expect(final.filter((l) => l.status === 'active').map((l) => [l.tier, l.period, l.renewsAt])).toEqual([
        ['basic', 'monthly', '2027-04-30T00:00:00.000Z'],
        ['pro', 'monthly', '2027-04-30T00:00:00.000Z'],
        ['premium', 'monthly', '2027-04-30T00:00:00.000Z'],
        ['premium', 'monthly', '2027-04-30T00:00:00.000Z'],
      ]);
      const { sums } = await ledgerInvariants(h.engine.db);
      for (const s of sums) expect(s.total).toBe(0n);
    });
  });
}
