/** What the booth Invoices tab says about an invoice, without React. */
import type { BoothInvoice } from '../shared/api-types';
import { formatDate, formatServerText } from '../shared/format';

/**
 * Where the dunning of a failed renewal stands, as a sentence: "Payment failed on 01 Feb 2026. We
 * will retry on 02 Feb 2026 with Visa ···· 0341 (retry 1 of 3)."
 */
export function dunningSentence(invoice: BoothInvoice, card: string | null): string | null {
  const d = invoice.dunning;
  if (!d || !isPayable(invoice)) return null;
  const failed = `Payment failed on ${formatDate(d.billingDate)}`;
  if (d.status === 'retrying' && d.nextRetryAt) {
    const retry = `retry ${d.retriesMade + 1} of ${d.retries}`;
    return card
      ? `${failed}. We will retry on ${formatDate(d.nextRetryAt)} with ${card} (${retry}).`
      : `${failed}. We will retry on ${formatDate(d.nextRetryAt)} (${retry}), but there is no default card: add one.`;
  }
  return `${failed} and all ${d.retries} retries were declined. Pay it to reactivate your licenses.`;
}

/** An invoice the customer can still pay from the page. */
export const isPayable = (invoice: BoothInvoice): boolean =>
  invoice.status === 'open' || invoice.status === 'uncollectible';

export const invoiceDescription = (inv: BoothInvoice): string =>
  inv.description ? formatServerText(inv.description) : '—';
