import { extractText } from 'unpdf';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderOffLoop } from '../../src/kernel/documents/render-pool.js';
import type { ServiceContext } from '../../src/server/context.js';
import { SimulatedClock } from '../../src/kernel/clock.js';
import type { DueWorkRunner } from '../../src/kernel/jobs/due-work-runner.js';
import { createSmtpSender } from '../../src/notify/email.js';
import { createEventPublisher } from '../../src/notify/publisher.js';
import { allWorkRunner } from '../../src/server/all-work.js';
import { addPaymentMethod } from '../../src/booth/billing/add-payment-method.js';
import { backends } from '../support/databases.js';
import { type FakeCardProcessor, startFakeCardProcessor } from '../support/fake-card-processor.js';
import { type FakePayPal, startFakePayPal } from '../support/fake-paypal.js';
import { type Harness, startHarness, uniqueKey } from '../support/harness.js';
import { type ReceivedMail, startSmtpServer } from '../support/mail-and-hooks.js';

// The render pool, watched: receipts must render on its worker threads, as downloads do.
vi.mock('../../src/kernel/documents/render-pool.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/kernel/documents/render-pool.js')>();
  return { ...actual, renderOffLoop: vi.fn(actual.renderOffLoop) };
});
const rendered = () => vi.mocked(renderOffLoop).mock.calls.map((call) => call[2]);

/**
 * Receipts by email (issue 14, item 7): a top-up's receipt and a booth invoice reach the billing
 * email over real SMTP (an in-process server) with the PDF attached, read back as a PDF.
 */
