/**
 * When would each of an account's instances be terminated if nothing changed (no top-up, no other
 * spending), without I/O. It replays the billing rules forward from the settled Credit Balance:
 *
 * - a stopped instance owes disk GB × storage rate at the end of every stopped hour;
 * - a running instance is prepaid to its period end; there it renews (auto-renew and the balance
 *   covers the period) or stops and owes storage from then on;
 * - an owed storage hour the balance cannot pay whole takes what is left and terminates the
 *   instance at that moment (the storage sweep's rule: instances sharing an hour are paid in id
 *   order). Holds are ignored: storage is paid before holds (docs/termination.md).
 *
 * Only instances that would be terminated within the horizon are returned, earliest first.
 */
import { HOUR_MS, type RentalPeriod, hourlyStorageFee, quotePeriod } from './rentals-rules.js';

export interface PreviewInstance {
  id: string;
  status: 'running' | 'stopped';
  diskGb: number;
  autoRenew: boolean;
  period: RentalPeriod;
  computeMicrosPerHour: bigint;
  storageMicrosPerGbHour: bigint;
  currentPeriodEnd: Date;
  storagePaidUntil: Date;
  /** Already being terminated (a charge it owed went unpaid): it goes now. */
  terminationRequested: boolean;
}

export interface DoomedInstance {
  instanceId: string;
  terminatesAt: Date;
}

/** The default look-ahead of a preview: 31 days. */
export const PREVIEW_HORIZON_MS = 31 * 24 * HOUR_MS;

interface Event {
  at: number;
  id: string;
  kind: 'storage' | 'period_end';
}

export function previewTerminations(
  balanceMicros: bigint,
  instances: readonly PreviewInstance[],
  now: Date,
  horizonMs = PREVIEW_HORIZON_MS,
): DoomedInstance[] {
  const byId = new Map(instances.map((i) => [i.id, i]));
  const doomed: DoomedInstance[] = [];
  const events = new MinHeap();
  for (const i of instances) {
    if (i.terminationRequested) doomed.push({ instanceId: i.id, terminatesAt: now });
    else if (i.status === 'stopped')
      events.push({ at: i.storagePaidUntil.getTime() + HOUR_MS, id: i.id, kind: 'storage' });
    else events.push({ at: i.currentPeriodEnd.getTime(), id: i.id, kind: 'period_end' });
  }
  const end = now.getTime() + horizonMs;
  let balance = balanceMicros;
  let running = instances.filter((i) => i.status === 'running' && !i.terminationRequested).length;
  for (let e = events.pop(); e && e.at <= end; e = events.pop()) {
    const i = byId.get(e.id)!;
    if (e.kind === 'period_end') {
      const quote = quotePeriod(new Date(e.at), i.period, i.diskGb, {
        computeMicrosPerHour: i.computeMicrosPerHour,
        storageMicrosPerGbHour: i.storageMicrosPerGbHour,
      });
      if (i.autoRenew && balance >= quote.totalMicros) {
        balance -= quote.totalMicros;
        events.push({ at: quote.end.getTime(), id: i.id, kind: 'period_end' });
      } else {
        running--;
        events.push({ at: e.at + HOUR_MS, id: i.id, kind: 'storage' });
      }
      continue;
    }
    const fee = hourlyStorageFee(i.diskGb, i);
    if (balance >= fee) {
      balance -= fee;
      events.push({ at: e.at + HOUR_MS, id: i.id, kind: 'storage' });
      if (running === 0)
        balance = events.skipWholeHours(balance, (id) =>
          hourlyStorageFee(byId.get(id)!.diskGb, byId.get(id)!),
        );
      continue;
    }
    balance = 0n;
    doomed.push({ instanceId: i.id, terminatesAt: new Date(Math.max(e.at, now.getTime())) });
  }
  return doomed;
}

/** A binary min-heap of events by (time, instance id): the sweep's order within an hour. */
class MinHeap {
  private items: Event[] = [];

  push(e: Event): void {
    const a = this.items;
    a.push(e);
    for (let i = a.length - 1; i > 0;) {
      const p = (i - 1) >> 1;
      if (!less(a[i]!, a[p]!)) break;
      [a[i], a[p]] = [a[p]!, a[i]!];
      i = p;
    }
  }

  pop(): Event | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last) {
      a[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && less(a[l]!, a[m]!)) m = l;
        if (r < a.length && less(a[r]!, a[m]!)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }

  /**
   * With only stopped instances left, every one owes the same fees each hour: skip the whole hours
   * the balance surely pays (all but the last one or two), moving every event on by as many hours.
   * Returns the balance after them. Shifting every event equally keeps the heap ordered.
   */
  skipWholeHours(balance: bigint, feeOf: (id: string) => bigint): bigint {
    const perHour = this.items.reduce((sum, e) => sum + feeOf(e.id), 0n);
    if (perHour <= 0n) return balance;
    const hours = balance / perHour - 1n;
    if (hours <= 0n) return balance;
    for (const e of this.items) e.at += Number(hours) * HOUR_MS;
    return balance - hours * perHour;
  }
}

const less = (a: Event, b: Event) => a.at < b.at || (a.at === b.at && a.id < b.id);

// Entities as the stores, use cases and routes pass them around (the stores map their rows into these;
// docs/architecture.md, "Entity types").

export interface AccountBurn {
  accountId: string;
  balanceMicros: bigint;
  /** Storage fees of the stopped instances, per hour. */
  stoppedBurnMicros: bigint;
  running: number;
}

export interface TerminationWarningRecord {
  accountId: string;
  terminatesAt: Date;
  warnedLeadAt: Date | null;
  warnedFinalAt: Date | null;
}
