import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../src/kernel/clock.js';
import { newId } from '../../../src/kernel/ids.js';
import { addPaymentMethod } from '../../../src/booth/billing/add-payment-method.js';
import { createAccount } from '../../../src/accounts/create-account.js';
import { endBoothSession } from '../../../src/booth/events/end-booth-session.js';
import { pauseEventsIfLocked } from '../../../src/booth/events/pause-events-if-locked.js';
import { reportOutputs } from '../../../src/booth/events/report-outputs.js';
import { startEvent } from '../../../src/booth/events/start-event.js';
import { claimOutputs } from '../../../src/booth/events/booth-store.js';
import type { Queryable } from '../../../src/kernel/db/database.js';
import { backends } from '../../support/databases.js';
import type { FakeCardProcessor } from '../../support/fake-card-processor.js';
import {
  type Harness,
  expectLedgerSound,
  issueKey,
  startHarness,
  startHarnessWithCards,
  uniqueKey,
} from '../../support/harness.js';

const T = 1_000_000n;

/** Licenses as licensing writes them (the fixture skips the purchase: that is issue 5's subject). */
async function giveLicenses(
  db: Queryable,
  accountId: string,
  tiers: ('basic' | 'pro' | 'premium')[],
  at: Date,
) {
  const orderId = newId('licenseOrder');
  await db.query(
    `INSERT INTO license_orders (id, account_id, idempotency_scope, idempotency_key, request_hash, product, period,
       quantity, catalog_version, status, total_micros, quote, created_at, updated_at)
     VALUES ($1, $2, 'fixture', $1, 'x', 'basic', 'monthly', 1, 1, 'paid', 0, '{}', $3, $3)`,
    [orderId, accountId, at],
  );
  const ids: string[] = [];
  for (const tier of tiers) {
    const id = newId('license');
    ids.push(id);
    await db.query(
      `INSERT INTO licenses (id, account_id, order_id, product, period, status, catalog_version, list_price_micros,
         period_list_micros, paid_micros, volume_rate_bp, period_anchor, current_period_start, current_period_end,
         created_at, updated_at)
       VALUES ($1, $2, $3, $4, 'monthly', 'active', 1, 49000000, 49000000, 49000000, 0, $5, $5, $6, $5, $5)`,
      [id, accountId, orderId, tier, at, new Date(at.getTime() + 31 * 86_400_000)],
    );
  }
  return ids;
}

async function tokenBalance(db: Queryable, accountId: string): Promise<bigint> {
  const rows = await db.query<{ b: bigint }>(
    `SELECT balance_micros AS b FROM wallet_balances WHERE account_id = $1 AND unit = 'TOKEN'`,
    [accountId],
  );
  return BigInt(rows[0]!.b);
}

/** Sum of TOKEN charges of the account whose description starts with `prefix`. */
async function charged(db: Queryable, accountId: string, prefix: string): Promise<bigint> {
  const rows = await db.query<{ s: string | null }>(
    `SELECT (-sum(amount_micros))::text AS s FROM transactions
     WHERE account_id = $1 AND unit = 'TOKEN' AND kind = 'charge' AND description LIKE $2`,
    [accountId, `${prefix}%`],
  );
  return BigInt(rows[0]!.s ?? '0');
}

