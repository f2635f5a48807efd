import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../src/kernel/clock.js';
import { backends } from '../support/databases.js';
import type { FakeCardProcessor } from '../support/fake-card-processor.js';
import { type Harness, issueKey, startHarnessWithCards } from '../support/harness.js';

/** Every resource with a list has GET …/{id}, 404 for another account's; every list refuses a bad cursor alike. */
for (const backend of backends) {
  describe(`one resource, one GET (${backend.name})`, () => {
    let h: Harness;
    let fake: FakeCardProcessor;
    let a = '';
    let b = '';
    let bKey = '';

    beforeAll(async () => {
      ({ h, fake } = await startHarnessWithCards(backend, new SimulatedClock('2026-03-01T00:00:00Z')));
      a = await h.openAccount('A');
      b = await h.openAccount('B');
      bKey = (await issueKey(h.engine, 'customer', b)).secret;
      await h.fund(a, '10');
    });
    afterAll(async () => {
      await h?.close();
    });

    /** GET of the list's first item equals the item; B's key and B's path both answer 404. */
    async function oneGet(list: string, item: (id: string) => string, code: string) {
      const listed = await h.call('GET', `/v1/accounts/${a}/${list}`);
      expect(listed.statusCode, listed.body).toBe(200);
      const first = listed.json().data[0] as { id: string };
      expect(first, `${list} is empty`).toBeDefined();
      const got = await h.call('GET', `/v1/accounts/${a}/${item(first.id)}`);
      expect(got.statusCode, got.body).toBe(200);
      expect(got.json()).toMatchObject(first);
      // Another account's key: the account itself does not exist for it.
      const asB = await h.call('GET', `/v1/accounts/${a}/${item(first.id)}`, { key: bKey });
      expect(asB.statusCode).toBe(404);
      expect(asB.json().code).toBe('account_not_found');
      // The resource under another account's path: not found.
      const underB = await h.call('GET', `/v1/accounts/${b}/${item(first.id)}`);
      expect(underB.statusCode).toBe(404);
      expect(underB.json().code).toBe(code);
    }

    it('a transaction', async () => {
      await oneGet('transactions', (id) => `transactions/${id}`, 'transaction_not_found');
    });

    it('a payment method and a license', async () => {
      const pm = await h.call('POST', `/v1/accounts/${a}/payment-methods`, {
        body: { paymentMethod: await fake.tokenize('4242424242424242') },
      });
      expect(pm.statusCode, pm.body).toBe(201);
      await oneGet('payment-methods', (id) => `payment-methods/${id}`, 'payment_method_not_found');
      const order = { product: 'basic', period: 'monthly', quantity: 1 };
      const quote = await h.call('POST', `/v1/accounts/${a}/licenses/quote`, {
        body: order,
        idempotencyKey: null,
      });
      const bought = await h.call('POST', `/v1/accounts/${a}/licenses`, {
        body: { ...order, expectedTotal: quote.json().total },
      });
      expect(bought.statusCode, bought.body).toBe(201);
      await oneGet('licenses', (id) => `licenses/${id}`, 'license_not_found');
    });

    it('an event', async () => {
      const event = await h.call('POST', `/v1/accounts/${a}/events`, {
        key: h.serviceKey,
        body: { name: 'Gala' },
      });
      expect(event.statusCode, event.body).toBe(201);
      await oneGet('events', (id) => `events/${id}`, 'event_not_found');
    });

    it('a deposit: unknown and another account’s are 404', async () => {
      const res = await h.call('GET', `/v1/accounts/${a}/deposits/dep_00000000000000000000000000`);
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('deposit_not_found');
    });

    it('every list refuses a cursor it did not hand out: 400 invalid_request on the field cursor', async () => {
      for (const url of [
        `/v1/accounts/${a}/transactions`,
        `/v1/accounts/${a}/events`,
        `/v1/accounts/${a}/booth-invoices`,
        `/v1/accounts/${a}/deposits`,
        '/v1/deposits',
        '/v1/audit-log',
      ]) {
        const res = await h.call('GET', `${url}?cursor=not-a-cursor`);
        expect(res.statusCode, `${url}: ${res.body}`).toBe(400);
        expect(res.json(), url).toMatchObject({ code: 'invalid_request', field: 'cursor' });
      }
    });
  });
}
