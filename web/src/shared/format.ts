/**
 * The page's one number and date format (the same rules as the invoices): USD with 2 decimals and
 * thousands separators ("$1,490.00"); CREDIT and TOKEN with 2 decimals unless the amount has more,
 * up to 6 ("79.240882 credits", "−8.40 credits"); whole counts grouped ("20,000"); dates as
 * "05 Jan 2027" and times as "05 Jan 2027, 14:03 UTC", in UTC like the invoices. Amounts stay exact
 * decimal strings (bigint micros underneath, never a float); dates go through Intl.
 */
import { formatMoney } from './decimal';

export { formatDecimal, formatMoney } from './decimal';

/** A whole count, grouped: 20000 → "20,000". */
export function formatCount(n: number | string): string {
  return new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 }).format(Number(n));
}

export function formatTime(iso: string): string {
  return new Date(iso).toLocaleString('en-GB', {
    year: 'numeric',
    month: 'short',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'UTC',
    timeZoneName: 'short',
  });
}

export function formatDate(iso: string): string {
  return new Date(iso).toLocaleDateString('en-GB', {
    year: 'numeric',
    month: 'short',
    day: '2-digit',
    timeZone: 'UTC',
  });
}

const ISO_TIME = String.raw`\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})`;
const ISO_DATE = String.raw`\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])`;
const PLAIN = String.raw`\d+(?:\.\d{1,6})?`;
/** What the server may write inside a description, longest first (a time before its own date). */
const IN_TEXT = new RegExp(
  [
    String.raw`(?<![\w-])(?<time>${ISO_TIME})(?![\w-])`,
    String.raw`(?<![\w-])(?<date>${ISO_DATE})(?![\w-])`,
    String.raw`(?<![\w.,])\$(?<usd>${PLAIN})(?![\d.,]*\d)`,
    String.raw`(?<![\w.,$])(?<amount>-?${PLAIN}) (?<unit>CREDIT|TOKEN|USDT|USD)\b`,
  ].join('|'),
  'g',
);

/**
 * A description the server wrote, in the page's format: ISO times and dates become "02 Mar 2026,
 * 10:00 UTC" and "02 Mar 2026"; "$1490.00" becomes "$1,490.00" and "12.500000 CREDIT" "12.50
 * credits". Older records keep whatever text they were written with, so the page rewrites it when
 * it shows it; anything else in the text is left as it is.
 */
export function formatServerText(text: string): string {
  return keepDatesWhole(
    text.replace(IN_TEXT, (whole, ...args) => {
      const g = args.at(-1) as Record<string, string | undefined>;
      if (g.time) return Number.isNaN(Date.parse(g.time)) ? whole : formatTime(g.time);
      if (g.date) return Number.isNaN(Date.parse(g.date)) ? whole : formatDate(g.date);
      if (g.usd) return formatMoney({ amount: g.usd, unit: 'USD' });
      if (g.amount && g.unit) return formatMoney({ amount: g.amount, unit: g.unit });
      return whole;
    }),
  );
}

const DAY_MONTH = /\b(\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b( \d{4}\b)?/g;

/** "02 Mar 2026" never splits across two lines (non-breaking spaces inside each date). */
function keepDatesWhole(text: string): string {
  return text.replace(DAY_MONTH, (date) => date.replace(/ /g, '\u00a0'));
}
