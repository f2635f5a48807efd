import type { Unit } from '../../kernel/money.js';
import { csvLine } from '../../kernel/date-range-rules.js';
import { formatDate, formatMoney } from '../../kernel/format-rules.js';

/** One document of the invoices export, from either product line (docs/documents.md). */
export interface InvoiceExportRow {
  /** Issue instant: the transaction's time (compute), finalization (booth). */
  at: Date;
  /** Ties at one instant are ordered by id. */
  id: string;
  /** "7KQ2MZ4X-000012"; empty when not yet numbered. */
  number: string;
  line: 'Compute' | 'Booth';
  document: string;
  description: string;
  /** Signed: credits added and booth totals are positive, charges and credit notes negative. */
  amountMicros: bigint;
  unit: Unit;
  status: string;
  path: string;
}

export const INVOICE_EXPORT_HEADER = [
  'Number',
  'Date',
  'Line',
  'Document',
  'Description',
  'Amount',
  'Currency',
  'Status',
  'Document path',
];

const CURRENCY: Record<Unit, string> = { USD: 'USD', CREDIT: 'CREDIT', TOKEN: 'TOKEN' };

/** A row as a CSV line: the amount and date by the one formatter of documents. */
export function invoiceExportLine(row: InvoiceExportRow): string {
  return csvLine([
    row.number,
    formatDate(row.at),
    row.line,
    row.document,
    row.description,
    formatMoney(row.amountMicros),
    CURRENCY[row.unit],
    row.status,
    row.path,
  ]);
}

/** Whether `a` comes before `b` in the export (oldest first, then by id). */
export function exportsBefore(a: InvoiceExportRow, b: InvoiceExportRow): boolean {
  const d = a.at.getTime() - b.at.getTime();
  return d !== 0 ? d < 0 : a.id < b.id;
}
