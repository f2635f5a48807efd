import type { TokenStatement } from './get-token-statement.js';
import { formatDateRange, formatDateTime, formatMoney } from '../../kernel/format-rules.js';
import { SAMPLE_SELLER, type Seller } from '../../kernel/documents/seller-rules.js';
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

/** The monthly token usage statement as a PDF: outputs by event and kind, sessions, the total. */
export async function renderTokenStatementPdf(
  statement: TokenStatement,
  seller: Seller = SAMPLE_SELLER,
): Promise<Buffer> {
  return renderPdf(
    {
      title: `Token usage statement ${statement.period.month}`,
      author: seller.legalName,
      date: statement.issuedAt,
    },
    (pdf) => layOut(pdf, statement, seller),
  );
}

const WIDTHS = [170, 170, 60, CONTENT_WIDTH - 400];
const cells = (texts: string[]): Cell[] =>
  texts.map((text, i) => ({ text: pdfSafe(text), width: WIDTHS[i]!, align: i >= 2 ? 'right' : 'left' }));

function layOut(pdf: PDFKit.PDFDocument, s: TokenStatement, seller: Seller): void {
  pdf.font(FONT.bold).fontSize(22).text('Token usage statement', MARGIN, MARGIN);
  pdf.font(FONT.regular).fontSize(10);
  pdf.moveDown(0.5);
  const lastDay = new Date(s.period.end.getTime() - 86_400_000);
  field(pdf, 'Period', formatDateRange(s.period.start, lastDay));
  field(pdf, 'Statement date', formatDateTime(s.issuedAt));
  field(pdf, 'Account', s.accountId);
  pdf.moveDown();
  partyBlocks(pdf, seller, s.billTo);
  pdf.moveDown(1.5);

  pdf.font(FONT.bold);
  let y = tableRow(pdf, pdf.y, cells(['Event', 'Usage', 'Quantity', 'Tokens']));
  rule(pdf, y + 4);
  y += 10;
  pdf.font(FONT.regular);
  if (s.lines.length === 0) {
    y = tableRow(pdf, y, cells(['No token usage this month', '', '', '0.00'])) + 4;
  }
  for (const line of s.lines) {
    y =
      tableRow(
        pdf,
        y,
        cells([line.event, line.item, String(line.quantity), formatMoney(line.tokensMicros)]),
      ) + 4;
  }
  rule(pdf, y);
  pdf.y = y + 8;
  totalsRow(pdf, 'Tokens used', `${formatMoney(s.totalTokensMicros)} tokens`, true);
  footnote(
    pdf,
    'Tokens were bought with token packs (see their invoices) or granted; this statement lists what they were spent on. ' +
      `Questions about this document: ${seller.supportEmail}.`,
  );
}
