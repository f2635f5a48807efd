import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../src/kernel/clock.js';
import { registerLicenseWork } from '../../../src/booth/licenses/license-work.js';
import { DueWorkRunner } from '../../../src/kernel/jobs/due-work-runner.js';
import { addPaymentMethod } from '../../../src/booth/billing/add-payment-method.js';
import { findBoothInvoice } from '../../../src/booth/billing/booth-invoice-store.js';
import { findDunning } from '../../../src/booth/licenses/dunning-store.js';
import { findNotification } from '../../../src/notify/notification-store.js';
import { renderEmail } from '../../../src/notify/email.js';
import type { ServiceContext } from '../../../src/server/context.js';
import { backends } from '../../support/databases.js';
import type { FakeCardProcessor } from '../../support/fake-card-processor.js';
import { type Harness, expectLedgerSound, startHarnessWithCards, uniqueKey } from '../../support/harness.js';

const PAYS = '4242424242424242';
const DECLINES = '4000000000000341'; // attaches, then every charge is declined
const $ = (amount: string) => ({ amount, unit: 'USD' });

/**
 * Dunning of a declined renewal (issue 16, item 11): one Pro monthly license at $99.00 bought on
 * 1 Jan 2026 renews on 1 Feb 2026 on a card that declines; retries on days 1, 3 and 5 (2, 4 and
 * 6 Feb at 00:00 UTC), each one notified. Each story starts its own engine and clock.
 */
