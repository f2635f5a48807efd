import type { BoothInvoice } from '../billing/booth-invoice-rules.js';
import {
  type LicenseQuote,
  purchaseInstant,
  volumeRateBp,
  type LicenseRecord,
  type OrderRecord,
} from './licensing-rules.js';
import { formatAmount } from '../../kernel/money.js';
import { newId } from '../../kernel/ids.js';
import { requestHash } from '../../kernel/request-hash.js';
import { findAccount } from '../../accounts/account-store.js';
import { findDefaultPaymentMethod } from '../billing/card-store.js';
import { type Queryable, isUniqueViolation, transactionWithRetry } from '../../kernel/db/database.js';
import {
  activeLicenses,
  findOrderByKey,
  insertLicenses,
  insertOrder,
  insertRedemption,
  listLicenses,
  lockBoothAccount,
  raiseVolumeRate,
  setMonthlyAnchor,
  setRedemptionStatus,
  settleOrder,
} from './license-store.js';
import { type Caller, idempotencyScope } from '../../kernel/context.js';
import type { BoothContext } from '../context.js';
import { issueBoothInvoice } from '../billing/issue-booth-invoice.js';
import { resumeLockPausedEvents } from '../events/resume-lock-paused-events.js';
import {
  type LicenseRequest,
  priceRequest,
  refreshLock,
  scheduleRenewal,
  writeOrRefuse,
} from './license-billing.js';
import { type Failure, IDEMPOTENCY_CONFLICT, type Result, fail, ok } from '../../kernel/result.js';

export interface PurchaseLicensesInput extends LicenseRequest {
  /** The total the customer was shown (the quote's `total`): a different price is refused. */
  expectedTotalMicros: bigint;
  /** The quote's instant (`pricedAt`): priced from it, within QUOTE_VALID_MS; omitted: now. */
  pricedAt?: Date;
}

export interface PurchasedLicenses {
  order: OrderRecord;
  quote: LicenseQuote;
  licenses: LicenseRecord[];
  invoiceId: string | null;
  /** The credit note of the volume-discount credit granted to the licenses already running, if any. */
  volumeCreditInvoiceId: string | null;
}

/**
 * Buys licenses: the same pricing as the quote, from the quote's instant when given (so the
 * invoice's lines read exactly as the quote's; `quote_expired` when it is stale or a billing date
 * passed since), refused with `price_changed` (writing nothing) if the total differs from the
 * one the customer saw, then charged to the default card as one booth
 * invoice (account credit applied first). Paid → the licenses run from the priced instant to their billing date
 * (monthly: the account's anchor, set by the first monthly purchase; annual: a year from now), the
 * coupon is redeemed, the account unlocks, and if the purchase crossed a volume threshold the
 * licenses already running get a pro-rata volume-discount credit (a credit note → USD account
 * credit, applied to the next invoice). Declined → the order fails, nothing is active.
 *
 * Idempotent on the caller's Idempotency-Key: the order row is unique per key and holds the priced
 * quote, so a retry after a crash charges the same lines (the invoice is unique per order) and
 * creates the licenses once.
 */
export async function purchaseLicenses(
  ctx: BoothContext,
  caller: Caller,
  input: PurchaseLicensesInput,
  idempotencyKey: string,
): Promise<Result<PurchasedLicenses>> {
  if (!(await findAccount(ctx.db, input.accountId))) {
    return fail('account_not_found', 'no such account', { accountId: input.accountId });
  }
  const hash = requestHash('purchase-licenses', { ...input, couponCode: input.couponCode?.toUpperCase() });
  const reserved = await writeOrRefuse(
    ctx.db,
    async (tx): Promise<Result<{ order: OrderRecord; replayed: boolean }>> => {
      const existing = await findOrderByKey(tx, idempotencyScope(caller, input.accountId), idempotencyKey);
      if (existing) {
        return existing.requestHash === hash
          ? ok({ order: existing, replayed: true })
          : IDEMPOTENCY_CONFLICT();
      }
      const now = ctx.clock.now();
      const booth = await lockBoothAccount(tx, input.accountId, now);
      const at = purchaseInstant(input.pricedAt, now);
      const priced = at ? await priceRequest(tx, input, at, true) : QUOTE_EXPIRED();
      if (!priced.ok) return priced;
      const { quote, coupon } = priced.value;
      const refused = await refusal(ctx, tx, input, quote, now);
      if (refused) return refused;
      const order: OrderRecord = {
        id: newId('licenseOrder'),
        accountId: input.accountId,
        idempotencyScope: idempotencyScope(caller, input.accountId),
        idempotencyKey,
        requestHash: hash,
        product: input.product,
        period: input.period,
        quantity: input.quantity,
        catalogVersion: quote.catalogVersion,
        couponId: coupon?.id ?? null,
        status: 'pending',
        totalMicros: quote.totalMicros,
        quote,
        invoiceId: null,
        failure: null,
        createdAt: now,
        updatedAt: now,
      };
      await insertOrder(tx, order);
      if (coupon)
        await insertRedemption(tx, {
          orderId: order.id,
          couponId: coupon.id,
          accountId: input.accountId,
          at: now,
        });
      if (input.period === 'monthly' && !booth.monthlyAnchor) {
        await setMonthlyAnchor(tx, input.accountId, quote.monthlyAnchor, now);
      }
      return ok({ order, replayed: false });
    },
    (error) => isUniqueViolation(error),
  );
  if (!reserved.ok) return reserved;
  const { order, replayed } = reserved.value;
  return completeOrder(ctx, order, replayed);
}

