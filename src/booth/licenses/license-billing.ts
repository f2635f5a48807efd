/**
 * Shared steps of the license use cases (not a use case itself): pricing a request from the
 * store's state, the account's lock, scheduling renewals, and reactivating licenses whose open
 * renewal invoice got paid.
 */
import {
  type BillingPeriod,
  type CouponEvaluation,
  type LicenseQuote,
  type Product,
  type RunningLicense,
  evaluateCoupon,
  quotePurchase,
  type CouponRecord,
  type LicenseRecord,
} from './licensing-rules.js';
import { availableAccountCredit } from '../billing/booth-invoice-store.js';
import { type Database, type Queryable, transactionWithRetry } from '../../kernel/db/database.js';
import { scheduleWork } from '../../kernel/jobs/due-work-store.js';
import {
  activeLicenses,
  buildingRenewalsSubtotal,
  countRedemptions,
  currentCatalog,
  findBoothAccount,
  findCouponByCode,
  findLicense,
  lockKnownBoothAccount,
  pendingOrders,
  setLockState,
  usableLicenses,
} from './license-store.js';
import type { BoothContext } from '../context.js';
import { type Result, fail, ok } from '../../kernel/result.js';

/** How long an order being charged counts as in flight (see `pendingOrders`). */
export const PENDING_ORDER_WINDOW_MS = 15 * 60_000;
export const pendingSince = (now: Date) => new Date(now.getTime() - PENDING_ORDER_WINDOW_MS);

/** Due work: one renewal per (account, billing date); subject = account id, period = the date (ISO). */
export const LICENSE_RENEWAL_WORK = 'license.renewal';

export interface LicenseRequest {
  accountId: string;
  product: Product;
  period: BillingPeriod;
  quantity: number;
  couponCode?: string;
}

export interface PricedRequest {
  quote: LicenseQuote;
  coupon: CouponRecord | undefined;
}

/**
 * Prices a request against the store as it is now: the catalog in force, the active device
 * licenses (and those of orders being charged), the monthly anchor, the coupon and its
 * redemptions (the coupon row locked when `forUpdate`), and the account credit not yet spoken for.
 */
export async function priceRequest(
  q: Queryable,
  input: LicenseRequest,
  now: Date,
  forUpdate: boolean,
): Promise<Result<PricedRequest>> {
  if (input.product === 'enterprise' && (input.period !== 'annual' || input.quantity !== 1)) {
    return fail('invalid_request', 'the Enterprise add-on is one annual license', { field: 'product' });
  }
  if (input.product === 'enterprise' && input.couponCode !== undefined) {
    return fail('coupon_not_for_enterprise', 'coupons do not apply to the Enterprise add-on', {
      field: 'couponCode',
    });
  }
  const [catalog, booth, active, pending] = await Promise.all([
    currentCatalog(q),
    findBoothAccount(q, input.accountId),
    activeLicenses(q, input.accountId),
    pendingOrders(q, input.accountId, pendingSince(now)),
  ]);
  const devices = active.filter((l) => l.product !== 'enterprise');
  if (input.product === 'enterprise') {
    const refused = await refuseEnterprise(q, input.accountId, active, now);
    if (refused) return refused;
  }
  const { coupon, evaluation } = await requestedCoupon(q, input.couponCode, now, forUpdate);
  const credit = await unclaimedAccountCredit(q, input.accountId, pending.creditMicros);
  const running: RunningLicense[] = devices.map((l) => ({
    id: l.id,
    periodBilledMicros: l.paidMicros,
    volumeRateBp: l.volumeRateBp,
    currentPeriodStart: l.currentPeriodStart,
    currentPeriodEnd: l.currentPeriodEnd,
  }));
  const quote = quotePurchase(
    { product: input.product, period: input.period, quantity: input.quantity },
    {
      at: now,
      catalog,
      activeDeviceLicenses: devices.length + pending.deviceQuantity,
      monthlyAnchor: booth?.monthlyAnchor ?? null,
      coupon: evaluation,
      accountCreditMicros: credit > 0n ? credit : 0n,
      running,
    },
  );
  return ok({ quote, coupon });
}

type ActiveLicense = Awaited<ReturnType<typeof activeLicenses>>[number];

