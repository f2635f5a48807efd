/**
 * Top-up fees, exact. The customer pays A + fee and receives A credits; the fee is PayPal's
 * processing charge passed on (seed 000: "4.4% of the top-up amount plus a fixed fee of $0.30").
 */
import { isWholeInUnit, roundHalfUp } from '../../kernel/money.js';

/** A fee of `rateBasisPoints` / 10,000 of the amount plus `fixedMicros`, rounded once, to cents. */
export interface FeeSchedule {
  /** 440 = 4.4 %. */
  rateBasisPoints: bigint;
  /** 300_000 = $0.30. */
  fixedMicros: bigint;
}

/** The catalog's PayPal fee (seed 000). The one place these figures live. */
export const PAYPAL_FEE: FeeSchedule = { rateBasisPoints: 440n, fixedMicros: 300_000n };

/** USDT costs the customer nothing: Pictor sponsors the network fee (seed 000). */
export const USDT_FEE: FeeSchedule = { rateBasisPoints: 0n, fixedMicros: 0n };

const BASIS_POINTS = 10_000n;

export interface FeeBreakdown {
  amountMicros: bigint;
  feeMicros: bigint;
  totalMicros: bigint;
}

/**
 * fee = round_half_up(rate·A + fixed, cents), total = A + fee. A is whole cents (USD), so rate·A is
 * an exact number of micros for any whole number of basis points; nothing is rounded before the
 * single half-up rounding to cents.
 */
export function topUpFee(amountMicros: bigint, schedule: FeeSchedule): FeeBreakdown {
  if (amountMicros <= 0n) throw new RangeError('a top-up amount must be positive');
  if (!isWholeInUnit(amountMicros, 'USD')) throw new RangeError('a USD top-up is a whole number of cents');
  if (schedule.rateBasisPoints < 0n || schedule.fixedMicros < 0n)
    throw new RangeError('fees are never negative');
  const proportional = amountMicros * schedule.rateBasisPoints;
  // Exact: amountMicros is a multiple of 10,000 (one cent), so the division leaves no remainder.
  const feeMicros = roundHalfUp(proportional / BASIS_POINTS + schedule.fixedMicros, 2);
  return { amountMicros, feeMicros, totalMicros: amountMicros + feeMicros };
}

/** Top-up bounds (on A, the credits bought) and the PayPal fee schedule in force. */
export interface TopUpPolicy {
  minMicros: bigint;
  maxMicros: bigint;
  paypalFee: FeeSchedule;
}

/** $5 to $10,000 unless configured (PICTOR_TOPUP_MIN_USD, PICTOR_TOPUP_MAX_USD). */
export const DEFAULT_TOP_UP_POLICY: TopUpPolicy = {
  minMicros: 5_000_000n,
  maxMicros: 10_000_000_000n,
  paypalFee: PAYPAL_FEE,
};
