import { type InvoiceDocument, effectLabel } from './invoice-rules.js';
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
 * Renders an invoice document as a PDF. It only lays out what `buildInvoiceDocument` computed:
 * no amount is added, rounded or looked up here, so the PDF and the JSON cannot disagree.
 *
 * The built-in Helvetica carries only the Latin-1 (WinAnsi) glyphs and embeds nothing, which keeps
 * the file small and the output reproducible. Customer text outside that set is reduced to its
 * base letters ("Nguyễn" → "Nguyen"), or "?" when there is none; the JSON invoice keeps it exact.
 */
export async function renderInvoicePdf(invoice: InvoiceDocument): Promise<Buffer> {
  return renderPdf(
    { title: `Invoice ${invoice.number}`, author: invoice.issuer, date: invoice.date },
    (pdf) => layOut(pdf, invoice),
  );
}

const COLUMNS = { description: 260, effect: 130, amount: CONTENT_WIDTH - 390 };

function layOut(pdf: PDFKit.PDFDocument, invoice: InvoiceDocument): void {
  const unitAmount = (micros: bigint) => `${formatAmount(micros, invoice.unit)} ${invoice.unit}`;

  pdf.font('Helvetica-Bold').fontSize(22).text('Invoice', MARGIN, MARGIN);
  pdf
    .fontSize(14)
    .text(pdfSafe(invoice.issuer), MARGIN, MARGIN + 4, { width: CONTENT_WIDTH, align: 'right' });
  pdf.moveDown(1.5);

  pdf.font('Helvetica').fontSize(10);
  field(pdf, 'Invoice number', invoice.number);
  field(pdf, 'Date', formatUtc(invoice.date));
  field(pdf, 'Transaction', invoice.transactionId);
  field(pdf, 'Type', invoice.kindLabel);
  field(pdf, 'Account', invoice.accountId);
  pdf.moveDown();

  pdf.font('Helvetica-Bold').fontSize(11).text('Bill to', MARGIN);
  pdf.font('Helvetica').fontSize(10);
  pdf.text(pdfSafe(invoice.billTo.name));
  if (invoice.billTo.email) pdf.text(pdfSafe(invoice.billTo.email));
  if (invoice.billTo.address) pdf.text(pdfSafe(invoice.billTo.address));
  if (invoice.billTo.taxInformation) pdf.text(`Tax information: ${pdfSafe(invoice.billTo.taxInformation)}`);
  pdf
    .fontSize(8)
    .fillColor('#555555')
    .text(
      invoice.settingsVersion === null
        ? "From the account's details: no invoice settings were on file at the transaction's time."
        : `Invoice settings version ${invoice.settingsVersion}, in force at the transaction's time.`,
    )
    .fillColor('black')
    .fontSize(10);
  pdf.moveDown(1.5);

  let y = pdf.y;
  pdf.font('Helvetica-Bold');
  row(pdf, y, 'Description', 'Effect', `Amount (${invoice.unit})`);
  y = pdf.y + 4;
  rule(pdf, y);
  y += 6;
  pdf.font('Helvetica');
  for (const line of invoice.lines) {
    y = row(
      pdf,
      y,
      pdfSafe(line.description),
      effectLabel(invoice.unit, line.effect),
      formatAmount(line.amountMicros, invoice.unit),
    );
    y += 4;
  }
  rule(pdf, y);
  y += 8;

  pdf.font('Helvetica-Bold');
  pdf.text(`Total - ${invoice.totals.label}: ${unitAmount(invoice.totals.amountMicros)}`, MARGIN, y, {
    width: CONTENT_WIDTH,
    align: 'right',
  });
  pdf.font('Helvetica');
  // Both directions in one transaction (none today): show the parts the net is made of.
  if (invoice.totals.addedMicros > 0n && invoice.totals.deductedMicros > 0n) {
    pdf.fontSize(9);
    pdf.text(`of which added: ${unitAmount(invoice.totals.addedMicros)}`, {
      width: CONTENT_WIDTH,
      align: 'right',
    });
    pdf.text(`of which deducted: ${unitAmount(invoice.totals.deductedMicros)}`, {
      width: CONTENT_WIDTH,
      align: 'right',
    });
  }
  pdf.moveDown(2);
  pdf
    .fontSize(8)
    .fillColor('#555555')
    .text(`Amounts in ${invoice.unit}. 1 Credit = 1 USD = 1 USDT.`, MARGIN, pdf.y, { width: CONTENT_WIDTH });
}

/** One table row: description, effect, amount (right-aligned). */
function row(
  pdf: PDFKit.PDFDocument,
  y: number,
  description: string,
  effect: string,
  amount: string,
): number {
  return tableRow(pdf, y, [
    { text: description, width: COLUMNS.description },
    { text: effect, width: COLUMNS.effect },
    { text: amount, width: COLUMNS.amount, align: 'right' },
  ]);
}