/** Why the Enterprise add-on cannot be bought now, if it cannot: it needs a kept base license. */
async function refuseEnterprise(
  q: Queryable,
  accountId: string,
  active: ActiveLicense[],
  now: Date,
): Promise<Result<never> | undefined> {
  if (active.some((l) => l.product === 'enterprise')) {
    return fail('enterprise_already_active', 'the account already has the Enterprise add-on');
  }
  if ((await usableLicenses(q, accountId, now)).length === 0) {
    return fail(
      'enterprise_requires_base_license',
      'the Enterprise add-on needs at least one active Basic, Pro or Premium license',
    );
  }
  // A year of Enterprise on base licenses that all end at their next billing date would be
  // suspended from then on: refused until one of them is kept (undo its cancellation) or bought.
  if (active.filter((l) => l.product !== 'enterprise').every((l) => l.cancelAtPeriodEnd)) {
    return fail(
      'enterprise_base_cancelling',
      'every Basic, Pro or Premium license of the account is set to cancel: undo a cancellation or add a license before buying Enterprise',
    );
  }
  return undefined;
}

/** The coupon the request names and how it applies; the coupon only when it applies. */
async function requestedCoupon(
  q: Queryable,
  couponCode: string | undefined,
  now: Date,
  forUpdate: boolean,
): Promise<{ coupon: CouponRecord | undefined; evaluation: CouponEvaluation }> {
  if (couponCode === undefined) return { coupon: undefined, evaluation: { status: 'none' } };
  const coupon = await findCouponByCode(q, couponCode, forUpdate);
  const used = coupon ? await countRedemptions(q, coupon.id) : 0;
  const evaluation = evaluateCoupon(couponCode, coupon, used, now);
  return { coupon: evaluation.status === 'applied' ? coupon : undefined, evaluation };
}

/**
 * Credit not already spoken for: orders being charged, and renewals being invoiced right now (a
 * renewal waits for pending orders before it charges, see renew-licenses): the quote never
 * counts credit another charge of the account may take first. May be negative.
 */
async function unclaimedAccountCredit(
  q: Queryable,
  accountId: string,
  pendingOrdersCreditMicros: bigint,
): Promise<bigint> {
  return (
    (await availableAccountCredit(q, accountId)) -
    pendingOrdersCreditMicros -
    (await buildingRenewalsSubtotal(q, accountId))
  );
}

/** Schedules the renewal of an account's licenses ending at `billingDate` (twice is a no-op). */
export async function scheduleRenewal(q: Queryable, accountId: string, billingDate: Date): Promise<void> {
  await scheduleWork(q, [
    { kind: LICENSE_RENEWAL_WORK, subject: accountId, period: billingDate.toISOString(), dueAt: billingDate },
  ]);
}

/**
 * Locks the account when no device license can run events at `now`, unlocks it when one can.
 * Returns whether it is now locked and whether that changed.
 */
export async function refreshLock(
  tx: Queryable,
  accountId: string,
  now: Date,
  reason: string,
): Promise<{ locked: boolean; changed: boolean }> {
  const usable = await usableLicenses(tx, accountId, now);
  const locked = usable.length === 0;
  const changed = await setLockState(tx, accountId, locked, locked ? reason : 'license_active', now);
  return { locked, changed };
}

class RolledBack extends Error {
  constructor(readonly result: Result<never>) {
    super('rolled back: the use case refused');
  }
}

/**
 * A transaction whose failed Result rolls it back (a refused request writes no row, not even the
 * account's booth row that the lock creates); retried like `transactionWithRetry`.
 */
export async function writeOrRefuse<T>(
  db: Database,
  work: (tx: Queryable) => Promise<Result<T>>,
  alsoRetry?: (error: unknown) => boolean,
): Promise<Result<T>> {
  try {
    return await transactionWithRetry(
      db,
      async (tx) => {
        const result = await work(tx);
        if (!result.ok) throw new RolledBack(result);
        return result;
      },
      alsoRetry,
    );
  } catch (error) {
    if (error instanceof RolledBack) return error.result;
    throw error;
  }
}

/**
 * A customer's change to one of its active licenses (cancel, downgrade): under the account's booth
 * lock, refused for an unknown or no longer active license, writing nothing when refused.
 */
export async function changeActiveLicense<T>(
  ctx: BoothContext,
  accountId: string,
  licenseId: string,
  change: (tx: Queryable, license: LicenseRecord, now: Date) => Promise<Result<T>>,
): Promise<Result<T>> {
  return writeOrRefuse(ctx.db, async (tx) => {
    const now = ctx.clock.now();
    if (!(await lockKnownBoothAccount(tx, accountId, now))) {
      return fail('account_not_found', 'no such account', { accountId });
    }
    const license = await findLicense(tx, accountId, licenseId, true);
    if (!license) return fail('license_not_found', 'no such license', { licenseId });
    if (license.status !== 'active') {
      return fail('license_not_active', `the license is ${license.status}`, {
        licenseId,
        licenseStatus: license.status,
      });
    }
    return change(tx, license, now);
  });
}
