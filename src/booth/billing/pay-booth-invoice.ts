import type { BoothInvoice, BoothInvoiceRecord } from './booth-invoice-rules.js';
import { findBoothInvoice } from './booth-invoice-store.js';
import { chargesBeforeNumber, collect, finalizeDraft, publicInvoice } from './booth-invoice-settlement.js';
import type { BoothContext } from '../context.js';
import { type Result, fail, ok } from '../../kernel/result.js';

/**
 * Pays an open (or uncollectible) invoice with the account's current default card: a new card
 * attempt after a decline, or the unfinished one resent with its own key. Declined again: ok with
 * the invoice still open and the decline recorded. Already paid: the invoice, replayed. Void:
 * `booth_invoice_status_conflict`.
 */
export async function payBoothInvoice(ctx: BoothContext, invoiceId: string): Promise<Result<BoothInvoice>> {
  const invoice = await findBoothInvoice(ctx.db, invoiceId);
  if (!invoice) return fail('booth_invoice_not_found', 'no such invoice', { invoiceId });
  return payFoundBoothInvoice(ctx, invoice);
}

/** `payBoothInvoice` for an invoice the caller has already read (and checked it may pay). */
export async function payFoundBoothInvoice(
  ctx: BoothContext,
  found: BoothInvoiceRecord,
): Promise<Result<BoothInvoice>> {
  let invoice = found;
  if (invoice.status === 'paid') return ok(publicInvoice(invoice), true);
  if (invoice.status === 'void') {
    return fail('booth_invoice_status_conflict', 'a void invoice cannot be paid', {
      invoiceId: invoice.id,
      invoiceStatus: invoice.status,
    });
  }
  if (invoice.status === 'draft' && chargesBeforeNumber(invoice)) {
    return fail('booth_invoice_status_conflict', 'this purchase is being charged; it cannot be paid again', {
      invoiceId: invoice.id,
      invoiceStatus: invoice.status,
    });
  }
  if (invoice.status === 'draft') invoice = await finalizeDraft(ctx, invoice.id);
  return collect(ctx, invoice, { newAttempt: true });
}
