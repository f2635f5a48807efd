import type { BoothInvoice } from './booth-invoice-rules.js';
import { changeOperatorStatus } from './mark-booth-invoice-uncollectible.js';
import type { Caller } from '../../kernel/context.js';
import type { BoothContext } from '../context.js';
import type { Result } from '../../kernel/result.js';

/**
 * An operator voids an open or uncollectible invoice: it will not be collected and keeps its
 * number (a numbered invoice is never deleted). No money moved for an unpaid invoice, so the
 * ledger is untouched. Audited. Refused for paid invoices, and while a card attempt's outcome is
 * unknown (`booth_invoice_payment_pending`: retry once the attempt is settled).
 */
export async function voidBoothInvoice(
  ctx: BoothContext,
  operator: Caller,
  input: { accountId: string; invoiceId: string; reason: string },
): Promise<Result<BoothInvoice>> {
  return changeOperatorStatus(ctx, operator, input, 'void');
}
