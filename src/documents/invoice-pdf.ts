import PDFDocument from 'pdfkit';
import { type InvoiceDocument, effectLabel } from '../domain/invoice.js';
import { formatAmount } from '../domain/money.js';

/**
 * Renders an invoice document as a PDF. It only lays out what `buildInvoiceDocument` computed:
 * no amount is added, rounded or looked up here, so the PDF and the JSON cannot disagree.
 *
 * The built-in Helvetica carries only the Latin-1 (WinAnsi) glyphs and embeds nothing, which keeps
 * the file small and the output reproducible. Customer text outside that set is reduced to its
 * base letters ("Nguyễn" → "Nguyen"), or "?" when there is none; the JSON invoice keeps it exact.
 */
export async function renderInvoicePdf(invoice: InvoiceDocument): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    // Fixed metadata: the same invoice renders to the same bytes, whenever it is downloaded.
    info: {
      Title: `Invoice ${invoice.number}`,
      Author: invoice.issuer,
      Producer: 'Pictor Billing',
      Creator: 'Pictor Billing',
      CreationDate: invoice.date,
      ModDate: invoice.date,
    },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  layOut(pdf, invoice);
  pdf.end();
  return finished;
}

const MARGIN = 50;
const PAGE_WIDTH = 595.28; // A4 in points
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
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
  pdf
    .moveTo(MARGIN, y)
    .lineTo(MARGIN + CONTENT_WIDTH, y)
    .stroke();
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
  pdf
    .moveTo(MARGIN, y)
    .lineTo(MARGIN + CONTENT_WIDTH, y)
    .stroke();
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

function field(pdf: PDFKit.PDFDocument, label: string, value: string): void {
  pdf.font('Helvetica-Bold').text(`${label}: `, MARGIN, pdf.y, { continued: true });
  pdf.font('Helvetica').text(pdfSafe(value));
}

/** One table row; returns the y below its tallest cell (a description may wrap). */
function row(
  pdf: PDFKit.PDFDocument,
  y: number,
  description: string,
  effect: string,
  amount: string,
): number {
  const heights = [
    pdf.heightOfString(description, { width: COLUMNS.description }),
    pdf.heightOfString(effect, { width: COLUMNS.effect }),
  ];
  pdf.text(description, MARGIN, y, { width: COLUMNS.description });
  pdf.text(effect, MARGIN + COLUMNS.description, y, { width: COLUMNS.effect });
  pdf.text(amount, MARGIN + COLUMNS.description + COLUMNS.effect, y, {
    width: COLUMNS.amount,
    align: 'right',
  });
  return y + Math.max(...heights);
}

/** "2026-01-01 00:00:00 UTC": invoices state their time zone rather than the reader's. */
function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/**
 * Text the standard fonts can draw: Latin-1 printable characters as they are; anything else by
 * its base letters when it has them, else "?". Line breaks are kept, other controls dropped.
 */
export function pdfSafe(text: string): string {
  let out = '';
  for (const char of text.normalize('NFC')) {
    const code = char.codePointAt(0)!;
    if (char === '\n' || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff)) {
      out += char;
    } else if (code < 0x20 || (code >= 0x7f && code < 0xa0)) {
      continue;
    } else {
      const base = (SPECIAL_BASES[char] ?? char.normalize('NFKD')).replace(/[\u0300-\u036f]/g, '');
      out += base.length > 0 && [...base].every((c) => c.codePointAt(0)! <= 0xff) ? base : '?';
    }
  }
  return out;
}

/** Letters that have no decomposition but an obvious base letter. */
const SPECIAL_BASES: Record<string, string> = {
  đ: 'd',
  Đ: 'D',
  ł: 'l',
  Ł: 'L',
  ı: 'i',
  '\u2212': '-', // minus sign
  '\u2013': '-',
  '\u2014': '-',
  '\u2018': "'",
  '\u2019': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u2026': '...',
};
