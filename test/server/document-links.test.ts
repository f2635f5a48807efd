import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../src/kernel/clock.js';
import type { Queryable } from '../../src/kernel/db/database.js';
import { newId } from '../../src/kernel/ids.js';
import { systemAccountId, walletId } from '../../src/ledger/ledger-rules.js';
import { recordTopUp } from '../../src/compute/topups/record-top-up.js';
import { addPaymentMethod } from '../../src/booth/billing/add-payment-method.js';
import { issueBoothInvoice } from '../../src/booth/billing/issue-booth-invoice.js';
import { backends } from '../support/databases.js';
import type { FakeCardProcessor } from '../support/fake-card-processor.js';
import { type Harness, issueKey, startHarnessWithCards, uniqueKey } from '../support/harness.js';

/** Licenses as licensing writes them (as in the booth events test: the purchase is not this test's subject). */
async function giveLicense(db: Queryable, accountId: string, at: Date) {
  const orderId = newId('licenseOrder');
  await db.query(
    `INSERT INTO license_orders (id, account_id, idempotency_scope, idempotency_key, request_hash, product, period,
       quantity, catalog_version, status, total_micros, quote, created_at, updated_at)
     VALUES ($1, $2, 'fixture', $1, 'x', 'basic', 'monthly', 1, 1, 'paid', 0, '{}', $3, $3)`,
    [orderId, accountId, at],
  );
  await db.query(
    `INSERT INTO licenses (id, account_id, order_id, product, period, status, catalog_version, list_price_micros,
       period_list_micros, paid_micros, volume_rate_bp, period_anchor, current_period_start, current_period_end,
       created_at, updated_at)
     VALUES ($1, $2, $3, 'pro', 'monthly', 'active', 1, 49000000, 49000000, 49000000, 0, $4, $4, $5, $4, $4)`,
    [newId('license'), accountId, orderId, at, new Date(at.getTime() + 31 * 86_400_000)],
  );
}

interface Row {
  id: string;
  kind: string;
  amount: { unit: string };
  metadata: Record<string, string>;
  links: { invoice: string | null };
}

/**
 * Every history row's document link resolves: a busy account's whole history (every unit and
 * kind) is walked and each link fetched as the customer. A row no document covers has no link.
 */
