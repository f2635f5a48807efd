import PDFDocument from 'pdfkit';

/** What both invoice documents (compute and booth) share: page, metadata, fields, table rows, text. */

export const MARGIN = 50;
const PAGE_WIDTH = 595.28; // A4 in points
export const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;

/**
 * An A4 PDF laid out by `layOut`, as bytes. The metadata is fixed by the document (its date, not
 * the time of rendering), so the same invoice renders to the same bytes whenever it is downloaded.
 */
export async function renderPdf(
  meta: { title: string; author: string; date: Date },
  layOut: (pdf: PDFKit.PDFDocument) => void,
): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: {
      Title: meta.title,
      Author: meta.author,
      Producer: 'Pictor Billing',
      Creator: 'Pictor Billing',
      CreationDate: meta.date,
      ModDate: meta.date,
    },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  layOut(pdf);
  pdf.end();
  return finished;
}

/** "Label: value" on one line, the label bold. */
export function field(pdf: PDFKit.PDFDocument, label: string, value: string): void {
  pdf.font('Helvetica-Bold').text(`${label}: `, MARGIN, pdf.y, { continued: true });
  pdf.font('Helvetica').text(pdfSafe(value));
}

export interface Cell {
  text: string;
  width: number;
  align?: 'left' | 'right';
}

/** One table row from the left margin; returns the y below its tallest cell (a description may wrap). */
export function tableRow(pdf: PDFKit.PDFDocument, y: number, cells: readonly Cell[]): number {
  let x = MARGIN;
  let bottom = y;
  for (const cell of cells) {
    const options = { width: cell.width, align: cell.align ?? 'left' };
    bottom = Math.max(bottom, y + pdf.heightOfString(cell.text, options));
    pdf.text(cell.text, x, y, options);
    x += cell.width;
  }
  return bottom;
}

/** A horizontal rule across the content width at `y`. */
export function rule(pdf: PDFKit.PDFDocument, y: number): void {
  pdf
    .moveTo(MARGIN, y)
    .lineTo(MARGIN + CONTENT_WIDTH, y)
    .stroke();
}

/** "2026-01-01 00:00:00 UTC": invoices state their time zone rather than the reader's. */
export function formatUtc(date: Date): string {
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
