import { describe, expect, it } from 'vitest';
import { extractText } from 'unpdf';
import type { BoothInvoice } from '../../../src/booth/billing/booth-invoice-rules.js';
import { renderBoothInvoicePdf } from '../../../src/booth/billing/booth-invoice-pdf.js';
import { renderOffLoop } from '../../../src/kernel/documents/render-pool.js';

const BOOTH_PDF = new URL('../../../src/booth/billing/booth-invoice-pdf.ts', import.meta.url).href;

function invoice(lines: number): BoothInvoice {
  const at = new Date('2026-11-01T10:00:00Z');
  const rows = Array.from({ length: lines }, (_, i) => ({
    position: i,
    kind: 'purchase' as const,
    description: `Pro license, booth ${i + 1} — Kraków`,
    quantity: 1,
    amountMicros: 49_500_000n,
    metadata: {},
  }));
  const total = 49_500_000n * BigInt(lines);
  return {
    id: 'binv_pool',
    accountId: 'acct_pool',
    source: 'test:pool',
    number: 7n,
    formattedNumber: 'POOLTEST-000007',
    status: 'paid',
    description: 'Booth licenses',
    settlement: { type: 'charge_default_card', applyAccountCredit: false, onDecline: 'leave_open' },
    lines: rows,
    subtotalMicros: total,
    creditAppliedMicros: 0n,
    totalMicros: total,
    amountPaidMicros: total,
    billTo: null,
    paymentAttempts: 1,
    paymentMethodId: null,
    lastDeclineCode: null,
    lastDeclineMessage: null,
    createdAt: at,
    finalizedAt: at,
    paidAt: at,
    voidedAt: null,
    markedUncollectibleAt: null,
    dunning: null,
  };
}

/** The embedded font files of a PDF (each FontFile2 stream as written), in the order referenced. */
function fontFiles(pdf: Buffer): Buffer[] {
  const text = pdf.toString('latin1');
  return [...text.matchAll(/\/FontFile2 (\d+) 0 R/g)].map(([, id]) => {
    const object = text.indexOf(`\n${id} 0 obj\n`);
    const length = Number(/\/Length (\d+)/.exec(text.slice(object, text.indexOf('>>', object)))![1]);
    const start = text.indexOf('stream\n', object) + 'stream\n'.length;
    return pdf.subarray(start, start + length);
  });
}

describe('documents render on worker threads (render-pool)', () => {
  it('a twenty-line booth invoice renders to the same bytes on a worker as on the event loop', async () => {
    const doc = invoice(20);
    const [offLoop, onLoop] = await Promise.all([
      renderOffLoop(import.meta.url, BOOTH_PDF, 'renderBoothInvoicePdf', [doc]),
      renderBoothInvoicePdf(doc),
    ]);
    expect(offLoop.subarray(0, 5).toString()).toBe('%PDF-');
    expect(offLoop.equals(onLoop)).toBe(true);
  });

  it('ten downloads at once all come back, each its own document', async () => {
    const docs = Array.from({ length: 10 }, (_, i) => invoice(i + 1));
    const pdfs = await Promise.all(
      docs.map((d) => renderOffLoop(import.meta.url, BOOTH_PDF, 'renderBoothInvoicePdf', [d])),
    );
    const expected = await Promise.all(docs.map((d) => renderBoothInvoicePdf(d)));
    expect(pdfs.map((p, i) => p.equals(expected[i]!))).toEqual(Array(10).fill(true));
  });

  it('the same invoice downloaded again answers the bytes of its first rendering; voided since, it renders anew', async () => {
    const paid = { ...invoice(4), id: 'binv_kept' };
    const first = await renderOffLoop(import.meta.url, BOOTH_PDF, 'renderBoothInvoicePdf', [paid]);
    const again = await renderOffLoop(import.meta.url, BOOTH_PDF, 'renderBoothInvoicePdf', [
      structuredClone(paid),
    ]);
    expect(again).toBe(first);
    const voided: BoothInvoice = { ...paid, status: 'void', voidedAt: new Date('2026-11-20T08:00:00Z') };
    const after = await renderOffLoop(import.meta.url, BOOTH_PDF, 'renderBoothInvoicePdf', [voided]);
    expect(after).not.toBe(first);
    expect(after.equals(await renderBoothInvoicePdf(voided))).toBe(true);
    expect((await extractText(new Uint8Array(after), { mergePages: true })).text).toContain('Void');
    expect((await extractText(new Uint8Array(first), { mergePages: true })).text).not.toContain('Void');
  });

  it("a renderer's error reaches the caller, and the pool renders on afterwards", async () => {
    const draft = { ...invoice(1), number: null, formattedNumber: null, finalizedAt: null };
    await expect(renderOffLoop(import.meta.url, BOOTH_PDF, 'renderBoothInvoicePdf', [draft])).rejects.toThrow(
      'a draft booth invoice has no document',
    );
    const after = await renderOffLoop(import.meta.url, BOOTH_PDF, 'renderBoothInvoicePdf', [invoice(2)]);
    expect(after.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('the fonts parsed once per thread: a document is the same bytes after others, and each reads back', async () => {
    const plain = invoice(3);
    const first = await renderBoothInvoicePdf(plain);
    const other = invoice(2);
    other.lines[0]!.description = 'Ελληνικά, Кириллица, Tiếng Việt: 5 € • 7 ₮ — ąęł';
    other.billTo = {
      settingsVersion: null,
      name: 'Zażółć Gęślą',
      email: null,
      address: null,
      taxInformation: null,
    };
    const { text } = await extractText(new Uint8Array(await renderBoothInvoicePdf(other)), {
      mergePages: true,
    });
    expect(text).toContain('Ελληνικά, Кириллица, Tiếng Việt: 5 € • 7 ₮ — ąęł');
    expect(text).toContain('Zażółć Gęślą');
    const again = await renderBoothInvoicePdf(plain);
    expect(again.equals(first)).toBe(true);
    expect((await extractText(new Uint8Array(again), { mergePages: true })).text).toContain(
      'Pro license, booth 3 — Kraków',
    );
  });

  it('two invoices whose texts differ but stay within the seeded characters embed the same two font files', async () => {
    const first = invoice(3);
    const second = invoice(3);
    second.formattedNumber = 'POOLTEST-000951';
    second.accountId = 'acct_zq9xw';
    second.finalizedAt = second.paidAt = new Date('2027-08-29T23:05:00Z');
    second.description = 'Zebra booths, quickly (J&Y)';
    const [a, b] = [await renderBoothInvoicePdf(first), await renderBoothInvoicePdf(second)];
    expect(a.equals(b)).toBe(false);
    const files = fontFiles(a);
    expect(files).toHaveLength(2);
    expect(fontFiles(b)).toEqual(files);
    const { text } = await extractText(new Uint8Array(b), { mergePages: true });
    for (const shown of [
      'POOLTEST-000951',
      'acct_zq9xw',
      'Zebra booths, quickly (J&Y)',
      'Pro license, booth 3 — Kraków',
    ]) {
      expect(text).toContain(shown);
    }
    expect((await extractText(new Uint8Array(a), { mergePages: true })).text).toContain('POOLTEST-000007');
  });
});
