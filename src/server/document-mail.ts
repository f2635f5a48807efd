import type { EmailAttachment } from '../notify/email.js';
import { DOCUMENT_ISSUED } from '../notify/email.js';
import { getInvoice } from '../compute/invoices/get-invoice.js';
import { getFinalizedBoothInvoice } from '../booth/billing/get-booth-invoice.js';
import { renderOffLoop } from '../kernel/documents/render-pool.js';
import type { ServiceContext } from './context.js';
import type { NotificationRecord } from '../notify/notification-rules.js';

/**
 * The PDF a `document.issued` email carries, rendered when the email is sent from the stored rows
 * (the same bytes as a download: documents are byte-identical on every render), on the render
 * pool's worker threads like the downloads, so a batch of receipts never stalls the event loop. Notify knows no
 * product line, so the server hands it this. A document that cannot be found throws: the
 * delivery is retried, then shows `failed`.
 */
export async function documentAttachments(
  ctx: ServiceContext,
  notification: NotificationRecord,
): Promise<EmailAttachment[]> {
  if (notification.type !== DOCUMENT_ISSUED) return [];
  const { line, documentId } = notification.payload;
  const accountId = notification.accountId;
  if (line === 'compute' && documentId) {
    const document = await getInvoice(ctx, { accountId, transactionId: documentId });
    if (!document.ok) throw new Error(`document ${documentId}: ${document.failure.detail}`);
    const bytes = await renderOffLoop(
      import.meta.url,
      '../compute/invoices/invoice-pdf.js',
      'renderInvoicePdf',
      [document.value],
    );
    return [pdf(document.value.number, bytes)];
  }
  if (line === 'booth' && documentId) {
    const invoice = await getFinalizedBoothInvoice(ctx, accountId, documentId);
    if (!invoice.ok) throw new Error(`booth invoice ${documentId}: ${invoice.failure.detail}`);
    const bytes = await renderOffLoop(
      import.meta.url,
      '../booth/billing/booth-invoice-pdf.js',
      'renderBoothInvoicePdf',
      [invoice.value, ctx.seller],
    );
    return [pdf(invoice.value.formattedNumber!, bytes)];
  }
  throw new Error(`notification ${notification.id} names no document`);
}

const pdf = (number: string, content: Buffer): EmailAttachment => ({
  filename: `${number}.pdf`,
  contentType: 'application/pdf',
  content,
});
