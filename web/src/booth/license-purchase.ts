/**
 * The license purchase dialog's rules, without React: reading the quantity field, whether a quote
 * answers what is chosen now, and the sentences the dialog shows about a quote and its coupon.
 */
import type { LicenseQuote, Period, Tier } from '../shared/api-types';
import { PERIOD_LABEL, TIER_LABEL } from './common';

/** The tiers a customer can buy, cheapest first (the Enterprise add-on is bought on its own card). */
export const TIER_ORDER: Tier[] = ['basic', 'pro', 'premium'];

export const MAX_LICENSES = 1000;

/** What the customer has chosen in the dialog: the body of a quote request. */
export interface LicenseChoice {
  product: Tier;
  period: Period;
  quantity: number;
  couponCode: string | undefined;
}

/** The quantity field's text as a number; NaN unless it is 1–4 digits. */
export const parseQuantity = (text: string): number => (/^\d{1,4}$/.test(text) ? Number(text) : NaN);

export const isValidQuantity = (quantity: number): boolean =>
  Number.isInteger(quantity) && quantity >= 1 && quantity <= MAX_LICENSES;

/** The field's text after − or +: from an invalid entry, − goes to 1 and + to 1. */
export function steppedQuantity(quantity: number, step: -1 | 1): string {
  const valid = isValidQuantity(quantity);
  return step < 0
    ? String(Math.max(1, (valid ? quantity : 1) - 1))
    : String(Math.min(MAX_LICENSES, (valid ? quantity : 0) + 1));
}

/** Whether two choices ask for the same quote (an invalid quantity never matches, so it never settles). */
export const sameChoice = (a: LicenseChoice, b: LicenseChoice): boolean =>
  a.product === b.product &&
  a.period === b.period &&
  a.quantity === b.quantity &&
  (a.couponCode ?? '') === (b.couponCode ?? '');

/** Whether a quote prices this tier, period and quantity. */
export const quotePrices = (quote: LicenseQuote, choice: LicenseChoice): boolean =>
  quote.product === choice.product && quote.period === choice.period && quote.quantity === choice.quantity;

/** "Pro · Monthly · 5 licenses · volume discount 10%": what the order summary prices. */
export function quoteHeadline(quote: LicenseQuote): string {
  const volume = quote.volumeDiscount.rate !== '0%' ? ` · volume discount ${quote.volumeDiscount.rate}` : '';
  return `${TIER_LABEL[quote.product]} · ${PERIOD_LABEL[quote.period]} · ${quote.quantity} license${quote.quantity === 1 ? '' : 's'}${volume}`;
}

const COUPON_REFUSED: Record<string, string> = {
  coupon_not_found: 'There is no coupon with this code.',
  coupon_not_yet_valid: 'This coupon is not valid yet.',
  coupon_expired: 'This coupon has expired.',
  coupon_redemption_limit_reached: 'This coupon has been used as often as it allows.',
};

function couponRejected(c: { reason: string | null }): string {
  const why = (c.reason && COUPON_REFUSED[c.reason]) || 'This coupon cannot be used.';
  return `${why} It will not apply: the total below is the full price. Correct or clear the code.`;
}

/**
 * The line under the coupon field: applied or why not, once a fresh quote answers the code typed
 * (a single space otherwise, so the line keeps its height).
 */
export function couponStatus(coupon: string, freshQuote: LicenseQuote | undefined): string {
  const typed = coupon.trim();
  const answered = freshQuote?.coupon;
  if (!typed || !answered || answered.code.toUpperCase() !== typed.toUpperCase()) return ' ';
  return answered.applied ? `Coupon ${answered.code} applied.` : couponRejected(answered);
}

/** Said before paying: a refused code is not silently dropped at checkout. */
export const couponRefused = (coupon: string, freshQuote: LicenseQuote | undefined): boolean =>
  !!(coupon.trim() && freshQuote?.coupon && !freshQuote.coupon.applied);
