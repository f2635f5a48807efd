import { findAccount } from '../../accounts/account-store.js';
import { activeLicenses, findBoothAccount, lockHistory, usableLicenses } from './license-store.js';
import { type EnterpriseStatus, type Entitlements, enterpriseState } from './licensing-rules.js';
import type { BoothContext } from '../context.js';
import { type Result, fail, ok } from '../../kernel/result.js';

export interface BoothStatus {
  accountId: string;
  locked: boolean;
  /** Why it is locked: no_license_purchased, no_active_base_license, renewal_payment_failed. */
  reason: string | null;
  /** Since when it is locked (null when it never had a license). */
  lockedSince: Date | null;
  usableLicenses: { id: string; tier: 'basic' | 'pro' | 'premium' }[];
  monthlyAnchor: Date | null;
  history: { locked: boolean; reason: string; at: Date }[];
  /** The Enterprise add-on: none, active, or suspended (no active base license), with its license. */
  enterprise: {
    status: EnterpriseStatus;
    licenseId: string | null;
    renewsAt: Date | null;
    reason: string | null;
  };
  entitlements: Entitlements;
}

/** Whether the account's booth is locked (no usable base license), why and since when. */
export async function getBoothStatus(ctx: BoothContext, accountId: string): Promise<Result<BoothStatus>> {
  if (!(await findAccount(ctx.db, accountId)))
    return fail('account_not_found', 'no such account', { accountId });
  const now = ctx.clock.now();
  const [booth, usable, history, active] = await Promise.all([
    findBoothAccount(ctx.db, accountId),
    usableLicenses(ctx.db, accountId, now),
    lockHistory(ctx.db, accountId),
    activeLicenses(ctx.db, accountId),
  ]);
  const addOn = active.find(
    (l) => l.product === 'enterprise' && l.currentPeriodStart <= now && l.currentPeriodEnd > now,
  );
  const enterprise = enterpriseState(addOn !== undefined, usable.length);
  const locked = usable.length === 0;
  const last = [...history].reverse().find((h) => h.locked);
  return ok({
    accountId,
    locked,
    reason: locked
      ? booth?.locked
        ? (booth.lockReason ?? 'no_active_base_license')
        : booth
          ? 'no_active_base_license'
          : 'no_license_purchased'
      : null,
    lockedSince: locked ? (booth?.locked ? (booth.lockedSince ?? last?.at ?? null) : null) : null,
    usableLicenses: usable,
    monthlyAnchor: booth?.monthlyAnchor ?? null,
    history,
    enterprise: {
      status: enterprise.status,
      licenseId: addOn?.id ?? null,
      renewsAt: addOn && !addOn.cancelAtPeriodEnd ? addOn.currentPeriodEnd : null,
      reason:
        enterprise.status === 'suspended'
          ? 'the Enterprise add-on needs an active Basic, Pro or Premium license: buy or renew one to resume it'
          : null,
    },
    entitlements: enterprise.entitlements,
  });
}
