/**
 * The page's one number and date format (the same rules as the invoices): USD with 2 decimals and
 * thousands separators ("$1,490.00"); CREDIT and TOKEN with 2 decimals unless the amount has more,
 * up to 6 ("79.240882 credits", "−8.40 credits"); whole counts grouped ("20,000"); dates as
 * "05 Jan 2027" and times as "05 Jan 2027, 14:03 UTC", in UTC like the invoices. Amounts stay exact
 * decimal strings (bigint micros underneath, never a float); dates go through Intl.
 */
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
