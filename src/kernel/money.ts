/**
 * Exact money. Every amount in the engine is a bigint count of micro-units (10^-6), whatever the
 * unit: one representation means no scale conversions between units, and 6 decimals cover the
 * finest prices in the seeds (0.00028 credit/GB/hour, fractional tokens). A unit may be coarser on
 * the wire: USD moves in whole cents, so a USD amount must be a multiple of 10,000 micros.
 */
export const UNITS = ['USD', 'CREDIT', 'TOKEN'] as const;
export type Unit = (typeof UNITS)[number];

export const MICROS_PER_UNIT = 1_000_000n;

/** Decimal places an amount of this unit may carry (on input, output and when money moves). */
export const UNIT_DECIMALS: Record<Unit, number> = { USD: 2, CREDIT: 6, TOKEN: 6 };

/** Largest amount accepted anywhere: 10^12 units, far below int8's 9.2·10^12 units of micros. */
export const MAX_AMOUNT_MICROS = 10n ** 12n * MICROS_PER_UNIT - 1n;

export interface Money {
  amountMicros: bigint;
  unit: Unit;
}

export function isUnit(value: unknown): value is Unit {
  return typeof value === 'string' && (UNITS as readonly string[]).includes(value);
}

const DECIMAL = /^(0|[1-9][0-9]{0,11})(?:\.([0-9]{1,6}))?$/;

export type AmountParseError = 'not_a_decimal' | 'too_many_decimals' | 'not_positive' | 'too_large';

/**
 * Parses a positive decimal string ("12.345678") into micros. Signs, exponents, spaces and more
 * decimals than the unit allows are refused rather than rounded: the caller asked for an exact sum.
 */
export function parsePositiveAmount(
  text: string,
  unit: Unit,
): { ok: true; micros: bigint } | { ok: false; error: AmountParseError } {
  if (text.length > 32) return { ok: false, error: 'too_large' };
  const match = DECIMAL.exec(text);
  if (!match) {
    return /^[0-9]{13,}(\.[0-9]*)?$/.test(text)
      ? { ok: false, error: 'too_large' }
      : { ok: false, error: 'not_a_decimal' };
  }
  const fraction = match[2] ?? '';
  if (fraction.length > UNIT_DECIMALS[unit]) return { ok: false, error: 'too_many_decimals' };
  const micros = BigInt(match[1]!) * MICROS_PER_UNIT + BigInt(fraction.padEnd(6, '0'));
  if (micros <= 0n) return { ok: false, error: 'not_positive' };
  if (micros > MAX_AMOUNT_MICROS) return { ok: false, error: 'too_large' };
  return { ok: true, micros };
}

/** Formats micros with exactly the unit's decimals ("-1.000000", "104.70"). Never rounds. */
export function formatAmount(micros: bigint, unit: Unit): string {
  const decimals = UNIT_DECIMALS[unit];
  const sign = micros < 0n ? '-' : '';
  const abs = micros < 0n ? -micros : micros;
  const whole = abs / MICROS_PER_UNIT;
  const fraction = (abs % MICROS_PER_UNIT).toString().padStart(6, '0');
  if (fraction.slice(decimals).replace(/0/g, '') !== '') {
    throw new Error(`${micros} micros is not a whole amount of ${unit} at ${decimals} decimals`);
  }
  return decimals === 0 ? `${sign}${whole}` : `${sign}${whole}.${fraction.slice(0, decimals)}`;
}

/** True when the amount is representable in the unit's own decimals (USD: whole cents). */
export function isWholeInUnit(micros: bigint, unit: Unit): boolean {
  return micros % 10n ** BigInt(6 - UNIT_DECIMALS[unit]) === 0n;
}

/**
 * Rounds micros half-up (away from zero on .5) to the given number of decimals. Money is rounded
 * once, where it moves; everything before that stays in micros.
 */
export function roundHalfUp(micros: bigint, decimals: number): bigint {
  const step = 10n ** BigInt(6 - decimals);
  const abs = micros < 0n ? -micros : micros;
  const rounded = ((abs + step / 2n) / step) * step;
  return micros < 0n ? -rounded : rounded;
}
