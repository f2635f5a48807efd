import type { LightMyRequestResponse } from 'fastify';
import { extractText } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../src/kernel/clock.js';
import { SAMPLE_SELLER } from '../../../src/kernel/documents/seller-rules.js';
import { recordTopUp } from '../../../src/compute/topups/record-top-up.js';
import { backends } from '../../support/databases.js';
import { type FakePayPal, startFakePayPal } from '../../support/fake-paypal.js';
import { type Harness, startHarness, uniqueKey } from '../../support/harness.js';

async function pdfText(res: LightMyRequestResponse): Promise<string> {
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toBe('application/pdf');
  const { text } = await extractText(new Uint8Array(res.rawPayload), { mergePages: true });
  return text;
}

/** The text with each run of whitespace (a wrapped line) as one space. */
async function flatPdfText(res: LightMyRequestResponse): Promise<string> {
  return (await pdfText(res)).replace(/\s+/g, ' ');
}

const UNICODE_NAME = 'Zoë Ångström — Łódź → Café Müller ß İstanbul Tiếng Việt';

/** Receipts, usage invoices and credit notes of the compute line, read back from their PDFs. */
for (const backend of backends) {
  describe(`compute documents (${backend.name})`, () => {
    let h: Harness;
    let fake: FakePayPal;
    beforeAll(async () => {
      const clock = new SimulatedClock('2027-04-15T09:00:00Z');
      fake = await startFakePayPal({ clock });
      h = await startHarness(backend, { clock, payments: { paypal: fake.client() } });
    });
    afterAll(async () => {
      await h.close();
      await fake.close();
    });

    const history = async (accountId: string) =>
      (await h.call('GET', `/v1/accounts/${accountId}/transactions?limit=200`)).json().data as {
        id: string;
        kind: string;
        links: { invoice: string | null };
      }[];
    const document = (accountId: string, transactionId: string, pdf = false) =>
      h.call('GET', `/v1/accounts/${accountId}/transactions/${transactionId}/invoice${pdf ? '.pdf' : ''}`);

    const topUpViaPayPal = async (accountId: string, amount: string) => {
      const order = (
        await h.call('POST', `/v1/accounts/${accountId}/top-ups/paypal`, {
          body: { amount: { amount, unit: 'USD' } },
        })
      ).json().order;
      fake.sandbox.approve(order.paypalOrderId);
      const captured = await h.call('POST', `/v1/accounts/${accountId}/top-ups/paypal/${order.id}/capture`);
      expect(captured.statusCode, captured.body).toBe(200);
      const payment = (await history(accountId)).find((t) => t.kind === 'payment')!;
      return { paymentId: payment.id, captureId: captured.json().order.captureId as string };
    };

    it('a $57.50 PayPal top-up: receipt with 57.50 credits, fee 2.83, total 60.33 USD, PayPal, the capture id and the promotion; its refund is a credit note referring to it', async () => {
      const promotion = await h.call('POST', '/v1/promotions', {
        body: {
          name: 'Spring bonus',
          startsAt: '2027-04-01T00:00:00Z',
          endsAt: '2027-05-01T00:00:00Z',
          bonus: { type: 'percentage', basisPoints: 1000 },
          reason: 'Spring campaign',
        },
      });
      expect(promotion.statusCode, promotion.body).toBe(201);
      const accountId = await h.openAccount('Receipt Studio');
      const { paymentId, captureId } = await topUpViaPayPal(accountId, '57.50');
      await h.call('POST', `/v1/promotions/${promotion.json().id}/deactivate`, { body: { reason: 'over' } });

      const receipt = (await document(accountId, paymentId)).json();
      expect(receipt).toMatchObject({
        title: 'Receipt',
        kind: 'payment',
        seller: SAMPLE_SELLER,
        details: {
          payment: {
            method: 'PayPal',
            currency: 'USD',
            credits: { amount: '57.500000', unit: 'CREDIT' },
            amountPaid: '57.50',
            fee: '2.83',
            totalCharged: '60.33',
            references: [
              { label: 'PayPal capture ID', value: captureId, url: null },
              { label: 'PayPal order ID' },
            ],
          },
          promotion: { name: 'Spring bonus', credits: { amount: '5.750000', unit: 'CREDIT' } },
          usage: [],
          refundOf: null,
        },
      });
      const text = await pdfText(await document(accountId, paymentId, true));
      for (const expected of [
        'Receipt',
        receipt.number,
        'Amount paid for 57.50 credits 57.50 USD',
        'PayPal fee 2.83 USD',
        'Total charged 60.33 USD',
        'Credits received 57.50 credits',
        'Promotion: Spring bonus +5.75 credits',
        'Payment method: PayPal',
        `PayPal capture ID: ${captureId}`,
        SAMPLE_SELLER.legalName,
        'Receipt Studio',
      ]) {
        expect(text).toContain(expected);
      }

      // The promotion's own row links to the receipt that shows it.
      const rows = await history(accountId);
      const promotionRow = rows.find((t) => t.kind === 'promotion')!;
      expect(promotionRow.links.invoice).toBe(
        `/v1/accounts/${accountId}/transactions/${paymentId}/invoice.pdf`,
      );

      h.clock.advance(3_600_000);
      const refund = await h.call('POST', `/v1/accounts/${accountId}/refunds`, {
        idempotencyKey: uniqueKey('refund'),
        body: {
          paymentTransactionId: paymentId,
          amount: { amount: '20', unit: 'CREDIT' },
          reason: 'customer request',
        },
      });
      expect(refund.statusCode, refund.body).toBe(201);
      const refundId = (await history(accountId)).find((t) => t.kind === 'refund')!.id;
      const note = (await document(accountId, refundId)).json();
      expect(note).toMatchObject({
        title: 'Credit note',
        details: {
          refundOf: { transactionId: paymentId, number: receipt.number, date: '2027-04-15T09:00:00.000Z' },
        },
      });
      const noteText = await pdfText(await document(accountId, refundId, true));
      expect(noteText).toContain('Credit note');
      expect(noteText).toContain(`Refers to: ${receipt.number} of 15 Apr 2027`);
      expect(noteText).toContain('Credits refunded 20.00 credits');
    });

    it('a USDT deposit: receipt with the USDT amount, fee 0, chain, sender wallet and the transaction hash linked to the explorer', async () => {
      const accountId = await h.openAccount('Chain Studio');
      const txHash = `0x${'ab'.repeat(32)}`;
      const sender = '0x52908400098527886E0F7030069857D2E4169EE7';
      const explorerUrl = `https://etherscan.io/tx/${txHash}`;
      // The metadata creditDeposit (deposits/credit-deposit.ts) records for a confirmed Transfer log.
      const paid = await recordTopUp(h.engine, {
        accountId,
        rail: 'usdt',
        amountMicros: 1_234_500_000n,
        sourceId: `${txHash}:3`,
        description: 'USDT deposit',
        metadata: {
          txHash,
          logIndex: '3',
          chainId: '1',
          fromAddress: sender,
          explorerUrl,
          fee: '0',
          depositId: 'dep_test',
        },
      });
      expect(paid.ok).toBe(true);
      const paymentId = paid.ok ? paid.value.id : '';
      const receipt = (await document(accountId, paymentId)).json();
      expect(receipt.details.payment).toEqual({
        method: 'USDT',
        currency: 'USDT',
        credits: { amount: '1234.500000', unit: 'CREDIT' },
        amountPaid: '1,234.50',
        fee: '0.00',
        // Sent by the customer's own wallet, which paid the gas; no relay of Pictor's sent it.
        networkFee: {
          paidBy: 'sender',
          amount: null,
          refund: null,
          statement: 'Network fee paid by the sending wallet (gas, in ETH)',
        },
        totalCharged: '1,234.50',
        references: [
          { label: 'Chain', value: 'Ethereum (chain id 1)', url: null },
          { label: 'Sender wallet', value: sender, url: null },
          { label: 'Transaction hash', value: txHash, url: explorerUrl },
        ],
      });
      const res = await document(accountId, paymentId, true);
      const text = await flatPdfText(res);
      for (const expected of [
        'Amount paid for 1,234.50 credits 1,234.50 USDT',
        'Network fee paid by the sending wallet (gas, in ETH) not charged',
        'Total charged 1,234.50 USDT',
        'Payment method: USDT',
        'Chain: Ethereum (chain id 1)',
        `Sender wallet: ${sender}`,
        `Transaction hash: ${txHash}`,
      ]) {
        expect(text).toContain(expected);
      }
      expect(text).not.toContain('Network fee 0.00');
      // The hash is a live link annotation to the explorer page.
      expect(res.rawPayload.toString('latin1')).toContain(`/URI (${explorerUrl})`);
    });

    it('a render task charge: resources × duration × rate', async () => {
      const accountId = await h.openAccount('Render Studio');
      await h.fund(accountId, '50');
      const RESOURCES = { gpus: 1, cpuCores: 10, ramGb: 16, storageGb: 100 };
      const url = (action: string) => `/v1/accounts/${accountId}/render-jobs/job-7/tasks/frame-12/${action}`;
      const started = await h.call('POST', url('start'), {
        key: h.serviceKey,
        body: { resources: RESOURCES, timeLimitSeconds: 1800 },
      });
      expect(started.statusCode, started.body).toBeLessThan(300);
      const completed = await h.call('POST', url('complete'), {
        key: h.serviceKey,
        body: { usage: { seconds: 1350, ...RESOURCES } },
      });
      expect(completed.statusCode, completed.body).toBeLessThan(300);
      const charge = (await history(accountId)).find((t) => t.kind === 'charge')!;
      const invoice = (await document(accountId, charge.id)).json();
      expect(invoice).toMatchObject({
        title: 'Invoice',
        details: {
          payment: null,
          usage: [
            {
              description:
                'Render task frame-12 (GPU 0.90, CPU core 0.02, RAM GB 0.005, storage GB 0.0002 credits/h)',
              quantity: '1 GPU + 10 CPU cores + 16 GB RAM + 100 GB storage × 1350 s',
              rate: '1.20 credits/h',
              amount: { amount: '0.450000', unit: 'CREDIT' },
            },
          ],
        },
      });
      const text = await flatPdfText(await document(accountId, charge.id, true));
      expect(text).toContain('1 GPU + 10 CPU cores + 16 GB RAM + 100 GB storage × 1350 s');
      expect(text).toContain('1.20 credits/h');
      expect(text).toContain('Total 0.45 credits');
    });

    it('a Unicode buyer name is embedded and extracted exactly (no "?" and no stripped accents)', async () => {
      const accountId = await h.openAccount('Unicode');
      const put = await h.app.inject({
        method: 'PUT',
        url: `/v1/accounts/${accountId}/invoice-settings`,
        headers: { authorization: `Bearer ${h.operatorKey}`, 'idempotency-key': uniqueKey('settings') },
        payload: { name: UNICODE_NAME, email: 'zoe@example.com', address: 'ul. Piotrkowska 1, 90-001 Łódź' },
      });
      expect(put.statusCode, put.body).toBe(200);
      h.clock.advance(1000);
      await h.fund(accountId, '5');
      const [row] = await history(accountId);
      const text = await pdfText(await document(accountId, row!.id, true));
      expect(text.split('\n')).toContain(UNICODE_NAME);
      expect(text).toContain('ul. Piotrkowska 1, 90-001 Łódź');
      expect(text).not.toContain('?');
    });
  });
}