for (const backend of backends) {
  describe(`every history row's document link resolves (${backend.name})`, () => {
    let h: Harness;
    let fake: FakeCardProcessor;
    const clock = new SimulatedClock('2027-01-20T10:00:00Z');
    beforeAll(async () => {
      ({ h, fake } = await startHarnessWithCards(backend, clock));
    });
    afterAll(async () => h?.close());

    const step = () => clock.advance(60_000);

    async function busyAccount(): Promise<string> {
      const accountId = await h.openAccount('Busy Studio'); // + welcome tokens (TOKEN promotion)
      step();
      await h.fund(accountId, '100'); // CREDIT other
      step();
      const charge = await h.call('POST', `/v1/accounts/${accountId}/charges`, {
        key: h.serviceKey,
        body: {
          amount: { amount: '3.25', unit: 'CREDIT' },
          productLine: 'compute',
          description: 'Render job 1',
        },
      });
      expect(charge.statusCode, charge.body).toBe(201); // CREDIT charge
      step();
      const promo = await h.call('POST', '/v1/promotions', {
        body: {
          name: 'Walk bonus',
          startsAt: '2027-01-01T00:00:00Z',
          bonus: { type: 'percentage', basisPoints: 500 },
          reason: 'test',
        },
      });
      expect(promo.statusCode, promo.body).toBe(201);
      const txHash = `0x${'cd'.repeat(32)}`;
      const paid = await recordTopUp(h.engine, {
        accountId,
        rail: 'usdt',
        amountMicros: 40_000_000n,
        sourceId: `${txHash}:0`,
        description: 'USDT deposit',
        metadata: {
          txHash,
          chainId: '1',
          fromAddress: `0x${'12'.repeat(20)}`,
          explorerUrl: `https://etherscan.io/tx/${txHash}`,
          fee: '0',
        },
      }); // CREDIT payment + CREDIT promotion earned by it
      expect(paid.ok).toBe(true);
      await h.call('POST', `/v1/promotions/${promo.json().id}/deactivate`, { body: { reason: 'over' } });
      step();
      const refund = await h.call('POST', `/v1/accounts/${accountId}/refunds`, {
        body: {
          paymentTransactionId: paid.ok ? paid.value.id : '',
          amount: { amount: '5', unit: 'CREDIT' },
          reason: 'customer request',
          payoutReference: `0x${'ef'.repeat(32)}`,
        },
      });
      expect(refund.statusCode, refund.body).toBe(201); // CREDIT refund
      step();
      const grant = await h.engine.ledger.submit({
        idempotency: { scope: 'test', key: uniqueKey('grant'), requestHash: 'x' },
        command: {
          type: 'post_transaction',
          transaction: {
            id: newId('transaction'),
            accountId,
            kind: 'promotion',
            unit: 'CREDIT',
            description: 'Promotion: goodwill',
            metadata: {},
            createdAt: clock.now(),
          },
          transfers: [
            {
              id: newId('transfer'),
              debitAccountId: systemAccountId('promotions', 'CREDIT'),
              creditAccountId: walletId(accountId, 'CREDIT'),
              amountMicros: 2_000_000n,
            },
          ],
        },
      }); // CREDIT standalone promotion
      expect(grant.status).toBe('applied');
      step();

      expect((await addPaymentMethod(h.engine, accountId, await fake.tokenize('4242424242424242'))).ok).toBe(
        true,
      );
      const note = await issueBoothInvoice(h.engine, {
        accountId,
        source: uniqueKey('cancel'),
        description: 'Immediate cancellation',
        lines: [
          {
            kind: 'cancellation_credit',
            description: 'Pro monthly, 10 days unused',
            quantity: 1,
            amountMicros: -10_000_000n,
          },
        ],
        settlement: { type: 'credit_note' },
      }); // USD other (account credit)
      expect(note.ok).toBe(true);
      step();
      const bought = await h.call('POST', `/v1/accounts/${accountId}/tokens/purchases`, {
        body: { pack: 1000, quantity: 1 },
      }); // USD payment + USD charge + TOKEN payment
      expect(bought.statusCode, bought.body).toBe(201);
      step();

      await giveLicense(h.engine.db, accountId, clock.now());
      const template = await h.app.inject({
        method: 'PUT',
        url: `/v1/accounts/${accountId}/booth/templates/tpl-ai`,
        headers: { authorization: `Bearer ${h.serviceKey}` },
        payload: { name: 'AI portrait', outputs: [{ kind: 'ai_image_low', count: 1 }], features: [] },
      });
      expect(template.statusCode, template.body).toBe(200);
      const event = await h.call('POST', `/v1/accounts/${accountId}/events`, {
        key: h.serviceKey,
        body: { name: 'Gala — Łódź', templateIds: ['tpl-ai'] },
      });
      expect(event.statusCode, event.body).toBe(201);
      const eventId = event.json().id as string;
      const started = await h.call('POST', `/v1/accounts/${accountId}/events/${eventId}/start`, {
        key: h.serviceKey,
      });
      expect(started.statusCode, started.body).toBeLessThan(300);
      const outputs = await h.call('POST', `/v1/accounts/${accountId}/events/${eventId}/outputs`, {
        key: h.serviceKey,
        body: {
          outputs: [1, 2, 3].map((i) => ({ outputId: `out-${i}`, sessionId: 's-1', kind: 'ai_image_low' })),
        },
      }); // TOKEN charge
      expect(outputs.statusCode, outputs.body).toBeLessThan(300);
      return accountId;
    }

    async function wholeHistory(accountId: string, key: string): Promise<Row[]> {
      const rows: Row[] = [];
      let cursor: string | null = null;
      do {
        const page = await h.call(
          'GET',
          `/v1/accounts/${accountId}/transactions?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
          { key },
        );
        expect(page.statusCode, page.body).toBe(200);
        rows.push(...page.json().data);
        cursor = page.json().nextCursor;
      } while (cursor);
      return rows;
    }

    it('a busy account: every row of every unit and kind links to a document that answers 200, or has no link', async () => {
      const accountId = await busyAccount();
      const customer = (await issueKey(h.engine, 'customer', accountId)).secret;
      const rows = await wholeHistory(accountId, customer);
      const kinds = new Set(rows.map((r) => `${r.amount.unit}:${r.kind}`));
      expect([...kinds].sort()).toEqual(
        [
          'CREDIT:charge',
          'CREDIT:other',
          'CREDIT:payment',
          'CREDIT:promotion',
          'CREDIT:refund',
          'TOKEN:charge',
          'TOKEN:payment',
          'TOKEN:promotion',
          'USD:charge',
          'USD:other',
          'USD:payment',
        ].sort(),
      );

      const answers: Record<string, number> = {};
      for (const row of rows) {
        const link = row.links.invoice;
        if (link === null) continue;
        const res = await h.call('GET', link, { key: customer });
        answers[`${row.amount.unit}:${row.kind} ${link}`] = res.statusCode;
        if (res.statusCode === 200) expect(res.headers['content-type']).toBe('application/pdf');
      }
      const failures = Object.entries(answers).filter(([, status]) => status !== 200);
      expect(failures).toEqual([]);
      expect(Object.keys(answers).length).toBe(rows.length - 2);

      // Exactly the standalone promotions carry no link (docs/documents.md).
      const unlinked = rows.filter((r) => r.links.invoice === null);
      expect(unlinked.map((r) => `${r.amount.unit}:${r.kind}`).sort()).toEqual([
        'CREDIT:promotion',
        'TOKEN:promotion',
      ]);
      expect(unlinked.every((r) => !r.metadata.paymentTransactionId)).toBe(true);

      // The token usage statement lists the outputs by event and kind.
      const statement = await h.call('GET', `/v1/accounts/${accountId}/token-statements/2027-01`, {
        key: customer,
      });
      expect(statement.json()).toMatchObject({
        month: '2027-01',
        lines: [{ event: 'Gala — Łódź', item: 'ai image low outputs', quantity: 3 }],
      });
      expect(statement.json().total.amount).toBe(statement.json().lines[0].tokens.amount);
    });

    it("a bad statement month is a 400 problem; another account's statement is refused", async () => {
      const accountId = await h.openAccount();
      for (const month of ['2027-13', '27-01', '2027-1.pdf', 'now']) {
        const res = await h.call('GET', `/v1/accounts/${accountId}/token-statements/${month}`);
        expect(res.statusCode, month).toBe(400);
        expect(res.headers['content-type']).toContain('application/problem+json');
      }
      const other = await h.openAccount();
      const customer = (await issueKey(h.engine, 'customer', other)).secret;
      const res = await h.call('GET', `/v1/accounts/${accountId}/token-statements/2027-01.pdf`, {
        key: customer,
      });
      expect([403, 404]).toContain(res.statusCode);
    });
  });
}
