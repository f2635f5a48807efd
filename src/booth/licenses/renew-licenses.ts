import {
  type RenewingLicense,
  couponDiscount,
  monthlyCycle,
  quoteRenewal,
  yearlyCycle,
  type CatalogVersionRecord,
  type CouponRecord,
  type LicenseRecord,
  type RenewalItem,
  type RenewalRecord,
} from './licensing-rules.js';
import { transactionWithRetry } from '../../kernel/db/database.js';
import { formatDate } from '../../kernel/format-rules.js';
import {
  activeLicenses,
  currentCatalog,
  endLicenses,
  findCouponsByIds,
  findRenewal,
  insertRenewal,
  licensesDue,
  lockBoothAccount,
  pendingOrders,
  renewLicense,
  setLockState,
  setRenewalStatus,
  usableLicenses,
} from './license-store.js';
import type { Queryable } from '../../kernel/db/database.js';
import type { BoothContext } from '../context.js';
import { issueBoothInvoice } from '../billing/issue-booth-invoice.js';
import { pendingSince, refreshLock, scheduleRenewal } from './license-billing.js';
import { pauseEventsIfLocked } from '../events/pause-events-if-locked.js';
import { type Result, fail, ok } from '../../kernel/result.js';

export const renewalSource = (accountId: string, billingDate: Date) =>
  `renewal:${accountId}:${billingDate.toISOString()}`;

/**
 * The renewal of one account's licenses on one billing date (scheduler work, idempotent per
 * (account, date)): licenses cancelled for this date are removed; the others renew on ONE invoice
 * at the catalog price in force (a pending downgrade applied), with the volume rate of the device
 * licenses active after the renewal and any coupon still running, account credit first, then the
 * default card. Paid → a new period each. Declined → the invoice stays open and the licenses
 * expire at the billing date; with no usable base license left the account locks (and its running
 * events pause). Paying the open invoice later reactivates them (pay-open-invoice).
 * An Enterprise add-on renews only alongside at least one base license.
 */
export async function renewLicenses(
  ctx: BoothContext,
  accountId: string,
  billingDate: Date,
): Promise<Result<RenewalRecord>> {
  const built = await transactionWithRetry(ctx.db, (tx) =>
    buildRenewal(tx, ctx.clock.now(), accountId, billingDate),
  );
  const renewal = built.renewal;
  if (built.ended) await pauseEventsIfLocked(ctx, accountId);
  if (renewal.status !== 'building') return ok(renewal, !built.created);
  // A purchase being charged counted the account credit it showed: let it finish first (the due
  // work retries), so this invoice never takes credit a shown total relied on.
  if ((await pendingOrders(ctx.db, accountId, pendingSince(ctx.clock.now()))).count > 0) {
    return fail('invalid_request', 'a license purchase of this account is being charged; the renewal waits', {
      accountId,
    });
  }

  const charged = await chargeRenewal(ctx, accountId, billingDate, renewal);
  if (!charged.ok) return charged; // outcome unknown: the due work retries with the same source
  const now = ctx.clock.now();
  const settled = await transactionWithRetry(ctx.db, (tx) =>
    settleRenewal(tx, accountId, billingDate, renewal, charged.value, now),
  );
  // Declined: the licenses expired. Paid: a downgrade may have put an event above its license.
  if (settled.moved) await pauseEventsIfLocked(ctx, accountId);
  return ok(settled.renewal);
}

/** How the renewal's invoice ended: paid, or left open (declined, or no card) with its id when one was issued. */
interface RenewalCharge {
  paid: boolean;
  invoiceId: string | null;
}

/**
 * Charges the renewal on one invoice, account credit first, then the default card. A decline or a
 * missing card is an answer (the invoice stays open, the licenses expire); any other failure leaves
 * the outcome unknown and is returned as it is.
 */
async function chargeRenewal(
  ctx: BoothContext,
  accountId: string,
  billingDate: Date,
  renewal: RenewalRecord,
): Promise<Result<RenewalCharge>> {
  const issued = await issueBoothInvoice(ctx, {
    accountId,
    source: renewalSource(accountId, billingDate),
    description: `License renewal on ${formatDate(billingDate)}`,
    lines: renewal.lines,
    settlement: { type: 'charge_default_card', applyAccountCredit: true, onDecline: 'leave_open' },
  });
  if (issued.ok) return ok({ paid: issued.value.status === 'paid', invoiceId: issued.value.id });
  if (issued.failure.code !== 'card_declined' && issued.failure.code !== 'no_default_payment_method') {
    return issued;
  }
  return ok({ paid: false, invoiceId: (issued.failure.extra?.invoiceId as string | undefined) ?? null });
}

