import PDFDocument from 'pdfkit';
import type { BoothInvoice, BoothInvoiceLineKind, BoothInvoiceStatus } from '../domain/booth-invoice.js';
import { formatAmount } from '../domain/money.js';
import { pdfSafe } from './invoice-pdf.js';

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
  const date = invoice.finalizedAt;
  const pdf = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: {
      Title: `Invoice ${invoice.formattedNumber}`,
      Author: issuer,
      Producer: 'Pictor Billing',
      Creator: 'Pictor Billing',
      CreationDate: date,
      ModDate: date,
    },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  layOut(pdf, invoice, issuer);
  pdf.end();
  return finished;
}

const MARGIN = 50;
const PAGE_WIDTH = 595.28;
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
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
  pdf
    .moveTo(MARGIN, y)
    .lineTo(MARGIN + CONTENT_WIDTH, y)
    .stroke();
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
  pdf
    .moveTo(MARGIN, y)
    .lineTo(MARGIN + CONTENT_WIDTH, y)
    .stroke();
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

function field(pdf: PDFKit.PDFDocument, label: string, value: string): void {
  pdf.font('Helvetica-Bold').text(`${label}: `, MARGIN, pdf.y, { continued: true });
  pdf.font('Helvetica').text(pdfSafe(value));
}

function row(pdf: PDFKit.PDFDocument, y: number, cells: [string, string, string, string]): number {
  const [description, kind, quantity, amount] = cells;
  const heights = [
    pdf.heightOfString(description, { width: COLUMNS.description }),
    pdf.heightOfString(kind, { width: COLUMNS.kind }),
  ];
  let x = MARGIN;
  pdf.text(description, x, y, { width: COLUMNS.description });
  x += COLUMNS.description;
  pdf.text(kind, x, y, { width: COLUMNS.kind });
  x += COLUMNS.kind;
  pdf.text(quantity, x, y, { width: COLUMNS.quantity, align: 'right' });
  x += COLUMNS.quantity;
  pdf.text(amount, x, y, { width: COLUMNS.amount, align: 'right' });
  return y + Math.max(...heights);
}

function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}
