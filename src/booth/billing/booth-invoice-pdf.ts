import type { BoothInvoice, BoothInvoiceLineKind, BoothInvoiceStatus } from './booth-invoice-rules.js';
import { formatAmount } from '../../kernel/money.js';
import {
  CONTENT_WIDTH,
  MARGIN,
  field,
  formatUtc,
  pdfSafe,
  renderPdf,
  rule,
  tableRow,
} from '../../kernel/documents/pdf-layout.js';

/**
 * Renders a finalized booth invoice as a PDF. It lays out what is stored: the lines, totals and
 * the bill-to snapshot taken at finalization (the invoice settings version in force then), so a
 * settings change afterwards never alters an issued document. The status printed is the current
 * one (an invoice paid later downloads as paid).
 */
export async function renderBoothInvoicePdf(invoice: BoothInvoice, issuer = 'Pictor'): Promise<Buffer> {
  if (invoice.formattedNumber === null || invoice.finalizedAt === null) {
    throw new Error('a draft booth invoice has no document');
  }
  return renderPdf(
    { title: `Invoice ${invoice.formattedNumber}`, author: issuer, date: invoice.finalizedAt },
    (pdf) => layOut(pdf, invoice, issuer),
  );
}

const COLUMNS = { description: 250, kind: 110, quantity: 40, amount: CONTENT_WIDTH - 400 };

const KIND_LABELS: Record<BoothInvoiceLineKind, string> = {
  purchase: 'Purchase',
  renewal: 'Renewal',
  pro_rata: 'Pro-rata',
  volume_discount: 'Volume discount',
  coupon: 'Coupon',
  account_credit: 'Account credit',
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

const usd = (micros: bigint) =>
  `${micros < 0n ? '-' : ''}$${formatAmount(micros < 0n ? -micros : micros, 'USD')}`;

function layOut(pdf: PDFKit.PDFDocument, invoice: BoothInvoice, issuer: string): void {
  pdf.font('Helvetica-Bold').fontSize(22).text('Invoice', MARGIN, MARGIN);
  pdf.fontSize(14).text(pdfSafe(issuer), MARGIN, MARGIN + 4, { width: CONTENT_WIDTH, align: 'right' });
  pdf.moveDown(1.5);

  pdf.font('Helvetica').fontSize(10);
  field(pdf, 'Invoice number', invoice.formattedNumber!);
  field(pdf, 'Invoice ID', invoice.id);
  field(pdf, 'Date', formatUtc(invoice.finalizedAt!));
  field(pdf, 'Status', STATUS_LABELS[invoice.status]);
  if (invoice.paidAt) field(pdf, 'Paid', formatUtc(invoice.paidAt));
  field(pdf, 'Account', invoice.accountId);
  field(pdf, 'Description', invoice.description);
  pdf.moveDown();

  const billTo = invoice.billTo;
  pdf.font('Helvetica-Bold').fontSize(11).text('Bill to', MARGIN);
  pdf.font('Helvetica').fontSize(10);
  if (billTo) {
    pdf.text(pdfSafe(billTo.name));
    if (billTo.email) pdf.text(pdfSafe(billTo.email));
    if (billTo.address) pdf.text(pdfSafe(billTo.address));
    if (billTo.taxInformation) pdf.text(`Tax information: ${pdfSafe(billTo.taxInformation)}`);
    pdf
      .fontSize(8)
      .fillColor('#555555')
      .text(
        billTo.settingsVersion === null
          ? "From the account's details: no invoice settings were on file when the invoice was finalized."
          : `Invoice settings version ${billTo.settingsVersion}, in force when the invoice was finalized.`,
      )
      .fillColor('black')
      .fontSize(10);
  }
  pdf.moveDown(1.5);

  let y = pdf.y;
  pdf.font('Helvetica-Bold');
  y = row(pdf, y, ['Description', 'Kind', 'Qty', 'Amount (USD)']);
  y += 4;
  rule(pdf, y);
  y += 6;
  pdf.font('Helvetica');
  for (const line of invoice.lines) {
    y = row(pdf, y, [
      pdfSafe(line.description),
      KIND_LABELS[line.kind],
      String(line.quantity),
      usd(line.amountMicros),
    ]);
    y += 4;
  }
  rule(pdf, y);
  y += 8;

  const totals: [string, bigint][] = [['Subtotal', invoice.subtotalMicros]];
  if (invoice.creditAppliedMicros > 0n) totals.push(['Account credit applied', -invoice.creditAppliedMicros]);
  totals.push([invoice.totalMicros < 0n ? 'Total (credited to your account)' : 'Total', invoice.totalMicros]);
  totals.push(['Amount paid', invoice.amountPaidMicros]);
  if (invoice.status === 'open' || invoice.status === 'uncollectible') {
    totals.push(['Amount due', invoice.totalMicros - invoice.amountPaidMicros]);
  }
  pdf.y = y;
  for (const [label, amount] of totals) {
    pdf.font(label.startsWith('Total') ? 'Helvetica-Bold' : 'Helvetica');
    pdf.text(`${label}: ${usd(amount)}`, MARGIN, pdf.y, { width: CONTENT_WIDTH, align: 'right' });
  }
  pdf.moveDown(2);
  pdf
    .font('Helvetica')
    .fontSize(8)
    .fillColor('#555555')
    .text('Amounts in USD. Paid with the saved default card unless stated otherwise.', MARGIN, pdf.y, {
      width: CONTENT_WIDTH,
    });
}

function row(pdf: PDFKit.PDFDocument, y: number, cells: [string, string, string, string]): number {
  const [description, kind, quantity, amount] = cells;
  return tableRow(pdf, y, [
    { text: description, width: COLUMNS.description },
    { text: kind, width: COLUMNS.kind },
    { text: quantity, width: COLUMNS.quantity, align: 'right' },
    { text: amount, width: COLUMNS.amount, align: 'right' },
  ]);
}
