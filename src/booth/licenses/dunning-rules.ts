/**
 * Dunning of a failed renewal (pure): the retry schedule, in whole days after the billing date.
 * The default is days 1, 3 and 5 (DESIGN §5); an operator may configure another schedule
 * (PICTOR_DUNNING_RETRY_DAYS), and a dunning keeps the schedule it was started with.
 */
export const DEFAULT_DUNNING_RETRY_DAYS: readonly number[] = [1, 3, 5];

const DAY_MS = 86_400_000;

/** A schedule is 1 to 10 strictly increasing whole days between 1 and 60. */
export function validRetryDays(days: readonly number[]): boolean {
  if (days.length === 0 || days.length > 10) return false;
  return days.every((d, i) => Number.isInteger(d) && d >= 1 && d <= 60 && (i === 0 || d > days[i - 1]!));
}

/** "1,3,5" → [1, 3, 5]; undefined when it is not a valid schedule. */
export function parseRetryDays(text: string): number[] | undefined {
  const days = text.split(',').map((part) => (/^\s*\d{1,2}\s*$/.test(part) ? Number(part) : NaN));
  return validRetryDays(days) ? days : undefined;
}

/** When retry `attempt` (1-based) is due: that many days after the billing date, same time of day. */
export function retryDueAt(billingDate: Date, days: readonly number[], attempt: number): Date {
  const day = days[attempt - 1];
  if (day === undefined) throw new Error(`no retry ${attempt} in a schedule of ${days.length}`);
  return new Date(billingDate.getTime() + day * DAY_MS);
}

/** Every retry of a schedule, in order. */
export function retrySchedule(billingDate: Date, days: readonly number[]): Date[] {
  return days.map((_, i) => retryDueAt(billingDate, days, i + 1));
}

/** The retry after `attempt`, or null when `attempt` was the last. */
export function nextRetryAt(billingDate: Date, days: readonly number[], attempt: number): Date | null {
  return attempt < days.length ? retryDueAt(billingDate, days, attempt + 1) : null;
}

// Entities as the stores, use cases and routes pass them around (the stores map their rows into these;
// docs/architecture.md, "Entity types").

/** One retry of a dunning: when it ran and how it ended. */
export interface DunningAttempt {
  attempt: number;
  at: string;
  outcome: 'paid' | 'declined';
  declineCode: string | null;
}

/** `voided`: the invoice was voided (retries stop, nothing is charged). */
export type DunningStatus = 'retrying' | 'paid' | 'uncollectible' | 'voided';

/** The dunning of one failed renewal invoice (migration 018, table booth_dunning). */
export interface DunningRecord {
  invoiceId: string;
  accountId: string;
  billingDate: Date;
  retryDays: number[];
  attempts: DunningAttempt[];
  status: DunningStatus;
  createdAt: Date;
  updatedAt: Date;
}
