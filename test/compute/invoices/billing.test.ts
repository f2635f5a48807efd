import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refundableMicros, usagePercent } from '../../../src/compute/invoices/billing-rules.js';
import { recordTopUp } from '../../../src/compute/topups/record-top-up.js';
import { backends } from '../../support/databases.js';
import { type Harness, issueKey, rowCounts, startHarness, uniqueKey } from '../../support/harness.js';

describe('usage percentage', () => {
  it('is used ÷ topped up, two decimals, rounded half-up once; null before any top-up', () => {
    expect(usagePercent(25_500_000n, 100_000_000n)).toBe('25.50');
    expect(usagePercent(1n, 3n)).toBe('33.33');
    expect(usagePercent(2n, 3n)).toBe('66.67');
    expect(usagePercent(1n, 200_000n)).toBe('0.00'); // 0.0005% rounds down... to 0.00
    expect(usagePercent(1n, 20_000n)).toBe('0.01'); // 0.005% rounds half-up
    expect(usagePercent(0n, 0n)).toBeNull();
    expect(refundableMicros(50n, 60n)).toBe(0n);
  });
});

for (const backend of backends) {
  describe(`billing overview, refunds and the audit log (${backend.name})`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(backend);
    });
    afterAll(async () => h.close());

    const topUp = async (accountId: string, amountMicros: bigint, rail: 'sandbox' | 'usdt' = 'sandbox') => {
      const r = await recordTopUp(h.engine, {
        accountId,
        rail,
        amountMicros,
        sourceId: uniqueKey('src'),
        description: 'Top-up',
      });
      if (!r.ok) throw new Error(r.failure.detail);
      return r.value;
    };
    const charge = (accountId: string, amount: string) =>
      h.call('POST', `/v1/accounts/${accountId}/charges`, {
        key: h.serviceKey,
        body: { amount: { amount, unit: 'CREDIT' }, productLine: 'compute', description: 'Render task' },
      });
    const refund = (accountId: string, body: Record<string, unknown>, idempotencyKey?: string) =>
      h.call('POST', `/v1/accounts/${accountId}/refunds`, {
        body: { reason: 'customer request', ...body },
        idempotencyKey,
      });

    it('shows balance, credits used, total topped up, usage % and usage per UTC day', async () => {
      const id = await h.openAccount();
      const empty = (await h.call('GET', `/v1/accounts/${id}/billing-overview?days=3`)).json();
      expect(empty).toMatchObject({
        balance: '0.000000',
        used: '0.000000',
        toppedUp: '0.000000',
        usagePercent: null,
      });
      await topUp(id, 100_000_000n);
      expect((await charge(id, '25.5')).statusCode).toBe(201);
      h.clock.advance(2 * 86_400_000);
      expect((await charge(id, '4.5')).statusCode).toBe(201);
      const overview = await h.call('GET', `/v1/accounts/${id}/billing-overview?days=3`);
      expect(overview.statusCode).toBe(200);
      const today = h.clock.now().toISOString().slice(0, 10);
      const twoDaysAgo = new Date(h.clock.now().getTime() - 2 * 86_400_000).toISOString().slice(0, 10);
      const yesterday = new Date(h.clock.now().getTime() - 86_400_000).toISOString().slice(0, 10);
      expect(overview.json()).toEqual({
        accountId: id,
        unit: 'CREDIT',
        balance: '70.000000',
        available: '70.000000',
        used: '30.000000',
        toppedUp: '100.000000',
        promotions: '0.000000',
        refunded: '0.000000',
        usagePercent: '30.00',
        days: [
          { day: twoDaysAgo, used: '25.500000', toppedUp: '100.000000' },
          { day: yesterday, used: '0.000000', toppedUp: '0.000000' },
          { day: today, used: '4.500000', toppedUp: '0.000000' },
        ],
      });
    });

    it('refunds never exceed the payment less earlier refunds, nor credits already spent', async () => {
      const id = await h.openAccount();
      const payment = await topUp(id, 50_000_000n);
      const first = await refund(id, {
        paymentTransactionId: payment.id,
        amount: { amount: '20', unit: 'CREDIT' },
      });
      expect(first.statusCode).toBe(201);
      expect(first.json()).toMatchObject({
        kind: 'refund',
        amount: { amount: '-20.000000', unit: 'CREDIT' },
        description: 'Refund: customer request',
      });
      const tooMuch = await refund(id, {
        paymentTransactionId: payment.id,
        amount: { amount: '30.000001', unit: 'CREDIT' },
      });
      expect(tooMuch.json()).toMatchObject({
        status: 422,
        code: 'refund_exceeds_payment',
        refundable: '30.000000',
      });
      expect((await charge(id, '25')).statusCode).toBe(201);
      const spent = await refund(id, {
        paymentTransactionId: payment.id,
        amount: { amount: '30', unit: 'CREDIT' },
      });
      expect(spent.json()).toMatchObject({ status: 422, code: 'insufficient_funds', available: '5.000000' });
      // "Everything refundable" is 30, of which only 5 are unspent: refused as a whole.
      expect((await refund(id, { paymentTransactionId: payment.id })).json().code).toBe('insufficient_funds');
      const rest = await refund(id, {
        paymentTransactionId: payment.id,
        amount: { amount: '5', unit: 'CREDIT' },
      });
      expect(rest.json().amount).toEqual({ amount: '-5.000000', unit: 'CREDIT' });
      await topUp(id, 100_000_000n); // new money does not make the old payment refundable beyond what it brought
      const none = await refund(id, {
        paymentTransactionId: payment.id,
        amount: { amount: '25.000001', unit: 'CREDIT' },
      });
      expect(none.json()).toMatchObject({ code: 'refund_exceeds_payment', refundable: '25.000000' });
      const overview = (await h.call('GET', `/v1/accounts/${id}/billing-overview`)).json();
      expect(overview).toMatchObject({
        balance: '100.000000',
        refunded: '25.000000',
        toppedUp: '150.000000',
        used: '25.000000',
      });
    });

    it('a retried refund replays; a different refund under the same key is a conflict', async () => {
      const id = await h.openAccount();
      const payment = await topUp(id, 10_000_000n);
      const key = uniqueKey('refund');
      const body = { paymentTransactionId: payment.id, amount: { amount: '4', unit: 'CREDIT' } };
      const first = await refund(id, body, key);
      const before = await rowCounts(h.engine.db);
      const again = await refund(id, body, key);
      expect(again.statusCode).toBe(201);
      expect(again.body).toBe(first.body);
      expect(again.headers['idempotent-replayed']).toBe('true');
      const other = await refund(id, { ...body, amount: { amount: '1', unit: 'CREDIT' } }, key);
      expect(other.json().code).toBe('idempotency_key_reused');
      expect(await rowCounts(h.engine.db)).toEqual(before);
    });

    it('concurrent refunds of one payment never refund more than it brought in', async () => {
      const id = await h.openAccount();
      const payment = await topUp(id, 30_000_000n);
      await topUp(id, 100_000_000n); // plenty of unspent credits: only the payment's limit binds
      const results = await Promise.all(
        Array.from({ length: 6 }, () =>
          refund(id, { paymentTransactionId: payment.id, amount: { amount: '10', unit: 'CREDIT' } }),
        ),
      );
      const codes = results.map((r) => (r.statusCode === 201 ? 'ok' : r.json().code));
      expect(codes.every((c) => ['ok', 'refund_conflict', 'refund_exceeds_payment'].includes(c))).toBe(true);
      const overview = (await h.call('GET', `/v1/accounts/${id}/billing-overview`)).json();
      expect(Number(overview.refunded)).toBeLessThanOrEqual(30);
      expect(overview.refunded).toBe(`${codes.filter((c) => c === 'ok').length * 10}.000000`);
      // Refunding what is left always works once the race is over.
      const rest = await refund(id, { paymentTransactionId: payment.id });
      const left = 30 - codes.filter((c) => c === 'ok').length * 10;
      if (left > 0) expect(rest.json().amount).toEqual({ amount: `-${left}.000000`, unit: 'CREDIT' });
    });

    it('refuses what is not a refundable payment, with nothing written', async () => {
      const id = await h.openAccount();
      const usdt = await topUp(id, 5_000_000n, 'usdt');
      const chargeId = (await charge(id, '1')).json().id;
      const before = await rowCounts(h.engine.db);
      expect((await refund(id, { paymentTransactionId: chargeId })).json()).toMatchObject({
        status: 422,
        code: 'not_a_payment',
      });
      expect((await refund(id, { paymentTransactionId: 'txn_nope' })).json()).toMatchObject({
        status: 404,
        code: 'transaction_not_found',
      });
      expect((await refund(id, { paymentTransactionId: usdt.id })).json().code).toBe(
        'payout_reference_required',
      );
      expect(
        (await refund(id, { paymentTransactionId: usdt.id, amount: { amount: '1', unit: 'TOKEN' } })).json()
          .code,
      ).toBe('invalid_request');
      expect(
        (await refund(id, { paymentTransactionId: usdt.id, amount: { amount: '-1', unit: 'CREDIT' } })).json()
          .code,
      ).toBe('invalid_amount');
      expect((await refund(id, { paymentTransactionId: usdt.id, extra: 1 })).json().code).toBe(
        'unknown_field',
      );
      // A USDT payout reference is the payout's transaction hash: it becomes the refund's chain link.
      const notAHash = await refund(id, {
        paymentTransactionId: usdt.id,
        amount: { amount: '4', unit: 'CREDIT' },
        payoutReference: '0xabc123',
      });
      expect(notAHash.statusCode).toBe(400);
      expect(notAHash.json()).toMatchObject({ code: 'invalid_request', field: 'payoutReference' });
      expect(await rowCounts(h.engine.db)).toEqual(before);
      const payoutHash = `0x${'AB'.repeat(32)}`;
      const paidOut = await refund(id, {
        paymentTransactionId: usdt.id,
        amount: { amount: '4', unit: 'CREDIT' },
        payoutReference: payoutHash,
      });
      const explorer = `https://etherscan.io/tx/0x${'ab'.repeat(32)}`;
      expect(paidOut.json()).toMatchObject({
        amount: { amount: '-4.000000', unit: 'CREDIT' },
        metadata: { payoutTxHash: `0x${'ab'.repeat(32)}`, explorerUrl: explorer },
        links: { explorer },
      });
      const note = (
        await h.call('GET', `/v1/accounts/${id}/transactions/${paidOut.json().id}/invoice`)
      ).json();
      expect(note.details.payout).toEqual({
        label: 'Payout transaction',
        value: `0x${'ab'.repeat(32)}`,
        url: explorer,
      });
    });

    it('the audit log records operator actions with who, when, what and why; only operators read it', async () => {
      const id = await h.openAccount();
      const payment = await topUp(id, 10_000_000n);
      await h.fund(id, '1');
      await refund(id, {
        paymentTransactionId: payment.id,
        amount: { amount: '2.5', unit: 'CREDIT' },
        reason: 'duplicate order',
      });
      const log = (await h.call('GET', `/v1/audit-log?subject=${id}&limit=1`)).json();
      expect(log.data).toHaveLength(1);
      expect(log.data[0]).toMatchObject({
        actor: h.operator.id,
        action: 'payment.refund',
        subject: id,
        reason: 'duplicate order',
        details: { paymentId: payment.id, amount: '2.500000', rail: 'sandbox' },
        createdAt: h.clock.now().toISOString(),
      });
      const next = (await h.call('GET', `/v1/audit-log?subject=${id}&cursor=${log.nextCursor}`)).json();
      expect(next.data.map((e: { action: string }) => e.action)).toEqual(['wallet.credit']);
      const customer = await issueKey(h.engine, 'customer', id);
      expect((await h.call('GET', '/v1/audit-log', { key: customer.secret })).statusCode).toBe(403);
    });
  });
}
