import type { BoothInvoice } from './booth-invoice-rules.js';
import { DOCUMENT_ISSUED } from '../../notify/email.js';
import { formatDate, formatMoneyWithUnit } from '../../kernel/format-rules.js';
import type { BoothContext } from '../context.js';

/**
 * Emails a settled booth invoice (a purchase, renewal or token pack paid; a credit note granted)
 * to its billing email, the bill-to email snapshotted at finalization, with its PDF attached when
 * sent (docs/documents.md, "Receipts by email"). The event's dedupe id is the invoice, so settling
 * again (a retry, a replay) sends nothing more.
 */
export async function emailBoothInvoice(ctx: BoothContext, invoice: BoothInvoice): Promise<void> {
  if (!ctx.events || invoice.status !== 'paid' || !invoice.formattedNumber || !invoice.finalizedAt) return;
  const creditNote = invoice.settlement.type === 'credit_note';
  await ctx.events.publish(invoice.accountId, {
    type: DOCUMENT_ISSUED,
    at: invoice.paidAt ?? invoice.finalizedAt,
    emailTo: invoice.billTo?.email ? [invoice.billTo.email] : [],
    data: {
      line: 'booth',
      documentId: invoice.id,
      document: creditNote ? 'Credit note' : 'Invoice',
      number: invoice.formattedNumber,
      date: formatDate(invoice.finalizedAt),
      description: invoice.description,
      total: formatMoneyWithUnit(invoice.totalMicros, 'USD'),
      path: `/v1/accounts/${invoice.accountId}/booth-invoices/${invoice.id}.pdf`,
      dedupeId: `document:${invoice.id}`,
    },
  });
}
