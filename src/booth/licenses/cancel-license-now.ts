import { TIER_NAMES, cancellationCredit, type LicenseRecord } from './licensing-rules.js';
import { formatDate, formatMoneyWithUnit } from '../../kernel/format-rules.js';
import { newId } from '../../kernel/ids.js';
import { insertAuditEntry } from '../../accounts/audit-store.js';
import { endLicenses, findLicense, lockKnownBoothAccount } from './license-store.js';
import type { Caller } from '../../kernel/context.js';
import type { BoothContext } from '../context.js';
import { issueBoothInvoice } from '../billing/issue-booth-invoice.js';
import { refreshLock, writeOrRefuse } from './license-billing.js';
import { pauseEventsIfLocked } from '../events/pause-events-if-locked.js';
import { type LicenseView, viewOf } from './list-licenses.js';
import { type Result, fail, ok } from '../../kernel/result.js';

export interface CancelledNow {
  license: LicenseView;
  creditMicros: bigint;
  creditNoteId: string | null;
}

/**
 * An operator ends a license at once: it is removed now, and what it paid for its current period
 * (after volume discount and coupon) is credited for the seconds left of that period, rounded once,
 * as a credit note (USD account credit, applied to the next invoice). Audited. A repeat (the
 * license already ended this way) issues the same credit note, once.
 */
export async function cancelLicenseNow(
  ctx: BoothContext,
  operator: Caller,
  accountId: string,
  licenseId: string,
  reason: string,
): Promise<Result<CancelledNow>> {
  const ended = await writeOrRefuse(
    ctx.db,
    async (tx): Promise<Result<{ license: LicenseRecord; replayed: boolean }>> => {
      const now = ctx.clock.now();
      if (!(await lockKnownBoothAccount(tx, accountId, now))) {
        return fail('account_not_found', 'no such account', { accountId });
      }
      const license = await findLicense(tx, accountId, licenseId, true);
      if (!license) return fail('license_not_found', 'no such license', { licenseId });
      if (license.status === 'removed' && license.endReason === 'operator_cancelled') {
        return ok({ license, replayed: true });
      }
      if (license.status !== 'active') {
        return fail('license_not_active', `the license is ${license.status}`, {
          licenseId,
          licenseStatus: license.status,
        });
      }
      await endLicenses(tx, [licenseId], 'removed', 'operator_cancelled', now, null, now);
      await insertAuditEntry(tx, {
        id: newId('audit'),
        actor: operator.id,
        action: 'license.cancel_now',
        subject: accountId,
        reason,
        details: { licenseId, product: license.product, period: license.period },
        createdAt: now,
      });
      await refreshLock(tx, accountId, now, 'no_active_base_license');
      return ok({ license: (await findLicense(tx, accountId, licenseId))!, replayed: false });
    },
  );
  if (!ended.ok) return ended;
  const { license, replayed } = ended.value;
  if (!replayed) await pauseEventsIfLocked(ctx, accountId);
  const credit = cancellationCredit(
    license.paidMicros,
    license.currentPeriodStart,
    license.currentPeriodEnd,
    license.endedAt!,
  );
  let creditNoteId: string | null = null;
  if (credit > 0n) {
    const note = await issueBoothInvoice(ctx, {
      accountId,
      source: `cancel-now:${licenseId}`,
      description: `Cancellation credit: license ${licenseId}`,
      lines: [
        {
          kind: 'cancellation_credit',
          description: `Cancellation credit: ${TIER_NAMES[license.product]} ${license.period}, unused part of the period until ${formatDate(license.currentPeriodEnd)} (paid ${formatMoneyWithUnit(license.paidMicros - (license.paidMicros % 10_000n), 'USD')})`,
          quantity: 1,
          amountMicros: -credit,
          metadata: { licenseId },
        },
      ],
      settlement: { type: 'credit_note' },
    });
    if (!note.ok) return note;
    creditNoteId = note.value.id;
  }
  return ok({ license: viewOf(license), creditMicros: credit, creditNoteId }, replayed);
}
