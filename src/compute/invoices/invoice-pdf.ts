import type { InvoiceDocument } from './invoice-rules.js';
import type { PaymentDetails } from './document-rules.js';
import { formatDate, formatDateTime, formatMoney, formatMoneyWithUnit } from '../../kernel/format-rules.js';
import {
  CONTENT_WIDTH,
  FONT,
  MARGIN,
  type Cell,
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
 * Renders a compute document (receipt, invoice, credit note, adjustment note) as a PDF. It only
 * lays out what `buildInvoiceDocument` and `documentDetails` computed: no amount is added, rounded
 * or looked up here, so the PDF and the JSON cannot disagree.
 */
export async function renderInvoicePdf(invoice: InvoiceDocument): Promise<Buffer> {
  return renderPdf(
    { title: `${invoice.title} ${invoice.number}`, author: invoice.issuer, date: invoice.date },
    (pdf) => layOut(pdf, invoice),
  );
}

function layOut(pdf: PDFKit.PDFDocument, doc: InvoiceDocument): void {
  pdf.font(FONT.bold).fontSize(22).text(doc.title, MARGIN, MARGIN);
  pdf.font(FONT.regular).fontSize(10);
  pdf.moveDown(0.5);
  field(pdf, `${doc.title} number`, doc.number);
  field(pdf, 'Date', formatDateTime(doc.date));
  field(pdf, 'Account', doc.accountId);
  field(pdf, 'Transaction', doc.transactionId);
  const refundOf = doc.details.refundOf;
  if (refundOf) field(pdf, 'Refers to', `${refundOf.number} of ${formatDate(refundOf.date)}`);
  const payout = doc.details.payout;
  if (payout) field(pdf, payout.label, payout.url ? `${payout.value} (${payout.url})` : payout.value);
  pdf.moveDown();
  partyBlocks(pdf, doc.seller, doc.billTo);
  pdf.moveDown(1.5);

  const payment = doc.details.payment;
  if (payment) paymentTable(pdf, doc, payment);
  else if (doc.details.usage.length > 0) usageTable(pdf, doc);
  else walletTable(pdf, doc);

  footnote(
    pdf,
    `1 credit = 1 USD = 1 USDT. Questions about this document: ${doc.seller.supportEmail}. ` +
      `${doc.seller.legalName}, tax ID ${doc.seller.taxId}.`,
  );
}

/** A receipt: what was paid and how, what it bought, and any promotion it earned. */
function paymentTable(pdf: PDFKit.PDFDocument, doc: InvoiceDocument, p: PaymentDetails): void {
  const paid = (micros: bigint) => `${formatMoney(micros)} ${p.currency}`;
  let y = header(pdf, ['Description', `Amount (${p.currency})`]);
  const rows: [string, string][] = [
    [`Amount paid for ${formatMoneyWithUnit(p.creditsMicros, 'CREDIT')}`, paid(p.amountPaidMicros)],
    // USDT: the gas is paid in ETH by Pictor or by the sending wallet (then maybe refunded as
    // credits), never charged in USDT.
    p.networkFee
      ? [p.networkFee.statement, networkFeeColumn(p.networkFee, paid)]
      : ['PayPal fee', paid(p.feeMicros)],
  ];
  for (const [description, amount] of rows) y = bodyRow(pdf, y, twoColumns(description, amount));
  rule(pdf, y);
  pdf.y = y + 8;
  totalsRow(pdf, 'Total charged', paid(p.totalChargedMicros), true);
  pdf.moveDown();
  totalsRow(pdf, 'Credits received', formatMoneyWithUnit(p.creditsMicros, 'CREDIT'), true);
  const promotion = doc.details.promotion;
  if (promotion) {
    totalsRow(
      pdf,
      `Promotion: ${promotion.name}`,
      `+${formatMoneyWithUnit(promotion.creditsMicros, 'CREDIT')}`,
    );
  }
  pdf.moveDown(1.5);
  pdf.x = MARGIN;
  field(pdf, 'Payment method', p.method);
  for (const ref of p.references) {
    if (!ref.url) {
      field(pdf, ref.label, ref.value);
      continue;
    }
    // Long values (a transaction hash) get their own line, linked to the public page showing them.
    pdf.font(FONT.bold).text(`${ref.label}:`, MARGIN, pdf.y);
    pdf.font(FONT.regular).fillColor('#1a56db');
    pdf.text(pdfSafe(ref.value), MARGIN, pdf.y, { link: ref.url, underline: true, width: CONTENT_WIDTH });
    pdf.fillColor('black');
  }
}

/** An invoice for usage: each priced part as quantity × rate. */
function usageTable(pdf: PDFKit.PDFDocument, doc: InvoiceDocument): void {
  const widths = [165, 175, 85, CONTENT_WIDTH - 425];
  const cells = (texts: string[]): Cell[] =>
    texts.map((text, i) => ({ text: pdfSafe(text), width: widths[i]!, align: i >= 2 ? 'right' : 'left' }));
  let y = header(pdf, [], cells(['Description', 'Quantity', 'Rate', 'Credits']));
  for (const line of doc.details.usage) {
    y = bodyRow(pdf, y, cells([line.description, line.quantity, line.rate, formatMoney(line.amountMicros)]));
  }
  rule(pdf, y);
  pdf.y = y + 8;
  totals(pdf, doc);
}

/** Any other document: the wallet movements as lines. */
function walletTable(pdf: PDFKit.PDFDocument, doc: InvoiceDocument): void {
  let y = header(pdf, ['Description', `Amount (${doc.unit === 'CREDIT' ? 'credits' : doc.unit})`]);
  for (const line of doc.lines) {
    const sign = line.effect === 'deducted' ? '-' : '+';
    y = bodyRow(pdf, y, twoColumns(line.description, `${sign}${formatMoney(line.amountMicros)}`));
  }
  rule(pdf, y);
  pdf.y = y + 8;
  totals(pdf, doc);
}

function totals(pdf: PDFKit.PDFDocument, doc: InvoiceDocument): void {
  const label =
    doc.kind === 'refund' ? 'Credits refunded' : doc.kind === 'charge' ? 'Total' : doc.totals.label;
  totalsRow(pdf, label, formatMoneyWithUnit(doc.totals.amountMicros, doc.unit), true);
  const net = doc.totals.netMicros;
  totalsRow(pdf, 'Effect on your balance', `${net > 0n ? '+' : ''}${formatMoneyWithUnit(net, doc.unit)}`);
}

function twoColumns(description: string, amount: string): Cell[] {
  return [
    { text: pdfSafe(description), width: CONTENT_WIDTH - 150 },
    { text: pdfSafe(amount), width: 150, align: 'right' },
  ];
}

/** The table's bold header row and its rule; returns where the body starts. */
function header(pdf: PDFKit.PDFDocument, titles: [string, string] | [], cells?: Cell[]): number {
  pdf.font(FONT.bold).fontSize(10);
  const bottom = tableRow(pdf, pdf.y, cells ?? twoColumns(titles[0]!, titles[1]!));
  rule(pdf, bottom + 4);
  pdf.font(FONT.regular);
  return bottom + 10;
}

function bodyRow(pdf: PDFKit.PDFDocument, y: number, cells: Cell[]): number {
  return tableRow(pdf, y, cells) + 4;
}

/** The amount column of the network-fee row: nothing in USDT; a refund is credits, not USDT. */
function networkFeeColumn(
  fee: NonNullable<PaymentDetails['networkFee']>,
  paid: (m: bigint) => string,
): string {
  if (fee.paidBy === 'pictor') return paid(0n);
  return fee.refund ? `+${formatMoneyWithUnit(fee.refund.creditsMicros, 'CREDIT')}` : 'not charged';
}