/**
 * Moves the renewal from building to paid or open, once (a concurrent pass that moved it first
 * leaves `moved` false and changes nothing): paid renews each license for a new period; open
 * expires them at the billing date and locks the account when no usable license is left.
 */
async function settleRenewal(
  tx: Queryable,
  accountId: string,
  billingDate: Date,
  renewal: RenewalRecord,
  { paid, invoiceId }: RenewalCharge,
  now: Date,
): Promise<{ moved: boolean; renewal: RenewalRecord }> {
  await lockBoothAccount(tx, accountId, now);
  const moved = await setRenewalStatus(
    tx,
    accountId,
    billingDate,
    ['building'],
    paid ? 'paid' : 'open',
    invoiceId,
    now,
  );
  if (moved) {
    if (paid) {
      await applyRenewalItems(tx, renewal.items, renewal.catalogVersion, renewal.rateBp, now);
    } else {
      await endLicenses(
        tx,
        renewal.items.map((i) => i.licenseId),
        'expired',
        'renewal_declined',
        billingDate,
        invoiceId,
        now,
      );
      if ((await usableLicenses(tx, accountId, now)).length === 0) {
        await setLockState(tx, accountId, true, 'renewal_payment_failed', billingDate);
      }
    }
    await refreshLock(tx, accountId, now, 'no_active_base_license');
  }
  return { moved, renewal: (await findRenewal(tx, accountId, billingDate))! };
}

/** Puts renewed (or reactivated) licenses on their new period and schedules the next renewals. */
export async function applyRenewalItems(
  tx: Queryable,
  items: readonly RenewalItem[],
  catalogVersion: number,
  rateBp: number,
  now: Date,
): Promise<void> {
  const accountIds = new Set<string>();
  for (const item of items) {
    await renewLicense(
      tx,
      {
        id: item.licenseId,
        product: item.product,
        catalogVersion,
        listPriceMicros: item.listMicros,
        paidMicros: item.paidMicros,
        volumeRateBp: item.product === 'enterprise' ? 0 : rateBp,
        start: item.start,
        end: item.end,
        couponRenewalsLeft: item.couponRenewalsLeft,
        keepCoupon: item.keepCoupon,
      },
      now,
    );
  }
  const rows = await tx.query<{ account_id: string }>(
    `SELECT DISTINCT account_id FROM licenses WHERE id = ANY($1::text[])`,
    [items.map((i) => i.licenseId)],
  );
  for (const r of rows) accountIds.add(r.account_id);
  const ends = new Set(items.map((i) => i.end.toISOString()));
  for (const accountId of accountIds) {
    for (const end of ends) await scheduleRenewal(tx, accountId, new Date(end));
  }
}

async function buildRenewal(
  tx: Queryable,
  now: Date,
  accountId: string,
  billingDate: Date,
): Promise<{ renewal: RenewalRecord; ended: boolean; created: boolean }> {
  const booth = await lockBoothAccount(tx, accountId, now);
  const existing = await findRenewal(tx, accountId, billingDate);
  if (existing) return { renewal: existing, ended: false, created: false };

  const due = await licensesDue(tx, accountId, billingDate);
  const dueIds = new Set(due.map((l) => l.id));
  const cancelled = due.filter((l) => l.cancelAtPeriodEnd);
  await endLicenses(
    tx,
    cancelled.map((l) => l.id),
    'removed',
    'cancelled',
    billingDate,
    null,
    now,
  );
  const others = (await activeLicenses(tx, accountId)).filter((l) => !dueIds.has(l.id));
  const pre = renewingAt(due, others);
  await endLicenses(
    tx,
    pre.addOnsEnded.map((l) => l.id),
    'removed',
    'base_license_missing',
    billingDate,
    null,
    now,
  );
  const ended = cancelled.length > 0 || pre.addOnsEnded.length > 0;
  const catalog = await currentCatalog(tx);
  const coupons = await findCouponsByIds(
    tx,
    pre.renewing.flatMap((l) => (l.couponId ? [l.couponId] : [])),
  );
  const { items, priced } = planRenewal(pre.renewing, pre.deviceCount, {
    catalog,
    coupons,
    monthlyAnchor: booth.monthlyAnchor,
    billingDate,
  });
  const renewal: RenewalRecord = {
    accountId,
    billingDate,
    status: items.length === 0 ? 'nothing' : 'building',
    items,
    lines: priced.lines,
    catalogVersion: catalog.version,
    rateBp: priced.rateBp,
    invoiceId: null,
  };
  await insertRenewal(tx, renewal, now);
  if (items.length === 0) {
    const usable = await usableLicenses(tx, accountId, now);
    if (usable.length === 0) await setLockState(tx, accountId, true, 'no_active_base_license', billingDate);
  }
  return { renewal, ended, created: true };
}

