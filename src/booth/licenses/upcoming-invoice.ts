import { accountCreditToApply, sumLines } from '../billing/booth-invoice-rules.js';
import { availableAccountCredit } from '../billing/booth-invoice-store.js';
import { findAccount } from '../../accounts/account-store.js';
import { activeLicenses, currentCatalog, findBoothAccount, findCouponsByIds } from './license-store.js';
import type { QuoteLine } from './licensing-rules.js';
import { planRenewal, renewingAt } from './renew-licenses.js';
import type { BoothContext } from '../context.js';
import { type Result, fail, ok } from '../../kernel/result.js';

/** What the renewal on one billing date will charge, as it would price it now. */
export interface UpcomingInvoice {
  billingDate: Date;
  /** Licenses renewing on that date (cancelled ones and add-ons left without a base excluded). */
  licenseIds: string[];
  catalogVersion: number;
  lines: QuoteLine[];
  subtotalMicros: bigint;
  /** Account credit the renewal applies (earlier billing dates use theirs first). */
  creditAppliedMicros: bigint;
  totalMicros: bigint;
}

/**
 * The next invoice per upcoming billing date of the account's active licenses, priced by the very
 * functions the renewal uses (renewingAt, planRenewal, accountCreditToApply) from the current
 * state: catalog in force, pending downgrades and cancellations, volume rate, coupon renewals
 * left, and the account credit available now (spent date by date in order). Read-only.
 */
export async function upcomingInvoices(
  ctx: BoothContext,
  accountId: string,
): Promise<Result<UpcomingInvoice[]>> {
  if (!(await findAccount(ctx.db, accountId)))
    return fail('account_not_found', 'no such account', { accountId });
  const active = await activeLicenses(ctx.db, accountId);
  const dates = [...new Set(active.map((l) => l.currentPeriodEnd.getTime()))].sort((a, b) => a - b);
  const catalog = await currentCatalog(ctx.db);
  const coupons = await findCouponsByIds(
    ctx.db,
    active.flatMap((l) => (l.couponId ? [l.couponId] : [])),
  );
  const booth = await findBoothAccount(ctx.db, accountId);
  let creditMicros = await availableAccountCredit(ctx.db, accountId);
  const out: UpcomingInvoice[] = [];
  let remaining = active;
  for (const t of dates) {
    const billingDate = new Date(t);
    const due = remaining.filter((l) => l.currentPeriodEnd.getTime() === t);
    const others = remaining.filter((l) => l.currentPeriodEnd.getTime() !== t);
    const pre = renewingAt(due, others);
    if (pre.renewing.length === 0) {
      remaining = others;
      continue;
    }
    const { priced } = planRenewal(pre.renewing, pre.deviceCount, {
      catalog,
      coupons,
      monthlyAnchor: booth?.monthlyAnchor ?? null,
      billingDate,
    });
    const subtotalMicros = sumLines(priced.lines);
    const creditAppliedMicros = accountCreditToApply(subtotalMicros, creditMicros);
    creditMicros -= creditAppliedMicros;
    out.push({
      billingDate,
      licenseIds: pre.renewing.map((l) => l.id),
      catalogVersion: catalog.version,
      lines: priced.lines,
      subtotalMicros,
      creditAppliedMicros,
      totalMicros: subtotalMicros - creditAppliedMicros,
    });
    // Licenses ending on this date no longer count toward later dates' volume.
    remaining = [...others, ...pre.renewing];
  }
  return ok(out);
}
