import type { TransactionRecord } from '../../ledger/ledger-rules.js';
import { DOCUMENT_ISSUED } from '../../notify/email.js';
import { formatDate, formatMoney, formatMoneyWithUnit } from '../../kernel/format-rules.js';
import { getInvoice } from './get-invoice.js';
import type { ComputeContext } from '../context.js';

/**
 * Emails the receipt of each top-up just recorded (a CREDIT payment: PayPal or USDT) to the
 * billing email, the bill-to email of the invoice settings in force (else the account's), with
 * its PDF attached when sent (docs/documents.md, "Receipts by email"). Called after the ledger's
 * commit, once the receipt has its number. The event's dedupe id is the transaction, so a repeat
 * sends nothing more. Charges (render tasks, storage hours) are not emailed one by one.
 */
export async function emailTopUpReceipts(
  ctx: ComputeContext,
  recorded: readonly TransactionRecord[],
): Promise<void> {
  if (!ctx.events) return;
  for (const t of recorded) {
    if (t.kind !== 'payment' || t.unit !== 'CREDIT') continue;
    const document = await getInvoice(ctx, { accountId: t.accountId, transactionId: t.id });
    if (!document.ok) continue;
    const d = document.value;
    const payment = d.details.payment;
    const total = payment
      ? `${formatMoney(payment.totalChargedMicros)} ${payment.currency}`
      : formatMoneyWithUnit(d.totals.netMicros, 'CREDIT');
    await ctx.events.publish(t.accountId, {
      type: DOCUMENT_ISSUED,
      at: d.date,
      emailTo: d.billTo.email ? [d.billTo.email] : [],
      data: {
        line: 'compute',
        documentId: t.id,
        document: d.title,
        number: d.number,
        date: formatDate(d.date),
        description: payment
          ? `${payment.method} top-up, ${formatMoneyWithUnit(payment.creditsMicros, 'CREDIT')}`
          : d.kindLabel,
        total,
        path: `/v1/accounts/${t.accountId}/transactions/${t.id}/invoice.pdf`,
        dedupeId: `document:${t.id}`,
      },
    });
  }
}
