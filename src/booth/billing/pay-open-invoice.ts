import type { BoothInvoice } from './booth-invoice-rules.js';
import { findBoothInvoice } from './booth-invoice-store.js';
import { transactionWithRetry } from '../../kernel/db/database.js';
import {
  findRenewalByInvoice,
  licensesByOpenInvoice,
  lockBoothAccount,
  setRenewalStatus,
} from '../licenses/license-store.js';
import type { BoothContext } from '../context.js';
import { refreshLock } from '../licenses/license-billing.js';
import { payFoundBoothInvoice } from './pay-booth-invoice.js';
import { applyRenewalItems } from '../licenses/renew-licenses.js';
import { resumeLockPausedEvents } from '../events/resume-lock-paused-events.js';
import { endDunning } from '../licenses/dunning-store.js';
import { type Result, fail, ok } from '../../kernel/result.js';
import type { LicenseRecord } from '../licenses/licensing-rules.js';

export interface PaidOpenInvoice {
  invoice: BoothInvoice;
  /** Licenses this payment brought back (those the invoice renews). */
  reactivated: LicenseRecord[];
}

/**
 * The customer pays an open booth invoice with the default card (payFoundBoothInvoice). When it is a
 * renewal invoice whose licenses expired on the decline, they are reactivated for the period the
 * invoice pays (billing date → next billing date), their next renewal is scheduled, and the
 * account unlocks. Paying again (already paid) only finishes a reactivation left undone. Paid by
 * the customer (not by a dunning retry, which records its own outcome), the invoice's dunning ends
 * `paid` in the same transaction.
 */
export async function payOpenInvoice(
  ctx: BoothContext,
  accountId: string,
  invoiceId: string,
  options: { byDunning?: boolean } = {},
): Promise<Result<PaidOpenInvoice>> {
  const found = await findBoothInvoice(ctx.db, invoiceId);
  if (!found || found.accountId !== accountId) {
    return fail('booth_invoice_not_found', 'no such booth invoice', { invoiceId });
  }
  let invoice: BoothInvoice = found;
  let replayed = true;
  if (found.status !== 'paid') {
    const paid = await payFoundBoothInvoice(ctx, found);
    if (!paid.ok) return paid;
    invoice = paid.value;
    replayed = paid.replayed;
  }
  if (invoice.status !== 'paid') return ok({ invoice, reactivated: [] }, replayed);
  const reactivated = await transactionWithRetry(ctx.db, async (tx) => {
    const now = ctx.clock.now();
    await lockBoothAccount(tx, accountId, now);
    if (!options.byDunning) await endDunning(tx, invoiceId, 'paid', now);
    const renewal = await findRenewalByInvoice(tx, invoiceId);
    if (!renewal || renewal.status !== 'open') return [];
    const expired = await licensesByOpenInvoice(tx, invoiceId);
    const ids = new Set(expired.filter((l) => l.status === 'expired').map((l) => l.id));
    const items = renewal.items.filter((i) => ids.has(i.licenseId));
    await applyRenewalItems(tx, items, renewal.catalogVersion, renewal.rateBp, now);
    await setRenewalStatus(tx, accountId, renewal.billingDate, ['open'], 'paid', null, now);
    await refreshLock(tx, accountId, now, 'no_active_base_license');
    return expired.filter((l) => ids.has(l.id));
  });
  if (reactivated.length > 0) await resumeLockPausedEvents(ctx, accountId);
  return ok({ invoice, reactivated }, replayed && reactivated.length === 0);
}