/**
 * Which of the licenses due on a billing date renew: cancelled ones end; with no device license
 * left after the date (due or not), the Enterprise add-ons end too. Pure: the renewal and its
 * preview (upcoming-invoice.ts) both decide from here.
 */
export function renewingAt(
  due: readonly LicenseRecord[],
  others: readonly LicenseRecord[],
): { renewing: LicenseRecord[]; addOnsEnded: LicenseRecord[]; deviceCount: number } {
  const isDevice = (l: LicenseRecord) => l.product !== 'enterprise';
  const renewing = due.filter((l) => !l.cancelAtPeriodEnd);
  const deviceCount = renewing.filter(isDevice).length + others.filter(isDevice).length;
  if (deviceCount > 0) return { renewing, addOnsEnded: [], deviceCount };
  return {
    renewing: renewing.filter(isDevice),
    addOnsEnded: renewing.filter((l) => !isDevice(l)),
    deviceCount,
  };
}

export interface RenewalPricingInput {
  catalog: CatalogVersionRecord;
  coupons: ReadonlyMap<string, CouponRecord>;
  monthlyAnchor: Date | null;
  billingDate: Date;
}

/**
 * The lines and per-license items of a renewal (pure): catalog price in force with a pending
 * downgrade applied, the volume rate of `deviceCount`, and coupons with renewals left. The renewal
 * charges exactly these lines; the upcoming-invoice preview shows them.
 */
export function planRenewal(
  renewing: readonly LicenseRecord[],
  deviceCount: number,
  { catalog, coupons, monthlyAnchor, billingDate }: RenewalPricingInput,
): { items: RenewalItem[]; priced: ReturnType<typeof quoteRenewal> } {
  const couponRuns = (l: LicenseRecord) =>
    l.couponId !== null &&
    coupons.has(l.couponId) &&
    (l.couponRenewalsLeft === null || l.couponRenewalsLeft > 0);
  const ends = new Map<string, Date>();
  for (const l of renewing) {
    const end =
      l.period === 'monthly'
        ? monthlyCycle(monthlyAnchor ?? l.periodAnchor, billingDate).end
        : yearlyCycle(l.periodAnchor, billingDate).end;
    ends.set(l.id, end);
  }
  const inputs: RenewingLicense[] = renewing.map((l) => ({
    id: l.id,
    product: l.pendingProduct ?? l.product,
    period: l.period,
    couponId: couponRuns(l) ? l.couponId : null,
    coupon: couponRuns(l) ? coupons.get(l.couponId!)! : null,
  }));
  const priced = quoteRenewal(inputs, catalog.prices, deviceCount, ends);
  const items: RenewalItem[] = inputs.map((i) => {
    const l = renewing.find((r) => r.id === i.id)!;
    const list = priced.listByLicense.get(i.id)!;
    const rate = i.product === 'enterprise' ? 0 : priced.rateBp;
    const afterVolume = list - (list * BigInt(rate)) / 10_000n;
    const left = couponRuns(l) ? (l.couponRenewalsLeft === null ? null : l.couponRenewalsLeft - 1) : 0;
    return {
      licenseId: i.id,
      product: i.product,
      period: i.period,
      start: billingDate,
      end: ends.get(i.id)!,
      listMicros: list,
      paidMicros: afterVolume - (i.coupon ? couponDiscount(i.coupon, afterVolume) : 0n),
      couponRenewalsLeft: left === 0 ? null : left,
      keepCoupon: left === null || left > 0,
    };
  });
  return { items, priced };
}
