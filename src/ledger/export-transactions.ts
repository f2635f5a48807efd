import type { LedgerContext } from './context.js';
import { documentPath } from './document-links.js';
import { listTransactionsInRange } from './transaction-store.js';
import type { DateRange } from '../kernel/date-range-rules.js';
import { csvLine } from '../kernel/date-range-rules.js';
import { formatDate, formatMoney } from '../kernel/format-rules.js';
import type { HistoryCursor } from './ledger-rules.js';

/** Rows read per query: the export holds at most one page in memory, however long the history. */
export const EXPORT_PAGE = 500;

const HEADER = ['Date', 'Time (UTC)', 'Transaction ID', 'Type', 'Unit', 'Amount', 'Description', 'Document'];

/**
 * The account's transactions in the range, oldest first, as CSV lines: amounts and dates written
 * by the one formatter of documents (kernel/format-rules.ts), and the path of the document that
 * covers each row (empty when none does). A generator: the HTTP layer streams it as it goes.
 */
export async function* exportTransactionsCsv(
  ctx: LedgerContext,
  accountId: string,
  range: DateRange,
  pageSize = EXPORT_PAGE,
): AsyncGenerator<string> {
  yield csvLine(HEADER);
  let after: HistoryCursor | undefined;
  for (;;) {
    const page = await listTransactionsInRange(ctx.db, { accountId, ...range, after, limit: pageSize });
    for (const t of page.transactions) {
      yield csvLine([
        formatDate(t.createdAt),
        t.createdAt.toISOString().slice(11, 19),
        t.id,
        t.kind,
        t.unit,
        formatMoney(t.amountMicros),
        t.description,
        documentPath(t) ?? '',
      ]);
    }
    if (page.transactions.length < pageSize || !page.last) return;
    after = page.last;
  }
}
