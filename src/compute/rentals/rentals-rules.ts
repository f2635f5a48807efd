import { addUtcMonths } from '../../kernel/dates.js';

/**
 * GPU renting, without I/O: period lengths, what a period costs, the hourly storage fee of a stopped
 * instance and the refund of an early stop. All money is exact bigint micros.
 *
 * - A period is `count` hours, days, weeks or calendar months, in UTC. A month is a CALENDAR month
 *   (choice): Jan 15 10:00 → Feb 15 10:00; a day that does not exist in the target month is clamped
 *   to its last day (Jan 31 → Feb 28, or Feb 29 in a leap year). Every period is a whole number of
 *   hours because UTC has no DST.
 * - Period cost = hours × (compute rate + disk GB × storage rate), charged up front.
 * - Stopped: storage is charged per whole stopped hour, in arrears, at disk GB × storage rate.
 * - Early stop: the unused WHOLE hours of compute are refunded; the hour in progress is not. Storage
 *   is never refunded: the disk keeps existing, so the prepaid storage covers it to the period end.
 */

export const HOUR_MS = 3_600_000;

/** The seeds' storage rate: 0.00028 CREDIT per GB per hour. */
export const DEFAULT_STORAGE_MICROS_PER_GB_HOUR = 280n;

export const PERIOD_UNITS = ['hour', 'day', 'week', 'month'] as const;
export type PeriodUnit = (typeof PERIOD_UNITS)[number];

export interface RentalPeriod {
  unit: PeriodUnit;
  count: number;
}

export interface RentalRates {
  computeMicrosPerHour: bigint;
  storageMicrosPerGbHour: bigint;
}

/** When a period that starts at `start` ends. */
export function periodEnd(start: Date, period: RentalPeriod): Date {
  switch (period.unit) {
    case 'hour':
      return new Date(start.getTime() + period.count * HOUR_MS);
    case 'day':
      return new Date(start.getTime() + period.count * 24 * HOUR_MS);
    case 'week':
      return new Date(start.getTime() + period.count * 7 * 24 * HOUR_MS);
    case 'month':
      return addUtcMonths(start, period.count);
  }
}

/** Whole hours in [start, end): exact for every period (UTC has no DST). */
export function hoursBetween(start: Date, end: Date): bigint {
  const ms = end.getTime() - start.getTime();
  if (ms <= 0) return 0n;
  return BigInt(Math.floor(ms / HOUR_MS));
}

export function hourlyStorageFee(diskGb: number, rates: Pick<RentalRates, 'storageMicrosPerGbHour'>): bigint {
  return BigInt(diskGb) * rates.storageMicrosPerGbHour;
}

/** What one hour of a running instance costs: compute plus its disk. */
export function hourlyRunningCost(diskGb: number, rates: RentalRates): bigint {
  return rates.computeMicrosPerHour + hourlyStorageFee(diskGb, rates);
}

export interface PeriodQuote {
  start: Date;
  end: Date;
  hours: bigint;
  computeMicros: bigint;
  storageMicros: bigint;
  totalMicros: bigint;
}

/** The up-front price of a period beginning at `start`. */
export function quotePeriod(
  start: Date,
  period: RentalPeriod,
  diskGb: number,
  rates: RentalRates,
): PeriodQuote {
  const end = periodEnd(start, period);
  const hours = hoursBetween(start, end);
  const computeMicros = hours * rates.computeMicrosPerHour;
  const storageMicros = hours * hourlyStorageFee(diskGb, rates);
  return { start, end, hours, computeMicros, storageMicros, totalMicros: computeMicros + storageMicros };
}

/** The compute refund of a stop at `at` in a period ending at `end`: unused whole hours only. */
export function earlyStopRefund(at: Date, end: Date, rates: Pick<RentalRates, 'computeMicrosPerHour'>) {
  const unusedHours = hoursBetween(at, end);
  return { unusedHours, refundMicros: unusedHours * rates.computeMicrosPerHour };
}

/**
 * How many of a storage charge's instances (in the charge's order) the amount it took pays for
 * whole: the longest prefix whose fees add up to at most `paidMicros`. A storage charge takes less
 * than its fees only when the wallet ran dry (it is a balancing debit), so every instance after
 * that prefix owes a charge the balance cannot pay and is terminated.
 */
export function instancesCovered(feesMicros: readonly bigint[], paidMicros: bigint): number {
  let left = paidMicros;
  for (let i = 0; i < feesMicros.length; i++) {
    if (left < feesMicros[i]!) return i;
    left -= feesMicros[i]!;
  }
  return feesMicros.length;
}

// Entities as the stores, use cases and routes pass them around (the stores map their rows into these;
// docs/architecture.md, "Entity types").

export interface InstanceTypeRecord {
  code: string;
  version: number;
  name: string;
  computeMicrosPerHour: bigint;
  storageMicrosPerGbHour: bigint;
  /** The largest disk a rental of this type may have. */
  maxDiskGb: number;
  available: boolean;
  createdBy: string;
  createdAt: Date;
}

export type InstanceStatus = 'running' | 'stopped' | 'terminated';

export interface InstanceRecord {
  id: string;
  accountId: string;
  typeCode: string;
  typeVersion: number;
  diskGb: number;
  periodUnit: PeriodUnit;
  periodCount: number;
  computeMicrosPerHour: bigint;
  storageMicrosPerGbHour: bigint;
  status: InstanceStatus;
  autoRenew: boolean;
  fleetInstanceId: string | null;
  currentPeriodStart: Date;
  currentPeriodEnd: Date;
  storagePaidUntil: Date;
  stoppedAt: Date | null;
  terminationRequestedAt: Date | null;
  terminatedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A stopped instance as the storage sweep needs it: who pays, what an hour costs, which hour is owed. */
export interface OwedStorage {
  id: string;
  accountId: string;
  diskGb: number;
  storageMicrosPerGbHour: bigint;
  /** The owed hour starts here: `storage_paid_until`. */
  hourStart: Date;
  /** Its termination was requested (a crash interrupted it): nothing is owed, it is terminated. */
  terminating: boolean;
}

/** One ledger charge for stopped hours of an account's instances (see migration 012). */
export interface StorageChargeRecord {
  id: string;
  accountId: string;
  hourStart: Date;
  /** In id order, with their hourly fees at the same index. */
  instanceIds: string[];
  feesMicros: bigint[];
  diskGb: number;
  amountMicros: bigint;
}

export interface StorageHourClaim {
  chargeId: string;
  instanceId: string;
  hourStart: Date;
  feeMicros: bigint;
}
