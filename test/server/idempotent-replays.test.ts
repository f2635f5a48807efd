import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../src/kernel/clock.js';
import { backends } from '../support/databases.js';
import type { FakeCardProcessor } from '../support/fake-card-processor.js';
import { type FakePayPal, startFakePayPal } from '../support/fake-paypal.js';
import {
  type Harness,
  issueKey,
  rowCounts,
  startHarness,
  startHarnessWithCards,
  uniqueKey,
} from '../support/harness.js';

/**
 * Every route that takes an Idempotency-Key answers a repeat with the first answer as sent (status,
 * body, timestamps), and another request under the key with 409 (issue 18).
 */
for (const backend of backends) {
  describe(`idempotent replays are the first answer (${backend.name})`, () => {
    describe('cards', () => {
      let h: Harness;
      let fake: FakeCardProcessor;
      beforeAll(async () => {
        ({ h, fake } = await startHarnessWithCards(backend, new SimulatedClock('2026-02-01T00:00:00Z')));
      });
      afterAll(async () => h.close());

      it('POST …/payment-methods honours its key: same body → the same bytes; another pm_ → 409, no second card', async () => {
        const accountId = await h.openAccount('Cards');
        const customer = (await issueKey(h.engine, 'customer', accountId)).secret;
        const url = `/v1/accounts/${accountId}/payment-methods`;
        const key = uniqueKey('pm');
        const body = { paymentMethod: await fake.tokenize('4242424242424242') };
        const added = await h.call('POST', url, { key: customer, idempotencyKey: key, body });
        expect(added.statusCode).toBe(201);
        h.clock.advance(60_000);
        const again = await h.call('POST', url, { key: customer, idempotencyKey: key, body });
        expect(again.statusCode).toBe(201);
        expect(again.body).toBe(added.body);
        expect(again.headers['idempotent-replayed']).toBe('true');

        const before = await rowCounts(h.engine.db);
        const other = { paymentMethod: await fake.tokenize('5555555555554444') };
        const reused = await h.call('POST', url, { key: customer, idempotencyKey: key, body: other });
        expect(reused.statusCode).toBe(409);
        expect(reused.json().code).toBe('idempotency_key_reused');
        expect(await rowCounts(h.engine.db)).toEqual(before);
        const list = (await h.call('GET', url, { key: customer })).json().data;
        expect(list).toHaveLength(1);
      });
    });

    describe('PayPal capture', () => {
      let h: Harness;
      let fake: FakePayPal;
      beforeAll(async () => {
        const clock = new SimulatedClock('2026-04-01T09:00:00Z');
        fake = await startFakePayPal({ clock });
        h = await startHarness(backend, { clock, payments: { paypal: fake.client() } });
      });
      afterAll(async () => {
        await h.close();
        await fake.close();
      });

      it('a capture replayed later is the first answer byte for byte (updatedAt included); the order is captured once', async () => {
        const accountId = await h.openAccount('Ada');
        const customer = (await issueKey(h.engine, 'customer', accountId)).secret;
        const opened = await h.call('POST', `/v1/accounts/${accountId}/top-ups/paypal`, {
          key: customer,
          body: { amount: { amount: '20', unit: 'USD' } },
        });
        expect(opened.statusCode, opened.body).toBe(201);
        const order = opened.json().order as { id: string; approveUrl: string };
        expect((await fetch(order.approveUrl, { method: 'POST' })).status).toBe(200);

        const url = `/v1/accounts/${accountId}/top-ups/paypal/${order.id}/capture`;
        const key = uniqueKey('capture');
        const first = await h.call('POST', url, { key: customer, idempotencyKey: key });
        expect(first.statusCode, first.body).toBe(200);
        h.clock.advance(3_600_000);
        const again = await h.call('POST', url, { key: customer, idempotencyKey: key });
        expect(again.statusCode).toBe(200);
        expect(again.json()).toEqual(first.json());
        expect(again.body).toBe(first.body);
        const payments = (await h.call('GET', `/v1/accounts/${accountId}/transactions?kind=payment`)).json()
          .data;
        expect(payments).toHaveLength(1);
      });
    });
  });
}
