import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PayPalError, paypalRequestId } from '../../../src/compute/topups/paypal.js';
import { SimulatedClock } from '../../../src/kernel/clock.js';
import type { Queryable } from '../../../src/kernel/db/database.js';
import { backends } from '../../support/databases.js';
import { type FakePayPal, startFakePayPal } from '../../support/fake-paypal.js';
import { type Harness, expectLedgerSound, rowCounts, startHarness } from '../../support/harness.js';

/**
 * The PayPal webhook's other event types, over HTTP: a declined capture, an approved order (which
 * the webhook captures), and the types (or orders) the engine does not act on. The capture-completed path is in paypal.test.ts.
 */

/** The next transaction id: unchanged proves nothing wrote (or locked) a row in any table. */
async function nextXid(db: Queryable): Promise<string> {
  const rows = await db.query<{ x: string }>(`SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS x`);
  return rows[0]!.x;
}

for (const backend of backends) {
  describe(`PayPal webhook events (${backend.name})`, () => {
    let h: Harness;
    let fake: FakePayPal;
    /** While set, our capture call fails as if PayPal could not be reached (verification still works). */
    let captureUnreachable = false;
    beforeAll(async () => {
      const clock = new SimulatedClock('2026-04-01T09:00:00Z');
      fake = await startFakePayPal({ clock });
      const paypal = fake.client();
      const captureOrder = paypal.captureOrder.bind(paypal);
      paypal.captureOrder = (providerOrderId, requestId) =>
        captureUnreachable
          ? Promise.reject(new PayPalError('PayPal could not be reached: ECONNREFUSED', null))
          : captureOrder(providerOrderId, requestId);
      h = await startHarness(backend, { clock, payments: { paypal } });
    });
    afterAll(async () => {
      await h.close();
      await fake.close();
    });

    const openOrder = async (accountId: string, amount: string) => {
      const res = await h.call('POST', `/v1/accounts/${accountId}/top-ups/paypal`, {
        body: { amount: { amount, unit: 'USD' } },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().order as { id: string; paypalOrderId: string; total: { amount: string } };
    };
    const deliver = (event: unknown) => {
      const delivery = fake.sandbox.signedDelivery(event);
      return h.app.inject({
        method: 'POST',
        url: '/v1/webhooks/paypal',
        headers: delivery.headers,
        payload: delivery.body,
      });
    };
    const orderOf = async (accountId: string, orderId: string) =>
      (await h.call('GET', `/v1/accounts/${accountId}/top-ups/paypal/${orderId}`)).json();
    const creditBalance = async (accountId: string) =>
      (await h.call('GET', `/v1/accounts/${accountId}/balances`))
        .json()
        .balances.find((b: { unit: string }) => b.unit === 'CREDIT').balance as string;
    /** Payments on the account (a new account also has its welcome TOKEN promotion). */
    const paymentsOf = async (accountId: string) =>
      (await h.call('GET', `/v1/accounts/${accountId}/transactions?kind=payment`)).json().data as unknown[];
    /** Captures at PayPal as our capture call would (same PayPal-Request-Id), without telling us. */
    const captureAtPayPal = (order: { id: string; paypalOrderId: string }) =>
      fake.client().captureOrder(order.paypalOrderId, paypalRequestId('capture', order.id, '0'));

    it('PAYMENT.CAPTURE.DECLINED marks the $60.00 order declined (total $62.94 not charged) and credits nothing', async () => {
      const accountId = await h.openAccount();
      const order = await openOrder(accountId, '60.00');
      expect(order.total).toEqual({ amount: '62.94', unit: 'USD' });
      fake.sandbox.approve(order.paypalOrderId);
      fake.sandbox.scriptNextCapture('decline');
      const outcome = await captureAtPayPal(order);
      expect(outcome).toMatchObject({ status: 'declined', captureId: expect.any(String) });
      const captureId = (outcome as { captureId: string }).captureId;
      const before = await rowCounts(h.engine.db);

      const res = await deliver(fake.sandbox.captureEvent(captureId, 'PAYMENT.CAPTURE.DECLINED'));
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({
        eventId: expect.stringMatching(/^WH-/),
        eventType: 'PAYMENT.CAPTURE.DECLINED',
        outcome: 'recorded',
        orderId: order.id,
      });
      expect(await orderOf(accountId, order.id)).toMatchObject({
        status: 'declined',
        statusDetail: 'PAYMENT.CAPTURE.DECLINED',
        captureId: null,
        total: { amount: '62.94', unit: 'USD' },
      });
      // Only the order row changed: no transaction, no transfer, no new row anywhere.
      expect(await rowCounts(h.engine.db)).toEqual(before);
      expect(await creditBalance(accountId)).toBe('0.000000');
      expect(await paymentsOf(accountId)).toEqual([]);
    }, 30_000);

    it('PAYMENT.CAPTURE.DENIED after a completed capture leaves the captured order and its 45.000000 credits', async () => {
      const accountId = await h.openAccount();
      const order = await openOrder(accountId, '45.00');
      fake.sandbox.approve(order.paypalOrderId);
      const captured = await h.call('POST', `/v1/accounts/${accountId}/top-ups/paypal/${order.id}/capture`);
      expect(captured.statusCode, captured.body).toBe(200);
      const captureId = captured.json().order.captureId as string;
      const xid = await nextXid(h.engine.db);

      const res = await deliver(fake.sandbox.captureEvent(captureId, 'PAYMENT.CAPTURE.DENIED'));
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ outcome: 'recorded', orderId: order.id });
      expect(await nextXid(h.engine.db)).toBe(xid);
      expect(await orderOf(accountId, order.id)).toMatchObject({ status: 'captured', captureId });
      expect(await creditBalance(accountId)).toBe('45.000000');
    }, 30_000);

    it('CHECKOUT.ORDER.APPROVED alone captures the $80.00 order (total $83.82) and credits 80.000000 once; the return page replays it', async () => {
      const accountId = await h.openAccount();
      const order = await openOrder(accountId, '80.00');
      expect(order.total).toEqual({ amount: '83.82', unit: 'USD' });
      expect(await orderOf(accountId, order.id)).toMatchObject({ status: 'created' });
      fake.sandbox.approve(order.paypalOrderId);

      // The buyer approved and closed the tab: only PayPal's webhook arrives.
      const approved = fake.sandbox.orderEvent(order.paypalOrderId);
      const res = await deliver(approved);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({
        eventId: approved.id,
        eventType: 'CHECKOUT.ORDER.APPROVED',
        outcome: 'credited',
        orderId: order.id,
      });
      const captured = await orderOf(accountId, order.id);
      expect(captured).toMatchObject({ status: 'captured', captureId: expect.any(String) });
      expect(fake.sandbox.orderStatus(order.paypalOrderId)).toBe('COMPLETED');
      expect(await creditBalance(accountId)).toBe('80.000000');
      expect(await paymentsOf(accountId)).toHaveLength(1);

      // The buyer comes back after all: the return page's capture replays the same Payment.
      const returned = await h.call('POST', `/v1/accounts/${accountId}/top-ups/paypal/${order.id}/capture`);
      expect(returned.statusCode, returned.body).toBe(200);
      expect(returned.json().payment.amount).toEqual({ amount: '80.000000', unit: 'CREDIT' });
      expect(returned.json().order.captureId).toBe(captured.captureId);
      // A redelivery of the approval after the capture writes nothing and captures nothing.
      const xid = await nextXid(h.engine.db);
      const redelivered = await deliver(approved);
      expect(redelivered.statusCode).toBe(200);
      expect(redelivered.json()).toMatchObject({ outcome: 'recorded', orderId: order.id });
      expect(await nextXid(h.engine.db)).toBe(xid);
      expect(await orderOf(accountId, order.id)).toMatchObject({ status: 'captured' });
      expect(await creditBalance(accountId)).toBe('80.000000');
      expect(await paymentsOf(accountId)).toHaveLength(1);
    }, 30_000);

    it('CHECKOUT.ORDER.APPROVED and the return page both capturing the $50.00 order at the same moment credit 50.000000 once', async () => {
      const accountId = await h.openAccount();
      const order = await openOrder(accountId, '50.00');
      fake.sandbox.approve(order.paypalOrderId);
      const capturesBefore = fake.sandbox.callCount('capture');
      // PayPal answers neither capture until both reached it: both paths are past their "already
      // captured?" check and both get the one capture back, so each goes on to credit it.
      const bothAtPayPal = fake.holdCapturesUntil(2);
      const webhookCall = deliver(fake.sandbox.orderEvent(order.paypalOrderId));
      const returnCall = h.call('POST', `/v1/accounts/${accountId}/top-ups/paypal/${order.id}/capture`);
      await bothAtPayPal;
      expect(fake.sandbox.callCount('capture') - capturesBefore).toBe(2);
      const [webhook, returned] = await Promise.all([webhookCall, returnCall]);

      // Both captured the same capture and credited it: one Payment, the other replayed it.
      expect(webhook.statusCode, webhook.body).toBe(200);
      expect(webhook.json()).toMatchObject({ outcome: 'credited', orderId: order.id });
      expect(returned.statusCode, returned.body).toBe(200);
      const payment = returned.json().payment;
      expect(payment.amount).toEqual({ amount: '50.000000', unit: 'CREDIT' });
      const captureId = returned.json().order.captureId as string;
      expect(await orderOf(accountId, order.id)).toMatchObject({ status: 'captured', captureId });
      expect(await creditBalance(accountId)).toBe('50.000000');
      const payments = (await paymentsOf(accountId)) as {
        id: string;
        metadata: { sourceId: string };
      }[];
      expect(payments.map((p) => [p.id, p.metadata.sourceId])).toEqual([[payment.id, captureId]]);
      await expectLedgerSound(h.engine.db);
    }, 30_000);

    it('CHECKOUT.ORDER.APPROVED whose capture PayPal declines: 200 recorded, the $40.00 order declined, nothing credited', async () => {
      const accountId = await h.openAccount();
      const order = await openOrder(accountId, '40.00');
      fake.sandbox.approve(order.paypalOrderId);
      fake.sandbox.scriptNextCapture('decline');
      const approved = fake.sandbox.orderEvent(order.paypalOrderId);
      const res = await deliver(approved);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({
        eventId: approved.id,
        eventType: 'CHECKOUT.ORDER.APPROVED',
        outcome: 'recorded',
        orderId: order.id,
      });
      expect(await orderOf(accountId, order.id)).toMatchObject({
        status: 'declined',
        statusDetail: 'DECLINED',
        captureId: null,
      });
      expect(await creditBalance(accountId)).toBe('0.000000');
      expect(await paymentsOf(accountId)).toEqual([]);
    }, 30_000);

    it('CHECKOUT.ORDER.APPROVED while PayPal cannot be reached for the capture: 502 so PayPal redelivers; the redelivery credits 30.000000', async () => {
      const accountId = await h.openAccount();
      const order = await openOrder(accountId, '30.00');
      fake.sandbox.approve(order.paypalOrderId);
      const approved = fake.sandbox.orderEvent(order.paypalOrderId);
      captureUnreachable = true;
      const failed = await deliver(approved).finally(() => (captureUnreachable = false));
      expect(failed.statusCode, failed.body).toBe(502);
      expect(failed.json()).toMatchObject({ code: 'payment_provider_error' });
      expect(await orderOf(accountId, order.id)).toMatchObject({ status: 'approved', captureId: null });
      expect(await creditBalance(accountId)).toBe('0.000000');

      const redelivered = await deliver(approved);
      expect(redelivered.statusCode, redelivered.body).toBe(200);
      expect(redelivered.json()).toMatchObject({ outcome: 'credited', orderId: order.id });
      expect(await creditBalance(accountId)).toBe('30.000000');
      expect(await paymentsOf(accountId)).toHaveLength(1);
    }, 30_000);

    it('event types the engine does not act on, and events about orders it does not know: 200 ignored, nothing written', async () => {
      const accountId = await h.openAccount();
      const order = await openOrder(accountId, '25.00');
      fake.sandbox.approve(order.paypalOrderId);
      const captured = await h.call('POST', `/v1/accounts/${accountId}/top-ups/paypal/${order.id}/capture`);
      const captureId = captured.json().order.captureId as string;
      const known = fake.sandbox.captureEvent(captureId);
      const unknownOrder = await openOrder(await h.openAccount(), '30.00');
      fake.sandbox.approve(unknownOrder.paypalOrderId);
      const approvedElsewhere = fake.sandbox.orderEvent(unknownOrder.paypalOrderId);
      const events: [Record<string, unknown>, string | null][] = [
        // A type the engine does not handle about our order: acknowledged, named, ignored.
        [{ ...known, event_type: 'PAYMENT.CAPTURE.REFUNDED' }, order.id],
        [{ ...known, event_type: 'PAYMENT.CAPTURE.REVERSED' }, order.id],
        // Types of other PayPal products.
        [{ ...known, event_type: 'CUSTOMER.DISPUTE.CREATED', resource: { dispute_id: 'PP-D-1' } }, null],
        [{ ...known, event_type: 'PAYMENT.SALE.COMPLETED' }, null],
        // No resource at all.
        [{ id: 'WH-NORESOURCE', event_type: 'PAYMENT.CAPTURE.COMPLETED' }, null],
        // Orders that are not ours (another merchant's on the same PayPal account).
        [{ ...approvedElsewhere, resource: { id: '7XX00000000000000', status: 'APPROVED' } }, null],
        [
          {
            ...known,
            resource: {
              id: 'CAPTUREOFNOONE',
              status: 'COMPLETED',
              amount: { currency_code: 'USD', value: '26.40' },
              custom_id: 'ord_nope',
              supplementary_data: { related_ids: { order_id: '8XX00000000000000' } },
            },
          },
          null,
        ],
      ];
      const balances = [await creditBalance(accountId), await orderOf(accountId, order.id)];
      const counts = await rowCounts(h.engine.db);
      const xid = await nextXid(h.engine.db);
      for (const [event, orderId] of events) {
        const res = await deliver(event);
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json()).toEqual({
          eventId: event.id,
          eventType: event.event_type,
          outcome: 'ignored',
          orderId,
        });
      }
      expect(await nextXid(h.engine.db)).toBe(xid);
      expect(await rowCounts(h.engine.db)).toEqual(counts);
      expect([await creditBalance(accountId), await orderOf(accountId, order.id)]).toEqual(balances);
      expect(balances[0]).toBe('25.000000');
    }, 30_000);
  });
}
