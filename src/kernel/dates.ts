// Calendar arithmetic in UTC, shared by both product lines' billing periods.

/** Adds calendar months in UTC, clamping to the last day of the target month. */
export function addUtcMonths(from: Date, months: number): Date {
  const y = from.getUTCFullYear();
  const m = from.getUTCMonth() + months;
  const targetYear = y + Math.floor(m / 12);
  const targetMonth = ((m % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  return new Date(
    Date.UTC(
      targetYear,
      targetMonth,
      Math.min(from.getUTCDate(), lastDay),
      from.getUTCHours(),
      from.getUTCMinutes(),
      from.getUTCSeconds(),
      from.getUTCMilliseconds(),
    ),
  );
}

const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const THREE_DIGITS = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

/**
 * `at.toISOString()`, the same characters, about four times faster: V8's own takes ~0.7 µs, and a
 * 50-row history page formats 50 of them per request (issue 20, P6). Years outside 1000–9999
 * (written with a sign and six digits) and invalid dates (RangeError) are left to the builtin.
 */
export function isoUtc(at: Date): string {
  const year = at.getUTCFullYear();
  if (!(year >= 1000 && year <= 9999)) return at.toISOString();
  return (
    `${year}-${TWO_DIGITS[at.getUTCMonth() + 1]}-${TWO_DIGITS[at.getUTCDate()]}` +
    `T${TWO_DIGITS[at.getUTCHours()]}:${TWO_DIGITS[at.getUTCMinutes()]}:${TWO_DIGITS[at.getUTCSeconds()]}` +
    `.${THREE_DIGITS[at.getUTCMilliseconds()]}Z`
  );
}