const QUOTE_EXPIRED = () =>
  fail(
    'quote_expired',
    'the quote is older than 15 minutes, in the future, or a billing date passed since: quote again',
  );

/** Why a priced purchase is refused before anything is written: a price or a billing date changed, no card. */
async function refusal(
  ctx: BoothContext,
  tx: Queryable,
  input: PurchaseLicensesInput,
  quote: LicenseQuote,
  now: Date,
): Promise<Result<never> | undefined> {
  // Priced from the quote's instant: its period must still be running (no renewal passed since).
  if (quote.periodEnd.getTime() <= now.getTime()) return QUOTE_EXPIRED();
  if (quote.totalMicros !== input.expectedTotalMicros) {
    return fail(
      'price_changed',
      `the price is now ${formatAmount(quote.totalMicros, 'USD')} USD, not the ${formatAmount(
        input.expectedTotalMicros,
        'USD',
      )} USD shown: quote again`,
      { totalMicros: quote.totalMicros, unit: 'USD', catalogVersion: quote.catalogVersion },
    );
  }
  if (quote.totalMicros > 0n) {
    if (!ctx.cards) return fail('card_processor_not_configured', 'no card processor is configured');
    if (!(await findDefaultPaymentMethod(tx, input.accountId))) {
      return fail('no_default_payment_method', 'the account has no default card to charge', {
        accountId: input.accountId,
      });
    }
  }
  return undefined;
}

/** Charges a reserved order (again, safely) and settles it; a settled order answers as it ended. */
async function completeOrder(
  ctx: BoothContext,
  order: OrderRecord,
  replayed: boolean,
): Promise<Result<PurchasedLicenses>> {
  const quote = order.quote;
  if (order.status !== 'pending') return answer(ctx, order, replayed);
  const charged = await chargeOrder(ctx, order, quote);
  if (!charged.ok) return charged;
  const { invoice, failure } = charged.value;
  const now = ctx.clock.now();
  if (failure) {
    await settleFailedOrder(ctx, order, quote, invoice, failure, now);
    return { ok: false, failure };
  }
  await settlePaidOrder(ctx, order, quote, invoice!, now);
  // Buying again reactivates: the events the lock paused run again.
  if (order.product !== 'enterprise') await resumeLockPausedEvents(ctx, order.accountId);
  return answer(ctx, order, replayed);
}

/**
 * Issues the order's invoice, charged to the default card (account credit first). Answers the
 * invoice and, when the card did not pay, why; an unknown outcome (processor unavailable ...) is a
 * failed result: the order stays pending and a retry resumes it.
 */
async function chargeOrder(
  ctx: BoothContext,
  order: OrderRecord,
  quote: LicenseQuote,
): Promise<Result<{ invoice: BoothInvoice | null; failure: Failure | null }>> {
  const issued = await issueBoothInvoice(ctx, {
    accountId: order.accountId,
    source: `order:${order.id}`,
    description: `License purchase: ${quote.lines[0]!.description}`,
    lines: quote.lines.map((l) => ({ ...l })),
    settlement: { type: 'charge_default_card', applyAccountCredit: true, onDecline: 'void' },
  });
  if (!issued.ok) {
    const declined =
      issued.failure.code === 'card_declined' || issued.failure.code === 'no_default_payment_method';
    return declined ? ok({ invoice: null, failure: issued.failure }) : issued;
  }
  const invoice = issued.value;
  if (invoice.status === 'paid') return ok({ invoice, failure: null });
  return ok({
    invoice,
    failure: {
      code: 'card_declined',
      detail: `the default card was declined${invoice.lastDeclineMessage ? `: ${invoice.lastDeclineMessage}` : ''}`,
      // No invoiceId: a declined purchase's draft is discarded (no invoice remains, docs/booth.md
      // "Declined purchases"); the failed attempt is under GET …/payment-attempts.
      extra: { declineCode: invoice.lastDeclineCode },
    },
  });
}

/** The order failed: its coupon redemption is released, and a failed first monthly purchase leaves no anchor. */
async function settleFailedOrder(
  ctx: BoothContext,
  order: OrderRecord,
  quote: LicenseQuote,
  invoice: BoothInvoice | null,
  failure: Failure,
  now: Date,
): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const settled = await settleOrder(tx, order.id, 'failed', invoice?.id ?? null, failure, now);
    if (!settled) return;
    await setRedemptionStatus(tx, order.id, 'released', now);
    const booth = await lockBoothAccount(tx, order.accountId, now);
    if (
      order.period === 'monthly' &&
      booth.monthlyAnchor?.getTime() === new Date(quote.periodStart).getTime() &&
      !(await listLicenses(tx, order.accountId)).some((l) => l.period === 'monthly')
    ) {
      await setMonthlyAnchor(tx, order.accountId, null, now);
    }
  });
}

