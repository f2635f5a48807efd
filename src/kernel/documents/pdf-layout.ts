import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import type { Seller } from './seller-rules.js';

/**
 * What every document (compute receipts and invoices, booth invoices, statements) shares: page,
 * metadata, the embedded font, the seller and buyer blocks, fields, table rows, text.
 *
 * Text is set in DejaVu Sans (the dejavu-fonts-ttf package; its licence, Bitstream Vera's with
 * DejaVu's public-domain changes, allows embedding), embedded as a subset: arrows, dashes, and
 * accented Latin, Greek and Cyrillic letters, including Polish, Czech, Turkish and Vietnamese, render
 * as themselves. A character the font lacks is drawn as U+FFFD "\ufffd", never as a silent "?".
 */

export const MARGIN = 50;
const PAGE_WIDTH = 595.28; // A4 in points
export const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;

/** The registered font names: every document draws with these two, never a built-in font. */
export const FONT = { regular: 'DejaVuSans', bold: 'DejaVuSans-Bold' } as const;

const require = createRequire(import.meta.url);

/** A font as fontkit parsed it: pdfkit accepts one in place of the file's bytes. */
interface ParsedFont {
  layout: (...args: never[]) => unknown;
  hasGlyphForCodePoint(codePoint: number): boolean;
  getGlyph(id: number, codePoints?: number[]): ParsedGlyph | null;
}
interface ParsedGlyph {
  _decode(): unknown;
}

/**
 * fontkit keeps one glyph object per glyph of a font, but decodes its outline again each time a
 * subset copies it (every document, for every glyph it uses): keep the first decoding on the glyph.
 * The subsetter only reads it (it copies the glyph's bytes before renumbering a composite's parts).
 */
function keepGlyphDecodings(font: ParsedFont): ParsedFont {
  const getGlyph = font.getGlyph.bind(font);
  const kept = new WeakSet<ParsedGlyph>();
  font.getGlyph = (id, codePoints) => {
    const glyph = getGlyph(id, codePoints);
    if (glyph && !kept.has(glyph)) {
      kept.add(glyph);
      const decode = glyph._decode.bind(glyph);
      let decoded: { value: unknown } | undefined;
      glyph._decode = () => (decoded ??= { value: decode() }).value;
    }
    return glyph;
  };
  return font;
}
let parsedFonts: { regular: ParsedFont; bold: ParsedFont } | undefined;
/**
 * The two faces, read and parsed once per process (or worker thread) and shared by every document.
 * Parsing is lazy in fontkit: the tables a document needs (cmap, glyphs, the kerning and shaping
 * lookups) are decoded on first use and kept, so the second document no longer pays to decode them
 * again (that was most of a document's CPU time when each one registered the file's bytes).
 * pdfkit's own fontkit parses them (through a probe document), so there is one fontkit in play.
 */
