/** The Credits usage card's chart data from the billing overview, without React. */
import type { Overview } from '../shared/api-types';
import { fromMicros, toMicros } from '../shared/decimal';
import { formatDate } from '../shared/format';

/** Chart geometry only: a display number from an exact string (the figures shown are the strings). */
const plot = (amount: string) => Number(fromMicros(toMicros(amount), 2));

/** The used / not used share of everything topped up (nothing negative when more was used). */
export function usageShare(o: Pick<Overview, 'used' | 'toppedUp'>) {
  const usedMicros = toMicros(o.used);
  const totalMicros = toMicros(o.toppedUp);
  const rest = totalMicros > usedMicros ? fromMicros(totalMicros - usedMicros) : '0';
  return [
    { name: 'Used', value: plot(o.used) },
    { name: 'Not used', value: plot(rest) },
  ];
}

/** One bar per day; ticks in the page's date format without the year ("02 Mar"), like every other date. */
export const dailyUsage = (o: Pick<Overview, 'days'>) =>
  o.days.map((d) => ({ day: formatDate(d.day).slice(0, 6), used: plot(d.used) }));
