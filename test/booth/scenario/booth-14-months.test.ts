import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../src/kernel/clock.js';
import { registerLicenseWork } from '../../../src/booth/licenses/license-work.js';
import { DueWorkRunner } from '../../../src/kernel/jobs/due-work-runner.js';
import { addPaymentMethod } from '../../../src/booth/billing/add-payment-method.js';
import { formatDate, formatMoney } from '../../../src/kernel/format-rules.js';
import { backends } from '../../support/databases.js';
import { expectLedgerSound, startHarnessWithCards, uniqueKey } from '../../support/harness.js';

const PAYS = '4242424242424242';
const DECLINES = '4000000000000341';

/**
 * Fourteen months of one operator on the simulated clock (issue 16): licenses bought monthly and
 * annual, a coupon, a purchase crossing the volume discount mid-cycle (pro-rata and a credit), a
 * cancellation at period end and one undone, a downgrade at renewal, a declined renewal through
 * dunning then paid, token packs, outputs and auto top-up. Every invoice is checked as it is
 * issued, with the figures worked out from the seed prices (seeds 001 and 002):
 * Basic $49/month, Pro $99/month, Premium $1,490/year; 5–9 active licenses 10% off; packs
 * 100 tokens $20, 500 tokens $75; AI video high 15 tokens, AI image high 2 tokens.
 */