for (const backend of backends) {
  describe(`receipts by email (${backend.name})`, () => {
    let h: Harness;
    let paypal: FakePayPal;
    let cards: FakeCardProcessor;
    let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
    let runner: DueWorkRunner<ServiceContext>;
    beforeAll(async () => {
      const clock = new SimulatedClock('2027-04-15T09:00:00Z');
      [paypal, cards, smtp] = await Promise.all([
        startFakePayPal({ clock }),
        startFakeCardProcessor({ clock }),
        startSmtpServer(),
      ]);
      h = await startHarness(backend, {
        clock,
        payments: { paypal: paypal.client() },
        cards: { cards: cards.client(), cardsPublic: cards.publicConfig() },
      });
      h.engine.events = createEventPublisher(h.engine);
      runner = allWorkRunner(
        h.engine,
        { holdSweepSeconds: 60, notifications: { alertScanSeconds: 300 } },
        createSmtpSender(smtp.url, 'billing@pictor.test'),
      );
    });
    beforeEach(() => {
      vi.mocked(renderOffLoop).mockClear();
    });
    afterAll(async () => {
      await h?.close();
      await Promise.all([paypal?.close(), cards?.close(), smtp?.close()]);
    });

    /** An account whose invoice settings address its documents to `email`. */
    async function accountBilledTo(name: string, email: string): Promise<string> {
      const accountId = await h.openAccount(name);
      const put = await h.app.inject({
        method: 'PUT',
        url: `/v1/accounts/${accountId}/invoice-settings`,
        headers: { authorization: `Bearer ${h.operatorKey}`, 'idempotency-key': uniqueKey() },
        payload: { email, name: `${name} Ltd`, address: '1 Render Road' },
      });
      expect(put.statusCode, put.body).toBe(200);
      return accountId;
    }

    const mailsTo = (email: string): ReceivedMail[] => smtp.mails.filter((m) => m.envelopeTo.includes(email));

    async function attachedPdfText(mail: ReceivedMail, filename: string): Promise<string> {
      expect(mail.email.attachments.map((a) => [a.filename, a.mimeType])).toEqual([
        [filename, 'application/pdf'],
      ]);
      const content = mail.email.attachments[0]!.content;
      const bytes = typeof content === 'string' ? Buffer.from(content) : new Uint8Array(content);
      expect(Buffer.from(bytes).subarray(0, 5).toString()).toBe('%PDF-');
      return (await extractText(bytes, { mergePages: true })).text;
    }

    it('a $57.50 PayPal top-up: its receipt is emailed to the billing email with the PDF (57.50 credits, fee 2.83, total 60.33 USD), once', async () => {
      const accountId = await accountBilledTo('Mailed Studio', 'accounts@mailed.example');
      const order = (
        await h.call('POST', `/v1/accounts/${accountId}/top-ups/paypal`, {
          body: { amount: { amount: '57.50', unit: 'USD' } },
        })
      ).json().order;
      paypal.sandbox.approve(order.paypalOrderId);
      const captured = await h.call('POST', `/v1/accounts/${accountId}/top-ups/paypal/${order.id}/capture`);
      expect(captured.statusCode, captured.body).toBe(200);
      const payment = (await h.call('GET', `/v1/accounts/${accountId}/transactions`))
        .json()
        .data.find((t: { kind: string }) => t.kind === 'payment');
      const receipt = (
        await h.call('GET', `/v1/accounts/${accountId}/transactions/${payment.id}/invoice`)
      ).json();

      vi.mocked(renderOffLoop).mockClear();
      await runner.runDue();
      await runner.runDue(); // nothing more: delivered once
      expect(rendered()).toEqual(['renderInvoicePdf']); // on a worker thread, not the event loop
      const mails = mailsTo('accounts@mailed.example');
      expect(mails).toHaveLength(1);
      const mail = mails[0]!;
      expect(mail.email.subject).toBe(`Pictor receipt ${receipt.number}: 60.33 USD`);
      expect(mail.email.text).toContain(
        `Receipt ${receipt.number} of 15 Apr 2027: PayPal top-up, 57.50 credits.`,
      );
      const text = await attachedPdfText(mail, `${receipt.number}.pdf`);
      for (const expected of [
        'Receipt',
        receipt.number,
        'Amount paid for 57.50 credits 57.50 USD',
        'PayPal fee 2.83 USD',
        'Total charged 60.33 USD',
        `PayPal capture ID: ${captured.json().order.captureId}`,
        'Mailed Studio Ltd',
      ]) {
        expect(text).toContain(expected);
      }
      // The notification records the delivery.
      const [shown] = (await h.call('GET', `/v1/accounts/${accountId}/notifications`)).json().data;
      expect(shown.type).toBe('document.issued');
      expect(shown.deliveries).toMatchObject([
        { channel: 'email', target: 'accounts@mailed.example', status: 'delivered', attempts: 1 },
      ]);
    });

    it('a 500-token pack paid by card: its booth invoice is emailed to the billing email with the PDF ($75.00)', async () => {
      const accountId = await accountBilledTo('Mailed Booth', 'finance@booth.example');
      const saved = await addPaymentMethod(h.engine, accountId, await cards.tokenize('4242424242424242'));
      expect(saved.ok).toBe(true);
      const bought = await h.call('POST', `/v1/accounts/${accountId}/tokens/purchases`, {
        body: { pack: 500 },
      });
      expect(bought.statusCode, bought.body).toBe(201);
      const [row] = (await h.call('GET', `/v1/accounts/${accountId}/booth-invoices`)).json().data;
      expect(row.amount.amount).toBe('75.00');

      await runner.runDue();
      expect(rendered()).toEqual(['renderBoothInvoicePdf']);
      const mails = mailsTo('finance@booth.example');
      expect(mails).toHaveLength(1);
      // The attachment is the download's bytes.
      const download = await h.call('GET', `/v1/accounts/${accountId}/booth-invoices/${row.id}.pdf`);
      expect(
        Buffer.from(download.rawPayload).equals(
          Buffer.from(mails[0]!.email.attachments[0]!.content as Buffer),
        ),
      ).toBe(true);
      expect(mails[0]!.email.subject).toBe(`Pictor invoice ${row.number}: $75.00`);
      const text = await attachedPdfText(mails[0]!, `${row.number}.pdf`);
      for (const expected of [
        'Invoice',
        row.number,
        'Total $75.00',
        'Amount paid $75.00',
        'Mailed Booth Ltd',
      ]) {
        expect(text).toContain(expected);
      }
    });

    it('without SMTP the receipt is recorded and its email delivery skipped, saying why', async () => {
      const accountId = await accountBilledTo('Unmailed Studio', 'nobody@unmailed.example');
      const noSmtp = allWorkRunner(h.engine, {
        holdSweepSeconds: 60,
        notifications: { alertScanSeconds: 300 },
      });
      await h.fund(accountId, '10.00', 'USD');
      const saved = await addPaymentMethod(h.engine, accountId, await cards.tokenize('4242424242424242'));
      expect(saved.ok).toBe(true);
      const bought = await h.call('POST', `/v1/accounts/${accountId}/tokens/purchases`, {
        body: { pack: 100 },
      });
      expect(bought.statusCode, bought.body).toBe(201);
      await noSmtp.runDue();
      expect(mailsTo('nobody@unmailed.example')).toEqual([]);
      const [shown] = (await h.call('GET', `/v1/accounts/${accountId}/notifications`)).json().data;
      expect(shown.deliveries).toMatchObject([
        { channel: 'email', status: 'skipped', lastError: 'SMTP not configured' },
      ]);
    });
  });
}
