import fc from 'fast-check';
import { extractText } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoothInvoiceLineInput } from '../../../src/booth/billing/booth-invoice-rules.js';
import { SimulatedClock } from '../../../src/kernel/clock.js';
import { addPaymentMethod } from '../../../src/booth/billing/add-payment-method.js';
import type { ServiceContext } from '../../../src/server/context.js';
import {
  issueBoothInvoice,
  type IssueBoothInvoiceInput,
} from '../../../src/booth/billing/issue-booth-invoice.js';
import { payBoothInvoice } from '../../../src/booth/billing/pay-booth-invoice.js';
import { setDefaultPaymentMethod } from '../../../src/booth/billing/set-default-payment-method.js';
import type { Queryable } from '../../../src/kernel/db/database.js';
import { insertDraftInvoice } from '../../../src/booth/billing/booth-invoice-store.js';
import { findCardCustomer } from '../../../src/booth/billing/card-store.js';
import { backends } from '../../support/databases.js';
import type { FakeCardProcessor } from '../../support/fake-card-processor.js';
import {
  type Harness,
  issueKey,
  expectLedgerSound,
  rowCounts,
  startHarnessWithCards,
  uniqueKey,
} from '../../support/harness.js';
import type { LedgerRequest } from '../../../src/ledger/ledger-rules.js';

const usd = (dollars: string) => {
  const [whole, cents = ''] = dollars.replace('-', '').split('.');
  const micros = BigInt(whole!) * 1_000_000n + BigInt(cents.padEnd(2, '0')) * 10_000n;
  return dollars.startsWith('-') ? -micros : micros;
};

const line = (
  kind: BoothInvoiceLineInput['kind'],
  amount: string,
  quantity = 1,
  description: string = kind,
): BoothInvoiceLineInput => ({ kind, description, quantity, amountMicros: usd(amount) });

const CARD = { ok: '4242424242424242', declined: '4000000000000341', noFunds: '4000000000009995' };

async function accountTransactions(db: Queryable, accountId: string) {
  return db.query<{ kind: string; unit: string; amount_micros: bigint; description: string }>(
    `SELECT kind, unit, amount_micros, description FROM transactions WHERE account_id = $1 AND unit = 'USD' ORDER BY seq`,
    [accountId],
  );
}

async function usdBalance(db: Queryable, accountId: string): Promise<bigint> {
  const rows = await db.query<{ b: bigint }>(
    `SELECT balance_micros AS b FROM wallet_balances WHERE account_id = $1 AND unit = 'USD'`,
    [accountId],
  );
  return rows[0]!.b;
}

