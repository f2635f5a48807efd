import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../src/kernel/clock.js';
import { addPaymentMethod } from '../../../src/booth/billing/add-payment-method.js';
import { backends } from '../../support/databases.js';
import type { FakeCardProcessor } from '../../support/fake-card-processor.js';
import { type Harness, rowCounts, startHarnessWithCards, uniqueKey } from '../../support/harness.js';

/** Coupons never apply to the Enterprise add-on (issue 16, bad input): 422 with a code and a field. */
for (const backend of backends) {
  describe(`coupons on Enterprise (${backend.name})`, () => {
    let h: Harness;
    let fake: FakeCardProcessor;

    beforeAll(async () => {
      ({ h, fake } = await startHarnessWithCards(backend, new SimulatedClock('2026-01-01T00:00:00Z')));
      const coupon = await h.call('POST', '/v1/booth/coupons', {
        body: { code: 'TWENTY', percentOff: 20, reason: 'issue 16 figures' },
      });
      expect(coupon.statusCode, coupon.body).toBe(201);
    });
    afterAll(async () => {
      await h?.close();
    });

    it('quote and purchase of Enterprise with a valid coupon: 422 coupon_not_for_enterprise on couponCode, nothing written; without it $1,500.00', async () => {
      const acct = await h.openAccount();
      const saved = await addPaymentMethod(h.engine, acct, await fake.tokenize('4242424242424242'));
      if (!saved.ok) throw new Error(saved.failure.detail);
      const base = { product: 'basic', period: 'monthly', quantity: 1 };
      const q0 = await h.call('POST', `/v1/accounts/${acct}/licenses/quote`, {
        body: base,
        idempotencyKey: null,
      });
      const basic = await h.call('POST', `/v1/accounts/${acct}/licenses`, {
        body: { ...base, expectedTotal: q0.json().total },
        idempotencyKey: uniqueKey('basic'),
      });
      expect(basic.json().total).toEqual({ amount: '49.00', unit: 'USD' });

      const ent = { product: 'enterprise', period: 'annual', quantity: 1, couponCode: 'TWENTY' };
      const before = await rowCounts(h.engine.db);
      const quote = await h.call('POST', `/v1/accounts/${acct}/licenses/quote`, {
        body: ent,
        idempotencyKey: null,
      });
      const buy = await h.call('POST', `/v1/accounts/${acct}/licenses`, {
        body: { ...ent, expectedTotal: { amount: '1200.00', unit: 'USD' } },
        idempotencyKey: uniqueKey('ent'),
      });
      for (const res of [quote, buy]) {
        expect(res.statusCode, res.body).toBe(422);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.json()).toMatchObject({
          code: 'coupon_not_for_enterprise',
          field: 'couponCode',
          status: 422,
        });
      }
      expect(await rowCounts(h.engine.db)).toEqual(before);

      const plain = await h.call('POST', `/v1/accounts/${acct}/licenses/quote`, {
        body: { ...ent, couponCode: undefined },
        idempotencyKey: null,
      });
      expect(plain.statusCode, plain.body).toBe(200);
      expect(plain.json().total).toEqual({ amount: '1500.00', unit: 'USD' });
    });
  });
}
