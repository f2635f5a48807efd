import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../src/kernel/clock.js';
import { backends } from '../../support/databases.js';
import { startHarnessWithCards, uniqueKey } from '../../support/harness.js';

const USD = (amount: string) => ({ amount, unit: 'USD' });
const DECLINES = '4000000000000341'; // attaches, then every charge is declined
const NO_FUNDS = '4000000000009995';
const PAYS = '4242424242424242';

/**
 * Issue 16, item 8: a declined purchase (license or token pack) leaves a failed payment attempt,
 * not a numbered void invoice; the account's gapless series has no gap (the first paid purchase
 * afterwards is number 000001). Seed prices: Basic monthly $49.00, a 500-token pack $75.00.
 */
for (const backend of backends) {
  describe(`declined purchases (${backend.name})`, { timeout: 300_000 }, () => {
    it('…0341 declines a Basic license and a token pack: 402, no invoice listed, two failed attempts with card and reason; then 4242 pays and the invoice is 000001', async () => {
      const clock = new SimulatedClock('2026-03-01T09:30:00Z');
      const { h, fake } = await startHarnessWithCards(backend, clock);
      try {
        const acct = await h.openAccount();
        const addCard = async (number: string) => {
          const res = await h.call('POST', `/v1/accounts/${acct}/payment-methods`, {
            body: { paymentMethod: await fake.tokenize(number) },
          });
          expect(res.statusCode, res.body).toBe(201);
          const id = res.json().id as string;
          await h.call('POST', `/v1/accounts/${acct}/payment-methods/${id}/default`);
          return id;
        };
        const buyBasic = (key = uniqueKey('buy')) =>
          h.call('POST', `/v1/accounts/${acct}/licenses`, {
            body: { product: 'basic', period: 'monthly', quantity: 1, expectedTotal: USD('49.00') },
            idempotencyKey: key,
          });
        const buyPack = () =>
          h.call('POST', `/v1/accounts/${acct}/tokens/purchases`, {
            body: { pack: 500, quantity: 1 },
            idempotencyKey: uniqueKey('pack'),
          });

        await addCard(DECLINES);
        const licenseKey = uniqueKey('buy');
        const license = await buyBasic(licenseKey);
        expect(license.statusCode, license.body).toBe(402);
        // The whole answer: no invoiceId, since the purchase's draft was discarded and no invoice
        // remains to follow; the same key replays the same answer.
        const declinedLicense = {
          type: 'https://docs.pictor.pro/problems/card_declined',
          title: 'card declined',
          status: 402,
          code: 'card_declined',
          detail: 'the default card was declined: Your card was declined.',
          declineCode: 'generic_decline',
        };
        expect(license.json()).toEqual(declinedLicense);
        const replay = await buyBasic(licenseKey);
        expect([replay.statusCode, replay.json()]).toEqual([402, declinedLicense]);
        clock.set('2026-03-01T09:31:00Z');
        const pack = await buyPack();
        expect(pack.statusCode, pack.body).toBe(402);
        expect(pack.json()).toEqual({
          type: 'https://docs.pictor.pro/problems/token_purchase_declined',
          title: 'token purchase declined',
          status: 402,
          code: 'token_purchase_declined',
          detail: 'the default card was not charged: Your card was declined.',
          purchaseId: expect.stringMatching(/^tkp_/),
        });

        // Nothing in the customer's invoice list, and no number was taken.
        const list = await h.call('GET', `/v1/accounts/${acct}/booth-invoices`);
        expect(list.json().data).toEqual([]);
        const numbered = await h.engine.db.query<{ n: bigint }>(
          `SELECT count(*)::int8 AS n FROM booth_invoices WHERE account_id = $1 AND number IS NOT NULL`,
          [acct],
        );
        expect(numbered[0]!.n).toBe(0n);

        // The failed attempts: what was tried, when, on which card, and why, as a sentence.
        const failed = await h.call('GET', `/v1/accounts/${acct}/payment-attempts?outcome=declined`);
        expect(failed.statusCode, failed.body).toBe(200);
        expect(failed.json().data).toEqual([
          {
            invoiceId: expect.any(String),
            invoiceNumber: null,
            attempt: 1,
            description: 'Token top-up: 500 tokens',
            amount: USD('75.00'),
            card: { brand: 'visa', last4: '0341' },
            attemptedAt: '2026-03-01T09:31:00.000Z',
            outcome: 'declined',
            declineCode: 'generic_decline',
            reason: 'The card was declined by its bank.',
          },
          {
            invoiceId: expect.any(String),
            invoiceNumber: null,
            attempt: 1,
            description: 'License purchase: Basic monthly × 1 at $49.00, 01 Mar – 01 Apr 2026',
            amount: USD('49.00'),
            card: { brand: 'visa', last4: '0341' },
            attemptedAt: '2026-03-01T09:30:00.000Z',
            outcome: 'declined',
            declineCode: 'generic_decline',
            reason: 'The card was declined by its bank.',
          },
        ]);
        // Each failed attempt names its invoice, and the link works: the discarded draft reads as
        // void, never numbered (it is only left out of the invoice list).
        for (const attempt of failed.json().data as { invoiceId: string }[]) {
          const draft = await h.call('GET', `/v1/accounts/${acct}/booth-invoices/${attempt.invoiceId}`);
          expect(draft.statusCode, draft.body).toBe(200);
          expect(draft.json()).toMatchObject({ id: attempt.invoiceId, status: 'void', number: null });
        }
        expect(fake.sandbox.chargedCents()).toBe(0);

        // Insufficient funds reads as its own sentence.
        await addCard(NO_FUNDS);
        clock.set('2026-03-01T09:32:00Z');
        expect((await buyBasic()).statusCode).toBe(402);
        const [poor] = (
          await h.call('GET', `/v1/accounts/${acct}/payment-attempts?outcome=declined&limit=1`)
        ).json().data;
        expect(poor).toMatchObject({
          card: { last4: '9995' },
          declineCode: 'insufficient_funds',
          reason: 'The card was declined for insufficient funds.',
        });

        // A working card: the purchase is paid and is the account's first number.
        await addCard(PAYS);
        clock.set('2026-03-01T10:00:00Z');
        const paid = await buyBasic();
        expect(paid.statusCode, paid.body).toBe(201);
        const rows = (await h.call('GET', `/v1/accounts/${acct}/booth-invoices`)).json().data;
        expect(rows).toHaveLength(1);
        expect(rows[0]).toMatchObject({ status: 'paid', amount: USD('49.00') });
        expect(rows[0].number).toMatch(/^[A-Z2-9]{8}-000001$/);
        const all = (await h.call('GET', `/v1/accounts/${acct}/payment-attempts`)).json().data;
        expect(
          all.map((a: { outcome: string; card: { last4: string } }) => [a.outcome, a.card.last4]),
        ).toEqual([
          ['succeeded', '4242'],
          ['declined', '9995'],
          ['declined', '0341'],
          ['declined', '0341'],
        ]);
        expect(all[0].invoiceNumber).toBe(rows[0].number);
        expect(fake.sandbox.chargedCents()).toBe(4900);

        // Bad input: 400 with the field.
        const bad = await h.call('GET', `/v1/accounts/${acct}/payment-attempts?outcome=maybe`);
        expect(bad.statusCode).toBe(400);
      } finally {
        await h.close();
      }
    });
  });
}
