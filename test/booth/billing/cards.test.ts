import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../src/kernel/clock.js';
import type { Queryable } from '../../../src/kernel/db/database.js';
import { findCardCustomer } from '../../../src/booth/billing/card-store.js';
import { backends } from '../../support/databases.js';
import type { FakeCardProcessor } from '../../support/fake-card-processor.js';
import {
  type Harness,
  issueKey,
  rowCounts,
  startHarness,
  startHarnessWithCards,
  uniqueKey,
} from '../../support/harness.js';

const NUMBERS = {
  visa: '4242424242424242',
  mastercard: '5555555555554444',
  declined: '4000000000000002',
};

/** Stripe's test cards and what they do (docs/booth.md, "Test cards"). */
const TEST_CARDS = {
  refusedAtAttach: '4000000000000002',
  expired: '4000000000000069',
  declinesOnCharge: '4000000000000341',
  insufficientFunds: '4000000000009995',
};

const USD = (amount: string) => ({ amount, unit: 'USD' });

/** Every text-like column of every table, searched for each number (plain and grouped by 4). */
async function columnsHoldingCardNumbers(db: Queryable, numbers: string[]): Promise<string[]> {
  const columns = await db.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns
     WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb', 'json', 'character')`,
  );
  const needles = numbers.flatMap((n) => [n, n.replace(/(\d{4})(?=\d)/g, '$1 ')]);
  const found: string[] = [];
  for (const { table_name, column_name } of columns) {
    const rows = await db.query<{ n: bigint }>(
      `SELECT count(*)::int8 AS n FROM "${table_name}" WHERE "${column_name}"::text LIKE ANY($1::text[])`,
      [needles.map((n) => `%${n}%`)],
    );
    if (rows[0]!.n > 0n) found.push(`${table_name}.${column_name}`);
  }
  expect(columns.length).toBeGreaterThan(20);
  return found;
}