for (const backend of backends) {
  describe(`booth invoices (${backend.name})`, () => {
    let h: Harness;
    let fake: FakeCardProcessor;
    let ctx: ServiceContext;

    beforeAll(async () => {
      const clock = new SimulatedClock('2026-03-01T00:00:00Z');
      ({ h, fake } = await startHarnessWithCards(backend, clock));
      ctx = h.engine;
    });
    afterAll(async () => {
      await h?.close();
    });

    /** An account with a saved card (the default, as its first). */
    async function customerWithCard(number = CARD.ok) {
      const accountId = await h.openAccount();
      const saved = await addPaymentMethod(ctx, accountId, await fake.tokenize(number));
      if (!saved.ok) throw new Error(saved.failure.detail);
      return { accountId, card: saved.value };
    }

    const charge = (
      accountId: string,
      lines: BoothInvoiceLineInput[],
      settlement: IssueBoothInvoiceInput['settlement'] = {
        type: 'charge_default_card',
        applyAccountCredit: true,
        onDecline: 'leave_open',
      },
      source = uniqueKey('order'),
    ): IssueBoothInvoiceInput => ({ accountId, source, description: 'Test order', lines, settlement });

    it('charges the default card the total and records Payment + Charge; total = sum of lines', async () => {
      const { accountId } = await customerWithCard();
      const input = charge(accountId, [
        line('purchase', '495.00', 5, '5 × Pro monthly'),
        line('volume_discount', '-49.50', 1, 'Volume discount 10%'),
      ]);
      const issued = await issueBoothInvoice(ctx, input);
      expect(issued.ok).toBe(true);
      if (!issued.ok) return;
      const inv = issued.value;
      expect(inv.status).toBe('paid');
      expect(inv.formattedNumber).toMatch(/^[A-Z2-9]{8}-\d{6}$/);
      expect(inv.subtotalMicros).toBe(usd('445.50'));
      expect(inv.creditAppliedMicros).toBe(0n);
      expect(inv.totalMicros).toBe(usd('445.50'));
      expect(inv.amountPaidMicros).toBe(usd('445.50'));
      expect(inv.lines.reduce((s, l) => s + l.amountMicros, 0n)).toBe(inv.totalMicros);
      expect(inv.lines.map((l) => l.kind)).toEqual(['purchase', 'volume_discount']);

      const customer = await findCardCustomer(ctx.db, accountId);
      expect(fake.sandbox.chargedCents(customer)).toBe(44550);
      const txns = await accountTransactions(ctx.db, accountId);
      expect(txns.map((t) => [t.kind, t.unit, t.amount_micros])).toEqual([
        ['payment', 'USD', usd('445.50')],
        ['charge', 'USD', -usd('445.50')],
      ]);
      expect(await usdBalance(ctx.db, accountId)).toBe(0n);

      // The same source again: the same invoice, nothing charged again.
      const again = await issueBoothInvoice(ctx, input);
      expect(again.ok && again.value.id).toBe(inv.id);
      expect(again.ok && again.replayed).toBe(true);
      expect(fake.sandbox.chargedCents(customer)).toBe(44550);
      expect(await accountTransactions(ctx.db, accountId)).toHaveLength(2);

      // The same source with other lines: a conflict.
      const other = await issueBoothInvoice(ctx, { ...input, lines: [line('purchase', '99.00')] });
      expect(!other.ok && other.failure.code).toBe('idempotency_key_reused');
      await expectLedgerSound(ctx.db);
    });

    it('no default card: a purchase (void on decline) is refused and writes nothing', async () => {
      const accountId = await h.openAccount();
      const before = await rowCounts(ctx.db);
      const purchase = charge(accountId, [line('purchase', '49.00')], {
        type: 'charge_default_card',
        applyAccountCredit: true,
        onDecline: 'void',
      });
      const issued = await issueBoothInvoice(ctx, purchase);
      expect(!issued.ok && issued.failure.code).toBe('no_default_payment_method');
      expect(await rowCounts(ctx.db)).toEqual(before);
    });

    it('no default card: a renewal (open on decline) is issued open, declined for want of a card', async () => {
      const accountId = await h.openAccount();
      const issued = await issueBoothInvoice(ctx, charge(accountId, [line('renewal', '49.00')]));
      expect(issued.ok && issued.value.status).toBe('open');
      expect(issued.ok && issued.value.number).not.toBeNull();
      expect(issued.ok && issued.value.lastDeclineCode).toBe('no_default_payment_method');
      expect(await accountTransactions(ctx.db, accountId)).toEqual([]);
      // Paying it still needs a card: refused, and the invoice stays open.
      const paid = await payBoothInvoice(ctx, issued.ok ? issued.value.id : '');
      expect(!paid.ok && paid.failure.code).toBe('no_default_payment_method');
    });

    it('a declined card (4000 0000 0000 0341) leaves the invoice open or void as asked; nothing in the ledger', async () => {
      const { accountId } = await customerWithCard(CARD.declined);
      const open = await issueBoothInvoice(ctx, charge(accountId, [line('renewal', '99.00')]));
      expect(open.ok).toBe(true);
      if (!open.ok) return;
      expect(open.value.status).toBe('open');
      expect(open.value.number).not.toBeNull();
      expect(open.value.lastDeclineCode).toBe('generic_decline');
      expect(open.value.paymentAttempts).toBe(1);
      expect(open.value.amountPaidMicros).toBe(0n);

      const voided = await issueBoothInvoice(
        ctx,
        charge(accountId, [line('token_top_up', '20.00')], {
          type: 'charge_default_card',
          applyAccountCredit: false,
          onDecline: 'void',
        }),
      );
      // A purchase (void on decline) is charged as a draft: declined, it is discarded unnumbered.
      expect(voided.ok && voided.value.status).toBe('void');
      expect(voided.ok && voided.value.number).toBeNull();
      expect(voided.ok && voided.value.lastDeclineCode).toBe('generic_decline');
      expect(await accountTransactions(ctx.db, accountId)).toEqual([]);
      const customer = await findCardCustomer(ctx.db, accountId);
      expect(fake.sandbox.chargedCents(customer)).toBe(0);

      // insufficient_funds card: declined with its own code.
      const poor = await customerWithCard(CARD.noFunds);
      const res = await issueBoothInvoice(ctx, charge(poor.accountId, [line('purchase', '49.00')]));
      expect(res.ok && res.value.lastDeclineCode).toBe('insufficient_funds');

      // Paying the open invoice after adding a good card as the default: a new attempt succeeds.
      const good = await addPaymentMethod(ctx, accountId, await fake.tokenize(CARD.ok));
      expect(good.ok).toBe(true);
      if (!good.ok) return;
      expect(good.value.isDefault).toBe(false);
      expect((await setDefaultPaymentMethod(ctx, accountId, good.value.id)).ok).toBe(true);
      const paid = await payBoothInvoice(ctx, open.value.id);
      expect(paid.ok && paid.value.status).toBe('paid');
      expect(paid.ok && paid.value.paymentAttempts).toBe(2);
      expect(fake.sandbox.chargedCents(customer)).toBe(9900);
      const txns = await accountTransactions(ctx.db, accountId);
      expect(txns.map((t) => t.amount_micros)).toEqual([usd('99.00'), -usd('99.00')]);
      // A void invoice cannot be paid.
      const notVoid = await payBoothInvoice(ctx, voided.ok ? voided.value.id : '');
      expect(!notVoid.ok && notVoid.failure.code).toBe('booth_invoice_status_conflict');
      await expectLedgerSound(ctx.db);
    });

    it('applies account credit first; the card pays only the rest, to the cent', async () => {
      const { accountId } = await customerWithCard();
      await h.fund(accountId, '30.25', 'USD');
      const issued = await issueBoothInvoice(
        ctx,
        charge(accountId, [line('purchase', '99.00', 1, 'Pro monthly')]),
      );
      expect(issued.ok).toBe(true);
      if (!issued.ok) return;
      const inv = issued.value;
      expect(inv.status).toBe('paid');
      expect(inv.lines.map((l) => [l.kind, l.amountMicros])).toEqual([['purchase', usd('99.00')]]);
      expect(inv.subtotalMicros).toBe(usd('99.00'));
      expect(inv.creditAppliedMicros).toBe(usd('30.25'));
      expect(inv.totalMicros).toBe(usd('68.75'));
      expect(inv.amountPaidMicros).toBe(usd('68.75'));
      const customer = await findCardCustomer(ctx.db, accountId);
      expect(fake.sandbox.chargedCents(customer)).toBe(6875);
      const txns = await accountTransactions(ctx.db, accountId);
      expect(txns.map((t) => [t.kind, t.amount_micros])).toEqual([
        ['other', usd('30.25')],
        ['payment', usd('68.75')],
        ['charge', -usd('99.00')],
      ]);
      expect(await usdBalance(ctx.db, accountId)).toBe(0n);

      // Credit covering everything: no card charge at all.
      await h.fund(accountId, '150.00', 'USD');
      const covered = await issueBoothInvoice(ctx, charge(accountId, [line('purchase', '49.00')]));
      expect(covered.ok && [covered.value.status, covered.value.totalMicros]).toEqual(['paid', 0n]);
      expect(fake.sandbox.chargedCents(customer)).toBe(6875);
      expect(await usdBalance(ctx.db, accountId)).toBe(usd('101.00'));

      // applyAccountCredit false: the card pays everything, the credit stays.
      const noCredit = await issueBoothInvoice(
        ctx,
        charge(accountId, [line('token_top_up', '20.00')], {
          type: 'charge_default_card',
          applyAccountCredit: false,
          onDecline: 'leave_open',
        }),
      );
      expect(noCredit.ok && noCredit.value.amountPaidMicros).toBe(usd('20.00'));
      expect(await usdBalance(ctx.db, accountId)).toBe(usd('101.00'));
      await expectLedgerSound(ctx.db);
    });

    it('a credit note grants its amount as account credit and is paid', async () => {
      const accountId = await h.openAccount();
      const issued = await issueBoothInvoice(ctx, {
        accountId,
        source: uniqueKey('cancel'),
        description: 'Immediate cancellation',
        lines: [line('cancellation_credit', '-32.67', 1, 'Pro monthly, 10 days unused')],
        settlement: { type: 'credit_note' },
      });
      expect(issued.ok && [issued.value.status, issued.value.totalMicros]).toEqual(['paid', -usd('32.67')]);
      expect(await usdBalance(ctx.db, accountId)).toBe(usd('32.67'));
      const wrongSign = await issueBoothInvoice(ctx, {
        accountId,
        source: uniqueKey('cancel'),
        description: 'x',
        lines: [line('purchase', '1.00')],
        settlement: { type: 'credit_note' },
      });
      expect(!wrongSign.ok && wrongSign.failure.code).toBe('invalid_request');
      await expectLedgerSound(ctx.db);
    });

    it('a processor 500 or a dropped answer, then a retry: the card is charged once', async () => {
      for (const failure of ['error_500', 'drop_after'] as const) {
        const { accountId } = await customerWithCard();
        const customer = await findCardCustomer(ctx.db, accountId);
        const input = charge(accountId, [line('purchase', '149.00')]);
        // The SDK itself resends once, with the same key, after a closed connection: drop both.
        fake.failNext('/v1/payment_intents', failure, failure === 'drop_after' ? 2 : 1);
        const first = await issueBoothInvoice(ctx, input);
        expect(!first.ok && first.failure.code).toBe('card_processor_error');
        expect(fake.sandbox.chargedCents(customer)).toBe(failure === 'drop_after' ? 14900 : 0);
        expect(await accountTransactions(ctx.db, accountId)).toEqual([]);

        const retried = await issueBoothInvoice(ctx, input);
        expect(retried.ok && retried.value.status).toBe('paid');
        expect(retried.ok && retried.value.paymentAttempts).toBe(1);
        expect(fake.sandbox.chargedCents(customer)).toBe(14900);
        expect(fake.sandbox.paymentIntents().filter((p) => p.customer === customer)).toHaveLength(1);
        expect(fake.calls('POST', '/v1/payment_intents')).toBeGreaterThanOrEqual(2);
        const txns = await accountTransactions(ctx.db, accountId);
        expect(txns.map((t) => t.amount_micros)).toEqual([usd('149.00'), -usd('149.00')]);
      }
    });

    it('a single dropped answer is resent by the SDK with the same key: paid, charged once', async () => {
      const { accountId } = await customerWithCard();
      const customer = await findCardCustomer(ctx.db, accountId);
      fake.failNext('/v1/payment_intents', 'drop_after');
      const issued = await issueBoothInvoice(ctx, charge(accountId, [line('purchase', '49.00')]));
      expect(issued.ok && issued.value.status).toBe('paid');
      expect(fake.sandbox.chargedCents(customer)).toBe(4900);
      expect(fake.sandbox.paymentIntents().filter((p) => p.customer === customer)).toHaveLength(1);
    });

    it('a crash after the charge, before the ledger: the same source again finishes without charging twice', async () => {
      const { accountId } = await customerWithCard();
      const customer = await findCardCustomer(ctx.db, accountId);
      const input = charge(accountId, [line('renewal', '490.00', 1, 'Basic annual')]);
      // The process "dies" when it reaches the ledger's Payment.
      const crashing: ServiceContext = {
        ...ctx,
        ledger: {
          submit: (request: LedgerRequest) => {
            if (request.idempotency?.key.endsWith(':payment')) throw new Error('crash');
            return ctx.ledger.submit(request);
          },
        } as ServiceContext['ledger'],
      };
      await expect(issueBoothInvoice(crashing, input)).rejects.toThrow('crash');
      expect(fake.sandbox.chargedCents(customer)).toBe(49000);

      // A crash after the processor charged but before its answer was recorded.
      const other = await customerWithCard();
      const otherCustomer = await findCardCustomer(ctx.db, other.accountId);
      const otherInput = charge(other.accountId, [line('purchase', '99.00')]);
      const cards = ctx.cards!;
      const lost: ServiceContext = {
        ...ctx,
        cards: {
          ...cards,
          createCustomer: cards.createCustomer.bind(cards),
          retrievePaymentMethod: cards.retrievePaymentMethod.bind(cards),
          attachPaymentMethod: cards.attachPaymentMethod.bind(cards),
          detachPaymentMethod: cards.detachPaymentMethod.bind(cards),
          charge: async (request) => {
            await cards.charge(request);
            throw new Error('crash');
          },
        },
      };
      await expect(issueBoothInvoice(lost, otherInput)).rejects.toThrow('crash');
      expect(fake.sandbox.chargedCents(otherCustomer)).toBe(9900);

      const [a, b] = await Promise.all([issueBoothInvoice(ctx, input), issueBoothInvoice(ctx, otherInput)]);
      expect(a.ok && a.value.status).toBe('paid');
      expect(b.ok && b.value.status).toBe('paid');
      expect(fake.sandbox.chargedCents(customer)).toBe(49000);
      expect(fake.sandbox.chargedCents(otherCustomer)).toBe(9900);
      expect((await accountTransactions(ctx.db, accountId)).map((t) => t.amount_micros)).toEqual([
        usd('490.00'),
        -usd('490.00'),
      ]);
      expect((await accountTransactions(ctx.db, other.accountId)).map((t) => t.amount_micros)).toEqual([
        usd('99.00'),
        -usd('99.00'),
      ]);
      await expectLedgerSound(ctx.db);
    });

    it("numbers are gapless and unique per account's series under concurrent finalization (40 at once)", async () => {
      const accounts = await Promise.all(Array.from({ length: 4 }, () => customerWithCard()));
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          issueBoothInvoice(ctx, charge(accounts[i % 4]!.accountId, [line('purchase', `${10 + i}.00`)])),
        ),
      );
      expect(results.filter((r) => !r.ok || r.value.status !== 'paid')).toEqual([]);
      // Each account's ten invoices are 1..10 of its own prefix, and the prefixes differ.
      const prefixes = new Set<string>();
      for (const { accountId } of accounts) {
        const mine = results.flatMap((r) => (r.ok && r.value.accountId === accountId ? [r.value] : []));
        const numbers = mine.map((inv) => inv.number!).sort((x, y) => (x < y ? -1 : 1));
        expect(numbers).toEqual(Array.from({ length: 10 }, (_, i) => BigInt(i + 1)));
        const own = new Set(mine.map((inv) => inv.formattedNumber!.split('-')[0]));
        expect(own.size).toBe(1);
        prefixes.add([...own][0]!);
      }
      expect(prefixes.size).toBe(4);
      // And over the whole table: each series is 1..N with no gap.
      const gaps = await ctx.db.query(
        `SELECT prefix FROM booth_invoices WHERE number IS NOT NULL
         GROUP BY prefix HAVING max(number) <> count(*) OR count(DISTINCT number) <> count(*)`,
      );
      expect(gaps).toEqual([]);
    });
    it('concurrent invoices of one account never apply the same credit twice', async () => {
      const { accountId } = await customerWithCard();
      const customer = await findCardCustomer(ctx.db, accountId);
      await h.fund(accountId, '100.00', 'USD');
      const results = await Promise.all(
        Array.from({ length: 10 }, () =>
          issueBoothInvoice(ctx, charge(accountId, [line('purchase', '30.00')])),
        ),
      );
      expect(results.filter((r) => !r.ok || r.value.status !== 'paid')).toEqual([]);
      const invoices = results.flatMap((r) => (r.ok ? [r.value] : []));
      expect(invoices.reduce((s, i) => s + i.creditAppliedMicros, 0n)).toBe(usd('100.00'));
      expect(invoices.reduce((s, i) => s + i.amountPaidMicros, 0n)).toBe(usd('200.00'));
      for (const i of invoices) expect(i.creditAppliedMicros + i.totalMicros).toBe(usd('30.00'));
      expect(fake.sandbox.chargedCents(customer)).toBe(20000);
      expect(await usdBalance(ctx.db, accountId)).toBe(0n);
      await expectLedgerSound(ctx.db);
    });

    it('property: subtotal = sum of lines, credit = min(credit, subtotal), the card pays exactly the rest', async () => {
      const { accountId } = await customerWithCard();
      const customer = await findCardCustomer(ctx.db, accountId);
      let charged = fake.sandbox.chargedCents(customer);
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.integer({ min: 1, max: 200_000 }), { minLength: 1, maxLength: 5 }),
          fc.integer({ min: 0, max: 30_000 }),
          fc.integer({ min: 0, max: 50_000 }),
          async (purchases, discount, creditCents) => {
            // Empty the wallet, then give it exactly `creditCents` of credit.
            const balance = await usdBalance(ctx.db, accountId);
            if (balance > 0n) {
              const d = await h.call('POST', `/v1/accounts/${accountId}/adjustments`, {
                body: {
                  direction: 'debit',
                  amount: { amount: (Number(balance / 10_000n) / 100).toFixed(2), unit: 'USD' },
                  reason: 'reset',
                },
              });
              expect(d.statusCode).toBe(201);
            }
            if (creditCents > 0) await h.fund(accountId, (creditCents / 100).toFixed(2), 'USD');
            const gross = purchases.reduce((a, b) => a + b, 0);
            const off = Math.min(discount, gross);
            const lines = [
              ...purchases.map((c, i) => line('purchase', (c / 100).toFixed(2), 1, `item ${i}`)),
              ...(off > 0 ? [line('volume_discount', (-off / 100).toFixed(2))] : []),
            ];
            const r = await issueBoothInvoice(ctx, charge(accountId, lines));
            expect(r.ok).toBe(true);
            if (!r.ok) return;
            const inv = r.value;
            const subtotal = BigInt(gross - off) * 10_000n;
            const credit = BigInt(Math.min(creditCents, gross - off)) * 10_000n;
            expect(inv.status).toBe('paid');
            expect(inv.lines.reduce((sum, l) => sum + l.amountMicros, 0n)).toBe(inv.subtotalMicros);
            expect([inv.subtotalMicros, inv.creditAppliedMicros, inv.totalMicros]).toEqual([
              subtotal,
              credit,
              subtotal - credit,
            ]);
            const now = fake.sandbox.chargedCents(customer);
            expect(BigInt(now - charged) * 10_000n).toBe(subtotal - credit);
            charged = now;
            expect(await usdBalance(ctx.db, accountId)).toBe(BigInt(creditCents) * 10_000n - credit);
          },
        ),
        { numRuns: 15 },
      );
      await expectLedgerSound(ctx.db);
    });

    it('paying one open invoice three times at once charges the card once', async () => {
      const { accountId } = await customerWithCard(CARD.declined);
      const customer = await findCardCustomer(ctx.db, accountId);
      const open = await issueBoothInvoice(ctx, charge(accountId, [line('renewal', '149.00')]));
      if (!open.ok) throw new Error(open.failure.detail);
      expect(open.value.status).toBe('open');
      const good = await addPaymentMethod(ctx, accountId, await fake.tokenize(CARD.ok));
      if (!good.ok) throw new Error(good.failure.detail);
      await setDefaultPaymentMethod(ctx, accountId, good.value.id);
      const results = await Promise.all([1, 2, 3].map(() => payBoothInvoice(ctx, open.value.id)));
      for (const r of results) {
        if (r.ok) expect(r.value.status).toBe('paid');
        else expect(r.failure.code).toBe('booth_invoice_payment_pending');
      }
      expect(results.some((r) => r.ok)).toBe(true);
      expect(fake.sandbox.chargedCents(customer)).toBe(14900);
      const after = await payBoothInvoice(ctx, open.value.id);
      expect(after.ok && after.replayed && after.value.status).toBe('paid');
      expect((await accountTransactions(ctx.db, accountId)).map((t) => t.amount_micros)).toEqual([
        usd('149.00'),
        -usd('149.00'),
      ]);
    });

    it('over HTTP: list newest first with cursor paging, one invoice, void and uncollectible by operators only', async () => {
      const { accountId } = await customerWithCard(CARD.declined);
      const customer = (await issueKey(h.engine, 'customer', accountId)).secret;
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        h.clock.advance(60_000);
        const r = await issueBoothInvoice(
          ctx,
          charge(accountId, [line('renewal', `${49 + i}.00`, 1, `Renewal ${i}`)]),
        );
        if (!r.ok) throw new Error(r.failure.detail);
        ids.push(r.value.id);
      }
      const base = `/v1/accounts/${accountId}/booth-invoices`;
      const first = await h.call('GET', `${base}?limit=3`, { key: customer });
      expect(first.statusCode).toBe(200);
      const page1 = first.json();
      expect(page1.data.map((r: { id: string }) => r.id)).toEqual([ids[4], ids[3], ids[2]]);
      expect(page1.data[0]).toEqual({
        id: ids[4],
        number: expect.stringMatching(/^[A-Z2-9]{8}-\d{6}$/),
        date: expect.any(String),
        description: 'Test order',
        amount: { amount: '53.00', unit: 'USD' },
        status: 'open',
        pdfUrl: `${base}/${ids[4]}.pdf`,
        dunning: null,
      });
      const second = (
        await h.call('GET', `${base}?limit=3&cursor=${page1.nextCursor}`, { key: customer })
      ).json();
      expect(second.data.map((r: { id: string }) => r.id)).toEqual([ids[1], ids[0]]);
      expect(second.nextCursor).toBeNull();
      expect((await h.call('GET', `${base}?cursor=garbage`, { key: customer })).statusCode).toBe(400);

      const one = await h.call('GET', `${base}/${ids[0]}`, { key: customer });
      expect(one.statusCode).toBe(200);
      expect(one.json()).toMatchObject({
        status: 'open',
        total: { amount: '49.00', unit: 'USD' },
        amountDue: { amount: '49.00', unit: 'USD' },
        lastDecline: { code: 'generic_decline' },
        lines: [
          {
            kind: 'renewal',
            description: 'Renewal 0',
            quantity: 1,
            amount: { amount: '49.00', unit: 'USD' },
          },
        ],
      });

      // Operators only; customers get 403, other accounts 404.
      const byCustomer = await h.call('POST', `${base}/${ids[0]}/void`, {
        key: customer,
        body: { reason: 'x' },
      });
      expect(byCustomer.statusCode).toBe(403);
      const other = await h.openAccount();
      const otherKey = (await issueKey(h.engine, 'customer', other)).secret;
      expect((await h.call('GET', `${base}/${ids[0]}`, { key: otherKey })).statusCode).toBe(404);
      expect(
        (await h.call('GET', `/v1/accounts/${other}/booth-invoices/${ids[0]}`, { key: otherKey })).statusCode,
      ).toBe(404);

      const voided = await h.call('POST', `${base}/${ids[0]}/void`, { body: { reason: 'duplicate order' } });
      expect(voided.statusCode).toBe(200);
      expect(voided.json()).toMatchObject({ status: 'void', number: one.json().number });
      const again = await h.call('POST', `${base}/${ids[0]}/void`, { body: { reason: 'duplicate order' } });
      expect(again.statusCode).toBe(200);
      expect(again.headers['idempotent-replayed']).toBe('true');
      const unc = await h.call('POST', `${base}/${ids[0]}/mark-uncollectible`, { body: { reason: 'late' } });
      expect(unc.statusCode).toBe(409);
      expect(unc.json().code).toBe('booth_invoice_status_conflict');

      const written = await h.call('POST', `${base}/${ids[1]}/mark-uncollectible`, {
        body: { reason: 'gave up' },
      });
      expect(written.json().status).toBe('uncollectible');
      const audit = await ctx.db.query<{ action: string; reason: string }>(
        `SELECT action, reason FROM audit_log WHERE subject = ANY($1::text[]) ORDER BY created_at, id`,
        [[ids[0], ids[1]]],
      );
      expect(audit.map((a) => a.action).sort()).toEqual([
        'booth_invoice.mark_uncollectible',
        'booth_invoice.void',
      ]);
      // An uncollectible invoice can still be paid, with a good default card.
      const good = await addPaymentMethod(ctx, accountId, await fake.tokenize(CARD.ok));
      if (!good.ok) throw new Error(good.failure.detail);
      await setDefaultPaymentMethod(ctx, accountId, good.value.id);
      const paid = await payBoothInvoice(ctx, ids[1]!);
      expect(paid.ok && [paid.value.status, paid.value.amountPaidMicros]).toEqual(['paid', usd('50.00')]);
      // A paid invoice cannot be voided.
      const late = await h.call('POST', `${base}/${ids[1]}/void`, { body: { reason: 'x' } });
      expect(late.statusCode).toBe(409);
      await expectLedgerSound(ctx.db);
    });

    it('the PDF shows the invoice settings in force at finalization, not later ones; drafts have none', async () => {
      const { accountId } = await customerWithCard();
      const settings = (name: string, address: string) =>
        h.app.inject({
          method: 'PUT',
          url: `/v1/accounts/${accountId}/invoice-settings`,
          headers: { authorization: `Bearer ${h.operatorKey}`, 'idempotency-key': uniqueKey() },
          payload: { email: 'billing@acme.test', name, address, taxInformation: 'VAT DE123456789' },
        });
      expect((await settings('Acme Events GmbH', 'Alte Strasse 1, Berlin')).statusCode).toBeLessThan(300);
      h.clock.advance(1000);
      const issued = await issueBoothInvoice(
        ctx,
        charge(accountId, [
          line('purchase', '297.00', 3, '3 x Pro monthly'),
          line('coupon', '-29.70', 1, 'Coupon SPRING10'),
        ]),
      );
      if (!issued.ok) throw new Error(issued.failure.detail);
      h.clock.advance(1000);
      expect((await settings('Acme Renamed AG', 'Neue Strasse 9, Hamburg')).statusCode).toBeLessThan(300);

      const res = await h.call('GET', `/v1/accounts/${accountId}/booth-invoices/${issued.value.id}.pdf`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      const { text } = await extractText(new Uint8Array(res.rawPayload), { mergePages: true });
      expect(text).toContain(issued.value.formattedNumber!);
      expect(text).toContain('Acme Events GmbH');
      expect(text).toContain('Alte Strasse 1, Berlin');
      expect(text).toContain('VAT DE123456789');
      expect(text).not.toContain('Acme Renamed AG');
      expect(text).not.toContain('Hamburg');
      expect(text).toContain('$297.00');
      expect(text).toContain('-$29.70');
      expect(text).toContain('Total $267.30');
      expect(text).toContain('Paid');

      // The next invoice is drawn with the new settings.
      h.clock.advance(1000);
      const later = await issueBoothInvoice(
        ctx,
        charge(accountId, [line('token_top_up', '20.00', 1, '100 tokens')]),
      );
      if (!later.ok) throw new Error(later.failure.detail);
      const res2 = await h.call('GET', `/v1/accounts/${accountId}/booth-invoices/${later.value.id}.pdf`);
      const { text: text2 } = await extractText(new Uint8Array(res2.rawPayload), { mergePages: true });
      expect(text2).toContain('Acme Renamed AG');
      expect(text2).toContain('Token top-up');

      // A draft (as a crash before finalization leaves it) has no PDF yet.
      const draftId = `bin_${'0'.repeat(23)}1`;
      await insertDraftInvoice(ctx.db, {
        id: draftId,
        accountId,
        source: uniqueKey('draft'),
        requestHash: 'x',
        description: 'draft',
        settlement: { type: 'credit_note' },
        lines: [
          {
            kind: 'cancellation_credit',
            description: 'x',
            quantity: 1,
            amountMicros: -usd('1.00'),
            metadata: {},
          },
        ],
        subtotalMicros: -usd('1.00'),
        createdAt: h.clock.now(),
      });
      const draftPdf = await h.call('GET', `/v1/accounts/${accountId}/booth-invoices/${draftId}.pdf`);
      expect(draftPdf.statusCode).toBe(409);
      expect(draftPdf.json().code).toBe('booth_invoice_not_finalized');
      const list = (await h.call('GET', `/v1/accounts/${accountId}/booth-invoices`)).json();
      expect(list.data.map((r: { id: string }) => r.id)).not.toContain(draftId);
    });
  });
}
