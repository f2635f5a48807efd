import type { DateRange } from '../kernel/date-range-rules.js';
import {
  INVOICE_EXPORT_HEADER,
  type InvoiceExportRow,
  exportsBefore,
  invoiceExportLine,
} from '../kernel/documents/invoice-export-rules.js';
import { csvLine } from '../kernel/date-range-rules.js';
import { exportComputeDocuments } from '../compute/invoices/export-compute-documents.js';
import { exportBoothInvoices } from '../booth/billing/export-booth-invoices.js';
import type { ServiceContext } from './context.js';

/** Rows read per query from each line: the export holds at most a page of each in memory. */
export const INVOICE_EXPORT_PAGE = 500;

/**
 * The invoices CSV of an account: its compute documents and its booth invoices in the range, one
 * list oldest first (the two lines' keyset-paged streams merged as they are read), so any number
 * of rows streams in constant memory. Here because it joins both product lines.
 */
export async function* exportInvoicesCsv(
  ctx: Pick<ServiceContext, 'db'>,
  accountId: string,
  range: DateRange,
  pageSize = INVOICE_EXPORT_PAGE,
): AsyncGenerator<string> {
  yield csvLine(INVOICE_EXPORT_HEADER);
  const compute = exportComputeDocuments(ctx, accountId, range, pageSize);
  const booth = exportBoothInvoices(ctx, accountId, range, pageSize);
  let a = await compute.next();
  let b = await booth.next();
  while (!a.done || !b.done) {
    let row: InvoiceExportRow;
    if (!a.done && (b.done || exportsBefore(a.value, b.value))) {
      row = a.value;
      a = await compute.next();
    } else {
      row = b.value as InvoiceExportRow;
      b = await booth.next();
    }
    yield invoiceExportLine(row);
  }
}
