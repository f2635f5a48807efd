import type { BoothInvoice, BoothInvoiceCursor } from './booth-invoice-rules.js';
import { findAccount } from '../../accounts/account-store.js';
import { listBoothInvoices as storeList } from './booth-invoice-store.js';
import { publicInvoice } from './booth-invoice-settlement.js';
import type { BoothContext } from '../context.js';
import { type Result, fail, ok } from '../../kernel/result.js';

export interface BoothInvoicePage {
  data: BoothInvoice[];
  /** Where the next page starts; null on the last page. */
  next: BoothInvoiceCursor | null;
}

/** The account's booth invoices, newest first (drafts are not listed), a page at a time. */
export async function listBoothInvoices(
  ctx: BoothContext,
  accountId: string,
  page: { limit: number; after?: BoothInvoiceCursor },
): Promise<Result<BoothInvoicePage>> {
  if (!(await findAccount(ctx.db, accountId)))
    return fail('account_not_found', 'no such account', { accountId });
  const rows = await storeList(ctx.db, accountId, page.limit + 1, page.after);
  const data = rows.slice(0, page.limit).map(publicInvoice);
  const last = data[data.length - 1];
  return ok({
    data,
    next: rows.length > page.limit && last ? { createdAt: last.createdAt, id: last.id } : null,
  });
}