for (const backend of backends) {
  describe(`saved cards over HTTP (${backend.name})`, () => {
    let h: Harness;
    let fake: FakeCardProcessor;

    beforeAll(async () => {
      const clock = new SimulatedClock('2026-03-01T00:00:00Z');
      ({ h, fake } = await startHarnessWithCards(backend, clock));
    });
    afterAll(async () => {
      await h?.close();
    });

    const del = (url: string, key: string) =>
      h.app.inject({ method: 'DELETE', url, headers: { authorization: `Bearer ${key}` } });

    it('the page gets the publishable key and the tokenize URL without signing in', async () => {
      const res = await h.app.inject({ method: 'GET', url: '/v1/card-processor' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        publishableKey: 'pk_test_fake_processor',
        tokenizeUrl: fake.url,
        mode: 'sandbox',
      });
      // The processor answers the page's CORS preflight.
      const preflight = await fetch(`${fake.url}/v1/payment_methods`, { method: 'OPTIONS' });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
      // The routes are in the OpenAPI document.
      const doc = (await h.app.inject({ url: '/openapi.json' })).json();
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining([
          '/v1/card-processor',
          '/v1/accounts/{accountId}/payment-methods',
          '/v1/accounts/{accountId}/payment-methods/{paymentMethodId}',
          '/v1/accounts/{accountId}/booth-invoices',
          '/v1/accounts/{accountId}/booth-invoices/{invoiceId}/void',
        ]),
      );
    });

    it('add, list, set default, remove; the default rule; idempotent add; no card number stored', async () => {
      const accountId = await h.openAccount('Card holder');
      const customer = (await issueKey(h.engine, 'customer', accountId)).secret;
      const base = `/v1/accounts/${accountId}/payment-methods`;

      const visaPm = await fake.tokenize(NUMBERS.visa);
      const added = await h.call('POST', base, { key: customer, body: { paymentMethod: visaPm } });
      expect(added.statusCode).toBe(201);
      const visa = added.json();
      expect(visa).toMatchObject({
        brand: 'visa',
        last4: '4242',
        expMonth: 12,
        expYear: 2030,
        isDefault: true,
      });
      expect(visa.id).toMatch(/^pmr_[0-9a-v]{24}$/);

      // The same pm again (under a new Idempotency-Key): the same card, marked as a replay; nothing
      // new written but the stored answer to the new key.
      const before = await rowCounts(h.engine.db);
      const again = await h.call('POST', base, { key: customer, body: { paymentMethod: visaPm } });
      expect(again.statusCode).toBe(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.json().id).toBe(visa.id);
      expect(await rowCounts(h.engine.db)).toEqual({
        ...before,
        idempotency_keys: before.idempotency_keys! + 1,
      });

      const mc = (
        await h.call('POST', base, {
          key: customer,
          body: { paymentMethod: await fake.tokenize(NUMBERS.mastercard) },
        })
      ).json();
      expect(mc).toMatchObject({ brand: 'mastercard', last4: '4444', isDefault: false });

      const list = await h.call('GET', base, { key: customer });
      expect(list.statusCode).toBe(200);
      expect(list.json().data.map((c: { id: string; isDefault: boolean }) => [c.id, c.isDefault])).toEqual([
        [visa.id, true],
        [mc.id, false],
      ]);

      // The default cannot go while another card remains.
      const refused = await del(`${base}/${visa.id}`, customer);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().code).toBe('payment_method_is_default');

      const made = await h.call('POST', `${base}/${mc.id}/default`, { key: customer });
      expect(made.statusCode).toBe(200);
      expect(made.json().isDefault).toBe(true);
      const after = (await h.call('GET', base, { key: customer })).json().data;
      expect(
        after.filter((c: { isDefault: boolean }) => c.isDefault).map((c: { id: string }) => c.id),
      ).toEqual([mc.id]);

      const removed = await del(`${base}/${visa.id}`, customer);
      expect(removed.statusCode).toBe(200);
      expect(removed.json().removedAt).not.toBeNull();
      expect(fake.calls('POST', `/v1/payment_methods/${visaPm}/detach`)).toBe(1);
      // Removing again: the same answer, no second detach.
      expect((await del(`${base}/${visa.id}`, customer)).statusCode).toBe(200);
      expect(fake.calls('POST', `/v1/payment_methods/${visaPm}/detach`)).toBe(1);
      // A removed card cannot come back under the same pm.
      const back = await h.call('POST', base, { key: customer, body: { paymentMethod: visaPm } });
      expect(back.statusCode).toBe(422);
      expect(back.json().code).toBe('payment_method_invalid');

      // The last card, default or not, can go.
      expect((await del(`${base}/${mc.id}`, customer)).statusCode).toBe(200);
      expect((await h.call('GET', base, { key: customer })).json().data).toEqual([]);

      // 4000 0000 0000 0002 is refused at attach, as Stripe does: not saved.
      const declinedPm = await fake.tokenize(NUMBERS.declined);
      expect(
        (await h.call('POST', base, { key: customer, body: { paymentMethod: declinedPm } })).statusCode,
      ).toBe(402);
      expect((await h.call('GET', base, { key: customer })).json().data).toEqual([]);
      expect(await columnsHoldingCardNumbers(h.engine.db, Object.values(NUMBERS))).toEqual([]);
    });

    it('test cards as Stripe: …0002 refused at attach (nothing written), …0069 expired, …0341 and …9995 decline on charge', async () => {
      const addCard = async (accountId: string, number: string) =>
        h.call('POST', `/v1/accounts/${accountId}/payment-methods`, {
          body: { paymentMethod: await fake.tokenize(number) },
        });
      const buyBasic = async (accountId: string) =>
        h.call('POST', `/v1/accounts/${accountId}/licenses`, {
          body: { product: 'basic', period: 'monthly', quantity: 1, expectedTotal: USD('49.00') },
        });

      // …0002 as the first card of a new account: 402 card_declined, no row anywhere (not even the
      // processor customer), nothing made default; only the answer stored under its Idempotency-Key.
      const fresh = await h.openAccount();
      const before = await rowCounts(h.engine.db);
      const refused = await addCard(fresh, TEST_CARDS.refusedAtAttach);
      expect(refused.statusCode).toBe(402);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.json()).toMatchObject({
        code: 'card_declined',
        status: 402,
        declineCode: 'generic_decline',
      });
      expect(await rowCounts(h.engine.db)).toEqual({
        ...before,
        idempotency_keys: before.idempotency_keys! + 1,
      });

      // …0002 on an account that has a default 4242: still 402, the 4242 stays the only, default, card.
      const holder = await h.openAccount();
      const visa = (await addCard(holder, NUMBERS.visa)).json();
      expect(visa.isDefault).toBe(true);
      const withCard = await rowCounts(h.engine.db);
      expect((await addCard(holder, TEST_CARDS.refusedAtAttach)).json().code).toBe('card_declined');
      expect(await rowCounts(h.engine.db)).toEqual({
        ...withCard,
        idempotency_keys: withCard.idempotency_keys! + 1,
      });
      const cards = (await h.call('GET', `/v1/accounts/${holder}/payment-methods`)).json().data;
      expect(cards.map((c: { id: string; isDefault: boolean }) => [c.id, c.isDefault])).toEqual([
        [visa.id, true],
      ]);
      // …and the 4242 pays: Basic monthly $49.00 charged 4,900 cents.
      expect((await buyBasic(holder)).statusCode).toBe(201);
      expect(fake.sandbox.chargedCents(await findCardCustomer(h.engine.db, holder))).toBe(4900);

      // An expired card (…0069) is refused at attach too: 402 card_declined / expired_card.
      const expired = await addCard(fresh, TEST_CARDS.expired);
      expect(expired.statusCode).toBe(402);
      expect(expired.json()).toMatchObject({ code: 'card_declined', declineCode: 'expired_card' });
      expect(await rowCounts(h.engine.db)).toMatchObject({ payment_methods: withCard.payment_methods });

      // …0341 attaches (and becomes the default), then a purchase on it is declined.
      const late = await h.openAccount();
      const attached = await addCard(late, TEST_CARDS.declinesOnCharge);
      expect(attached.statusCode).toBe(201);
      expect(attached.json()).toMatchObject({ last4: '0341', isDefault: true });
      const declined = await buyBasic(late);
      expect(declined.statusCode).toBe(402);
      expect(declined.json()).toMatchObject({ code: 'card_declined', declineCode: 'generic_decline' });

      // …9995 attaches, then declines for insufficient funds.
      const poor = await h.openAccount();
      expect((await addCard(poor, TEST_CARDS.insufficientFunds)).statusCode).toBe(201);
      const noFunds = await buyBasic(poor);
      expect(noFunds.statusCode).toBe(402);
      expect(noFunds.json()).toMatchObject({ code: 'card_declined', declineCode: 'insufficient_funds' });
      for (const acct of [late, poor]) {
        expect(fake.sandbox.chargedCents(await findCardCustomer(h.engine.db, acct))).toBe(0);
      }
    });

    it('refuses bad input, unknown payment methods and other accounts', async () => {
      const accountId = await h.openAccount();
      const other = await h.openAccount();
      const customer = (await issueKey(h.engine, 'customer', accountId)).secret;
      const base = `/v1/accounts/${accountId}/payment-methods`;
      const before = await rowCounts(h.engine.db);

      const unknownField = await h.call('POST', base, {
        key: customer,
        body: { paymentMethod: 'pm_x', cardNumber: NUMBERS.visa },
      });
      expect(unknownField.statusCode).toBe(400);
      expect(unknownField.json().code).toBe('unknown_field');
      const rawNumber = await h.call('POST', base, { key: customer, body: { paymentMethod: NUMBERS.visa } });
      expect(rawNumber.statusCode).toBe(400);
      const missing = await h.call('POST', base, {
        key: customer,
        body: { paymentMethod: 'pm_doesnotexist' },
      });
      expect(missing.statusCode).toBe(422);
      expect(missing.json().code).toBe('payment_method_invalid');
      expect(await rowCounts(h.engine.db)).toMatchObject({ payment_methods: before.payment_methods });

      // Another account: not found, whatever the card.
      const foreign = await h.call('GET', `/v1/accounts/${other}/payment-methods`, { key: customer });
      expect(foreign.statusCode).toBe(404);
      const otherKey = (await issueKey(h.engine, 'customer', other)).secret;
      const card = (
        await h.call('POST', `/v1/accounts/${other}/payment-methods`, {
          key: otherKey,
          body: { paymentMethod: await fake.tokenize(NUMBERS.visa) },
        })
      ).json();
      const stolen = await h.call('POST', `${base}/${card.id}/default`, { key: customer });
      expect(stolen.statusCode).toBe(404);
      expect(stolen.json().code).toBe('payment_method_not_found');
      expect((await del(`${base}/${card.id}`, customer)).statusCode).toBe(404);
      expect((await h.call('POST', `${base}/pmr_nope/default`, { key: customer })).statusCode).toBe(404);
    });

    it('the sandbox tokenizes like Stripe: Luhn, expiry and CVC checked; the publishable key only tokenizes', async () => {
      const post = (
        body: Record<string, string>,
        key = 'pk_test_fake_processor',
        path = '/v1/payment_methods',
      ) =>
        fetch(`${fake.url}${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(body),
        });
      const card = (number: string, month = '12', year = '2030', cvc = '123') => ({
        type: 'card',
        'card[number]': number,
        'card[exp_month]': month,
        'card[exp_year]': year,
        'card[cvc]': cvc,
      });
      const bad = await post(card('4242424242424241'));
      expect(bad.status).toBe(402);
      expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('incorrect_number');
      const expired = await post(card(NUMBERS.visa, '02', '2026'));
      expect(((await expired.json()) as { error: { code: string } }).error.code).toBe('invalid_expiry_month');
      const pastYear = await post(card(NUMBERS.visa, '12', '2025'));
      expect(((await pastYear.json()) as { error: { code: string } }).error.code).toBe('invalid_expiry_year');
      const cvc = await post(card(NUMBERS.visa, '12', '2030', '12'));
      expect(((await cvc.json()) as { error: { code: string } }).error.code).toBe('invalid_cvc');
      const good = await post(card('4242 4242 4242 4242', '3', '26'));
      expect(good.status).toBe(200);
      expect(await good.json()).toMatchObject({
        object: 'payment_method',
        card: { last4: '4242', exp_year: 2026 },
      });
      // A publishable key cannot create customers or charge.
      const sneaky = await post({ amount: '100' }, 'pk_test_fake_processor', '/v1/payment_intents');
      expect(sneaky.status).toBe(401);
      const noKey = await post(card(NUMBERS.visa), 'sk_wrong');
      expect(noKey.status).toBe(401);
    });
  });
}

describe('without a card processor', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backends[0]!);
  });
  afterAll(async () => h?.close());

  it('card operations answer 503 card_processor_not_configured', async () => {
    const accountId = await h.openAccount();
    const list = await h.call('GET', `/v1/accounts/${accountId}/payment-methods`);
    expect(list.statusCode).toBe(503);
    expect(list.json().code).toBe('card_processor_not_configured');
    const add = await h.call('POST', `/v1/accounts/${accountId}/payment-methods`, {
      body: { paymentMethod: 'pm_abc' },
      idempotencyKey: uniqueKey(),
    });
    expect(add.statusCode).toBe(503);
    const config = await h.app.inject({ method: 'GET', url: '/v1/card-processor' });
    expect(config.statusCode).toBe(503);
  });
});