for (const backend of backends) {
  // Each story starts its own engine (migrations included): slow on a loaded machine.
  describe(`dunning of a declined renewal (${backend.name})`, { timeout: 300_000 }, () => {
    async function story(options: { retryDays?: number[] } = {}) {
      const clock = new SimulatedClock('2026-01-01T00:00:00Z');
      const { h, fake } = await startHarnessWithCards(backend, clock);
      const ctx: ServiceContext = h.engine;
      const runner = registerLicenseWork(new DueWorkRunner(ctx), { dunningRetryDays: options.retryDays });
      const acct = await h.openAccount();
      await card(ctx, fake, acct, PAYS, h);
      const q = await h.call('POST', `/v1/accounts/${acct}/licenses/quote`, {
        body: { product: 'pro', period: 'monthly', quantity: 1 },
        idempotencyKey: null,
      });
      const bought = await h.call('POST', `/v1/accounts/${acct}/licenses`, {
        body: { product: 'pro', period: 'monthly', quantity: 1, expectedTotal: q.json().total },
        idempotencyKey: uniqueKey('buy'),
      });
      expect(bought.statusCode, bought.body).toBe(201);
      expect(bought.json().total).toEqual($('99.00'));
      const eventId = await startedEvent(h, acct);
      await card(ctx, fake, acct, DECLINES, h);
      const at = async (iso: string) => {
        clock.set(iso);
        await runner.runDue();
      };
      return { h, fake, ctx, acct, eventId, at };
    }

    async function card(
      ctx: ServiceContext,
      fake: FakeCardProcessor,
      acct: string,
      number: string,
      h: Harness,
    ) {
      const saved = await addPaymentMethod(ctx, acct, await fake.tokenize(number));
      if (!saved.ok) throw new Error(saved.failure.detail);
      const res = await h.call('POST', `/v1/accounts/${acct}/payment-methods/${saved.value.id}/default`);
      expect(res.statusCode, res.body).toBe(200);
    }

    async function startedEvent(h: Harness, acct: string) {
      const tpl = await h.app.inject({
        method: 'PUT',
        url: `/v1/accounts/${acct}/booth/templates/ai`,
        headers: { authorization: `Bearer ${h.serviceKey}` },
        payload: { name: 'AI portrait', outputs: [{ kind: 'ai_image_high', count: 1 }] },
      });
      expect(tpl.statusCode, tpl.body).toBe(200);
      const event = await h.call('POST', `/v1/accounts/${acct}/events`, {
        key: h.serviceKey,
        body: { name: 'Gala', templateIds: ['ai'] },
      });
      const id = event.json().id as string;
      const started = await h.call('POST', `/v1/accounts/${acct}/events/${id}/start`, { key: h.serviceKey });
      expect(started.json().status).toBe('running');
      return id;
    }

    const license = async (h: Harness, acct: string) =>
      (await h.call('GET', `/v1/accounts/${acct}/licenses`)).json().data[0] as {
        id: string;
        status: string;
        renewsAt: string | null;
        openInvoiceId?: string | null;
      };
    const eventStatus = async (h: Harness, acct: string, eventId: string) =>
      (await h.call('GET', `/v1/accounts/${acct}/events`))
        .json()
        .data.find((e: { id: string }) => e.id === eventId) as { status: string; pauseReason: string | null };
    const notes = (h: Harness, acct: string) =>
      h.engine.db.query<{ id: string; type: string; payload: Record<string, string> }>(
        `SELECT id, type, payload FROM notifications WHERE account_id = $1 AND type LIKE 'booth.%'
         AND type <> 'booth.event_resumed' ORDER BY created_at, id`,
        [acct],
      );

    it('declined on 1 Feb, retry 1 (2 Feb) declined, retry 2 (4 Feb) pays $99.00: licenses and the event come back, retry 3 never runs', async () => {
      const { h, fake, ctx, acct, eventId, at } = await story();
      try {
        await at('2026-02-01T00:00:00Z');
        const expired = await license(h, acct);
        expect(expired.status).toBe('expired');
        const invoiceId = expired.openInvoiceId!;
        const open = (await findBoothInvoice(h.engine.db, invoiceId))!;
        expect({ status: open.status, total: open.totalMicros, attempts: open.paymentAttempts }).toEqual({
          status: 'open',
          total: 99_000_000n,
          attempts: 1,
        });
        expect(await eventStatus(h, acct, eventId)).toMatchObject({ status: 'paused' });
        expect((await eventStatus(h, acct, eventId)).pauseReason).toMatch(/^account_locked: /);
        const scheduled = await h.engine.db.query<{ period: string; due_at: Date }>(
          `SELECT period, due_at FROM due_work WHERE kind = 'booth.dunning_retry' AND subject = $1 ORDER BY period`,
          [invoiceId],
        );
        expect(scheduled.map((w) => [w.period, w.due_at.toISOString()])).toEqual([
          ['1', '2026-02-02T00:00:00.000Z'],
          ['2', '2026-02-04T00:00:00.000Z'],
          ['3', '2026-02-06T00:00:00.000Z'],
        ]);
        expect(await notes(h, acct)).toMatchObject([
          {
            type: 'booth.renewal_failed',
            payload: {
              invoiceId,
              amount: '$99.00',
              billingDate: '2026-02-01T00:00:00.000Z',
              declineCode: 'generic_decline',
              retries: '3',
              nextRetryAt: '2026-02-02T00:00:00.000Z',
            },
          },
        ]);

        // One second before day 1 nothing is retried.
        await at('2026-02-01T23:59:59Z');
        expect((await findBoothInvoice(h.engine.db, invoiceId))!.paymentAttempts).toBe(1);
        await at('2026-02-02T00:00:00Z');
        expect((await findBoothInvoice(h.engine.db, invoiceId))!).toMatchObject({
          status: 'open',
          paymentAttempts: 2,
          lastDeclineCode: 'generic_decline',
        });
        expect((await notes(h, acct)).slice(1)).toMatchObject([
          {
            type: 'booth.dunning_retry_failed',
            payload: {
              attempt: '1',
              retries: '3',
              amount: '$99.00',
              nextRetryAt: '2026-02-04T00:00:00.000Z',
            },
          },
        ]);
        expect((await license(h, acct)).status).toBe('expired');

        // The customer reads the email and sets a card that pays; retry 2 on 4 Feb charges it.
        await at('2026-02-03T10:00:00Z');
        await card(ctx, fake, acct, PAYS, h);
        const chargesBefore = fake.sandbox.chargedCents();
        await at('2026-02-04T00:00:00Z');
        const paid = (await findBoothInvoice(h.engine.db, invoiceId))!;
        expect({ status: paid.status, paid: paid.amountPaidMicros, attempts: paid.paymentAttempts }).toEqual({
          status: 'paid',
          paid: 99_000_000n,
          attempts: 3,
        });
        expect(fake.sandbox.chargedCents() - chargesBefore).toBe(9900);
        // Reactivated for the period the invoice pays: 1 Feb → 1 Mar.
        expect(await license(h, acct)).toMatchObject({
          status: 'active',
          renewsAt: '2026-03-01T00:00:00.000Z',
        });
        expect(await eventStatus(h, acct, eventId)).toMatchObject({ status: 'running', pauseReason: null });
        const all = await notes(h, acct);
        expect(all.map((n) => n.type)).toEqual([
          'booth.renewal_failed',
          'booth.dunning_retry_failed',
          'booth.dunning_paid',
        ]);
        expect(all[2]!.payload).toMatchObject({ attempt: '2', amount: '$99.00', invoiceId });
        const email = renderEmail((await findNotification(h.engine.db, all[2]!.id))!);
        expect(email.subject).toBe('Pictor: License renewal paid: your licenses are active again');
        expect(await findDunning(h.engine.db, invoiceId)).toMatchObject({
          status: 'paid',
          retryDays: [1, 3, 5],
          attempts: [
            {
              attempt: 1,
              at: '2026-02-02T00:00:00.000Z',
              outcome: 'declined',
              declineCode: 'generic_decline',
            },
            { attempt: 2, at: '2026-02-04T00:00:00.000Z', outcome: 'paid', declineCode: null },
          ],
        });

        // Day 5 comes: nothing more is charged or sent.
        await at('2026-02-06T00:00:00Z');
        expect(fake.sandbox.chargedCents() - chargesBefore).toBe(9900);
        expect((await findBoothInvoice(h.engine.db, invoiceId))!.paymentAttempts).toBe(3);
        expect(await notes(h, acct)).toHaveLength(3);
        await expectLedgerSound(h.engine.db);
      } finally {
        await h.close();
      }
    });

    it('every retry declined: after day 5 the invoice is uncollectible, the account stays locked; paying it later reactivates', async () => {
      const { h, ctx, fake, acct, eventId, at } = await story();
      try {
        await at('2026-02-01T00:00:00Z');
        const invoiceId = (await license(h, acct)).openInvoiceId!;
        for (const day of ['2026-02-02', '2026-02-04', '2026-02-06']) await at(`${day}T00:00:00Z`);
        const invoice = (await findBoothInvoice(h.engine.db, invoiceId))!;
        expect(invoice).toMatchObject({
          status: 'uncollectible',
          paymentAttempts: 4,
          totalMicros: 99_000_000n,
        });
        expect(invoice.markedUncollectibleAt?.toISOString()).toBe('2026-02-06T00:00:00.000Z');
        const all = await notes(h, acct);
        expect(all.map((n) => [n.type, n.payload.attempt ?? '', n.payload.nextRetryAt])).toEqual([
          ['booth.renewal_failed', '', '2026-02-02T00:00:00.000Z'],
          ['booth.dunning_retry_failed', '1', '2026-02-04T00:00:00.000Z'],
          ['booth.dunning_retry_failed', '2', '2026-02-06T00:00:00.000Z'],
          ['booth.dunning_exhausted', '3', ''],
        ]);
        const status = (await h.call('GET', `/v1/accounts/${acct}/booth-status`)).json();
        expect(status.locked).toBe(true);
        expect(await eventStatus(h, acct, eventId)).toMatchObject({ status: 'paused' });
        expect(await findDunning(h.engine.db, invoiceId)).toMatchObject({ status: 'uncollectible' });
        const audit = await h.engine.db.query<{ actor: string }>(
          `SELECT actor FROM audit_log WHERE subject = $1 AND action = 'booth_invoice.mark_uncollectible'`,
          [invoiceId],
        );
        expect(audit).toEqual([{ actor: 'dunning' }]);

        // On 20 Feb the customer pays it with a working card: still payable, licenses back to 1 Mar.
        await at('2026-02-20T12:00:00Z');
        await card(ctx, fake, acct, PAYS, h);
        const pay = await h.call('POST', `/v1/accounts/${acct}/booth-invoices/${invoiceId}/pay`);
        expect(pay.statusCode, pay.body).toBe(200);
        expect(pay.json().total).toEqual($('99.00'));
        expect(await license(h, acct)).toMatchObject({
          status: 'active',
          renewsAt: '2026-03-01T00:00:00.000Z',
        });
        expect(await eventStatus(h, acct, eventId)).toMatchObject({ status: 'running' });
        await expectLedgerSound(h.engine.db);
      } finally {
        await h.close();
      }
    });

    it('the dunning shows on the invoice (API): retrying with its next retry; voiding the invoice ends it "voided" at once and no retry charges', async () => {
      const { h, fake, acct, at } = await story();
      try {
        await at('2026-02-01T00:00:00Z');
        const invoiceId = (await license(h, acct)).openInvoiceId!;
        const dunningOf = async () =>
          (await h.call('GET', `/v1/accounts/${acct}/booth-invoices/${invoiceId}`)).json().dunning;
        expect(await dunningOf()).toEqual({
          status: 'retrying',
          billingDate: '2026-02-01T00:00:00.000Z',
          retries: 3,
          retriesMade: 0,
          lastRetryAt: null,
          nextRetryAt: '2026-02-02T00:00:00.000Z',
        });
        await at('2026-02-02T00:00:00Z');
        expect(await dunningOf()).toMatchObject({
          status: 'retrying',
          retriesMade: 1,
          lastRetryAt: '2026-02-02T00:00:00.000Z',
          nextRetryAt: '2026-02-04T00:00:00.000Z',
        });
        const list = (await h.call('GET', `/v1/accounts/${acct}/booth-invoices`)).json().data;
        expect(list.find((i: { id: string }) => i.id === invoiceId).dunning).toMatchObject({
          status: 'retrying',
          nextRetryAt: '2026-02-04T00:00:00.000Z',
        });

        h.clock.set('2026-02-03T09:00:00Z');
        const voided = await h.call('POST', `/v1/accounts/${acct}/booth-invoices/${invoiceId}/void`, {
          body: { reason: 'the customer left the booth business' },
        });
        expect(voided.statusCode, voided.body).toBe(200);
        expect(voided.json()).toMatchObject({
          status: 'void',
          dunning: { status: 'voided', retriesMade: 1, nextRetryAt: null },
        });
        expect(await findDunning(h.engine.db, invoiceId)).toMatchObject({ status: 'voided' });
        const charged = fake.sandbox.chargedCents();
        const attempts = (await findBoothInvoice(h.engine.db, invoiceId))!.paymentAttempts;
        await at('2026-02-04T00:00:00Z');
        await at('2026-02-06T00:00:00Z');
        expect(fake.sandbox.chargedCents()).toBe(charged);
        expect((await findBoothInvoice(h.engine.db, invoiceId))!.paymentAttempts).toBe(attempts);
        expect((await notes(h, acct)).map((n) => n.type)).toEqual([
          'booth.renewal_failed',
          'booth.dunning_retry_failed',
        ]);
      } finally {
        await h.close();
      }
    });

    it('a configured schedule (days 2 and 7) retries on 3 and 8 Feb; an invoice paid by the customer first ends the dunning without a charge', async () => {
      const { h, ctx, fake, acct, at } = await story({ retryDays: [2, 7] });
      try {
        await at('2026-02-01T00:00:00Z');
        const invoiceId = (await license(h, acct)).openInvoiceId!;
        const due = await h.engine.db.query<{ due_at: Date }>(
          `SELECT due_at FROM due_work WHERE kind = 'booth.dunning_retry' AND subject = $1 ORDER BY period`,
          [invoiceId],
        );
        expect(due.map((w) => w.due_at.toISOString())).toEqual([
          '2026-02-03T00:00:00.000Z',
          '2026-02-08T00:00:00.000Z',
        ]);
        await at('2026-02-03T00:00:00Z');
        expect((await notes(h, acct)).at(-1)).toMatchObject({
          type: 'booth.dunning_retry_failed',
          payload: { attempt: '1', retries: '2', nextRetryAt: '2026-02-08T00:00:00.000Z' },
        });
        await card(ctx, fake, acct, PAYS, h);
        expect(
          (await h.call('POST', `/v1/accounts/${acct}/booth-invoices/${invoiceId}/pay`)).statusCode,
        ).toBe(200);
        expect(await findDunning(h.engine.db, invoiceId)).toMatchObject({ status: 'paid' });
        const charged = fake.sandbox.chargedCents();
        await at('2026-02-08T00:00:00Z');
        expect(fake.sandbox.chargedCents()).toBe(charged);
        expect(await findDunning(h.engine.db, invoiceId)).toMatchObject({ status: 'paid' });
        expect((await notes(h, acct)).map((n) => n.type)).toEqual([
          'booth.renewal_failed',
          'booth.dunning_retry_failed',
        ]);
      } finally {
        await h.close();
      }
    });
  });
}
