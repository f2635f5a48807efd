import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../support/databases.js';
import { type Harness, issueKey, rowCounts, startHarness, uniqueKey } from '../support/harness.js';

for (const backend of backends) {
  describe(`HTTP API (${backend.name})`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(backend);
    });
    afterAll(async () => h.close());

    const charge = (
      accountId: string,
      amount: string,
      options: { key?: string; idempotencyKey?: string } = {},
    ) =>
      h.call('POST', `/v1/accounts/${accountId}/charges`, {
        key: options.key ?? h.serviceKey,
        idempotencyKey: options.idempotencyKey,
        body: { amount: { amount, unit: 'CREDIT' }, productLine: 'compute', description: 'Render task' },
      });

    describe('service surface', () => {
      it('answers health without a key, and serves the OpenAPI document and its reference', async () => {
        expect((await h.app.inject({ url: '/health' })).json()).toEqual({ status: 'ok' });
        const doc = (await h.app.inject({ url: '/openapi.json' })).json();
        expect(doc.openapi).toBe('3.1.0');
        expect(Object.keys(doc.paths)).toEqual(
          expect.arrayContaining([
            '/v1/accounts',
            '/v1/accounts/{accountId}',
            '/v1/accounts/{accountId}/balances',
            '/v1/accounts/{accountId}/transactions',
            '/v1/accounts/{accountId}/adjustments',
            '/v1/accounts/{accountId}/charges',
            '/v1/holds/{holdId}/post',
          ]),
        );
        const chargeBody =
          doc.paths['/v1/accounts/{accountId}/charges'].post.requestBody.content['application/json'].schema;
        expect(chargeBody.additionalProperties).toBe(false);
        const docs = await h.app.inject({ url: '/docs/' });
        expect(docs.statusCode).toBe(200);
        expect(docs.headers['content-type']).toMatch(/text\/html/);
      });
    });

    describe('accounts, balances and history', () => {
      it('opens an account with a wallet per unit, empty but for the 25 welcome tokens', async () => {
        const res = await h.call('POST', '/v1/accounts', {
          body: { name: 'Studio Nine', email: 'ops@studio9.example' },
        });
        expect(res.statusCode).toBe(201);
        const account = res.json();
        expect(account.id).toMatch(/^acct_[0-9a-z]{24}$/);
        expect(account).toMatchObject({
          name: 'Studio Nine',
          email: 'ops@studio9.example',
          createdAt: '2026-01-01T00:00:00.000Z',
        });
        expect((await h.call('GET', `/v1/accounts/${account.id}`)).json()).toEqual(account);
        expect((await h.call('GET', `/v1/accounts/${account.id}/balances`)).json()).toEqual({
          accountId: account.id,
          balances: [
            { unit: 'CREDIT', balance: '0.000000', held: '0.000000', available: '0.000000' },
            { unit: 'TOKEN', balance: '25.000000', held: '0.000000', available: '25.000000' },
            { unit: 'USD', balance: '0.00', held: '0.00', available: '0.00' },
          ],
        });
        const history = (await h.call('GET', `/v1/accounts/${account.id}/transactions`)).json().data;
        expect(history).toMatchObject([
          { kind: 'promotion', amount: { amount: '25.000000', unit: 'TOKEN' } },
        ]);
      });

      it('an operator adjustment credits or debits with a reason, recorded in the audit log', async () => {
        const id = await h.openAccount();
        const credit = await h.call('POST', `/v1/accounts/${id}/adjustments`, {
          body: {
            direction: 'credit',
            amount: { amount: '100', unit: 'CREDIT' },
            reason: 'Goodwill for outage #41',
          },
        });
        expect(credit.statusCode).toBe(201);
        expect(credit.json()).toMatchObject({
          kind: 'other',
          amount: { amount: '100.000000', unit: 'CREDIT' },
          description: 'Adjustment: Goodwill for outage #41',
        });
        const debit = await h.call('POST', `/v1/accounts/${id}/adjustments`, {
          body: { direction: 'debit', amount: { amount: '0.25', unit: 'CREDIT' }, reason: 'Correction' },
        });
        expect(debit.json().amount).toEqual({ amount: '-0.250000', unit: 'CREDIT' });
        const tooMuch = await h.call('POST', `/v1/accounts/${id}/adjustments`, {
          body: { direction: 'debit', amount: { amount: '100', unit: 'CREDIT' }, reason: 'Too much' },
        });
        expect(tooMuch.statusCode).toBe(422);
        expect(tooMuch.json()).toMatchObject({
          code: 'insufficient_funds',
          available: '99.750000',
          required: '100.000000',
        });
        const audit = await h.engine.db.query<{ actor: string; action: string; reason: string }>(
          'SELECT actor, action, reason FROM audit_log WHERE subject = $1 ORDER BY seq',
          [id],
        );
        expect(audit).toEqual([
          { actor: h.operator.id, action: 'wallet.credit', reason: 'Goodwill for outage #41' },
          { actor: h.operator.id, action: 'wallet.debit', reason: 'Correction' },
        ]);
      });

      it('lists history newest first, filtered by kind and unit, page by page without gaps or repeats', async () => {
        const id = await h.openAccount();
        await h.fund(id, '50');
        await h.fund(id, '7', 'TOKEN');
        const charged: string[] = [];
        for (let i = 1; i <= 7; i++) {
          h.clock.advance(60_000);
          const res = await charge(id, `${i}.5`);
          expect(res.statusCode).toBe(201);
          charged.push(res.json().id);
        }
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const page = await h.call(
            'GET',
            `/v1/accounts/${id}/transactions?kind=charge&unit=CREDIT&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
          );
          expect(page.statusCode).toBe(200);
          const body = page.json();
          expect(body.data.length).toBeLessThanOrEqual(3);
          seen.push(...body.data.map((t: { id: string }) => t.id));
          cursor = body.nextCursor;
        } while (cursor);
        expect(seen).toEqual([...charged].reverse());
        const all = (await h.call('GET', `/v1/accounts/${id}/transactions`)).json().data;
        expect(all).toHaveLength(10); // 7 charges, 2 fundings, the welcome tokens
        expect(all[0].amount).toEqual({ amount: '-7.500000', unit: 'CREDIT' });
        const tokens = (await h.call('GET', `/v1/accounts/${id}/transactions?unit=TOKEN`)).json().data;
        expect(tokens.map((t: { amount: unknown }) => t.amount)).toEqual([
          { amount: '7.000000', unit: 'TOKEN' },
          { amount: '25.000000', unit: 'TOKEN' },
        ]);
        const balances = (await h.call('GET', `/v1/accounts/${id}/balances`)).json().balances;
        expect(balances[0]).toEqual({
          unit: 'CREDIT',
          balance: '18.500000',
          held: '0.000000',
          available: '18.500000',
        });
        const bad = await h.call('GET', `/v1/accounts/${id}/transactions?cursor=bm9wZQ`);
        expect(bad.statusCode).toBe(400);
        expect(bad.json()).toMatchObject({ code: 'invalid_request', field: 'cursor' });
      });

      it('an unknown account is a 404 problem', async () => {
        const res = await h.call('GET', '/v1/accounts/acct_doesnotexist/balances');
        expect(res.statusCode).toBe(404);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.json()).toMatchObject({ code: 'account_not_found', status: 404 });
        expect((await charge('acct_doesnotexist', '1')).json().code).toBe('account_not_found');
        const history = await h.call('GET', '/v1/accounts/acct_doesnotexist/transactions?limit=5');
        expect(history.json()).toMatchObject({ code: 'account_not_found', status: 404 });
      });

      it("an account's empty history page is an empty page, not a 404", async () => {
        const id = await h.openAccount();
        const refunds = await h.call('GET', `/v1/accounts/${id}/transactions?kind=refund`);
        expect(refunds.statusCode).toBe(200);
        expect(refunds.json()).toEqual({ data: [], nextCursor: null });
      });
    });

    describe('idempotency', () => {
      it('a replay returns the identical response and writes nothing', async () => {
        const id = await h.openAccount();
        await h.fund(id, '10');
        const key = uniqueKey('charge');
        const first = await charge(id, '2.5', { idempotencyKey: key });
        expect(first.statusCode).toBe(201);
        const before = await rowCounts(h.engine.db);
        h.clock.advance(5_000);
        const replay = await charge(id, '2.5', { idempotencyKey: key });
        expect(replay.statusCode).toBe(201);
        expect(replay.body).toBe(first.body);
        expect(replay.headers['idempotent-replayed']).toBe('true');
        expect(await rowCounts(h.engine.db)).toEqual(before);
        expect((await h.call('GET', `/v1/accounts/${id}/balances`)).json().balances[0].balance).toBe(
          '7.500000',
        );
      });

      it('the same key with a different request is a 409 and writes nothing', async () => {
        const id = await h.openAccount();
        await h.fund(id, '10');
        const key = uniqueKey('charge');
        await charge(id, '1', { idempotencyKey: key });
        const before = await rowCounts(h.engine.db);
        const conflict = await charge(id, '2', { idempotencyKey: key });
        expect(conflict.statusCode).toBe(409);
        expect(conflict.json().code).toBe('idempotency_key_reused');
        expect(await rowCounts(h.engine.db)).toEqual(before);
      });

      it('keys are scoped to the account and kind of principal: another service key replays, the operator may reuse the string', async () => {
        const id = await h.openAccount();
        await h.fund(id, '10');
        const other = await issueKey(h.engine, 'service');
        const key = uniqueKey('shared');
        const first = await charge(id, '1', { idempotencyKey: key });
        expect(first.statusCode).toBe(201);
        const again = await charge(id, '1', { idempotencyKey: key, key: other.secret });
        expect(again.body).toBe(first.body);
        expect((await charge(id, '1', { idempotencyKey: key, key: h.operatorKey })).statusCode).toBe(201);
        expect((await h.call('GET', `/v1/accounts/${id}/balances`)).json().balances[0].balance).toBe(
          '8.000000',
        );
      });

      it('a refused request does not use up its key: the same key succeeds once funds arrive', async () => {
        const id = await h.openAccount();
        const key = uniqueKey('retry');
        expect((await charge(id, '3', { idempotencyKey: key })).json().code).toBe('insufficient_funds');
        await h.fund(id, '5');
        expect((await charge(id, '3', { idempotencyKey: key })).statusCode).toBe(201);
      });

      it('100 concurrent identical requests make one transfer and all get the same answer', async () => {
        const id = await h.openAccount();
        await h.fund(id, '1000');
        const key = uniqueKey('burst');
        const responses = await Promise.all(
          Array.from({ length: 100 }, () => charge(id, '3', { idempotencyKey: key })),
        );
        expect(new Set(responses.map((r) => r.statusCode))).toEqual(new Set([201]));
        expect(new Set(responses.map((r) => r.body)).size).toBe(1);
        const transfers = await h.engine.db.query<{ n: bigint }>(
          `SELECT count(*)::int8 AS n FROM transfers WHERE debit_account_id = $1`,
          [`wallet:${id}:CREDIT`],
        );
        expect(transfers[0]!.n).toBe(1n);
        expect((await h.call('GET', `/v1/accounts/${id}/balances`)).json().balances[0].balance).toBe(
          '997.000000',
        );
      });

      it('40 keys each sent twice at once (claims and answers go to the database together): one charge per key, each twin the same bytes', async () => {
        const id = await h.openAccount();
        await h.fund(id, '1000');
        const keys = Array.from({ length: 40 }, (_, i) => uniqueKey(`pair-${i}`));
        const responses = await Promise.all(
          [...keys, ...keys].map((key, i) => charge(id, `${(i % 40) + 1}`, { idempotencyKey: key })),
        );
        expect(new Set(responses.map((r) => r.statusCode))).toEqual(new Set([201]));
        for (let i = 0; i < 40; i++) {
          expect(responses[i + 40]!.body).toBe(responses[i]!.body);
          expect(responses[i]!.json().amount).toEqual({ amount: `-${i + 1}.000000`, unit: 'CREDIT' });
        }
        const transfers = await h.engine.db.query<{ n: bigint }>(
          `SELECT count(*)::int8 AS n FROM transfers WHERE debit_account_id = $1`,
          [`wallet:${id}:CREDIT`],
        );
        expect(transfers[0]!.n).toBe(40n);
        // 1 + 2 + … + 40 = 820 charged once each
        expect((await h.call('GET', `/v1/accounts/${id}/balances`)).json().balances[0].balance).toBe(
          '180.000000',
        );
      });

      it('a mutation without an Idempotency-Key is refused', async () => {
        const res = await h.call('POST', '/v1/accounts', { body: { name: 'No key' }, idempotencyKey: null });
        expect(res.statusCode).toBe(400);
        expect(res.json()).toMatchObject({ code: 'idempotency_key_required', field: 'Idempotency-Key' });
      });
    });

    describe('bad input gets a clear error and changes nothing', () => {
      let accountId: string;
      beforeAll(async () => {
        accountId = await h.openAccount();
        await h.fund(accountId, '100');
      });
      const url = () => `/v1/accounts/${accountId}/charges`;
      const body = (amount: unknown, extra: Record<string, unknown> = {}) => ({
        amount,
        productLine: 'compute',
        description: 'x',
        ...extra,
      });

      it.each([
        ['negative amount', body({ amount: '-1', unit: 'CREDIT' }), 400, 'invalid_amount', 'amount.amount'],
        ['zero amount', body({ amount: '0', unit: 'CREDIT' }), 400, 'invalid_amount', 'amount.amount'],
        [
          'overlong amount',
          body({ amount: '9'.repeat(30), unit: 'CREDIT' }),
          400,
          'invalid_amount',
          'amount.amount',
        ],
        [
          'too many decimals',
          body({ amount: '1.0000001', unit: 'CREDIT' }),
          400,
          'invalid_amount',
          'amount.amount',
        ],
        ['sub-cent USD', body({ amount: '1.005', unit: 'USD' }), 400, 'invalid_amount', 'amount.amount'],
        [
          'non-numeric amount',
          body({ amount: 'ten', unit: 'CREDIT' }),
          400,
          'invalid_amount',
          'amount.amount',
        ],
        [
          'number instead of string',
          body({ amount: 10, unit: 'CREDIT' }),
          400,
          'validation_failed',
          'amount.amount',
        ],
        ['exponent', body({ amount: '1e3', unit: 'CREDIT' }), 400, 'invalid_amount', 'amount.amount'],
        ['wrong unit', body({ amount: '1', unit: 'EUR' }), 400, 'validation_failed', 'amount.unit'],
        [
          'unknown field',
          body({ amount: '1', unit: 'CREDIT' }, { admin: true }),
          400,
          'unknown_field',
          'admin',
        ],
        [
          'unknown nested field',
          body({ amount: '1', unit: 'CREDIT', fee: '0' }),
          400,
          'unknown_field',
          'amount.fee',
        ],
        [
          'missing field',
          { amount: { amount: '1', unit: 'CREDIT' } },
          400,
          'validation_failed',
          'productLine',
        ],
        [
          'unknown product line',
          body({ amount: '1', unit: 'CREDIT' }, { productLine: 'x' }),
          400,
          'validation_failed',
          'productLine',
        ],
      ])('%s', async (_name, payload, status, code, field) => {
        const before = await rowCounts(h.engine.db);
        const res = await h.call('POST', url(), { key: h.serviceKey, body: payload });
        expect(res.statusCode).toBe(status);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.json()).toMatchObject({ status, code, field });
        expect(await rowCounts(h.engine.db)).toEqual(before);
      });

      it.each([
        ['malformed JSON', { rawBody: '{"amount": {"amount": "1",' }, 400, 'malformed_json'],
        ['empty body', { rawBody: '' }, 400, 'malformed_json'],
        [
          'prototype pollution',
          { rawBody: '{"__proto__": {"admin": true}, "amount": {"amount": "1", "unit": "CREDIT"}}' },
          400,
          'malformed_json',
        ],
        [
          'huge body',
          {
            rawBody: JSON.stringify(
              body({ amount: '1', unit: 'CREDIT' }, { description: 'x'.repeat(100_000) }),
            ),
          },
          413,
          'payload_too_large',
        ],
        [
          'not JSON',
          { rawBody: 'amount=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
          415,
          'unsupported_media_type',
        ],
      ])('%s', async (_name, options, status, code) => {
        const before = await rowCounts(h.engine.db);
        const res = await h.call('POST', url(), { key: h.serviceKey, ...options });
        expect(res.statusCode).toBe(status);
        expect(res.json()).toMatchObject({ status, code });
        expect(await rowCounts(h.engine.db)).toEqual(before);
      });

      it('an unknown query parameter or a bad limit is refused', async () => {
        const res = await h.call('GET', `/v1/accounts/${accountId}/transactions?sort=asc`);
        expect(res.json()).toMatchObject({ status: 400, code: 'unknown_field', field: 'sort' });
        expect((await h.call('GET', `/v1/accounts/${accountId}/transactions?limit=0`)).json()).toMatchObject({
          code: 'validation_failed',
          field: 'limit',
        });
      });
    });

    describe('authorization', () => {
      let mine: string;
      let theirs: string;
      let customerKey: string;
      beforeAll(async () => {
        mine = await h.openAccount('Mine');
        theirs = await h.openAccount('Theirs');
        await h.fund(theirs, '10');
        customerKey = (await issueKey(h.engine, 'customer', mine)).secret;
      });

      it('no key or an unknown key is 401', async () => {
        expect((await h.app.inject({ url: `/v1/accounts/${mine}` })).json()).toMatchObject({
          status: 401,
          code: 'unauthenticated',
        });
        expect((await h.call('GET', `/v1/accounts/${mine}`, { key: 'pk_nope' })).json().code).toBe(
          'unauthenticated',
        );
      });

      it('a customer reads its own account', async () => {
        expect((await h.call('GET', `/v1/accounts/${mine}`, { key: customerKey })).statusCode).toBe(200);
        expect((await h.call('GET', `/v1/accounts/${mine}/balances`, { key: customerKey })).statusCode).toBe(
          200,
        );
        expect(
          (await h.call('GET', `/v1/accounts/${mine}/transactions`, { key: customerKey })).statusCode,
        ).toBe(200);
      });

      it("another account's data and actions are 404 for a customer, and nothing changes", async () => {
        const before = await rowCounts(h.engine.db);
        for (const path of ['', '/balances', '/transactions']) {
          const res = await h.call('GET', `/v1/accounts/${theirs}${path}`, { key: customerKey });
          expect(res.json()).toMatchObject({ status: 404, code: 'account_not_found' });
        }
        const adjust = await h.call('POST', `/v1/accounts/${theirs}/adjustments`, {
          key: customerKey,
          body: { direction: 'debit', amount: { amount: '10', unit: 'CREDIT' }, reason: 'mine now' },
        });
        expect(adjust.statusCode).toBe(404);
        expect((await charge(theirs, '1', { key: customerKey })).statusCode).toBe(404);
        expect(await rowCounts(h.engine.db)).toEqual(before);
      });

      it('operator and service endpoints are 403 for a customer; operator-only ones for a service', async () => {
        const before = await rowCounts(h.engine.db);
        const asCustomer = await h.call('POST', `/v1/accounts/${mine}/adjustments`, {
          key: customerKey,
          body: { direction: 'credit', amount: { amount: '1000', unit: 'CREDIT' }, reason: 'free money' },
        });
        expect(asCustomer.json()).toMatchObject({ status: 403, code: 'forbidden' });
        expect(
          (await h.call('POST', '/v1/accounts', { key: customerKey, body: { name: 'x' } })).statusCode,
        ).toBe(403);
        expect((await charge(mine, '1', { key: customerKey })).statusCode).toBe(403);
        expect(
          (await h.call('POST', '/v1/api-keys', { key: customerKey, body: { role: 'operator' } })).statusCode,
        ).toBe(403);
        const asService = await h.call('POST', `/v1/accounts/${mine}/adjustments`, {
          key: h.serviceKey,
          body: { direction: 'credit', amount: { amount: '1', unit: 'CREDIT' }, reason: 'x' },
        });
        expect(asService.statusCode).toBe(403);
        expect(await rowCounts(h.engine.db)).toEqual(before);
      });

      it('an operator issues a customer key bound to one account', async () => {
        const res = await h.call('POST', '/v1/api-keys', {
          body: { role: 'customer', accountId: mine, label: 'dashboard' },
        });
        expect(res.statusCode).toBe(201);
        const { secret } = res.json();
        expect((await h.call('GET', `/v1/accounts/${mine}`, { key: secret })).statusCode).toBe(200);
        expect((await h.call('GET', `/v1/accounts/${theirs}`, { key: secret })).statusCode).toBe(404);
        const unbound = await h.call('POST', '/v1/api-keys', { body: { role: 'customer' } });
        expect(unbound.json()).toMatchObject({ status: 400, code: 'invalid_request' });
      });
    });

    describe('holds', () => {
      it('reserve, post the actual cost, release the rest', async () => {
        const id = await h.openAccount();
        await h.fund(id, '1');
        const place = (amount: string) =>
          h.call('POST', `/v1/accounts/${id}/holds`, {
            key: h.serviceKey,
            body: {
              amount: { amount, unit: 'CREDIT' },
              productLine: 'compute',
              description: 'Render task 1',
              expiresInSeconds: 600,
            },
          });
        const held = await place('0.60');
        expect(held.statusCode).toBe(201);
        expect(held.json()).toMatchObject({
          status: 'pending',
          amount: { amount: '0.600000', unit: 'CREDIT' },
        });
        expect((await h.call('GET', `/v1/accounts/${id}/balances`)).json().balances[0]).toEqual({
          unit: 'CREDIT',
          balance: '1.000000',
          held: '0.600000',
          available: '0.400000',
        });
        // Seed 000's example: balance 1.00, task max cost 0.60 → the second task cannot be reserved.
        expect((await place('0.60')).json()).toMatchObject({
          status: 422,
          code: 'insufficient_funds',
          available: '0.400000',
        });
        const holdId = held.json().id;
        const tooMuch = await h.call('POST', `/v1/holds/${holdId}/post`, {
          key: h.serviceKey,
          body: { amount: { amount: '0.61', unit: 'CREDIT' } },
        });
        expect(tooMuch.json().code).toBe('hold_amount_exceeded');
        const posted = await h.call('POST', `/v1/holds/${holdId}/post`, {
          key: h.serviceKey,
          body: { amount: { amount: '0.423', unit: 'CREDIT' } },
        });
        expect(posted.statusCode).toBe(200);
        expect(posted.json().transaction).toMatchObject({
          kind: 'charge',
          amount: { amount: '-0.423000', unit: 'CREDIT' },
          holdId,
        });
        expect(posted.json().hold).toMatchObject({
          status: 'posted',
          posted: { amount: '0.423000', unit: 'CREDIT' },
        });
        expect((await h.call('GET', `/v1/accounts/${id}/balances`)).json().balances[0]).toEqual({
          unit: 'CREDIT',
          balance: '0.577000',
          held: '0.000000',
          available: '0.577000',
        });
        const again = await h.call('POST', `/v1/holds/${holdId}/void`, { key: h.serviceKey });
        expect(again.json()).toMatchObject({
          status: 409,
          code: 'hold_not_pending',
          detail: 'the hold is already posted',
        });
      });

      it('expires on the clock: funds return, and a late post is refused', async () => {
        const id = await h.openAccount();
        await h.fund(id, '2');
        const held = await h.call('POST', `/v1/accounts/${id}/holds`, {
          key: h.serviceKey,
          body: {
            amount: { amount: '1.5', unit: 'CREDIT' },
            productLine: 'compute',
            description: 'Render task',
            expiresInSeconds: 120,
          },
        });
        const holdId = held.json().id;
        h.clock.advance(119_000);
        expect((await h.call('GET', `/v1/accounts/${id}/balances`)).json().balances[0].available).toBe(
          '0.500000',
        );
        h.clock.advance(1_000);
        expect((await h.call('GET', `/v1/accounts/${id}/balances`)).json().balances[0].available).toBe(
          '2.000000',
        );
        expect((await h.call('GET', `/v1/holds/${holdId}`, { key: h.serviceKey })).json().status).toBe(
          'expired',
        );
        const late = await h.call('POST', `/v1/holds/${holdId}/post`, {
          key: h.serviceKey,
          body: { amount: { amount: '1', unit: 'CREDIT' } },
        });
        expect(late.json()).toMatchObject({ code: 'hold_not_pending', status: 409 });
        const [row] = await h.engine.db.query<{ status: string; resolved_at: Date }>(
          'SELECT status, resolved_at FROM holds WHERE id = $1',
          [holdId],
        );
        expect(row).toEqual({ status: 'expired', resolved_at: new Date(held.json().expiresAt) });
      });
    });
  });
}
