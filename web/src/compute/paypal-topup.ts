/** The PayPal top-up form's rules, without React: which sentence an amount gets, and the return URLs. */
import { ApiError } from '../shared/api';
import { formatMoney, toMicros } from '../shared/decimal';
import { errorSentence } from '../shared/errors';
import type { Parsed } from '../shared/validate';

/** The smallest and largest top-up, as the API's quotes name them (USD amounts as decimals). */
export type Limits = { min: string; max: string };

export function limitProblem(value: string, limits: Limits | null): string | null {
  if (!limits) return null;
  const micros = toMicros(value);
  if (micros < toMicros(limits.min))
    return `The smallest top-up is ${formatMoney({ amount: limits.min, unit: 'USD' })}.`;
  if (micros > toMicros(limits.max))
    return `The largest top-up is ${formatMoney({ amount: limits.max, unit: 'USD' })}.`;
  return null;
}

/**
 * What is wrong with the typed amount before any quote is asked: the parser's sentence, or the
 * limits' (a number too long to parse is over the largest top-up, once the limits are known).
 */
export function amountProblem(parsed: Parsed, limits: Limits | null): string | null {
  if (parsed.ok) return limitProblem(parsed.value, limits);
  if (parsed.tooLarge && limits) return limitProblem(limits.max + '1', limits);
  return parsed.message;
}

/** A 400 answer to a quote is about the amount: it is shown by the field, not as a failure. */
export const isAmountRefusal = (error: unknown): error is ApiError =>
  error instanceof ApiError && error.status === 400;

export const refusalSentence = (error: unknown): string | null =>
  isAmountRefusal(error) ? errorSentence(error) : null;

/**
 * Where PayPal sends the customer back. Cancelling (PayPal's link, like Back) keeps the amount as
 * typed, so the form shows what the customer chose.
 */
export function paypalReturnUrls(origin: string, typed: string) {
  const amount = encodeURIComponent(typed.trim());
  return {
    returnUrl: `${origin}/compute/payment?paypal=return`,
    cancelUrl: `${origin}/compute/payment?paypal=cancel&amount=${amount}`,
    /** The history entry that Back returns to. */
    backPath: `/compute/payment?amount=${amount}`,
  };
}