for (const backend of backends) {
  describe(`booth events, licenses and tokens (${backend.name})`, () => {
    let h: Harness;
    let fake: FakeCardProcessor;
    const clock = new SimulatedClock('2026-03-01T10:00:00Z');

    const TEMPLATES = [
      ['tpl-ai-low', [{ kind: 'ai_image_low', count: 1 }], []],
      ['tpl-photo', [{ kind: 'photo', count: 2 }], []],
      [
        'tpl-video',
        [
          { kind: 'ai_video_high', count: 1 },
          { kind: 'text_message', count: 1 },
        ],
        [],
      ],
      ['tpl-branded', [{ kind: 'gif', count: 1 }], ['custom_branding']],
    ] as const;
    /** Templates belong to an account: each account gets the four test templates once. */
    const withTemplates = new Set<string>();
    async function defineTemplates(accountId: string) {
      if (withTemplates.has(accountId)) return;
      withTemplates.add(accountId);
      for (const [id, outputs, features] of TEMPLATES) {
        const res = await h.app.inject({
          method: 'PUT',
          url: `/v1/accounts/${accountId}/booth/templates/${id}`,
          headers: { authorization: `Bearer ${h.serviceKey}` },
          payload: { name: id, outputs, features },
        });
        expect(res.statusCode, res.body).toBe(200);
      }
    }

    beforeAll(async () => {
      ({ h, fake } = await startHarnessWithCards(backend, clock));
    });
    afterAll(async () => {
      await h?.close();
    });

    const send = (method: 'PUT' | 'DELETE', url: string, o: { key?: string; body?: unknown } = {}) =>
      h.app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${o.key ?? h.serviceKey}`, 'idempotency-key': uniqueKey('send') },
        ...(o.body === undefined ? {} : { payload: o.body as object }),
      });
    const put = (url: string, body: unknown) =>
      h.app.inject({
        method: 'PUT',
        url,
        headers: { authorization: `Bearer ${h.serviceKey}` },
        payload: body as object,
      });

    async function register(accountId: string, body: Record<string, unknown>) {
      await defineTemplates(accountId);
      const res = await h.call('POST', `/v1/accounts/${accountId}/events`, {
        key: h.serviceKey,
        body: { name: 'Gala', ...body },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: string; tag: string; status: string };
    }
    const start = (accountId: string, eventId: string) =>
      h.call('POST', `/v1/accounts/${accountId}/events/${eventId}/start`, { key: h.serviceKey });
    const end = (accountId: string, eventId: string) =>
      h.call('POST', `/v1/accounts/${accountId}/events/${eventId}/end`, { key: h.serviceKey });
    const report = (
      accountId: string,
      eventId: string,
      outputs: { outputId: string; sessionId: string; kind: string }[],
    ) =>
      h.call('POST', `/v1/accounts/${accountId}/events/${eventId}/outputs`, {
        key: h.serviceKey,
        body: { outputs },
      });

    it('grants 25 welcome tokens once, even when account creation is retried concurrently', async () => {
      const key = uniqueKey('acct');
      const attempts = await Promise.all(
        Array.from({ length: 8 }, () => createAccount(h.engine, h.service, { name: 'Concurrent' }, key)),
      );
      const ids = new Set(attempts.map((a) => (a.ok ? a.value.id : a.failure.code)));
      expect(ids.size).toBe(1);
      const [accountId] = [...ids] as [string];
      // A later retry (a replay) grants nothing more.
      expect((await createAccount(h.engine, h.service, { name: 'Concurrent' }, key)).ok).toBe(true);
      expect(await tokenBalance(h.engine.db, accountId)).toBe(25n * T);
      const promos = await h.engine.db.query(
        `SELECT amount_micros, description FROM transactions WHERE account_id = $1 AND unit = 'TOKEN'`,
        [accountId],
      );
      expect(promos).toEqual([{ amount_micros: 25n * T, description: 'Welcome bonus: 25 tokens' }]);
      const wallet = await h.call('GET', `/v1/accounts/${accountId}/tokens`);
      expect(wallet.json()).toMatchObject({
        balance: { amount: '25.000000', unit: 'TOKEN' },
        available: { amount: '25.000000', unit: 'TOKEN' },
        links: { history: `/v1/accounts/${accountId}/transactions?unit=TOKEN` },
      });
      await expectLedgerSound(h.engine.db);
    });

    it('shows each template’s token cost per session', async () => {
      const accountId = await h.openAccount();
      await defineTemplates(accountId);
      const base = `/v1/accounts/${accountId}/booth/templates`;
      const res = await h.call('GET', `${base}/tpl-video`);
      expect(res.json()).toMatchObject({
        costPerSession: { amount: '15.050000', unit: 'TOKEN' },
        tier: 'premium',
        paysForAi: true,
      });
      expect((await h.call('GET', `${base}/tpl-photo`)).json().costPerSession.amount).toBe('0.000000');
      expect((await h.call('GET', `${base}/nope`)).json().code).toBe('template_not_found');
      const bad = await put(`${base}/tpl-x`, { name: 'x', outputs: [], features: ['teleport'] });
      expect(bad.statusCode).toBe(400);
    });

    it('tags events by their highest feature; a Pro license cannot start a Premium event, a Premium one can', async () => {
      const accountId = await h.openAccount();
      expect((await register(accountId, { templateIds: ['tpl-photo'] })).tag).toBe('basic');
      expect((await register(accountId, { templateIds: ['tpl-branded'] })).tag).toBe('pro');
      expect((await register(accountId, { templateIds: ['tpl-ai-low'], features: ['gallery'] })).tag).toBe(
        'pro',
      );
      const premium = await register(accountId, { templateIds: ['tpl-video'] });
      expect(premium.tag).toBe('premium');
      expect((await register(accountId, { virtualBooth: true })).tag).toBe('premium');

      await giveLicenses(h.engine.db, accountId, ['pro'], clock.now());
      const refused = await start(accountId, premium.id);
      expect(refused.statusCode).toBe(409);
      expect(refused.json()).toMatchObject({
        code: 'no_license_available',
        requiredTier: 'premium',
        sufficientLicenses: 0,
      });

      const [premiumLicense] = await giveLicenses(h.engine.db, accountId, ['premium'], clock.now());
      const started = await start(accountId, premium.id);
      expect(started.statusCode, started.body).toBe(200);
      expect(started.json()).toMatchObject({
        status: 'running',
        license: { id: premiumLicense, tier: 'premium' },
      });
      // Starting it again is harmless.
      expect((await start(accountId, premium.id)).json().license.id).toBe(premiumLicense);
    });

    it('two simultaneous events need two licenses; the lowest sufficient license is taken; ending frees it', async () => {
      const accountId = await h.openAccount();
      const [basic, premium] = await giveLicenses(h.engine.db, accountId, ['basic', 'premium'], clock.now());
      const a = await register(accountId, { templateIds: ['tpl-photo'] });
      const b = await register(accountId, { templateIds: ['tpl-photo'] });
      const c = await register(accountId, { templateIds: ['tpl-photo'] });
      expect((await start(accountId, a.id)).json().license.id).toBe(basic);
      expect((await start(accountId, b.id)).json().license.id).toBe(premium);
      const third = await start(accountId, c.id);
      expect(third.statusCode).toBe(409);
      expect(third.json()).toMatchObject({
        code: 'no_license_available',
        sufficientLicenses: 2,
        sufficientLicensesInUse: 2,
      });
      const ended = await end(accountId, a.id);
      expect(ended.json()).toMatchObject({ status: 'ended', license: null });
      expect((await start(accountId, c.id)).json().license.id).toBe(basic);
      expect((await start(accountId, a.id)).json().code).toBe('event_ended');

      const list = await h.call('GET', `/v1/accounts/${accountId}/events?limit=2`);
      expect(list.json().data).toHaveLength(2);
      expect(list.json().nextCursor).toBe(list.json().data[1].id);
      const rest = await h.call(
        'GET',
        `/v1/accounts/${accountId}/events?limit=2&cursor=${list.json().nextCursor}`,
      );
      expect(rest.json().data.map((e: { id: string }) => e.id)).toEqual([a.id]);
    });

    it('a locked account starts nothing and its running events pause, with the reason', async () => {
      const accountId = await h.openAccount();
      const event = await register(accountId, { templateIds: ['tpl-ai-low'] });
      const locked = await start(accountId, event.id);
      expect(locked.statusCode).toBe(409);
      expect(locked.json()).toMatchObject({ code: 'account_locked', reason: 'no_active_base_license' });

      const [pro, basic] = await giveLicenses(h.engine.db, accountId, ['pro', 'basic'], clock.now());
      const other = await register(accountId, { templateIds: ['tpl-photo'] });
      expect((await start(accountId, event.id)).json().license.id).toBe(pro);
      expect((await start(accountId, other.id)).json().license.id).toBe(basic);

      // The Basic license ends: nothing else is free, so that event pauses; the Pro one runs on.
      await h.engine.db.query(`UPDATE licenses SET status = 'removed' WHERE id = $1`, [basic]);
      await pauseEventsIfLocked(h.engine, accountId);
      const afterOne = (await h.call('GET', `/v1/accounts/${accountId}/events`)).json().data as {
        id: string;
        status: string;
        pauseReason: string | null;
      }[];
      expect(afterOne.find((e) => e.id === other.id)).toMatchObject({ status: 'paused' });
      expect(afterOne.find((e) => e.id === other.id)!.pauseReason).toMatch(/^license_ended/);
      expect(afterOne.find((e) => e.id === event.id)).toMatchObject({ status: 'running' });

      await h.engine.db.query(`UPDATE licenses SET status = 'expired' WHERE id = $1`, [pro]);
      await pauseEventsIfLocked(h.engine, accountId);
      await pauseEventsIfLocked(h.engine, accountId); // idempotent
      const paused = (await h.call('GET', `/v1/accounts/${accountId}/events?status=paused`)).json().data;
      expect(paused).toHaveLength(2);
      expect(paused.find((e: { id: string }) => e.id === event.id)).toMatchObject({ license: null });
      expect(paused.find((e: { id: string }) => e.id === event.id).pauseReason).toMatch(/^account_locked: /);
      // Its outputs are refused while paused; the reason is given.
      const out = await report(accountId, event.id, [
        { outputId: 'o-locked', sessionId: 's1', kind: 'photo' },
      ]);
      expect(out.json().results[0]).toMatchObject({ status: 'refused', code: 'event_not_running' });
      expect(out.json().results[0].detail).toMatch(/paused \(account_locked/);
      expect((await start(accountId, event.id)).json().code).toBe('account_locked');
      // A renewed license lets it resume.
      await giveLicenses(h.engine.db, accountId, ['pro'], clock.now());
      expect((await start(accountId, event.id)).json().status).toBe('running');
    });

    it('a running event whose license ends moves to another free license of its tier or higher', async () => {
      const accountId = await h.openAccount();
      const [pro, premium] = await giveLicenses(h.engine.db, accountId, ['pro', 'premium'], clock.now());
      const event = await register(accountId, { templateIds: ['tpl-branded'] });
      expect((await start(accountId, event.id)).json().license.id).toBe(pro);
      await h.engine.db.query(`UPDATE licenses SET status = 'expired' WHERE id = $1`, [pro]);
      await pauseEventsIfLocked(h.engine, accountId);
      const [moved] = (await h.call('GET', `/v1/accounts/${accountId}/events`)).json().data;
      expect(moved).toMatchObject({
        id: event.id,
        status: 'running',
        license: { id: premium, tier: 'premium' },
      });
      const assignments = await h.engine.db.query(
        `SELECT license_id, released_at IS NOT NULL AS released FROM booth_event_licenses WHERE event_id = $1 ORDER BY id`,
        [event.id],
      );
      expect(assignments).toEqual([
        { license_id: pro, released: true },
        { license_id: premium, released: false },
      ]);
    });

    it('charges outputs once per output id; a batch pays what the balance allows, refusing only the rest', async () => {
      const accountId = await h.openAccount(); // 25 welcome tokens
      await giveLicenses(h.engine.db, accountId, ['premium'], clock.now());
      const event = await register(accountId, { templateIds: ['tpl-video'] });
      await start(accountId, event.id);

      const first = await report(accountId, event.id, [
        { outputId: 'o1', sessionId: 's1', kind: 'ai_image_high' }, // 2
        { outputId: 'o2', sessionId: 's1', kind: 'text_message' }, // 0.05
      ]);
      expect(first.statusCode, first.body).toBe(200);
      expect(first.json()).toMatchObject({
        charged: { amount: '2.050000' },
        balance: { amount: '22.950000' },
      });
      // The same report again (a retry), and o1 inside a new batch: charged once.
      const again = await report(accountId, event.id, [
        { outputId: 'o1', sessionId: 's1', kind: 'ai_image_high' },
        { outputId: 'o2', sessionId: 's1', kind: 'text_message' },
      ]);
      expect(again.json().results.map((r: { replayed: boolean }) => r.replayed)).toEqual([true, true]);
      expect(again.json().charged.amount).toBe('0.000000');
      expect(again.json().results[0].transactionId).toBe(first.json().transactionId);
      expect(await tokenBalance(h.engine.db, accountId)).toBe(22_950_000n);

      // 22.95 left: 15 fits, the next 15 does not (refused, nothing charged), 5 and a photo still do.
      const mixed = await report(accountId, event.id, [
        { outputId: 'o3', sessionId: 's2', kind: 'ai_video_high' },
        { outputId: 'o4', sessionId: 's2', kind: 'ai_video_high' },
        { outputId: 'o5', sessionId: 's2', kind: 'ai_video_low' },
        { outputId: 'o6', sessionId: 's2', kind: 'photo' },
        { outputId: 'o1', sessionId: 's1', kind: 'ai_image_high' },
        { outputId: 'o2', sessionId: 's9', kind: 'text_message' },
      ]);
      const r = mixed.json();
      expect(r.results.map((x: { status: string; code?: string }) => x.code ?? x.status)).toEqual([
        'recorded',
        'insufficient_tokens',
        'recorded',
        'recorded',
        'recorded',
        'output_id_reused',
      ]);
      expect(r.charged.amount).toBe('20.000000');
      expect(r.balance.amount).toBe('2.950000');
      expect(await tokenBalance(h.engine.db, accountId)).toBe(2_950_000n);
      expect(
        await h.engine.db.query(`SELECT 1 FROM booth_outputs WHERE account_id = $1 AND output_id = 'o4'`, [
          accountId,
        ]),
      ).toHaveLength(0);
      // Free outputs keep working at zero tokens; the refused output can be reported again later.
      const retry = await report(accountId, event.id, [
        { outputId: 'o4', sessionId: 's2', kind: 'ai_video_high' },
      ]);
      expect(retry.json().results[0]).toMatchObject({ status: 'refused', code: 'insufficient_tokens' });
      expect(retry.json().balance.amount).toBe('2.950000');
      expect(await charged(h.engine.db, accountId, 'Booth outputs')).toBe(22_050_000n);

      // The same id twice in one batch: charged once; with other fields, refused.
      const twice = await report(accountId, event.id, [
        { outputId: 'd1', sessionId: 's3', kind: 'text_message' },
        { outputId: 'd1', sessionId: 's3', kind: 'text_message' },
        { outputId: 'd1', sessionId: 's3', kind: 'photo' },
      ]);
      expect(
        twice
          .json()
          .results.map((x: { status: string; replayed: boolean; code?: string }) => [
            x.status,
            x.replayed,
            x.code,
          ]),
      ).toEqual([
        ['recorded', false, undefined],
        ['recorded', true, undefined],
        ['refused', false, 'output_id_reused'],
      ]);
      expect(twice.json().charged.amount).toBe('0.050000');
      expect(await tokenBalance(h.engine.db, accountId)).toBe(2_900_000n);
      await expectLedgerSound(h.engine.db);
    });

    it('a charge a failed report left unwritten is written by the next report of its outputs, once', async () => {
      const accountId = await h.openAccount();
      await giveLicenses(h.engine.db, accountId, ['pro'], clock.now());
      const event = await register(accountId, { templateIds: ['tpl-ai-low'] });
      await start(accountId, event.id);
      // The first report died after recording its outputs, before its Charge.
      await claimOutputs(h.engine.db, {
        accountId,
        eventId: event.id,
        outputs: [
          { outputId: 'lost-1', sessionId: 's', kind: 'ai_image_low' },
          { outputId: 'lost-2', sessionId: 's', kind: 'ai_image_low' },
        ],
        transactionId: newId('transaction'),
        now: clock.now(),
      });
      const soon = await report(accountId, event.id, [
        { outputId: 'lost-1', sessionId: 's', kind: 'ai_image_low' },
      ]);
      expect(soon.json().results[0]).toMatchObject({ status: 'refused', code: 'output_in_progress' });
      clock.advance(31_000);
      const later = await report(accountId, event.id, [
        { outputId: 'lost-1', sessionId: 's', kind: 'ai_image_low' },
        { outputId: 'lost-2', sessionId: 's', kind: 'ai_image_low' },
      ]);
      expect(later.json().results.map((x: { status: string }) => x.status)).toEqual(['recorded', 'recorded']);
      await report(accountId, event.id, [{ outputId: 'lost-2', sessionId: 's', kind: 'ai_image_low' }]);
      expect(await tokenBalance(h.engine.db, accountId)).toBe(23n * T);
      await expectLedgerSound(h.engine.db);
    });

    it('virtual booth: 600 sessions, 30 of the last 100 with an AI output → exactly 70 session tokens plus the AI outputs', async () => {
      const accountId = await h.openAccount();
      await h.fund(accountId, '1000', 'TOKEN');
      await giveLicenses(h.engine.db, accountId, ['premium'], clock.now());
      const event = await register(accountId, {
        virtualBooth: true,
        templateIds: ['tpl-photo', 'tpl-ai-low'],
      });
      expect((await start(accountId, event.id)).json().status).toBe('running');
      const aiSessions = new Set(Array.from({ length: 30 }, (_, i) => 501 + i * 3)); // 30 of sessions 501-600
      const outputs = [];
      for (let n = 1; n <= 600; n++) {
        outputs.push({ outputId: `vb-photo-${n}`, sessionId: `vs-${n}`, kind: 'photo' as const });
        if (aiSessions.has(n) || (n <= 500 && n % 50 === 0))
          outputs.push({ outputId: `vb-ai-${n}`, sessionId: `vs-${n}`, kind: 'ai_image_high' as const });
      }
      for (let i = 0; i < outputs.length; i += 500) {
        const res = await report(accountId, event.id, outputs.slice(i, i + 500));
        expect(res.statusCode).toBe(200);
      }
      // Sessions ≤ 500 with an AI output (every 50th) do not count towards the last 100.
      const aiCount = outputs.filter((o) => o.kind === 'ai_image_high').length;
      for (let n = 1; n <= 600; n++) {
        const ended = await endBoothSession(h.engine, { accountId, eventId: event.id, sessionId: `vs-${n}` });
        expect(ended.ok).toBe(true);
      }
      // Ending a session again changes nothing.
      const again = await h.call('POST', `/v1/accounts/${accountId}/events/${event.id}/sessions/vs-599/end`, {
        key: h.serviceKey,
      });
      expect(again.json()).toMatchObject({
        ordinal: 599,
        virtualBoothToken: { amount: '1.000000' },
        settled: true,
      });
      const withAi = await h.call(
        'POST',
        `/v1/accounts/${accountId}/events/${event.id}/sessions/vs-501/end`,
        { key: h.serviceKey },
      );
      expect(withAi.json()).toMatchObject({
        ordinal: 501,
        paidForAi: true,
        virtualBoothToken: { amount: '0.000000' },
      });
      expect(await charged(h.engine.db, accountId, 'Virtual booth session')).toBe(70n * T);
      expect(await charged(h.engine.db, accountId, 'Booth outputs')).toBe(BigInt(aiCount) * 2n * T);
      expect(await tokenBalance(h.engine.db, accountId)).toBe(1025n * T - 70n * T - BigInt(aiCount) * 2n * T);
      await expectLedgerSound(h.engine.db);
    });

    it('a virtual booth session token the balance cannot pay is refused with the balance and paid on a later retry', async () => {
      const accountId = await h.openAccount();
      await giveLicenses(h.engine.db, accountId, ['premium'], clock.now());
      const event = await register(accountId, { virtualBooth: true });
      await start(accountId, event.id);
      await h.engine.db.query(`UPDATE booth_events SET sessions_ended = 500 WHERE id = $1`, [event.id]);
      await report(
        accountId,
        event.id,
        Array.from({ length: 5 }, (_, i) => ({
          outputId: `burn-${i}`,
          sessionId: 'burn',
          kind: 'ai_video_low',
        })),
      );
      expect(await tokenBalance(h.engine.db, accountId)).toBe(0n);
      const owed = await h.call('POST', `/v1/accounts/${accountId}/events/${event.id}/sessions/late/end`, {
        key: h.serviceKey,
      });
      expect(owed.statusCode).toBe(422);
      expect(owed.json()).toMatchObject({
        code: 'insufficient_tokens',
        available: '0.000000',
        required: '1.000000',
      });
      await h.fund(accountId, '3', 'TOKEN');
      const paid = await h.call('POST', `/v1/accounts/${accountId}/events/${event.id}/sessions/late/end`, {
        key: h.serviceKey,
      });
      expect(paid.json()).toMatchObject({ ordinal: 501, settled: true });
      expect(await tokenBalance(h.engine.db, accountId)).toBe(2n * T);
    });

    it('buys token packs with the default card: usable at once, once per key; a declined card adds nothing', async () => {
      const accountId = await h.openAccount();
      const saved = await addPaymentMethod(h.engine, accountId, await fake.tokenize('4242424242424242'));
      expect(saved.ok).toBe(true);
      const key = uniqueKey('tokens');
      const bought = await h.call('POST', `/v1/accounts/${accountId}/tokens/purchases`, {
        body: { pack: 1000, quantity: 2 },
        idempotencyKey: key,
      });
      expect(bought.statusCode, bought.body).toBe(201);
      expect(bought.json()).toMatchObject({
        status: 'paid',
        tokens: { amount: '2000.000000' },
        price: { amount: '240.00', unit: 'USD' },
      });
      expect(await tokenBalance(h.engine.db, accountId)).toBe(2025n * T);
      const replay = await h.call('POST', `/v1/accounts/${accountId}/tokens/purchases`, {
        body: { pack: 1000, quantity: 2 },
        idempotencyKey: key,
      });
      expect(replay.json().id).toBe(bought.json().id);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(await tokenBalance(h.engine.db, accountId)).toBe(2025n * T);
      const conflict = await h.call('POST', `/v1/accounts/${accountId}/tokens/purchases`, {
        body: { pack: 100, quantity: 1 },
        idempotencyKey: key,
      });
      expect(conflict.statusCode).toBe(409);
      const lines = await h.engine.db.query<{ kind: string; amount_micros: bigint; description: string }>(
        `SELECT l.kind, l.amount_micros, l.description FROM booth_invoice_lines l JOIN booth_invoices i ON i.id = l.invoice_id
         WHERE i.account_id = $1`,
        [accountId],
      );
      expect(lines).toEqual([
        { kind: 'token_top_up', amount_micros: 240n * T, description: 'Token top-up: 1,000 tokens' },
      ]);

      const poor = await h.openAccount();
      expect((await addPaymentMethod(h.engine, poor, await fake.tokenize('4000000000000341'))).ok).toBe(true);
      const declined = await h.call('POST', `/v1/accounts/${poor}/tokens/purchases`, { body: { pack: 100 } });
      expect(declined.statusCode).toBe(402);
      expect(declined.json().code).toBe('token_purchase_declined');
      expect(await tokenBalance(h.engine.db, poor)).toBe(25n * T);

      const noCard = await h.openAccount();
      const refused = await h.call('POST', `/v1/accounts/${noCard}/tokens/purchases`, {
        body: { pack: 100 },
      });
      expect(refused.json().code).toBe('no_default_payment_method');
      expect(
        await h.engine.db.query(`SELECT 1 FROM booth_token_purchases WHERE account_id = $1`, [noCard]),
      ).toHaveLength(0);
      await expectLedgerSound(h.engine.db);
    });

    it('estimates an event: 3 hours of a 1-token template at 30–55 sessions/h → 90–165 tokens, packs for the shortfall', async () => {
      const accountId = await h.openAccount();
      await defineTemplates(accountId);
      const res = await h.call('POST', `/v1/accounts/${accountId}/tokens/estimate`, {
        body: { templateIds: ['tpl-ai-low'], hours: 3 },
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        sessions: { min: 90, max: 165 },
        sessionsPerHour: { min: 30, max: 55 },
        tokens: { min: { amount: '90.000000' }, max: { amount: '165.000000' } },
        available: { amount: '25.000000' },
        shortfall: { amount: '140.000000' },
        packs: {
          items: [{ tokens: 100, count: 2, price: { amount: '20.00' } }],
          tokens: 200,
          price: { amount: '40.00', unit: 'USD' },
        },
      });
      const packs = await h.call('GET', '/v1/booth/token-packs');
      expect(packs.json().data[6]).toEqual({
        tokens: 20000,
        price: { amount: '1400.00', unit: 'USD' },
        pricePerToken: { amount: '0.07', unit: 'USD' },
      });
    });

    it('checks outputs against the event tier: a Basic event refuses ai_video_high (0 charged), a Premium one pays 15', async () => {
      const accountId = await h.openAccount();
      await giveLicenses(h.engine.db, accountId, ['basic'], clock.now());
      const basic = await register(accountId, { features: [] });
      expect(basic.tag).toBe('basic');
      expect((await start(accountId, basic.id)).statusCode).toBe(200);
      const before = await tokenBalance(h.engine.db, accountId);
      expect(before).toBe(25n * T);

      for (const kind of ['ai_video_high', 'premium_background_removal', 'ai_image_low']) {
        const refused = await report(accountId, basic.id, [
          { outputId: `b-photo-${kind}`, sessionId: 's1', kind: 'photo' },
          { outputId: `b-${kind}`, sessionId: 's1', kind },
        ]);
        expect(refused.statusCode, refused.body).toBe(403);
        expect(refused.headers['content-type']).toContain('application/problem+json');
        expect(refused.json()).toMatchObject({
          code: 'feature_not_in_event_tier',
          eventTag: 'basic',
          kinds: [kind],
        });
      }
      // Nothing recorded (not even the free photo of the refused batches) and nothing charged.
      expect(
        await h.engine.db.query(`SELECT 1 FROM booth_outputs WHERE account_id = $1`, [accountId]),
      ).toHaveLength(0);
      expect(await tokenBalance(h.engine.db, accountId)).toBe(25n * T);
      expect(await charged(h.engine.db, accountId, 'Booth outputs')).toBe(0n);

      // A kind the catalog does not list: 422, nothing written.
      const unknown = await report(accountId, basic.id, [
        { outputId: 'u-1', sessionId: 's1', kind: 'ai_hologram' },
      ]);
      expect(unknown.statusCode).toBe(422);
      expect(unknown.json()).toMatchObject({ code: 'unknown_output_kind', kinds: ['ai_hologram'] });
      // Basic outputs are fine on a Basic event: a text message costs the catalog's 0.05.
      const ok = await report(accountId, basic.id, [
        { outputId: 'b-text', sessionId: 's1', kind: 'text_message' },
      ]);
      expect(ok.json().charged).toEqual({ amount: '0.050000', unit: 'TOKEN' });

      // A Premium event (registered with ai_video) on a Premium license is charged 15 tokens.
      await giveLicenses(h.engine.db, accountId, ['premium'], clock.now());
      const premium = await register(accountId, { templateIds: ['tpl-video'] });
      expect(premium.tag).toBe('premium');
      expect((await start(accountId, premium.id)).statusCode).toBe(200);
      const paid = await report(accountId, premium.id, [
        { outputId: 'p-video', sessionId: 's1', kind: 'ai_video_high' },
      ]);
      expect(paid.statusCode, paid.body).toBe(200);
      expect(paid.json().charged).toEqual({ amount: '15.000000', unit: 'TOKEN' });
      expect(await tokenBalance(h.engine.db, accountId)).toBe(25n * T - 50_000n - 15n * T);
      await expectLedgerSound(h.engine.db);
    });

    it('output token costs come from the catalog in force; recorded outputs keep the cost they were charged', async () => {
      const accountId = await h.openAccount();
      await giveLicenses(h.engine.db, accountId, ['premium'], clock.now());
      const event = await register(accountId, { templateIds: ['tpl-video'] });
      await start(accountId, event.id);
      expect(
        (
          await report(accountId, event.id, [{ outputId: 'c-1', sessionId: 's', kind: 'ai_video_high' }])
        ).json().charged.amount,
      ).toBe('15.000000');
      const catalog = (await h.call('GET', '/v1/booth/catalog')).json();
      const outputs = Object.fromEntries(
        (
          catalog.outputs as {
            kind: string;
            name: string;
            tokens: { amount: string };
            tier: string;
            ai: boolean;
          }[]
        ).map((o) => [o.kind, { name: o.name, tokens: o.tokens.amount, tier: o.tier, ai: o.ai }]),
      );
      expect(outputs.ai_video_high).toEqual({
        name: 'AI video, high processing',
        tokens: '15.000000',
        tier: 'premium',
        ai: true,
      });
      const usdOf = (m: { amount: string }) => ({ amount: m.amount, unit: 'USD' });
      const prices = Object.fromEntries(
        (catalog.tiers as { tier: string; monthly: { amount: string }; annual: { amount: string } }[]).map(
          (t) => [t.tier, { monthly: usdOf(t.monthly), annual: usdOf(t.annual) }],
        ),
      );
      const updated = await send('PUT', '/v1/booth/catalog', {
        key: h.operatorKey,
        body: {
          prices: { ...prices, enterpriseAnnual: usdOf(catalog.enterprise.annual) },
          outputs: { ...outputs, ai_video_high: { ...outputs.ai_video_high, tokens: '5.5' } },
          reason: 'cheaper AI video',
        },
      });
      expect(updated.statusCode, updated.body).toBe(201);
      try {
        const after = await report(accountId, event.id, [
          { outputId: 'c-1', sessionId: 's', kind: 'ai_video_high' },
          { outputId: 'c-2', sessionId: 's', kind: 'ai_video_high' },
        ]);
        expect(after.json().results.map((r: { tokens: { amount: string } }) => r.tokens.amount)).toEqual([
          '15.000000',
          '5.500000',
        ]);
        expect(after.json().charged.amount).toBe('5.500000');
        const tpl = await h.call('GET', `/v1/accounts/${accountId}/booth/templates/tpl-video`);
        expect(tpl.json().costPerSession.amount).toBe('5.550000');
      } finally {
        const back = await send('PUT', '/v1/booth/catalog', {
          key: h.operatorKey,
          body: {
            prices: { ...prices, enterpriseAnnual: usdOf(catalog.enterprise.annual) },
            outputs,
            reason: 'back',
          },
        });
        expect(back.statusCode, back.body).toBe(201);
      }
    });

    it('templates belong to an account: another account’s template is not found, and ids do not collide', async () => {
      const a = await h.openAccount();
      const b = await h.openAccount();
      const put1 = await put(`/v1/accounts/${a}/booth/templates/portrait`, {
        name: 'Portrait',
        outputs: [{ kind: 'ai_image_high', count: 1 }],
      });
      expect(put1.json().costPerSession.amount).toBe('2.000000');
      const put2 = await put(`/v1/accounts/${b}/booth/templates/portrait`, {
        name: 'Portrait B',
        outputs: [{ kind: 'photo', count: 1 }],
      });
      expect(put2.json().costPerSession.amount).toBe('0.000000');
      expect((await h.call('GET', `/v1/accounts/${a}/booth/templates/portrait`)).json().name).toBe(
        'Portrait',
      );
      const customerB = (await issueKey(h.engine, 'customer', b)).secret;
      const other = await h.call('GET', `/v1/accounts/${a}/booth/templates/portrait`, { key: customerB });
      expect(other.statusCode).toBe(404);
      const list = await h.call('GET', `/v1/accounts/${b}/booth/templates`, { key: customerB });
      expect(
        list
          .json()
          .data.map((t: { name: string; costPerSession: { amount: string } }) => [
            t.name,
            t.costPerSession.amount,
          ]),
      ).toEqual([['Portrait B', '0.000000']]);
      // B cannot register an event nor estimate with A's template id that B does not have.
      expect((await send('DELETE', `/v1/accounts/${b}/booth/templates/portrait`)).json().archived).toBe(true);
      const reg = await h.call('POST', `/v1/accounts/${b}/events`, {
        key: h.serviceKey,
        body: { name: 'x', templateIds: ['portrait'] },
      });
      expect(reg.statusCode).toBe(404);
      const est = await h.call('POST', `/v1/accounts/${b}/tokens/estimate`, {
        body: { templateIds: ['portrait'], hours: 1 },
      });
      expect(est.json().code).toBe('template_not_found');
      const bad = await put(`/v1/accounts/${a}/booth/templates/bad`, {
        name: 'Bad',
        outputs: [{ kind: 'hologram', count: 1 }],
      });
      expect(bad.statusCode).toBe(422);
      expect(await h.engine.db.query(`SELECT 1 FROM booth_account_templates WHERE id = 'bad'`)).toHaveLength(
        0,
      );
    });

    it('documents its routes in the OpenAPI document', async () => {
      const doc = (await h.call('GET', '/openapi.json')).json();
      for (const path of [
        '/v1/accounts/{accountId}/events',
        '/v1/accounts/{accountId}/events/{eventId}/start',
        '/v1/accounts/{accountId}/events/{eventId}/end',
        '/v1/accounts/{accountId}/events/{eventId}/outputs',
        '/v1/accounts/{accountId}/events/{eventId}/sessions/{sessionId}/end',
        '/v1/accounts/{accountId}/tokens',
        '/v1/accounts/{accountId}/tokens/purchases',
        '/v1/accounts/{accountId}/tokens/estimate',
        '/v1/booth/token-packs',
        '/v1/accounts/{accountId}/booth/templates',
        '/v1/accounts/{accountId}/booth/templates/{templateId}',
      ]) {
        expect(Object.keys(doc.paths)).toContain(path);
      }
    });

    it('refuses unknown fields, other accounts and unknown events', async () => {
      const accountId = await h.openAccount();
      const extra = await h.call('POST', `/v1/accounts/${accountId}/events`, {
        key: h.serviceKey,
        body: { name: 'x', price: 1 },
      });
      expect(extra.json().code).toBe('unknown_field');
      expect(
        (await report(accountId, 'evt_nope', [{ outputId: 'x', sessionId: 's', kind: 'photo' }])).json().code,
      ).toBe('event_not_found');
      const { secret } = await (
        await import('../../support/harness.js')
      ).issueKey(h.engine, 'customer', accountId);
      const other = await h.openAccount();
      expect((await h.call('GET', `/v1/accounts/${other}/tokens`, { key: secret })).statusCode).toBe(404);
      expect(
        (await h.call('POST', `/v1/accounts/${accountId}/events`, { key: secret, body: { name: 'x' } }))
          .statusCode,
      ).toBe(403);
    });

    if (backend.name === 'postgres') {
      it('concurrent starts never put one license on two events (PostgreSQL)', async () => {
        const accountId = await h.openAccount();
        const licenses = await giveLicenses(
          h.engine.db,
          accountId,
          ['basic', 'pro', 'pro', 'premium'],
          clock.now(),
        );
        const other = await startHarness(backend, { clock, database: h.database });
        try {
          const events = [];
          for (let i = 0; i < 10; i++) events.push(await register(accountId, { templateIds: ['tpl-photo'] }));
          const results = await Promise.all(
            events.map((e, i) => startEvent(i % 2 ? h.engine : other.engine, { accountId, eventId: e.id })),
          );
          const started = results.filter((r) => r.ok);
          expect(started).toHaveLength(4);
          expect(results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.failure.code))).toEqual(
            Array(6).fill('no_license_available'),
          );
          const held = started.map((r) => (r.ok ? r.value.license!.id : ''));
          expect(new Set(held)).toEqual(new Set(licenses));
        } finally {
          await other.close();
        }
      });

      it('high-rate concurrent reports on one account never overdraw (PostgreSQL, two engines)', async () => {
        const accountId = await h.openAccount(); // 25 tokens
        await h.fund(accountId, '75', 'TOKEN'); // 100
        await giveLicenses(h.engine.db, accountId, ['pro'], clock.now());
        const event = await register(accountId, { templateIds: ['tpl-ai-low'] });
        await start(accountId, event.id);
        const other = await startHarness(backend, { clock, database: h.database });
        try {
          const batches = Array.from({ length: 40 }, (_, b) =>
            Array.from({ length: 10 }, (_, i) => ({
              outputId: `hot-${b}-${i}`,
              sessionId: `s${b}`,
              kind: 'ai_image_low' as const,
            })),
          );
          const results = await Promise.all(
            batches.map((outputs, b) =>
              reportOutputs(b % 2 ? h.engine : other.engine, { accountId, eventId: event.id, outputs }),
            ),
          );
          const all = results.flatMap((r) => (r.ok ? r.value.results : []));
          expect(all).toHaveLength(400);
          expect(all.filter((r) => r.status === 'recorded')).toHaveLength(100);
          expect(all.filter((r) => r.code === 'insufficient_tokens')).toHaveLength(300);
          expect(await tokenBalance(h.engine.db, accountId)).toBe(0n);
          expect(await charged(h.engine.db, accountId, 'Booth outputs')).toBe(100n * T);
          const rows = await h.engine.db.query(
            `SELECT count(*)::int8 AS n FROM booth_outputs WHERE event_id = $1`,
            [event.id],
          );
          expect(rows[0]!.n).toBe(100n);
          await expectLedgerSound(h.engine.db);
        } finally {
          await other.close();
        }
      });
    }
  });
}
