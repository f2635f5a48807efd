import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PayPalClient } from '../../../src/compute/topups/paypal.js';
import { SimulatedClock } from '../../../src/kernel/clock.js';
import { backends } from '../../support/databases.js';
import { type FakePayPal, startFakePayPal } from '../../support/fake-paypal.js';
import { type Harness, startHarness, uniqueKey } from '../../support/harness.js';

/** Operator refunds of PayPal top-ups go back through PayPal, exactly once, and survive PayPal failing. */
for (const backend of backends) {
  describe(`refunds of PayPal top-ups (${backend.name})`, () => {
    let h: Harness;
    let fake: FakePayPal;
    beforeAll(async () => {
      const clock = new SimulatedClock('2026-05-01T09:00:00Z');
      fake = await startFakePayPal({ clock });
      h = await startHarness(backend, { clock, payments: { paypal: fake.client() } });
    });
    afterAll(async () => {
      await h.close();
      await fake.close();
    });

    /** Tops up `amount` USD through PayPal and returns the Payment transaction and its capture id. */
    const topUpViaPayPal = async (accountId: string, amount: string) => {
      const order = (
        await h.call('POST', `/v1/accounts/${accountId}/top-ups/paypal`, {
          body: { amount: { amount, unit: 'USD' } },
        })
      ).json().order;
      fake.sandbox.approve(order.paypalOrderId);
      const captured = await h.call('POST', `/v1/accounts/${accountId}/top-ups/paypal/${order.id}/capture`);
      expect(captured.statusCode, captured.body).toBe(200);
      const payment = (await h.call('GET', `/v1/accounts/${accountId}/transactions?kind=payment`)).json()
        .data[0];
      return { paymentId: payment.id as string, captureId: captured.json().order.captureId as string };
    };
    const refund = (
      accountId: string,
      paymentTransactionId: string,
      amount: string,
      idempotencyKey = uniqueKey('refund'),
    ) =>
      h.call('POST', `/v1/accounts/${accountId}/refunds`, {
        idempotencyKey,
        body: { paymentTransactionId, amount: { amount, unit: 'CREDIT' }, reason: 'customer request' },
      });
    /** What PayPal still holds refundable on a capture, probed with its own API. */
    const refundableAtPayPal = async (captureId: string, cents: bigint) => {
      const probe = (value: bigint) =>
        fake
          .client()
          .refundCapture(captureId, {
            amountValue: `${value / 100n}.${(value % 100n).toString().padStart(2, '0')}`,
            requestId: uniqueKey('probe'),
          })
          .then(
            () => true,
            () => false,
          );
      // Too much is refused (and refunds nothing); exactly the rest succeeds.
      return !(await probe(cents + 1n)) && (await probe(cents));
    };

    it('refunds $20 of a $50 top-up at PayPal once; the fee is not refunded; a retry replays', async () => {
      const accountId = await h.openAccount();
      const { paymentId, captureId } = await topUpViaPayPal(accountId, '50');
      const refundsBefore = fake.sandbox.callCount('refund');
      const key = uniqueKey('refund');
      const first = await refund(accountId, paymentId, '20', key);
      expect(first.statusCode, first.body).toBe(201);
      expect(first.json()).toMatchObject({
        kind: 'refund',
        amount: { amount: '-20.000000', unit: 'CREDIT' },
      });
      const again = await refund(accountId, paymentId, '20', key);
      expect(again.body).toBe(first.body);
      // The retry is answered from the stored first answer (docs/idempotency.md): PayPal is not
      // asked again (had it been, the same PayPal-Request-Id would still make one refund there).
      expect(fake.sandbox.callCount('refund') - refundsBefore).toBe(1);
      // $52.50 was charged ($50 + $2.50 fee); $20 went back: $32.50 is all PayPal still allows.
      expect(await refundableAtPayPal(captureId, 3250n)).toBe(true);
    });

    it('when PayPal fails, the credits stay reserved and a retry of the same request completes it', async () => {
      const accountId = await h.openAccount();
      const { paymentId, captureId } = await topUpViaPayPal(accountId, '40');
      const saved = h.engine.paypal;
      h.engine.paypal = new PayPalClient({
        baseUrl: 'http://127.0.0.1:9',
        clientId: 'x',
        clientSecret: 'y',
        timeoutMs: 1000,
      });
      const key = uniqueKey('refund');
      try {
        const failed = await refund(accountId, paymentId, '15', key);
        expect(failed.json()).toMatchObject({ status: 502, code: 'payment_provider_error' });
      } finally {
        h.engine.paypal = saved;
      }
      const balance = (await h.call('GET', `/v1/accounts/${accountId}/balances`)).json().balances[0];
      expect(balance.balance).toBe('25.000000'); // the refund is recorded: nobody can spend those credits
      const retried = await refund(accountId, paymentId, '15', key);
      expect(retried.statusCode, retried.body).toBe(201);
      expect(retried.headers['idempotent-replayed']).toBe('true');
      // $42.06 charged ($40 + $2.06 fee); $15 refunded once: $27.06 left at PayPal.
      expect(await refundableAtPayPal(captureId, 2706n)).toBe(true);
    });
  });
}
