import { type BoothInvoice, type BoothInvoiceStatus, canTransition } from './booth-invoice-rules.js';
import { newId } from '../../kernel/ids.js';
import { insertAuditEntry } from '../../accounts/audit-store.js';
import { changeBoothInvoiceStatus, findBoothInvoice, lockBoothInvoice } from './booth-invoice-store.js';
import { publicInvoice } from './booth-invoice-settlement.js';
import { endDunning } from '../licenses/dunning-store.js';
import type { Caller } from '../../kernel/context.js';
import type { BoothContext } from '../context.js';
import { type Result, fail, ok } from '../../kernel/result.js';

/**
 * An operator writes off an open invoice as uncollectible: it stays payable (paying it later marks
 * it paid) but is no longer expected. Audited; the ledger is untouched. Repeats are harmless.
 */
export async function markBoothInvoiceUncollectible(
  ctx: BoothContext,
  operator: Caller,
  input: { accountId: string; invoiceId: string; reason: string },
): Promise<Result<BoothInvoice>> {
  return changeOperatorStatus(ctx, operator, input, 'uncollectible');
}

/**
 * The operator status changes (void, uncollectible), in one transaction with their audit entry and
 * the end of the invoice's dunning if it is still retrying (`voided` / `uncollectible`: its
 * remaining retries then do nothing).
 */
export async function changeOperatorStatus(
  ctx: BoothContext,
  operator: Caller,
  input: { accountId: string; invoiceId: string; reason: string },
  to: 'void' | 'uncollectible',
): Promise<Result<BoothInvoice>> {
  const found = await findBoothInvoice(ctx.db, input.invoiceId);
  if (!found || found.accountId !== input.accountId) {
    return fail('booth_invoice_not_found', 'no such invoice', { invoiceId: input.invoiceId });
  }
  const outcome = await ctx.db.transaction(async (tx): Promise<Result<true>> => {
    const current = (await lockBoothInvoice(tx, input.invoiceId))!;
    if (current.status === to) return ok(true, true);
    if (!canTransition(current.status, to)) return conflict(current.status, to);
    const from: BoothInvoiceStatus[] = [current.status];
    const now = ctx.clock.now();
    if (!(await changeBoothInvoiceStatus(tx, current.id, from, to, now))) {
      return fail(
        'booth_invoice_payment_pending',
        'a card payment of this invoice is under way; retry later',
        {
          invoiceId: current.id,
        },
      );
    }
    await endDunning(tx, current.id, to === 'void' ? 'voided' : 'uncollectible', now);
    await insertAuditEntry(tx, {
      id: newId('audit'),
      actor: operator.id,
      action: `booth_invoice.${to === 'void' ? 'void' : 'mark_uncollectible'}`,
      subject: current.id,
      reason: input.reason,
      details: { accountId: current.accountId, number: current.formattedNumber, from: current.status },
      createdAt: now,
    });
    return ok(true);
  });
  if (!outcome.ok) return outcome;
  return ok(publicInvoice((await findBoothInvoice(ctx.db, input.invoiceId))!), outcome.replayed);
}

function conflict(from: BoothInvoiceStatus, to: string): Result<never> {
  return fail('booth_invoice_status_conflict', `a ${from} invoice cannot become ${to}`, {
    invoiceStatus: from,
  });
}
