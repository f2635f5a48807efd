/** The export card's date range: checked in the page before anything is asked of the server. */
import { ApiError } from './api';

export type RangeErrors = { from?: string; to?: string };

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** The server's limit (kernel/date-range-rules): a range covers at most 5 years. */
const MAX_YEARS = 5;

const parseDay = (text: string): number | null => {
  const m = DAY.exec(text);
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(t).toISOString().slice(0, 10) === text ? t : null;
};

/** What is wrong with the range, in sentences next to the field that causes it (the server checks it too). */
export function checkRange(from: string, to: string): RangeErrors {
  const start = parseDay(from);
  if (start === null) return { from: 'Enter the first day of the export, e.g. 2027-01-01.' };
  const last = parseDay(to);
  if (last === null) return { to: 'Enter the last day of the export, e.g. 2027-01-31.' };
  if (last < start) return { to: 'The last day is before the first day. Choose a later last day.' };
  const limit = new Date(start);
  limit.setUTCMonth(limit.getUTCMonth() + MAX_YEARS * 12);
  if (last + 86_400_000 > limit.getTime())
    return { to: `An export covers at most ${MAX_YEARS} years. Choose an earlier last day.` };
  return {};
}

export const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** The first day of `today`'s UTC month: where the card's range starts. */
export const firstOfMonth = (today: Date) =>
  isoDay(new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1)));

/** A server refusal of one of the two days (400 with `field`), as the sentence shown beside it. */
export function serverFieldError(error: unknown): RangeErrors {
  if (!(error instanceof ApiError) || error.status !== 400) return {};
  if (error.field === 'from') return { from: 'The server did not accept this first day. Check the date.' };
  if (error.field === 'to') return { to: 'The server did not accept this range. Check the last day.' };
  return {};
}
