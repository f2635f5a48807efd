import type { InvoiceExportRow } from '../../kernel/documents/invoice-export-rules.js';
import type { DateRange } from '../../kernel/date-range-rules.js';
import { formatDocumentNumber } from '../../accounts/document-number-rules.js';
import type { TransactionKind } from '../../ledger/ledger-rules.js';
import { listComputeDocumentsInRange } from './invoice-store.js';
import type { ComputeContext } from '../context.js';

const DOCUMENTS: Record<TransactionKind, string> = {
  payment: 'Receipt',
  charge: 'Invoice',
  refund: 'Credit note',
  other: 'Adjustment note',
  promotion: 'Promotion',
};

/**
 * The account's compute documents in the range, oldest first, read `pageSize` at a time by
 * keyset (never more in memory). Status: a receipt or invoice is settled from the balance when
 * recorded ("paid"), a credit note or adjustment "credited" or "debited" by its sign.
 */
export async function* exportComputeDocuments(
  ctx: Pick<ComputeContext, 'db'>,
  accountId: string,
  range: DateRange,
  pageSize: number,
): AsyncGenerator<InvoiceExportRow> {
  let after: { createdAt: Date; seq: bigint } | undefined;
  for (;;) {
    const page = await listComputeDocumentsInRange(ctx.db, { accountId, ...range, after, limit: pageSize });
    for (const d of page) {
      yield {
        at: d.createdAt,
        id: d.id,
        number: d.prefix !== null && d.number !== null ? formatDocumentNumber(d.prefix, d.number) : '',
        line: 'Compute',
        document: DOCUMENTS[d.kind],
        description: d.description,
        amountMicros: d.amountMicros,
        unit: 'CREDIT',
        status:
          d.kind === 'payment' || d.kind === 'charge'
            ? 'paid'
            : d.amountMicros >= 0n
              ? 'credited'
              : 'debited',
        path: `/v1/accounts/${accountId}/transactions/${d.id}/invoice.pdf`,
      };
    }
    const last = page[page.length - 1];
    if (page.length < pageSize || !last) return;
    after = { createdAt: last.createdAt, seq: last.seq };
  }
}
