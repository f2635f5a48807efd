/** The instance list's wording, without React: the hours a balance lasts and each action's sentences. */
import type { Instance } from '../shared/api-types';
import { formatMoney, fromMicros, toMicros } from '../shared/decimal';
import { formatTime } from '../shared/format';

export const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** How many whole hours `available` pays `feePerHour` for. */
export function hoursCovered(available: string, feePerHour: string): string {
  const fee = toMicros(feePerHour);
  if (fee <= 0n) return '—';
  const hours = toMicros(available) / fee;
  return hours < 0n ? '0' : hours.toString();
}

/** Until when the instance is paid, in its status's terms. */
export function paidUntil(i: Instance): string {
  if (i.status === 'running') return formatTime(i.currentPeriodEnd);
  if (i.status === 'stopped') return `storage to ${formatTime(i.storagePaidUntil)}`;
  return `terminated ${i.terminatedAt ? formatTime(i.terminatedAt) : ''}`;
}

export type Action = 'stop' | 'start' | 'auto-renew' | 'terminate';

/** Hours in a period of the instance's own unit, when it is fixed (a calendar month is not). */
function fixedHours(period: { unit: string; count: number }): number | null {
  const per: Record<string, number> = { hour: 1, day: 24, week: 168 };
  return per[period.unit] ? per[period.unit]! * period.count : null;
}

function periodCost(i: Instance): string {
  const hourly = toMicros(i.computeRatePerHour.amount) + toMicros(i.hourlyStorageFee.amount);
  const hours = fixedHours(i.period);
  const each = `${formatMoney({ amount: fromMicros(hourly, 6), unit: 'CREDIT' })} per hour`;
  return hours === null
    ? `${plural(i.period.count, i.period.unit)} at ${each}`
    : `${formatMoney({ amount: fromMicros(hourly * BigInt(hours), 6), unit: 'CREDIT' })} (${plural(i.period.count, i.period.unit)} at ${each})`;
}

export function actionText(i: Instance, action: Action) {
  const fee = formatMoney(i.hourlyStorageFee);
  switch (action) {
    case 'stop':
      return {
        title: 'Stop this instance?',
        confirm: 'Stop',
        text: `Compute stops now and the unused whole hours of this period are refunded. The ${i.diskGb} GB disk is kept and charged ${fee} per hour for storage from ${formatTime(i.currentPeriodEnd)}, until you start or terminate it.`,
      };
    case 'start':
      return {
        title: 'Start this instance?',
        confirm: 'Pay and start',
        text: `A new period is charged now from your Credit Balance: ${periodCost(i)}.`,
      };
    case 'auto-renew':
      return i.autoRenew
        ? {
            title: 'Turn auto-renew off?',
            confirm: 'Turn off',
            text: `At ${formatTime(i.currentPeriodEnd)} the instance stops instead of renewing; its ${i.diskGb} GB disk is then charged ${fee} per hour for storage.`,
          }
        : {
            title: 'Turn auto-renew on?',
            confirm: 'Turn on',
            text: `At ${formatTime(i.currentPeriodEnd)} the next period is charged if the balance covers it: ${periodCost(i)}.`,
          };
    case 'terminate':
      return {
        title: 'Terminate this instance?',
        confirm: `Destroy ${i.diskGb} GB of data`,
        text: `${i.instanceType} and its ${i.diskGb} GB disk are destroyed for good: all data on it is permanently lost.${i.status === 'running' ? ' The unused whole hours of this period are refunded.' : ' Storage is no longer charged.'}`,
      };
  }
}