function fonts(): { regular: ParsedFont; bold: ParsedFont } {
  if (!parsedFonts) {
    const probe = new PDFDocument({ autoFirstPage: false });
    const parse = (name: string, file: string): ParsedFont => {
      probe.registerFont(name, readFileSync(require.resolve(file)));
      probe.font(name);
      return keepGlyphDecodings((probe as unknown as { _font: { font: ParsedFont } })._font.font);
    };
    parsedFonts = {
      regular: parse(FONT.regular, 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
      bold: parse(FONT.bold, 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
    };
  }
  return parsedFonts;
}

/** pdfkit's per-document font: its cache of laid-out words (a word's glyphs and their advances). */
interface DocumentFont {
  layoutCache?: Record<string, unknown>;
}
const LAYOUTS_KEPT = 20_000;
const layouts = { regular: new Map<string, unknown>(), bold: new Map<string, unknown>() };
/**
 * Let the document's current face keep laid-out words in one cache per face for the process,
 * instead of pdfkit's own cache per document, so a word laid out once (shaping and kerning by
 * fontkit) is not laid out again for the next document. pdfkit reads a run from it and copies what
 * it changes (word spacing), so a shared run gives the same bytes. Bounded: emptied when it holds
 * LAYOUTS_KEPT words.
 */
function shareLayouts(pdf: PDFKit.PDFDocument, face: keyof typeof layouts): void {
  const font = (pdf as unknown as { _font: DocumentFont })._font;
  const kept = layouts[face];
  if (kept.size >= LAYOUTS_KEPT) kept.clear();
  font.layoutCache = new Proxy(Object.create(null) as Record<string, unknown>, {
    get: (_, word: string) => kept.get(word),
    set: (_, word: string, run: unknown) => (kept.set(word, run), true),
  });
}

/** pdfkit's per-document font as embedding sees it: its subset and the document it writes into. */
interface EmbeddingFont {
  subset: { glyphs: number[]; encode(): Uint8Array };
  document: { ref(data?: object): FontFileReference };
  embed(): void;
}
interface FontFileReference {
  compress: boolean;
  data: { Filter?: string };
  write(chunk: Uint8Array): void;
  end(chunk?: Uint8Array): void;
  finalize(): void;
}
const FONT_FILES_KEPT = 500;
const fontFiles = { regular: new Map<string, Buffer>(), bold: new Map<string, Buffer>() };
/**
 * Let the document's current face reuse the font file (its subset, encoded and deflated) of an
 * earlier document that used the same glyphs in the same order, which every download of the same
 * document does. Encoding the subset (fontkit's table encoder) and deflating it was a quarter of a
 * document. The subset is a function of the face and its glyph ids in order, and the file is
 * deflated as pdfkit deflates a stream (`zlib.deflateSync`, default options), then written as
 * pdfkit writes a deflated stream (Length, then Filter): the same bytes as before. Bounded: emptied
 * when it holds FONT_FILES_KEPT files.
 */
function reuseFontFiles(pdf: PDFKit.PDFDocument, face: keyof typeof fontFiles): void {
  const font = (pdf as unknown as { _font: EmbeddingFont })._font;
  const kept = fontFiles[face];
  const { subset, document } = font;
  const encode = subset.encode.bind(subset);
  const embed = font.embed.bind(font);
  font.embed = () => {
    const glyphs = subset.glyphs.join(',');
    const deflated = () => {
      let file = kept.get(glyphs);
      if (!file) {
        if (kept.size >= FONT_FILES_KEPT) kept.clear();
        kept.set(glyphs, (file = deflateSync(encode())));
      }
      return file;
    };
    // embed() makes the font file its first reference and ends it with the encoded subset.
    const ref = document.ref;
    document.ref = (data) => {
      document.ref = ref;
      const file = ref.call(document, data);
      if (!file.compress) return file;
      subset.encode = () => new Uint8Array(0);
      file.end = () => {
        file.compress = false;
        file.write(deflated());
        file.data.Filter = 'FlateDecode';
        file.finalize();
      };
      return file;
    };
    embed();
  };
}

/** pdfkit's per-document font as encoding text sees it: subset, widths and Unicode per glyph. */
interface SeededFont {
  font: { glyphForCodePoint(codePoint: number): { id: number; advanceWidth: number } };
  subset: { includeGlyph(id: number): number };
  widths: number[];
  unicode: number[][];
  scale: number;
}
const codePoints = (text: string) => [...text].map((char) => char.codePointAt(0)!);
/**
 * The glyphs each face's subset starts with, in this order. A subset numbers its glyphs in the
 * order the document first draws them, so two invoices with the same glyphs (another number,
 * another date) had them in another order, another subset and another font file to encode and
 * deflate. Regular text carries what customers and accounts bring: every printable ASCII
 * character; bold text is the documents' own labels plus amounts: digits and their punctuation.
 * What else a document draws (a customer's "ł", a title's letters) follows in drawing order, as
 * before. So most documents share one of a few subsets per face, and reuseFontFiles encodes each
 * once per thread. The price: the seeded glyphs a document does not draw, ~4.5 KB a document.
 */
const SEEDED_GLYPHS = {
  regular: codePoints(Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).join('')),
  bold: codePoints(' 0123456789.,-:$'),
};
/**
 * Puts the face's seeded glyphs first in the current font's subset, each with the width and the
 * Unicode mapping pdfkit records when it draws a glyph (the PDF lists both for every glyph of the
 * subset: W and ToUnicode).
 */
function seedGlyphs(pdf: PDFKit.PDFDocument, face: keyof typeof SEEDED_GLYPHS): void {
  const font = (pdf as unknown as { _font: SeededFont })._font;
  for (const codePoint of SEEDED_GLYPHS[face]) {
    const glyph = font.font.glyphForCodePoint(codePoint);
    const id = font.subset.includeGlyph(glyph.id);
    font.widths[id] ??= glyph.advanceWidth * font.scale;
    font.unicode[id] ??= [codePoint];
  }
}

/** Which code points the font draws: fontkit's cmap lookup. */
function fontCovers(codePoint: number): boolean {
  return fonts().regular.hasGlyphForCodePoint(codePoint);
}

/**
 * An A4 PDF laid out by `layOut`, as bytes. The metadata is fixed by the document (its date, not
 * the time of rendering), and pdfkit derives the font subset's tag from the font's order, so the
 * same document renders to the same bytes whenever it is downloaded.
 */
export async function renderPdf(
  meta: { title: string; author: string; date: Date },
  layOut: (pdf: PDFKit.PDFDocument) => void,
): Promise<Buffer> {
  const pdf = new PDFDocument({
    // No default font: pdfkit would build Helvetica's metrics for every document (~5% of one) and
    // no document draws with it. It took the id F1, so the count starts after it: the DejaVu faces
    // keep the ids F2 and F3, and with them their subset tags and every document's bytes.
    font: '',
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
  (pdf as unknown as { _fontCount: number })._fontCount = 1;
  // pdfkit takes a parsed font where its types say file bytes (PDFFontFactory.open: `src.layout`).
  pdf.registerFont(FONT.regular, fonts().regular as unknown as Buffer);
  pdf.registerFont(FONT.bold, fonts().bold as unknown as Buffer);
  // Regular first, as the font ids (and so the subset tags) always were; then bold, then back.
  for (const face of ['regular', 'bold'] as const) {
    shareLayouts(pdf.font(FONT[face]), face);
    reuseFontFiles(pdf, face);
    seedGlyphs(pdf, face);
  }
  pdf.font(FONT.regular);
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
  pdf.font(FONT.bold).text(`${label}: `, MARGIN, pdf.y, { continued: true });
  pdf.font(FONT.regular).text(pdfSafe(value));
}

export interface Cell {
  text: string;
  width: number;
  align?: 'left' | 'right';
}

/**
 * One table row from the left margin; returns the y below its tallest cell (a description may
 * wrap). A row that would cross the bottom margin starts a new page instead.
 */
export function tableRow(pdf: PDFKit.PDFDocument, y: number, cells: readonly Cell[]): number {
  const height = Math.max(
    ...cells.map((cell) => pdf.heightOfString(cell.text, { width: cell.width, align: cell.align ?? 'left' })),
  );
  if (y + height > pdf.page.height - MARGIN) {
    pdf.addPage();
    y = MARGIN;
  }
  let x = MARGIN;
  for (const cell of cells) {
    pdf.text(cell.text, x, y, { width: cell.width, align: cell.align ?? 'left' });
    x += cell.width;
  }
  return y + height;
}

/** A horizontal rule across the content width at `y`. */
export function rule(pdf: PDFKit.PDFDocument, y: number): void {
  pdf
    .moveTo(MARGIN, y)
    .lineTo(MARGIN + CONTENT_WIDTH, y)
    .stroke();
}

/**
 * Text as the embedded font can draw it: NFC-composed (so "e" + combining accent uses the
 * precomposed glyph), controls other than line breaks dropped, and a character the font lacks
 * replaced by U+FFFD, which shows that something is missing instead of a misleading "?".
 */
export function pdfSafe(text: string): string {
  let out = '';
  for (const char of text.normalize('NFC')) {
    const code = char.codePointAt(0)!;
    if (char === '\n') out += char;
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0)) continue;
    else out += fontCovers(code) ? char : '\ufffd';
  }
  return out;
}

/**
 * The seller and the buyer, one block under the other across the full width (so a long company
 * name stays on one line): who issues the document and to whom, as every accepted invoice states
 * both. Returns the y below them.
 */
export function partyBlocks(
  pdf: PDFKit.PDFDocument,
  seller: Seller,
  buyer: { name: string; email: string | null; address: string | null; taxInformation: string | null },
): number {
  const block = (heading: string, lines: string[]) => {
    pdf.font(FONT.bold).fontSize(10).text(heading, MARGIN, pdf.y, { width: CONTENT_WIDTH });
    pdf.font(FONT.regular).fontSize(9);
    for (const line of lines) pdf.text(pdfSafe(line), MARGIN, pdf.y, { width: CONTENT_WIDTH });
  };
  block('From', [seller.legalName, seller.address, `Tax ID: ${seller.taxId}`, seller.supportEmail]);
  pdf.moveDown(0.6);
  block('Bill to', [
    buyer.name,
    ...(buyer.address ? [buyer.address] : []),
    ...(buyer.taxInformation ? [`Tax: ${buyer.taxInformation}`] : []),
    ...(buyer.email ? [buyer.email] : []),
  ]);
  pdf.fontSize(10);
  pdf.x = MARGIN;
  return pdf.y;
}

/** "Label   value" rows right-aligned under a table: subtotal, deductions, total. */
export function totalsRow(pdf: PDFKit.PDFDocument, label: string, value: string, bold = false): void {
  pdf.font(bold ? FONT.bold : FONT.regular).fontSize(10);
  const y = pdf.y;
  const labelX = MARGIN + CONTENT_WIDTH - 300;
  pdf.text(pdfSafe(label), labelX, y, { width: 190, align: 'right' });
  pdf.text(pdfSafe(value), labelX + 190, y, { width: 110, align: 'right' });
  pdf.x = MARGIN;
}

/** The small print at the foot: support address and what the amounts are in. */
export function footnote(pdf: PDFKit.PDFDocument, text: string): void {
  pdf.moveDown(2);
  pdf
    .font(FONT.regular)
    .fontSize(8)
    .fillColor('#555555')
    .text(pdfSafe(text), MARGIN, pdf.y, { width: CONTENT_WIDTH })
    .fillColor('black')
    .fontSize(10);
}
