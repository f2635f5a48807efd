/**
 * The one way amounts, dates and periods are written for people: in API descriptions, documents
 * (PDF, CSV, email) and, mirrored rule for rule, on the billing page. Amounts are exact micros in
 * and exact text out: nothing here rounds, so a document can never disagree with the ledger.
 */
import { MICROS_PER_UNIT, type Unit } from '../kernel/money.js';

/** Fewest decimals shown for every unit; more appear only when the amount has them (up to 6). */
const MIN_DECIMALS = 2;

/**
 * "1,490.00", "57.50", "0.00028", "-9.90": thousands separated by commas, at least 2 decimals,
 * more only when the amount carries them (micros: at most 6). USD amounts are whole cents, so
 * they always show exactly 2.
 */
export function formatMoney(micros: bigint, _unit?: Unit): string {
  const sign = micros < 0n ? '-' : '';
  const abs = micros < 0n ? -micros : micros;
  const whole = (abs / MICROS_PER_UNIT).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  let fraction = (abs % MICROS_PER_UNIT).toString().padStart(6, '0');
  while (fraction.length > MIN_DECIMALS && fraction.endsWith('0')) fraction = fraction.slice(0, -1);
  return `${sign}${whole}.${fraction}`;
}

const UNIT_WORDS: Record<Unit, string> = { USD: 'USD', CREDIT: 'credits', TOKEN: 'tokens' };

/** "$1,490.00", "-$9.90", "57.50 credits", "25.00 tokens": an amount with its unit. */
export function formatMoneyWithUnit(micros: bigint, unit: Unit): string {
  if (unit === 'USD') {
    const text = formatMoney(micros < 0n ? -micros : micros, unit);
    return `${micros < 0n ? '-' : ''}$${text}`;
  }
  return `${formatMoney(micros, unit)} ${UNIT_WORDS[unit]}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number) => n.toString().padStart(2, '0');

/** "05 Jan 2027": documents state dates in UTC, the engine's time zone, not the reader's. */
export function formatDate(date: Date): string {
  return `${pad2(date.getUTCDate())} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** "05 Jan 2027, 09:30 UTC". */
export function formatDateTime(date: Date): string {
  return `${formatDate(date)}, ${pad2(date.getUTCHours())}:${pad2(date.getUTCMinutes())} UTC`;
}

/** "15 Apr – 30 Apr 2027", or "15 Dec 2026 – 15 Jan 2027" across a year's end. */
export function formatDateRange(start: Date, end: Date): string {
  const sameYear = start.getUTCFullYear() === end.getUTCFullYear();
  const from = sameYear ? formatDate(start).slice(0, -5) : formatDate(start);
  return `${from} \u2013 ${formatDate(end)}`;
}

const DAY_MS = 86_400_000;

/** Whole days in [start, end), to the nearest day (a period a few seconds short is still its days). */
export function daysBetween(start: Date, end: Date): number {
  return Math.round((end.getTime() - start.getTime()) / DAY_MS);
}

/**
 * A pro-rata part of a period, in days and dates: "15 Apr – 30 Apr 2027: 15 of 30 days". The
 * quote and the invoice line both call this with the same instants, so their text is identical.
 */
export function formatProRata(part: { start: Date; end: Date }, period: { start: Date; end: Date }): string {
  return `${formatDateRange(part.start, part.end)}: ${daysBetween(part.start, part.end)} of ${daysBetween(period.start, period.end)} days`;
}

/** "2.5 h", "36 h", "1 h 30 min" for durations given in seconds (usage lines). */
export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  const parts = [
    hours > 0 ? `${hours} h` : '',
    minutes > 0 ? `${minutes} min` : '',
    rest > 0 ? `${rest} s` : '',
  ];
  return parts.filter(Boolean).join(' ');
}
