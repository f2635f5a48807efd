/** What the Licenses tab says about a license and about a locked account, without React. */
import type { License } from '../shared/api-types';
import { formatDate } from '../shared/format';
import { TIER_LABEL } from './common';

/** The status column: a cancel or downgrade to come, or an open invoice, next to "Active". */
export function statusLabel(l: License): string {
  if (l.status !== 'active') return l.status;
  if (l.cancelAtPeriodEnd) return `Active until ${formatDate(l.cancelEffectiveAt ?? l.currentPeriodEnd)}`;
  if (l.pendingDowngrade)
    return `Active · ${TIER_LABEL[l.pendingDowngrade]} from ${formatDate(l.downgradeEffectiveAt ?? l.currentPeriodEnd)}`;
  if (l.openInvoiceId) return 'Active · invoice open';
  return 'Active';
}

/** The renewal column: a date only while the license is active and set to renew. */
export function renewalText(l: License): string {
  if (l.status !== 'active') return '—';
  return l.cancelAtPeriodEnd ? 'Does not renew' : formatDate(l.renewsAt ?? l.currentPeriodEnd);
}

/** Why the booth account is locked, and what unlocks it (the API sends a code). */
const LOCK_REASON: Record<string, string> = {
  no_license_purchased: 'Events cannot start until you buy a license: choose Add License below.',
  no_active_base_license:
    'Your licenses have ended. Events cannot start until you buy a license: choose Add License below.',
  renewal_payment_failed:
    'A renewal payment failed. Events cannot start until the open invoice is paid on the Invoices tab.',
  '': 'Events cannot start until you buy a license or pay an open invoice.',
};

export const lockSentence = (reason: string | null | undefined): string =>
  LOCK_REASON[reason ?? ''] ?? LOCK_REASON['']!;
