import { describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { SimulatedClock } from '../../../src/kernel/clock.js';
import { registerLicenseWork } from '../../../src/booth/licenses/license-work.js';
import { DueWorkRunner } from '../../../src/kernel/jobs/due-work-runner.js';
import { addPaymentMethod } from '../../../src/booth/billing/add-payment-method.js';
import type { Queryable } from '../../../src/kernel/db/database.js';
import { type Backend, backends } from '../../support/databases.js';
import { issueKey, rowCounts, startHarnessWithCards, uniqueKey } from '../../support/harness.js';

const CARD = { ok: '4242424242424242', declined: '4000000000000341' };

/**
 * The license actions (cancel, downgrade, their undos, the operator's cancel-now) and paying an open
 * booth invoice require an Idempotency-Key and run through the HTTP idempotent runner like every
 * other mutation: the same request again under its key is the first answer byte for byte, with
 * `Idempotent-Replayed: true`, and writes nothing; another request under the key is 409
 * `idempotency_key_reused`, and writes nothing.
 */
async function startBooth(backend: Backend) {
  const clock = new SimulatedClock('2026-01-01T00:00:00Z');
  const { h, fake } = await startHarnessWithCards(backend, clock);
  const runner = registerLicenseWork(new DueWorkRunner(h.engine));
  /** A customer with a card and `quantity` licenses of `product`, and the customer's own API key. */
  async function customerWith(product: string, quantity = 1) {
    const accountId = await h.openAccount();
    const saved = await addPaymentMethod(h.engine, accountId, await fake.tokenize(CARD.ok));
    if (!saved.ok) throw new Error(saved.failure.detail);
    const body = { product, period: 'monthly', quantity };
    const q = await h.call('POST', `/v1/accounts/${accountId}/licenses/quote`, {
      body,
      idempotencyKey: null,
    });
    const bought = await h.call('POST', `/v1/accounts/${accountId}/licenses`, {
      body: { ...body, expectedTotal: q.json().total },
    });
    expect(bought.statusCode, bought.body).toBe(201);
    const key = (await issueKey(h.engine, 'customer', accountId)).secret;
    const list = (await h.call('GET', `/v1/accounts/${accountId}/licenses`)).json().data as { id: string }[];
    return { accountId, key, licenseIds: list.map((l) => l.id) };
  }
  /** Sends `url` under `idempotencyKey`, then again a minute later: the second must write nothing. */
  async function twice(url: string, o: { key?: string; idempotencyKey: string; body?: unknown }) {
    const first = await h.call('POST', url, o);
    h.clock.advance(60_000);
    const before = await rowCounts(h.engine.db);
    const again = await h.call('POST', url, o);
    expect(await rowCounts(h.engine.db)).toEqual(before);
    return { first, again };
  }
  return { h, fake, runner, customerWith, twice };
}

function expectReplay(first: LightMyRequestResponse, again: LightMyRequestResponse, status = 200) {
  expect(first.statusCode, first.body).toBe(status);
  expect(first.headers['idempotent-replayed']).toBeUndefined();
  expect(again.statusCode, again.body).toBe(status);
  expect(again.body).toBe(first.body);
  expect(again.headers['idempotent-replayed']).toBe('true');
}

function expectReused(res: LightMyRequestResponse) {
  expect(res.statusCode, res.body).toBe(409);
  expect(res.json().code).toBe('idempotency_key_reused');
}

async function creditNotes(db: Queryable, accountId: string): Promise<number> {
  const rows = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM booth_invoices WHERE account_id = $1 AND settlement_type = 'credit_note'`,
    [accountId],
  );
  return rows[0]!.n;
}

for (const backend of backends) {
  describe(`license actions and booth-invoice pay replay under their key (${backend.name})`, () => {
    type Booth = Awaited<ReturnType<typeof startBooth>>;
    const story = (name: string, run: (b: Booth) => Promise<void>) =>
      it(name, async () => {
        const b = await startBooth(backend);
        try {
          await run(b);
        } finally {
          await b.h.close();
        }
      });

    story(
      'each of the six routes without an Idempotency-Key → 400 idempotency_key_required, nothing written',
      async (b) => {
        const { h, customerWith } = b;
        const { accountId, licenseIds } = await customerWith('premium');
        const license = `/v1/accounts/${accountId}/licenses/${licenseIds[0]}`;
        const before = await rowCounts(h.engine.db);
        for (const [url, body] of [
          [`${license}/cancel`, undefined],
          [`${license}/undo-cancel`, undefined],
          [`${license}/downgrade`, { tier: 'pro' }],
          [`${license}/undo-downgrade`, undefined],
          [`${license}/cancel-now`, { reason: 'customer request' }],
          [`/v1/accounts/${accountId}/booth-invoices/bin_none/pay`, undefined],
        ] as const) {
          const res = await h.call('POST', url, { idempotencyKey: null, body });
          expect(res.statusCode, `${url} ${res.body}`).toBe(400);
          expect(res.json()).toMatchObject({ code: 'idempotency_key_required', field: 'Idempotency-Key' });
        }
        expect(await rowCounts(h.engine.db)).toEqual(before);
        expect((await h.call('GET', license)).json()).toMatchObject({ status: 'active', tier: 'premium' });
      },
    );

    story(
      'cancel twice under one key → the first 200 replayed; the key on another license → 409',
      async (b) => {
        const { h, customerWith, twice } = b;
        const { accountId, key, licenseIds } = await customerWith('pro', 2);
        const [one, two] = licenseIds;
        const idempotencyKey = uniqueKey('cancel');
        const { first, again } = await twice(`/v1/accounts/${accountId}/licenses/${one}/cancel`, {
          key,
          idempotencyKey,
        });
        expectReplay(first, again);
        expect(first.json()).toMatchObject({ id: one, cancelAtPeriodEnd: true, renewsAt: null });

        const before = await rowCounts(h.engine.db);
        expectReused(
          await h.call('POST', `/v1/accounts/${accountId}/licenses/${two}/cancel`, { key, idempotencyKey }),
        );
        expect(await rowCounts(h.engine.db)).toEqual(before);
        const other = (await h.call('GET', `/v1/accounts/${accountId}/licenses/${two}`)).json();
        expect(other).toMatchObject({ cancelAtPeriodEnd: false, renewsAt: '2026-02-01T00:00:00.000Z' });
      },
    );

    story('undo-cancel twice under one key → the first 200 replayed, not 409 nothing_to_undo', async (b) => {
      const { h, customerWith, twice } = b;
      const { accountId, key, licenseIds } = await customerWith('pro', 2);
      const path = (id: string) => `/v1/accounts/${accountId}/licenses/${id}`;
      for (const id of licenseIds)
        expect((await h.call('POST', `${path(id)}/cancel`, { key })).statusCode).toBe(200);
      const idempotencyKey = uniqueKey('undo-cancel');
      const { first, again } = await twice(`${path(licenseIds[0]!)}/undo-cancel`, { key, idempotencyKey });
      expectReplay(first, again);
      expect(first.json()).toMatchObject({ cancelAtPeriodEnd: false, renewsAt: '2026-02-01T00:00:00.000Z' });

      expectReused(await h.call('POST', `${path(licenseIds[1]!)}/undo-cancel`, { key, idempotencyKey }));
      expect((await h.call('GET', path(licenseIds[1]!))).json().cancelAtPeriodEnd).toBe(true);
    });

    story(
      'downgrade twice under one key → the first 200 replayed; another tier under it → 409',
      async (b) => {
        const { h, customerWith, twice } = b;
        const { accountId, key, licenseIds } = await customerWith('premium');
        const url = `/v1/accounts/${accountId}/licenses/${licenseIds[0]}/downgrade`;
        const idempotencyKey = uniqueKey('downgrade');
        const { first, again } = await twice(url, { key, idempotencyKey, body: { tier: 'pro' } });
        expectReplay(first, again);
        expect(first.json()).toMatchObject({
          pendingDowngrade: 'pro',
          downgradeEffectiveAt: '2026-02-01T00:00:00.000Z',
        });

        expectReused(await h.call('POST', url, { key, idempotencyKey, body: { tier: 'basic' } }));
        expect(
          (await h.call('GET', `/v1/accounts/${accountId}/licenses/${licenseIds[0]}`)).json(),
        ).toMatchObject({
          tier: 'premium',
          pendingDowngrade: 'pro',
        });
      },
    );

    story(
      'undo-downgrade twice under one key → the first 200 replayed, not 409 nothing_to_undo',
      async (b) => {
        const { h, customerWith, twice } = b;
        const { accountId, key, licenseIds } = await customerWith('premium', 2);
        const path = (id: string) => `/v1/accounts/${accountId}/licenses/${id}`;
        for (const id of licenseIds) {
          const down = await h.call('POST', `${path(id)}/downgrade`, { key, body: { tier: 'basic' } });
          expect(down.statusCode, down.body).toBe(200);
        }
        const idempotencyKey = uniqueKey('undo-downgrade');
        const { first, again } = await twice(`${path(licenseIds[0]!)}/undo-downgrade`, {
          key,
          idempotencyKey,
        });
        expectReplay(first, again);
        expect(first.json()).toMatchObject({
          tier: 'premium',
          pendingDowngrade: null,
          downgradeEffectiveAt: null,
        });

        expectReused(await h.call('POST', `${path(licenseIds[1]!)}/undo-downgrade`, { key, idempotencyKey }));
        expect((await h.call('GET', path(licenseIds[1]!))).json().pendingDowngrade).toBe('basic');
      },
    );

    story(
      'cancel-now twice under one key → one credit note, one $51.10 credit; another reason → 409',
      async (b) => {
        const { h, customerWith, twice } = b;
        const { accountId, licenseIds } = await customerWith('pro');
        // Jan 16: 16 of January's 31 days left of a $99.00 Pro month → $51.10.
        h.clock.set('2026-01-16T00:00:00Z');
        const url = `/v1/accounts/${accountId}/licenses/${licenseIds[0]}/cancel-now`;
        const idempotencyKey = uniqueKey('cancel-now');
        const { first, again } = await twice(url, { idempotencyKey, body: { reason: 'customer request' } });
        expectReplay(first, again);
        expect(first.json()).toMatchObject({
          credit: { amount: '51.10', unit: 'USD' },
          license: { status: 'removed' },
        });
        expect(await creditNotes(h.engine.db, accountId)).toBe(1);
        const usd = await h.engine.db.query<{ b: bigint }>(
          `SELECT balance_micros AS b FROM wallet_balances WHERE account_id = $1 AND unit = 'USD'`,
          [accountId],
        );
        expect(usd.map((r) => BigInt(r.b))).toEqual([51_100_000n]);

        const before = await rowCounts(h.engine.db);
        expectReused(await h.call('POST', url, { idempotencyKey, body: { reason: 'another reason' } }));
        expect(await rowCounts(h.engine.db)).toEqual(before);
      },
    );

    story('pay an open invoice twice under one key → one card charge, the first 200 replayed', async (b) => {
      const { h, fake, runner, customerWith, twice } = b;
      const { accountId, key, licenseIds } = await customerWith('pro');
      const defaultCard = async (number: string) => {
        const saved = await addPaymentMethod(h.engine, accountId, await fake.tokenize(number));
        if (!saved.ok) throw new Error(saved.failure.detail);
        const res = await h.call(
          'POST',
          `/v1/accounts/${accountId}/payment-methods/${saved.value.id}/default`,
        );
        expect(res.statusCode, res.body).toBe(200);
      };
      // The default card declines at the Feb 1 renewal: an open invoice, the license expired.
      await defaultCard(CARD.declined);
      h.clock.set('2026-02-01T00:00:01Z');
      await runner.runDue();
      const lic = (await h.call('GET', `/v1/accounts/${accountId}/licenses/${licenseIds[0]}`)).json();
      expect(lic.status).toBe('expired');
      await defaultCard(CARD.ok);

      const url = `/v1/accounts/${accountId}/booth-invoices/${lic.openInvoiceId}/pay`;
      const idempotencyKey = uniqueKey('pay');
      const charges = fake.calls('POST', '/v1/payment_intents');
      const { first, again } = await twice(url, { key, idempotencyKey });
      expectReplay(first, again);
      expect(first.json()).toMatchObject({
        invoiceId: lic.openInvoiceId,
        status: 'paid',
        total: { amount: '99.00', unit: 'USD' },
        reactivatedLicenseIds: [licenseIds[0]],
      });
      expect(fake.calls('POST', '/v1/payment_intents') - charges).toBe(1);

      // The key names one request: cancelling the reactivated license under it is another → 409.
      const before = await rowCounts(h.engine.db);
      const cancel = `/v1/accounts/${accountId}/licenses/${licenseIds[0]}/cancel`;
      expectReused(await h.call('POST', cancel, { key, idempotencyKey }));
      expect(await rowCounts(h.engine.db)).toEqual(before);
    });
  });
}
