import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PayPalClient, paypalRequestId } from '../../../src/compute/topups/paypal.js';
import { setUpPayPal } from '../../../src/server/rails.js';
import { SimulatedClock } from '../../../src/kernel/clock.js';
import { backends } from '../../support/databases.js';
import { type FakePayPal, startFakePayPal } from '../../support/fake-paypal.js';
import {
  type Harness,
  issueKey,
  ledgerInvariants,
  rowCounts,
  startHarness,
  uniqueKey,
} from '../../support/harness.js';

const PAYPAL_CONFIG = {
  baseUrl: 'https://api-m.sandbox.paypal.com',
  clientId: undefined,
  clientSecret: undefined,
  webhookId: undefined,
  sandbox: 'auto' as const,
  topUpMinMicros: 5_000_000n,
  topUpMaxMicros: 10_000_000_000n,
};

for (const backend of backends) {
  describe(`PayPal top-ups (${backend.name})`, () => {
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

    const openOrder = async (accountId: string, amount: string, options: { key?: string } = {}) => {
      const res = await h.call('POST', `/v1/accounts/${accountId}/top-ups/paypal`, {
        key: options.key,
        body: { amount: { amount, unit: 'USD' } },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().order as { id: string; paypalOrderId: string; approveUrl: string; status: string };
    };
    const capture = (accountId: string, orderId: string, key?: string) =>
      h.call('POST', `/v1/accounts/${accountId}/top-ups/paypal/${orderId}/capture`, { key });
    const deliver = (delivery: { headers: Record<string, string>; body: string }) =>
      h.app.inject({
        method: 'POST',
        url: '/v1/webhooks/paypal',
        headers: delivery.headers,
        payload: delivery.body,
      });
    const creditBalance = async (accountId: string) =>
      (await h.call('GET', `/v1/accounts/${accountId}/balances`))
        .json()
        .balances.find((b: { unit: string }) => b.unit === 'CREDIT').balance as string;
    const history = async (accountId: string, kind: string) =>
      (await h.call('GET', `/v1/accounts/${accountId}/transactions?kind=${kind}`)).json().data as {
        id: string;
        amount: { amount: string };
        metadata: Record<string, string>;
      }[];
    /** Captures at PayPal directly, as our capture call would (same PayPal-Request-Id), without crediting. */
    const captureAtPayPal = async (order: { id: string; paypalOrderId: string }) => {
      const outcome = await fake
        .client()
        .captureOrder(order.paypalOrderId, paypalRequestId('capture', order.id, '0'));
      if (outcome.status !== 'completed' && outcome.status !== 'pending') throw new Error(outcome.status);
      return outcome.captureId;
    };

    it('$100 via PayPal: the summary shows fee $4.70 and total $104.70; PayPal is asked for $104.70; capture credits +100.000000 as one Payment', async () => {
      const accountId = await h.openAccount('Ada');
      const customer = await issueKey(h.engine, 'customer', accountId);
      const quote = await h.call('POST', `/v1/accounts/${accountId}/top-ups/quote`, {
        key: customer.secret,
        body: { amount: { amount: '100', unit: 'USD' } },
      });
      expect(quote.statusCode).toBe(200);
      expect(quote.json()).toEqual({
        accountId,
        rail: 'paypal',
        amount: { amount: '100.00', unit: 'USD' },
        fee: { amount: '4.70', unit: 'USD' },
        total: { amount: '104.70', unit: 'USD' },
        credits: { amount: '100.000000', unit: 'CREDIT' },
        promotion: null,
        minimum: { amount: '5.00', unit: 'USD' },
        maximum: { amount: '10000.00', unit: 'USD' },
      });

      const order = await openOrder(accountId, '100.00', { key: customer.secret });
      expect(order).toMatchObject({
        id: expect.stringMatching(/^ord_[0-9a-v]{24}$/),
        status: 'created',
        amount: { amount: '100.00', unit: 'USD' },
        fee: { amount: '4.70', unit: 'USD' },
        total: { amount: '104.70', unit: 'USD' },
        credits: { amount: '100.000000', unit: 'CREDIT' },
        captureId: null,
      });
      expect(order.approveUrl).toBe(`${fake.baseUrl}/checkoutnow?token=${order.paypalOrderId}`);

      // The buyer opens the approval page and approves (over HTTP, as a browser would).
      expect((await fetch(order.approveUrl)).status).toBe(200);
      expect((await fetch(order.approveUrl, { method: 'POST' })).status).toBe(200);

      const res = await capture(accountId, order.id, customer.secret);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body.order).toMatchObject({ status: 'captured', captureId: expect.any(String) });
      expect(body.payment).toMatchObject({
        kind: 'payment',
        amount: { amount: '100.000000', unit: 'CREDIT' },
        description: 'PayPal top-up',
        metadata: {
          rail: 'paypal',
          sourceId: body.order.captureId,
          orderId: order.id,
          charged: '104.70',
          fee: '4.70',
        },
      });
      expect(body.promotion).toBeNull();
      // PayPal charged the total, not A.
      const atPayPal = await fake.client().getOrder(order.paypalOrderId);
      expect(atPayPal).toMatchObject({ status: 'completed', amountValue: '104.70', currency: 'USD' });

      expect(await creditBalance(accountId)).toBe('100.000000');
      expect((await history(accountId, 'payment')).map((t) => t.id)).toEqual([body.payment.id]);
      const { sums } = await ledgerInvariants(h.engine.db);
      for (const s of sums) expect(s.total).toBe(0n);
    });

    it('$10 → charged $10.74; $33.33 → fee $1.77 (total $35.10)', async () => {
      const accountId = await h.openAccount();
      const ten = await openOrder(accountId, '10');
      expect(ten).toMatchObject({
        fee: { amount: '0.74', unit: 'USD' },
        total: { amount: '10.74', unit: 'USD' },
      });
      const odd = await openOrder(accountId, '33.33');
      expect(odd).toMatchObject({
        fee: { amount: '1.77', unit: 'USD' },
        total: { amount: '35.10', unit: 'USD' },
      });
      fake.sandbox.approve(odd.paypalOrderId);
      const res = await capture(accountId, odd.id);
      expect(res.json().payment.amount).toEqual({ amount: '33.330000', unit: 'CREDIT' });
      expect(await creditBalance(accountId)).toBe('33.330000');
    });

    it('the same capture delivered 5 times concurrently (capture calls and webhook redeliveries) → credited once', async () => {
      const accountId = await h.openAccount();
      const order = await openOrder(accountId, '250.00');
      fake.sandbox.approve(order.paypalOrderId);
      const captureId = await captureAtPayPal(order);
      const event = fake.sandbox.captureEvent(captureId);
      const responses = await Promise.all([
        capture(accountId, order.id),
        deliver(fake.sandbox.signedDelivery(event)),
        capture(accountId, order.id),
        deliver(fake.sandbox.signedDelivery(event)),
        deliver(fake.sandbox.signedDelivery(event)),
      ]);
      expect(responses.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200]);
      const paymentIds = new Set([responses[0]!.json().payment.id, responses[2]!.json().payment.id]);
      expect(paymentIds.size).toBe(1);
      for (const r of [responses[1]!, responses[3]!, responses[4]!]) {
        expect(r.json()).toMatchObject({
          eventType: 'PAYMENT.CAPTURE.COMPLETED',
          outcome: 'credited',
          orderId: order.id,
        });
      }
      const payments = await history(accountId, 'payment');
      expect(payments.map((p) => p.id)).toEqual([...paymentIds]);
      expect(payments[0]!.metadata.sourceId).toBe(captureId);
      expect(await creditBalance(accountId)).toBe('250.000000');
      // And once more, later: still once.
      expect((await deliver(fake.sandbox.signedDelivery(event))).statusCode).toBe(200);
      expect((await capture(accountId, order.id)).json().payment.id).toBe([...paymentIds][0]);
      expect(await history(accountId, 'payment')).toHaveLength(1);
      const { sums, wallets } = await ledgerInvariants(h.engine.db);
      for (const s of sums) expect(s.total).toBe(0n);
      for (const w of wallets) expect(w.balance).toBe(w.derived);
    });

    it('a forged or altered PayPal webhook is refused and writes nothing; the genuine one credits', async () => {
      const accountId = await h.openAccount();
      const order = await openOrder(accountId, '40.00');
      fake.sandbox.approve(order.paypalOrderId);
      const captureId = await captureAtPayPal(order);
      const event = fake.sandbox.captureEvent(captureId);
      const before = await rowCounts(h.engine.db);

      const forged = await deliver(fake.sandbox.forgedDelivery(event));
      expect(forged.statusCode).toBe(400);
      expect(forged.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(forged.json()).toMatchObject({ code: 'webhook_signature_invalid' });

      const genuine = fake.sandbox.signedDelivery(event);
      const altered = JSON.parse(genuine.body);
      altered.resource.amount.value = '4000.00';
      const tampered = await deliver({ headers: genuine.headers, body: JSON.stringify(altered) });
      expect(tampered.statusCode).toBe(400);
      expect(tampered.json().code).toBe('webhook_signature_invalid');

      const unsigned = await h.app.inject({
        method: 'POST',
        url: '/v1/webhooks/paypal',
        headers: { 'content-type': 'application/json' },
        payload: genuine.body,
      });
      expect(unsigned.statusCode).toBe(400);
      expect(unsigned.json().code).toBe('webhook_signature_invalid');

      expect(await rowCounts(h.engine.db)).toEqual(before);
      expect(await creditBalance(accountId)).toBe('0.000000');

      const ok = await deliver(genuine);
      expect(ok.statusCode).toBe(200);
      expect(ok.json().outcome).toBe('credited');
      expect(await creditBalance(accountId)).toBe('40.000000');
    });

    it('a declined capture credits nothing and records the decline', async () => {
      const accountId = await h.openAccount();
      const order = await openOrder(accountId, '60.00');
      fake.sandbox.approve(order.paypalOrderId);
      const before = await rowCounts(h.engine.db);
      fake.sandbox.scriptNextCapture('decline');
      const declined = await capture(accountId, order.id);
      expect(declined.statusCode).toBe(402);
      expect(declined.json()).toMatchObject({ code: 'capture_declined', orderId: order.id });
      const after = await rowCounts(h.engine.db);
      expect(after).toEqual(before);
      expect(
        (await h.call('GET', `/v1/accounts/${accountId}/top-ups/paypal/${order.id}`)).json(),
      ).toMatchObject({
        status: 'declined',
        captureId: null,
      });
      // Asking again does not turn a declined capture into money.
      expect((await capture(accountId, order.id)).json().code).toBe('capture_declined');
      expect(await creditBalance(accountId)).toBe('0.000000');
    });

    it('INSTRUMENT_DECLINED credits nothing; after the buyer fixes it, a new capture attempt succeeds', async () => {
      const accountId = await h.openAccount();
      const order = await openOrder(accountId, '20.00');
      fake.sandbox.approve(order.paypalOrderId);
      fake.sandbox.scriptNextCapture('instrument_declined');
      const declined = await capture(accountId, order.id);
      expect(declined.statusCode).toBe(402);
      expect(declined.json()).toMatchObject({ code: 'capture_declined', reason: 'INSTRUMENT_DECLINED' });
      expect(await creditBalance(accountId)).toBe('0.000000');
      const retried = await capture(accountId, order.id);
      expect(retried.statusCode).toBe(200);
      expect(await creditBalance(accountId)).toBe('20.000000');
    });

    it('a pending capture credits nothing; its PAYMENT.CAPTURE.COMPLETED webhook later credits once', async () => {
      const accountId = await h.openAccount();
      const order = await openOrder(accountId, '75.00');
      fake.sandbox.approve(order.paypalOrderId);
      fake.sandbox.scriptNextCapture('pending');
      const pending = await capture(accountId, order.id);
      expect(pending.statusCode).toBe(409);
      expect(pending.json()).toMatchObject({ code: 'capture_pending', reason: 'PENDING_REVIEW' });
      const stored = (await h.call('GET', `/v1/accounts/${accountId}/top-ups/paypal/${order.id}`)).json();
      expect(stored).toMatchObject({
        status: 'pending',
        statusDetail: 'PENDING_REVIEW',
        captureId: expect.any(String),
      });
      expect(await creditBalance(accountId)).toBe('0.000000');

      // A PENDING webhook changes nothing either.
      const pendingEvent = fake.sandbox.captureEvent(stored.captureId, 'PAYMENT.CAPTURE.PENDING');
      expect((await deliver(fake.sandbox.signedDelivery(pendingEvent))).json().outcome).toBe('recorded');
      expect(await creditBalance(accountId)).toBe('0.000000');

      fake.sandbox.completeCapture(stored.captureId);
      const done = await deliver(fake.sandbox.signedDelivery(fake.sandbox.captureEvent(stored.captureId)));
      expect(done.json()).toMatchObject({ outcome: 'credited', orderId: order.id });
      expect(await creditBalance(accountId)).toBe('75.000000');
      const again = await capture(accountId, order.id);
      expect(again.statusCode).toBe(200);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(await history(accountId, 'payment')).toHaveLength(1);
    });

    it('an unapproved order is not captured; another customer cannot see or capture it', async () => {
      const accountId = await h.openAccount();
      const order = await openOrder(accountId, '15.00');
      const early = await capture(accountId, order.id);
      expect(early.statusCode).toBe(409);
      expect(early.json()).toMatchObject({ code: 'order_not_approved', approveUrl: order.approveUrl });

      const other = await h.openAccount();
      const otherKey = await issueKey(h.engine, 'customer', other);
      expect((await capture(accountId, order.id, otherKey.secret)).statusCode).toBe(404);
      const viaOwnAccount = await capture(other, order.id, otherKey.secret);
      expect(viaOwnAccount.statusCode).toBe(404);
      expect(viaOwnAccount.json().code).toBe('order_not_found');
      expect((await capture(accountId, 'ord_nope')).json().code).toBe('order_not_found');
    });

    it("finds the account's order by PayPal's return token (for a return in another tab); never another account's", async () => {
      const accountId = await h.openAccount();
      const order = await openOrder(accountId, '25.00');
      const byToken = (account: string, token: string, key?: string) =>
        h.call('GET', `/v1/accounts/${account}/top-ups/paypal-orders/by-token/${token}`, { key });
      const found = await byToken(accountId, order.paypalOrderId);
      expect(found.statusCode, found.body).toBe(200);
      expect(found.json()).toMatchObject({
        id: order.id,
        paypalOrderId: order.paypalOrderId,
        status: 'created',
      });

      const other = await h.openAccount();
      const otherKey = await issueKey(h.engine, 'customer', other);
      expect((await byToken(accountId, order.paypalOrderId, otherKey.secret)).statusCode).toBe(404);
      const viaOwnAccount = await byToken(other, order.paypalOrderId, otherKey.secret);
      expect(viaOwnAccount.statusCode).toBe(404);
      expect(viaOwnAccount.json().code).toBe('order_not_found');
      expect((await byToken(accountId, 'NOPE123')).json().code).toBe('order_not_found');
    });

    it('creating an order is idempotent: the same key returns the same order and PayPal is asked once', async () => {
      const accountId = await h.openAccount();
      const key = uniqueKey('order');
      const creates = fake.sandbox.callCount('create');
      const send = () =>
        h.call('POST', `/v1/accounts/${accountId}/top-ups/paypal`, {
          idempotencyKey: key,
          body: { amount: { amount: '12.34', unit: 'USD' } },
        });
      const [first, second] = await Promise.all([send(), send()]);
      expect(first!.statusCode).toBe(201);
      expect(second!.statusCode).toBe(201);
      expect(second!.json()).toEqual(first!.json());
      const third = await send();
      expect(third.headers['idempotent-replayed']).toBe('true');
      expect(third.body).toBe(first!.body);
      expect(fake.sandbox.callCount('create') - creates).toBeLessThanOrEqual(2); // twins may both ask; PayPal dedupes
      const [count] = await h.engine.db.query<{ n: bigint }>(
        'SELECT count(*)::int8 AS n FROM topup_orders WHERE account_id = $1',
        [accountId],
      );
      expect(count!.n).toBe(1n);
      const reused = await h.call('POST', `/v1/accounts/${accountId}/top-ups/paypal`, {
        idempotencyKey: key,
        body: { amount: { amount: '12.35', unit: 'USD' } },
      });
      expect(reused.statusCode).toBe(409);
      expect(reused.json().code).toBe('idempotency_key_reused');
    });

    it('bad input everywhere → 400 problem+json with the field, nothing written', async () => {
      const accountId = await h.openAccount();
      const before = await rowCounts(h.engine.db);
      const cases: [string, unknown, string, string][] = [
        ['paypal', { amount: { amount: '4.99', unit: 'USD' } }, 'topup_below_minimum', 'amount.amount'],
        ['paypal', { amount: { amount: '10000.01', unit: 'USD' } }, 'topup_above_maximum', 'amount.amount'],
        ['paypal', { amount: { amount: '10.001', unit: 'USD' } }, 'invalid_amount', 'amount.amount'],
        ['paypal', { amount: { amount: '-10', unit: 'USD' } }, 'invalid_amount', 'amount.amount'],
        ['paypal', { amount: { amount: '10', unit: 'CREDIT' } }, 'validation_failed', 'amount.unit'],
        ['paypal', { amount: { amount: '10', unit: 'USD' }, fee: '0' }, 'unknown_field', 'fee'],
        [
          'paypal',
          { amount: { amount: '10', unit: 'USD' }, returnUrl: 'javascript:alert(1)' },
          'validation_failed',
          'returnUrl',
        ],
        ['paypal', {}, 'validation_failed', 'amount'],
        ['quote', { amount: { amount: '3', unit: 'USD' } }, 'topup_below_minimum', 'amount.amount'],
        ['quote', { amount: { amount: '10.5', unit: 'USD' }, rail: 'card' }, 'validation_failed', 'rail'],
        ['quote', { amount: { amount: '1.999', unit: 'USD' } }, 'invalid_amount', 'amount.amount'],
      ];
      for (const [path, body, code, field] of cases) {
        const res = await h.call('POST', `/v1/accounts/${accountId}/top-ups/${path}`, { body });
        expect(res.statusCode, `${JSON.stringify(body)}: ${res.body}`).toBe(400);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.json()).toMatchObject({ code, field });
      }
      const noKey = await h.call('POST', `/v1/accounts/${accountId}/top-ups/paypal`, {
        idempotencyKey: null,
        body: { amount: { amount: '10', unit: 'USD' } },
      });
      expect(noKey.json()).toMatchObject({ status: 400, code: 'idempotency_key_required' });
      const badJson = await h.call('POST', `/v1/accounts/${accountId}/top-ups/paypal`, {
        rawBody: '{"amount":',
      });
      expect(badJson.json().code).toBe('malformed_json');
      const badWebhook = await h.app.inject({
        method: 'POST',
        url: '/v1/webhooks/paypal',
        headers: { 'content-type': 'application/json' },
        payload: { hello: 'world' },
      });
      expect(badWebhook.statusCode).toBe(400);
      const unknownAccount = await h.call('POST', '/v1/accounts/acct_nope/top-ups/paypal', {
        body: { amount: { amount: '10', unit: 'USD' } },
      });
      expect(unknownAccount.json()).toMatchObject({ status: 404, code: 'account_not_found' });
      expect(await rowCounts(h.engine.db)).toEqual(before);
    });

    it('refundCapture refunds a capture at PayPal (whole or partial, idempotent per request id)', async () => {
      const accountId = await h.openAccount();
      const order = await openOrder(accountId, '50.00');
      fake.sandbox.approve(order.paypalOrderId);
      const captured = (await capture(accountId, order.id)).json();
      const client = fake.client();
      const partial = await client.refundCapture(captured.order.captureId, {
        amountValue: '10.00',
        requestId: 'r-1',
      });
      expect(partial.status).toBe('COMPLETED');
      expect(
        await client.refundCapture(captured.order.captureId, { amountValue: '10.00', requestId: 'r-1' }),
      ).toEqual(partial);
      const rest = await client.refundCapture(captured.order.captureId, { requestId: 'r-2' });
      expect(rest.status).toBe('COMPLETED');
      await expect(client.refundCapture(captured.order.captureId, { requestId: 'r-3' })).rejects.toThrow(
        /CAPTURE_FULLY_REFUNDED/,
      );
    });

    it('PayPal unreachable → 502 payment_provider_error, nothing written', async () => {
      const accountId = await h.openAccount();
      const before = await rowCounts(h.engine.db);
      const saved = h.engine.paypal;
      h.engine.paypal = new PayPalClient({
        baseUrl: 'http://127.0.0.1:9',
        clientId: 'x',
        clientSecret: 'y',
        timeoutMs: 2000,
      });
      try {
        const res = await h.call('POST', `/v1/accounts/${accountId}/top-ups/paypal`, {
          body: { amount: { amount: '10', unit: 'USD' } },
        });
        expect(res.statusCode).toBe(502);
        expect(res.json().code).toBe('payment_provider_error');
      } finally {
        h.engine.paypal = saved;
      }
      expect(await rowCounts(h.engine.db)).toEqual(before);
    });
  });

  describe(`the built-in sandbox PayPal (${backend.name})`, () => {
    let h: Harness;
    beforeAll(async () => {
      const clock = new SimulatedClock('2026-04-01T09:00:00Z');
      const setup = setUpPayPal(PAYPAL_CONFIG, {
        embeddedStore: true,
        publicUrl: 'http://127.0.0.1:3000',
        clock,
      });
      expect(setup.mode).toBe('sandbox');
      h = await startHarness(backend, {
        clock,
        payments: { paypal: setup.paypal, paypalSandbox: setup.sandbox },
      });
    });
    afterAll(async () => h.close());

    it('is chosen only without credentials, and on PostgreSQL only when asked for', () => {
      const clock = new SimulatedClock('2026-04-01T09:00:00Z');
      const options = { publicUrl: 'http://127.0.0.1:3000', clock };
      expect(setUpPayPal(PAYPAL_CONFIG, { ...options, embeddedStore: false }).mode).toBe('off');
      expect(
        setUpPayPal({ ...PAYPAL_CONFIG, sandbox: 'on' }, { ...options, embeddedStore: false }).mode,
      ).toBe('sandbox');
      expect(
        setUpPayPal({ ...PAYPAL_CONFIG, sandbox: 'off' }, { ...options, embeddedStore: true }).mode,
      ).toBe('off');
      const live = setUpPayPal(
        { ...PAYPAL_CONFIG, clientId: 'id', clientSecret: 'secret', webhookId: 'WH1' },
        { ...options, embeddedStore: true },
      );
      expect(live.mode).toBe('paypal');
      expect(live.paypal!.rail).toBe('paypal');
    });

    it('a newcomer tops up with no outside service: order → approval page → approve → capture → credits on the sandbox rail', async () => {
      const accountId = await h.openAccount();
      const created = await h.call('POST', `/v1/accounts/${accountId}/top-ups/paypal`, {
        body: { amount: { amount: '100', unit: 'USD' } },
      });
      expect(created.statusCode).toBe(201);
      const order = created.json().order;
      expect(order).toMatchObject({ rail: 'sandbox', total: { amount: '104.70', unit: 'USD' } });
      expect(order.approveUrl).toBe(
        `http://127.0.0.1:3000/sandbox/paypal/checkoutnow?token=${order.paypalOrderId}`,
      );
      const path = new URL(order.approveUrl).pathname + new URL(order.approveUrl).search;

      const page = await h.app.inject({ method: 'GET', url: path });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      expect(page.body).toContain('$104.70 USD');
      expect(
        (await h.call('POST', `/v1/accounts/${accountId}/top-ups/paypal/${order.id}/capture`)).json().code,
      ).toBe('order_not_approved');
      const approved = await h.app.inject({ method: 'POST', url: path });
      expect(approved.statusCode).toBe(200);
      expect(approved.body).toContain(order.id);

      const captured = await h.call('POST', `/v1/accounts/${accountId}/top-ups/paypal/${order.id}/capture`);
      expect(captured.statusCode).toBe(200);
      expect(captured.json().payment).toMatchObject({
        kind: 'payment',
        amount: { amount: '100.000000', unit: 'CREDIT' },
        description: 'Sandbox PayPal top-up',
        metadata: { rail: 'sandbox' },
      });
      const transfers = await h.engine.db.query<{ debit_account_id: string }>(
        'SELECT debit_account_id FROM transfers WHERE transaction_id = $1',
        [captured.json().payment.id],
      );
      expect(transfers).toEqual([{ debit_account_id: 'system:clearing.sandbox:CREDIT' }]);
    });

    it("serves the sandbox's REST API over HTTP too (token required)", async () => {
      const denied = await h.app.inject({ method: 'GET', url: '/sandbox/paypal/v2/checkout/orders/ABC' });
      expect(denied.statusCode).toBe(401);
      const token = await h.app.inject({
        method: 'POST',
        url: '/sandbox/paypal/v1/oauth2/token',
        headers: {
          authorization: `Basic ${Buffer.from('sandbox-client:sandbox-secret').toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        payload: 'grant_type=client_credentials',
      });
      expect(token.statusCode).toBe(200);
      expect(token.json()).toMatchObject({ token_type: 'Bearer', access_token: expect.any(String) });
    });
  });
}
