import type { InvoiceExportRow } from '../../kernel/documents/invoice-export-rules.js';
import type { DateRange } from '../../kernel/date-range-rules.js';
import { listFinalizedBoothInvoicesInRange } from './booth-invoice-store.js';
import type { BoothContext } from '../context.js';

/**
 * The account's finalized booth invoices in the range (by finalization), oldest first, read
 * `pageSize` at a time by keyset (never more in memory): the total in USD (negative for a credit
 * note) and the invoice's status.
 */
export async function* exportBoothInvoices(
  ctx: Pick<BoothContext, 'db'>,
  accountId: string,
  range: DateRange,
  pageSize: number,
): AsyncGenerator<InvoiceExportRow> {
  let after: { finalizedAt: Date; id: string } | undefined;
  for (;;) {
    const page = await listFinalizedBoothInvoicesInRange(ctx.db, {
      accountId,
      ...range,
      after,
      limit: pageSize,
    });
    for (const i of page) {
      yield {
        at: i.finalizedAt!,
        id: i.id,
        number: i.formattedNumber ?? '',
        line: 'Booth',
        document: i.settlement.type === 'credit_note' ? 'Credit note' : 'Invoice',
        description: i.description,
        amountMicros: i.totalMicros,
        unit: 'USD',
        status: i.status,
        path: `/v1/accounts/${accountId}/booth-invoices/${i.id}.pdf`,
      };
    }
    const last = page[page.length - 1];
    if (page.length < pageSize || !last) return;
    after = { finalizedAt: last.finalizedAt!, id: last.id };
  }
}
