import type { BoothInvoice } from './booth-invoice-rules.js';
import { findBoothInvoice } from './booth-invoice-store.js';
import { publicInvoice } from './booth-invoice-settlement.js';
import type { BoothContext } from '../context.js';
import { type Result, fail, ok } from '../../kernel/result.js';

/** One of the account's booth invoices (another account's answers not found). */
export async function getBoothInvoice(
  ctx: BoothContext,
  accountId: string,
  invoiceId: string,
): Promise<Result<BoothInvoice>> {
  const invoice = await findBoothInvoice(ctx.db, invoiceId);
  if (!invoice || invoice.accountId !== accountId) {
    return fail('booth_invoice_not_found', 'no such invoice', { invoiceId });
  }
  return ok(publicInvoice(invoice));
}

/** A finalized invoice, for its PDF: a draft has no number and no document yet. */
export async function getFinalizedBoothInvoice(
  ctx: BoothContext,
  accountId: string,
  invoiceId: string,
): Promise<Result<BoothInvoice>> {
  const found = await getBoothInvoice(ctx, accountId, invoiceId);
  if (found.ok && found.value.number === null) {
    return fail('booth_invoice_not_finalized', 'a draft invoice has no document yet', { invoiceId });
  }
  return found;
}