for (const backend of backends) {
  describe(`a booth operator over 14 months (${backend.name})`, () => {
    it('every invoice total, month by month, from Jan 2026 to Mar 2027', { timeout: 900_000 }, async () => {
      const clock = new SimulatedClock('2026-01-01T09:00:00Z');
      const { h, fake } = await startHarnessWithCards(backend, clock);
      try {
        const runner = registerLicenseWork(new DueWorkRunner(h.engine));
        const acct = await h.openAccount('Ola Operator');
        const url = `/v1/accounts/${acct}`;
        const setCard = async (number: string) => {
          const saved = await addPaymentMethod(h.engine, acct, await fake.tokenize(number));
          if (!saved.ok) throw new Error(saved.failure.detail);
          await h.call('POST', `${url}/payment-methods/${saved.value.id}/default`);
        };
        const at = async (iso: string) => {
          clock.set(iso);
          await runner.runDue();
        };
        const seen = new Set<string>();
        /** Invoices issued since the last look: [description, total, status], in number order. */
        const newInvoices = async () => {
          const rows = await h.engine.db.query<{
            id: string;
            description: string;
            total_micros: bigint;
            status: string;
          }>(
            `SELECT id, description, total_micros, status FROM booth_invoices
             WHERE account_id = $1 AND status <> 'void' ORDER BY number`,
            [acct],
          );
          const fresh = rows.filter((r) => !seen.has(r.id));
          for (const r of fresh) seen.add(r.id);
          return fresh.map((r) => [r.description, formatMoney(BigInt(r.total_micros)), r.status]);
        };
        const renewal = (date: string, total: string, status = 'paid') => [
          [`License renewal on ${formatDate(new Date(`${date}T00:00:00Z`))}`, total, status],
        ];
        const buy = async (body: Record<string, unknown>) => {
          const q = await h.call('POST', `${url}/licenses/quote`, { body, idempotencyKey: null });
          expect(q.statusCode, q.body).toBe(200);
          const res = await h.call('POST', `${url}/licenses`, {
            body: { ...body, expectedTotal: q.json().total },
            idempotencyKey: uniqueKey('buy'),
          });
          expect(res.statusCode, res.body).toBe(201);
          return res.json();
        };
        const licenses = async () =>
          (await h.call('GET', `${url}/licenses`)).json().data as {
            id: string;
            tier: string;
            period: string;
            status: string;
            billedPrice: { amount: string };
            renewsAt: string | null;
            openInvoiceId?: string | null;
          }[];
        const tokens = async () => (await h.call('GET', `${url}/tokens`)).json().available.amount as string;

        expect(
          (
            await h.call('POST', '/v1/booth/coupons', {
              body: { code: 'LAUNCH20', percentOff: 20, duration: 'once', reason: 'scenario' },
            })
          ).statusCode,
        ).toBe(201);
        await setCard(PAYS);

        // ── Jan 2026 ── 2 Pro monthly (anchor 1 Jan 09:00) and 1 Premium annual with 20% off once.
        await buy({ product: 'pro', period: 'monthly', quantity: 2 });
        await buy({ product: 'premium', period: 'annual', quantity: 1, couponCode: 'LAUNCH20' });
        expect(await newInvoices()).toEqual([
          ['License purchase: Pro monthly × 2 at $99.00, 01 Jan – 01 Feb 2026', '198.00', 'paid'],
          // $1,490.00 − 20% = $1,192.00 (3 licenses: no volume discount yet).
          [
            'License purchase: Premium annual × 1 at $1,490.00, 01 Jan 2026 – 01 Jan 2027',
            '1,192.00',
            'paid',
          ],
        ]);

        // 16 Jan 09:00: 2 Basic monthly, 16 of 31 days to 1 Feb; 5 licenses → 10% off from now on.
        await at('2026-01-16T09:00:00Z');
        const crossing = await buy({ product: 'basic', period: 'monthly', quantity: 2 });
        // $49 × 2 × 16/31 = $50.58; 10% off = −$5.06 → $45.52. The 3 running licenses get 10% of
        // what they were billed for the rest of their period, as account credit:
        // Pro 2 × $99 × 10% × 16/31 = $10.22, Premium $1,192 × 10% × 350/365 = $114.30 → $124.52.
        expect(crossing.total).toEqual({ amount: '45.52', unit: 'USD' });
        expect(await newInvoices()).toEqual([
          [
            'License purchase: Basic monthly × 2 at $49.00/month, pro-rata 16 Jan – 01 Feb 2026: 16 of 31 days',
            '45.52',
            'paid',
          ],
          [
            'Volume discount credit: 3 licenses at the new rate for the rest of their period',
            '-124.52',
            'paid',
          ],
        ]);

        // Tokens: 25 welcome + one 500 pack ($75); a Premium event spends them.
        const pack = await h.call('POST', `${url}/tokens/purchases`, {
          body: { pack: 500, quantity: 1 },
          idempotencyKey: uniqueKey('pack'),
        });
        expect(pack.statusCode, pack.body).toBe(201);
        await h.app.inject({
          method: 'PUT',
          url: `${url}/booth/templates/video`,
          headers: { authorization: `Bearer ${h.serviceKey}` },
          payload: { name: 'AI video', outputs: [{ kind: 'ai_video_high', count: 1 }] },
        });
        const event = await h.call('POST', `${url}/events`, {
          key: h.serviceKey,
          body: { name: 'Spring gala', templateIds: ['video'] },
        });
        const eventId = event.json().id as string;
        expect(event.json().tag).toBe('premium');
        await h.call('POST', `${url}/events/${eventId}/start`, { key: h.serviceKey });
        let n = 0;
        const spend = async (count: number, kind = 'ai_video_high') => {
          const res = await h.call('POST', `${url}/events/${eventId}/outputs`, {
            key: h.serviceKey,
            body: {
              outputs: Array.from({ length: count }, () => ({
                outputId: `o-${++n}`,
                sessionId: `s-${n}`,
                kind,
              })),
            },
          });
          expect(res.statusCode, res.body).toBe(200);
          return res.json().balance.amount as string;
        };
        expect(await spend(30)).toBe('75.000000'); // 525 − 30 × 15
        expect(await newInvoices()).toEqual([['Token top-up: 500 tokens', '75.00', 'paid']]);

        // ── Feb 2026 ── renewal of the 4 monthly licenses at 10% off, the credit first.
        await at('2026-02-01T09:00:00Z');
        // Pro 2 × $89.10 + Basic 2 × $44.10 = $266.40, less the $124.52 credit = $141.88.
        expect(await newInvoices()).toEqual(renewal('2026-02-01', '141.88'));

        // 15 Feb: one Basic set to cancel at 1 Mar; one Pro set to cancel, then undone.
        await at('2026-02-15T12:00:00Z');
        const list = await licenses();
        const basic = list.find((l) => l.tier === 'basic')!;
        const pros = list.filter((l) => l.tier === 'pro');
        expect((await h.call('POST', `${url}/licenses/${basic.id}/cancel`)).statusCode).toBe(200);
        expect((await h.call('POST', `${url}/licenses/${pros[0]!.id}/cancel`)).statusCode).toBe(200);
        expect((await h.call('POST', `${url}/licenses/${pros[0]!.id}/undo-cancel`)).statusCode).toBe(200);

        // ── Mar 2026 ── the Basic is removed: 4 licenses, no volume discount.
        await at('2026-03-01T09:00:00Z');
        // Pro 2 × $99 + Basic $49 = $247.00 (the undone cancellation renews).
        expect(await newInvoices()).toEqual(renewal('2026-03-01', '247.00'));
        expect((await licenses()).find((l) => l.id === basic.id)!.status).toBe('removed');

        // 1 Apr: the same 4 licenses. 10 Apr: one Pro downgraded to Basic, from the 1 May renewal.
        await at('2026-04-01T09:00:00Z');
        expect(await newInvoices()).toEqual(renewal('2026-04-01', '247.00'));
        await at('2026-04-10T09:00:00Z');
        expect(
          (await h.call('POST', `${url}/licenses/${pros[1]!.id}/downgrade`, { body: { tier: 'basic' } }))
            .statusCode,
        ).toBe(200);

        // ── May 2026 ── the downgrade applies: Pro + Basic + Basic.
        await at('2026-05-01T09:00:00Z');
        // Pro $99 + Basic 2 × $49 = $197.00.
        expect(await newInvoices()).toEqual(renewal('2026-05-01', '197.00'));
        expect((await licenses()).find((l) => l.id === pros[1]!.id)).toMatchObject({
          tier: 'basic',
          status: 'active',
        });

        // Auto top-up: below 50 tokens buy 100 ($20), at most 2 a day.
        const auto = await h.app.inject({
          method: 'PUT',
          url: `${url}/tokens/auto-top-up`,
          headers: { authorization: `Bearer ${h.operatorKey}` },
          payload: { enabled: true, threshold: '50', pack: 100, maxPerDay: 2 },
        });
        expect(auto.statusCode, auto.body).toBe(200);
        expect(await spend(2)).toBe('45.000000'); // 75 − 30: below 50
        await at('2026-05-02T09:00:00Z');
        expect(await tokens()).toBe('145.000000');
        expect(await newInvoices()).toEqual([['Token top-up: 100 tokens', '20.00', 'paid']]);

        // ── Jun 2026 ── the card now declines: the renewal fails, dunning retries 2 Jun (declined)
        // and 4 Jun (paid with the card set on 3 Jun).
        await at('2026-05-20T09:00:00Z');
        await setCard(DECLINES);
        await at('2026-06-01T09:00:00Z');
        expect(await newInvoices()).toEqual(renewal('2026-06-01', '197.00', 'open'));
        const monthly = (await licenses()).filter((l) => l.period === 'monthly' && l.status !== 'removed');
        expect(monthly.map((l) => l.status)).toEqual(['expired', 'expired', 'expired']);
        const openInvoiceId = monthly[0]!.openInvoiceId!;
        await at('2026-06-02T09:00:00Z');
        await at('2026-06-03T09:00:00Z');
        await setCard(PAYS);
        await at('2026-06-04T09:00:00Z');
        expect(await newInvoices()).toEqual([]);
        const dunned = await h.engine.db.query<{
          status: string;
          amount_paid_micros: bigint;
          payment_attempts: number;
        }>(`SELECT status, amount_paid_micros, payment_attempts FROM booth_invoices WHERE id = $1`, [
          openInvoiceId,
        ]);
        expect(
          dunned.map((r) => [
            r.status,
            formatMoney(BigInt(r.amount_paid_micros)),
            Number(r.payment_attempts),
          ]),
        ).toEqual([['paid', '197.00', 3]]);
        const renewed = (await licenses()).filter((l) => l.period === 'monthly' && l.status !== 'removed');
        expect(renewed.map((l) => [l.status, l.renewsAt])).toEqual([
          ['active', '2026-07-01T09:00:00.000Z'],
          ['active', '2026-07-01T09:00:00.000Z'],
          ['active', '2026-07-01T09:00:00.000Z'],
        ]);
        const told = await h.engine.db.query<{ type: string }>(
          `SELECT type FROM notifications WHERE account_id = $1 AND type IN
             ('booth.renewal_failed', 'booth.dunning_retry_failed', 'booth.dunning_paid') ORDER BY created_at, id`,
          [acct],
        );
        expect(told.map((t) => t.type)).toEqual([
          'booth.renewal_failed',
          'booth.dunning_retry_failed',
          'booth.dunning_paid',
        ]);

        // ── Jul 2026 → Mar 2027 ── renewals; the Premium annual renews on 1 Jan 2027 without its coupon.
        for (const month of ['2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12']) {
          await at(`${month}-01T09:00:00Z`);
          expect(await newInvoices()).toEqual(renewal(`${month}-01`, '197.00'));
        }
        // The Premium annual renews with the monthly ones (same date), without its once-only coupon,
        // 4 licenses: $1,490.00 + $197.00.
        await at('2027-01-01T09:00:00Z');
        expect(await newInvoices()).toEqual(renewal('2027-01-01', '1,687.00'));
        for (const month of ['2027-02', '2027-03']) {
          await at(`${month}-01T09:00:00Z`);
          expect(await newInvoices()).toEqual(renewal(`${month}-01`, '197.00'));
        }
        // Every card charge, in cents: the sum of the paid invoices less the credit used.
        const paid =
          198_00 +
          1192_00 +
          45_52 +
          75_00 +
          141_88 +
          247_00 * 2 +
          197_00 +
          20_00 +
          197_00 * 7 +
          1687_00 +
          197_00 * 2;
        expect(fake.sandbox.chargedCents()).toBe(paid);
        expect(await tokens()).toBe('145.000000');
        await expectLedgerSound(h.engine.db);
      } finally {
        await h.close();
      }
    });
  });
}
