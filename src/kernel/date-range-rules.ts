import { addUtcMonths } from '../kernel/dates.js';

/** An export's period: whole UTC days, `to` inclusive, so [start, end) in instants. */
export interface DateRange {
  start: Date;
  end: Date;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** The longest range an export covers: five years. */
export const MAX_RANGE_MONTHS = 60;

function parseDay(text: string): Date | undefined {
  const match = DAY.exec(text);
  if (!match) return undefined;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  // Refuses 2027-02-30 and the like: the date must read back as written.
  return date.toISOString().slice(0, 10) === text ? date : undefined;
}

/**
 * `from` and `to` as YYYY-MM-DD (UTC days, both included). Refused: a malformed or impossible
 * date, an end before the start, a range over five years.
 */
export function parseDateRange(
  from: string,
  to: string,
): { ok: true; range: DateRange } | { ok: false; field: 'from' | 'to'; message: string } {
  const start = parseDay(from);
  if (!start) return { ok: false, field: 'from', message: 'must be a date as YYYY-MM-DD' };
  const last = parseDay(to);
  if (!last) return { ok: false, field: 'to', message: 'must be a date as YYYY-MM-DD' };
  if (last < start) return { ok: false, field: 'to', message: 'must not be before from' };
  const end = new Date(last.getTime() + 86_400_000);
  if (end > addUtcMonths(start, MAX_RANGE_MONTHS)) {
    return { ok: false, field: 'to', message: 'a range covers at most 5 years' };
  }
  return { ok: true, range: { start, end } };
}

/** One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export const csvLine = (fields: readonly string[]) => `${fields.map(csvField).join(',')}\r\n`;
