import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../src/kernel/clock.js';
import { registerLicenseWork } from '../../../src/booth/licenses/license-work.js';
import { DueWorkRunner } from '../../../src/kernel/jobs/due-work-runner.js';
import { addPaymentMethod } from '../../../src/booth/billing/add-payment-method.js';
import { backends } from '../../support/databases.js';
import { expectLedgerSound, startHarnessWithCards, uniqueKey } from '../../support/harness.js';

const PAYS = '4242424242424242';
const DECLINES = '4000000000000341';

/**
 * Token auto top-up at its edges (issue 16, item 10): the daily cap, and a declined card turning
 * it off with a notification. 25 welcome tokens; each `ai_image_high` output costs 2 tokens; the
 * 100-token pack costs $20.00. Each story starts its own engine and clock.
 */
for (const backend of backends) {
  describe(`token auto top-up (${backend.name})`, { timeout: 300_000 }, () => {
    async function story(start: string) {
      const clock = new SimulatedClock(start);
      const { h, fake } = await startHarnessWithCards(backend, clock);
      const runner = registerLicenseWork(new DueWorkRunner(h.engine));
      const acct = await h.openAccount();
      const setCard = async (number: string) => {
        const saved = await addPaymentMethod(h.engine, acct, await fake.tokenize(number));
        if (!saved.ok) throw new Error(saved.failure.detail);
        await h.call('POST', `/v1/accounts/${acct}/payment-methods/${saved.value.id}/default`);
      };
      await setCard(PAYS);
      const body = { product: 'pro', period: 'monthly', quantity: 1 };
      const q = await h.call('POST', `/v1/accounts/${acct}/licenses/quote`, { body, idempotencyKey: null });
      const bought = await h.call('POST', `/v1/accounts/${acct}/licenses`, {
        body: { ...body, expectedTotal: q.json().total },
        idempotencyKey: uniqueKey('buy'),
      });
      expect(bought.statusCode, bought.body).toBe(201);
      await h.app.inject({
        method: 'PUT',
        url: `/v1/accounts/${acct}/booth/templates/ai`,
        headers: { authorization: `Bearer ${h.serviceKey}` },
        payload: { name: 'AI portrait', outputs: [{ kind: 'ai_image_high', count: 1 }] },
      });
      const event = await h.call('POST', `/v1/accounts/${acct}/events`, {
        key: h.serviceKey,
        body: { name: 'Gala', templateIds: ['ai'] },
      });
      const eventId = event.json().id as string;
      await h.call('POST', `/v1/accounts/${acct}/events/${eventId}/start`, { key: h.serviceKey });
      let n = 0;
      /** Reports `count` AI images (2 tokens each); returns the balance after, as the API says it. */
      const spend = async (count: number) => {
        const res = await h.call('POST', `/v1/accounts/${acct}/events/${eventId}/outputs`, {
          key: h.serviceKey,
          body: {
            outputs: Array.from({ length: count }, () => ({
              outputId: `o-${++n}`,
              sessionId: `s-${n}`,
              kind: 'ai_image_high',
            })),
          },
        });
        expect(res.statusCode, res.body).toBe(200);
        return res.json().balance.amount as string;
      };
      const settings = async (b: Record<string, unknown>) => {
        const res = await h.app.inject({
          method: 'PUT',
          url: `/v1/accounts/${acct}/tokens/auto-top-up`,
          headers: { authorization: `Bearer ${h.operatorKey}` },
          payload: b,
        });
        expect(res.statusCode, res.body).toBe(200);
        return res.json();
      };
      const autoPacks = async () =>
        (
          await h.engine.db.query(
            `SELECT 1 FROM booth_token_purchases WHERE account_id = $1 AND idempotency_key LIKE 'auto-topup:%' AND status = 'paid'`,
            [acct],
          )
        ).length;
      const notes = (type: string) =>
        h.engine.db.query<{ payload: Record<string, string> }>(
          `SELECT payload FROM notifications WHERE account_id = $1 AND type = $2 ORDER BY created_at, id`,
          [acct, type],
        );
      const run = async (iso?: string) => {
        if (iso) clock.set(iso);
        await runner.runDue();
      };
      return { h, fake, acct, spend, settings, autoPacks, notes, run, setCard };
    }

    it('at most maxPerDay = 1 pack a UTC day: the second crossing on 5 Jan waits for 6 Jan 00:00 UTC and buys then; a deferred crossing the customer topped up by hand buys nothing', async () => {
      const s = await story('2026-01-05T10:00:00Z');
      try {
        await s.settings({ enabled: true, threshold: '20', pack: 100, maxPerDay: 1 });
        expect(await s.spend(3)).toBe('19.000000'); // 25 − 6: crossing 1
        await s.run();
        expect(await s.autoPacks()).toBe(1);
        expect(await s.spend(50)).toBe('19.000000'); // 119 − 100: crossing 2, same day
        await s.run('2026-01-05T18:00:00Z');
        expect(await s.autoPacks()).toBe(1);
        expect(await s.notes('booth.auto_topup')).toHaveLength(1);
        expect(await s.notes('booth.auto_topup_limit_reached')).toEqual([
          { payload: { maxPerDay: '1', retryAt: '2026-01-06T00:00:00.000Z' } },
        ]);
        const charged = s.fake.sandbox.chargedCents();
        const available = async () =>
          (await s.h.call('GET', `/v1/accounts/${s.acct}/tokens`)).json().available.amount as string;

        // One second before the new UTC day: still 19, nothing bought.
        await s.run('2026-01-05T23:59:59Z');
        expect([await s.autoPacks(), await available()]).toEqual([1, '19.000000']);
        // 6 Jan 00:00 UTC: the balance is still below, so crossing 2 buys its pack: 119, re-armed.
        await s.run('2026-01-06T00:00:00Z');
        expect([await s.autoPacks(), await available()]).toEqual([2, '119.000000']);
        expect(await s.notes('booth.auto_topup')).toHaveLength(2);
        expect(s.fake.sandbox.chargedCents() - charged).toBe(2000); // $20.00

        // 6 Jan 09:00: crossing 3, but 6 Jan's one pack is used: deferred to 7 Jan.
        expect(await s.spend(50)).toBe('19.000000');
        await s.run('2026-01-06T09:00:00Z');
        expect(await s.autoPacks()).toBe(2);
        // The customer buys a pack by hand (119): on 7 Jan the deferred crossing buys nothing.
        const manual = await s.h.call('POST', `/v1/accounts/${s.acct}/tokens/purchases`, {
          body: { pack: 100, quantity: 1 },
          idempotencyKey: uniqueKey('pack'),
        });
        expect(manual.statusCode, manual.body).toBe(201);
        await s.run('2026-01-07T00:00:00Z');
        expect([await s.autoPacks(), await available()]).toEqual([2, '119.000000']);
        expect(s.fake.sandbox.chargedCents() - charged).toBe(4000); // the deferred pack and the manual one
        expect((await s.h.call('GET', `/v1/accounts/${s.acct}/tokens/auto-top-up`)).json()).toMatchObject({
          enabled: true,
          crossings: 3,
          armed: true,
        });
        await expectLedgerSound(s.h.engine.db);
      } finally {
        await s.h.close();
      }
    });

    it('a declined card turns it off with its reason and a notification; saving it again with a good card turns it back on', async () => {
      const s = await story('2026-01-05T10:00:00Z');
      try {
        await s.setCard(DECLINES);
        await s.settings({ enabled: true, threshold: '20', pack: 100, maxPerDay: 3 });
        expect(await s.spend(3)).toBe('19.000000');
        await s.run();
        expect(await s.autoPacks()).toBe(0);
        const off = (await s.h.call('GET', `/v1/accounts/${s.acct}/tokens/auto-top-up`)).json();
        expect(off).toMatchObject({ enabled: false, crossings: 1 });
        expect(off.disabledReason).toMatch(/^token_purchase_declined: /);
        expect(await s.notes('booth.auto_topup_disabled')).toEqual([
          { payload: { reason: 'token_purchase_declined' } },
        ]);
        // Off: spending further buys nothing.
        expect(await s.spend(2)).toBe('15.000000');
        await s.run('2026-01-05T12:00:00Z');
        expect(await s.autoPacks()).toBe(0);

        // The customer fixes the card and saves the settings: below the threshold already → one pack.
        await s.setCard(PAYS);
        const on = await s.settings({ enabled: true, threshold: '20', pack: 100, maxPerDay: 3 });
        expect(on).toMatchObject({ enabled: true, disabledReason: null });
        await s.run();
        expect(await s.autoPacks()).toBe(1);
        expect((await s.h.call('GET', `/v1/accounts/${s.acct}/tokens`)).json().available.amount).toBe(
          '115.000000',
        );
        await expectLedgerSound(s.h.engine.db);
      } finally {
        await s.h.close();
      }
    });
  });
}
