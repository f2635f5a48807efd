import type { BoothInvoice, BoothInvoiceLineKind, BoothInvoiceStatus } from './booth-invoice-rules.js';
import { formatDateTime, formatMoneyWithUnit } from '../../kernel/format-rules.js';
import { SAMPLE_SELLER, type Seller } from '../../kernel/documents/seller-rules.js';
import {
  CONTENT_WIDTH,
  FONT,
  MARGIN,
  field,
  footnote,
  partyBlocks,
  pdfSafe,
  renderPdf,
  rule,
  tableRow,
  totalsRow,
} from '../../kernel/documents/pdf-layout.js';

/**
 * Renders a finalized booth invoice as a PDF. It lays out what is stored: the lines, totals and
 * the bill-to snapshot taken at finalization (the invoice settings version in force then), so a
 * settings change afterwards never alters an issued document. The status printed is the current
 * one (an invoice paid later downloads as paid).
 *
 * Account credit is shown once, as a deduction under the subtotal (it is not a line), so the
 * subtotal is the sum of the lines shown.
 */
export async function renderBoothInvoicePdf(
  invoice: BoothInvoice,
  seller: Seller = SAMPLE_SELLER,
): Promise<Buffer> {
  if (invoice.formattedNumber === null || invoice.finalizedAt === null) {
    throw new Error('a draft booth invoice has no document');
  }
  return renderPdf(
    {
      title: `${documentTitle(invoice)} ${invoice.formattedNumber}`,
      author: seller.legalName,
      date: invoice.finalizedAt,
    },
    (pdf) => layOut(pdf, invoice, seller),
  );
}

const documentTitle = (invoice: BoothInvoice) =>
  invoice.settlement.type === 'credit_note' ? 'Credit note' : 'Invoice';

const COLUMNS = { description: 262, kind: 103, quantity: 35, amount: CONTENT_WIDTH - 400 };

const KIND_LABELS: Record<BoothInvoiceLineKind, string> = {
  purchase: 'Purchase',
  renewal: 'Renewal',
  pro_rata: 'Pro-rata',
  volume_discount: 'Volume discount',
  coupon: 'Coupon',
  cancellation_credit: 'Cancellation credit',
  volume_discount_adjustment: 'Volume discount adjustment',
  token_top_up: 'Token top-up',
};

const STATUS_LABELS: Record<BoothInvoiceStatus, string> = {
  draft: 'Draft',
  open: 'Open (payment due)',
  paid: 'Paid',
  void: 'Void',
  uncollectible: 'Uncollectible',
};

const usd = (micros: bigint) => formatMoneyWithUnit(micros, 'USD');

function layOut(pdf: PDFKit.PDFDocument, invoice: BoothInvoice, seller: Seller): void {
  const title = documentTitle(invoice);
  pdf.font(FONT.bold).fontSize(22).text(title, MARGIN, MARGIN);
  pdf.font(FONT.regular).fontSize(10);
  pdf.moveDown(0.5);
  field(pdf, `${title} number`, invoice.formattedNumber!);
  field(pdf, 'Date', formatDateTime(invoice.finalizedAt!));
  field(pdf, 'Status', STATUS_LABELS[invoice.status]);
  if (invoice.paidAt) field(pdf, 'Paid', formatDateTime(invoice.paidAt));
  field(pdf, 'Account', invoice.accountId);
  field(pdf, 'Description', invoice.description);
  pdf.moveDown();
  const billTo = invoice.billTo ?? {
    name: invoice.accountId,
    email: null,
    address: null,
    taxInformation: null,
  };
  partyBlocks(pdf, seller, billTo);
  pdf.moveDown(1.5);

  let y = pdf.y;
  pdf.font(FONT.bold);
  y = row(pdf, y, ['Description', 'Kind', 'Qty', 'Amount (USD)']);
  y += 4;
  rule(pdf, y);
  y += 6;
  pdf.font(FONT.regular);
  for (const line of invoice.lines) {
    y = row(pdf, y, [
      line.description,
      KIND_LABELS[line.kind],
      String(line.quantity),
      usd(line.amountMicros),
    ]);
    y += 4;
  }
  rule(pdf, y);
  pdf.y = y + 8;

  totalsRow(pdf, 'Subtotal', usd(invoice.subtotalMicros));
  if (invoice.creditAppliedMicros > 0n)
    totalsRow(pdf, 'Account credit applied', usd(-invoice.creditAppliedMicros));
  totalsRow(
    pdf,
    invoice.totalMicros < 0n ? 'Total (credited to your account)' : 'Total',
    usd(invoice.totalMicros),
    true,
  );
  totalsRow(pdf, 'Amount paid', usd(invoice.amountPaidMicros));
  if (invoice.status === 'open' || invoice.status === 'uncollectible') {
    totalsRow(pdf, 'Amount due', usd(invoice.totalMicros - invoice.amountPaidMicros), true);
  }
  footnote(
    pdf,
    `Amounts in USD. Paid with the saved default card unless stated otherwise. Questions about this document: ${seller.supportEmail}.`,
  );
}

function row(pdf: PDFKit.PDFDocument, y: number, cells: [string, string, string, string]): number {
  const [description, kind, quantity, amount] = cells;
  return tableRow(pdf, y, [
    { text: pdfSafe(description), width: COLUMNS.description },
    { text: kind, width: COLUMNS.kind },
    { text: quantity, width: COLUMNS.quantity, align: 'right' },
    { text: amount, width: COLUMNS.amount, align: 'right' },
  ]);
}