/** The order is paid: its licenses are issued, volume rates raised, the renewal scheduled, the lock refreshed. */
async function settlePaidOrder(
  ctx: BoothContext,
  order: OrderRecord,
  quote: LicenseQuote,
  invoice: BoothInvoice,
  now: Date,
): Promise<void> {
  await transactionWithRetry(ctx.db, async (tx) => {
    await lockBoothAccount(tx, order.accountId, now);
    const settled = await settleOrder(tx, order.id, 'paid', invoice.id, null, now);
    if (!settled) return;
    const licenses = newLicenses(order, quote, now);
    await insertLicenses(tx, licenses);
    if (order.couponId) await setRedemptionStatus(tx, order.id, 'redeemed', now);
    if (quote.volumeDiscountCredit) {
      await raiseVolumeRate(
        tx,
        quote.volumeDiscountCredit.licenseIds,
        quote.volumeDiscountCredit.rateBp,
        now,
      );
    }
    // Licenses of a lower rate not credited (their period ended at this instant) still get the rate.
    const running = (await activeLicenses(tx, order.accountId)).filter((l) => l.product !== 'enterprise');
    await raiseVolumeRate(
      tx,
      running.map((l) => l.id),
      volumeRateBp(running.length),
      now,
    );
    await scheduleRenewal(tx, order.accountId, new Date(quote.periodEnd));
    await refreshLock(tx, order.accountId, now, 'no_active_base_license');
  });
}

function newLicenses(order: OrderRecord, quote: LicenseQuote, now: Date): LicenseRecord[] {
  const perLicensePaid = order.quantity > 0 ? quote.subtotalMicros / BigInt(order.quantity) : 0n;
  const start = new Date(quote.periodStart);
  const renewals = quote.coupon.status === 'applied' ? quote.coupon.renewalsCovered : 0;
  return Array.from({ length: order.quantity }, () => ({
    id: newId('license'),
    accountId: order.accountId,
    orderId: order.id,
    product: order.product,
    period: order.period,
    status: 'active' as const,
    catalogVersion: quote.catalogVersion,
    listPriceMicros: quote.listUnitPriceMicros,
    periodListMicros: quote.periodListMicros,
    paidMicros: perLicensePaid,
    volumeRateBp: quote.volumeRateBp,
    periodAnchor: order.period === 'monthly' ? new Date(quote.monthlyAnchor!) : start,
    currentPeriodStart: start,
    currentPeriodEnd: new Date(quote.periodEnd),
    cancelAtPeriodEnd: false,
    cancelRequestedAt: null,
    pendingProduct: null,
    pendingRequestedAt: null,
    couponId: quote.coupon.status === 'applied' && renewals !== 0 ? quote.coupon.coupon.id : null,
    couponRenewalsLeft: quote.coupon.status === 'applied' && renewals !== 0 ? renewals : null,
    openInvoiceId: null,
    endedAt: null,
    endReason: null,
    createdAt: now,
    updatedAt: now,
  }));
}

/** The settled order as the caller sees it; the volume credit note is issued (once) here. */
async function answer(
  ctx: BoothContext,
  order0: OrderRecord,
  replayed: boolean,
): Promise<Result<PurchasedLicenses>> {
  const order = (await findOrderByKey(ctx.db, order0.idempotencyScope, order0.idempotencyKey)) ?? order0;
  const quote = order.quote;
  if (order.status === 'failed') {
    const f = order.failure!;
    return fail(f.code as Failure['code'], f.detail, f.extra);
  }
  if (order.status === 'pending') return completeOrder(ctx, order, replayed);
  let volumeCreditInvoiceId: string | null = null;
  if (quote.volumeDiscountCredit) {
    const credit = quote.volumeDiscountCredit;
    const note = await issueBoothInvoice(ctx, {
      accountId: order.accountId,
      source: `volume-credit:${order.id}`,
      description: `Volume discount credit: ${credit.licenseIds.length} licenses at the new rate for the rest of their period`,
      lines: [
        {
          kind: 'volume_discount_adjustment',
          description: `Volume discount ${credit.rateBp / 100}% for ${credit.licenseIds.length} existing licenses, rest of their current period`,
          quantity: credit.licenseIds.length,
          amountMicros: -credit.amountMicros,
          metadata: { orderId: order.id, rateBp: String(credit.rateBp) },
        },
      ],
      settlement: { type: 'credit_note' },
    });
    if (!note.ok) return note;
    volumeCreditInvoiceId = note.value.id;
  }
  const licenses = (await listLicenses(ctx.db, order.accountId)).filter((l) => l.orderId === order.id);
  return ok({ order, quote, licenses, invoiceId: order.invoiceId, volumeCreditInvoiceId }, replayed);
}
