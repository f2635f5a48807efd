import { formatAmount } from '../domain/money.js';
import {
  HOUR_MS,
  crossesTerminationWarning,
  hourlyStorageFee,
  storageHourCharge,
} from '../domain/rentals.js';
import { findBalances } from '../store/account-store.js';
import type { DueWork } from '../store/due-work-store.js';
import type { LedgerOutcome } from '../store/ledger-store.js';
import {
  type InstanceRecord,
  advanceStoragePaid,
  advanceStoragePaidMany,
  creditAvailableOf,
  findInstance,
  insertInstanceEvents,
  listStorageOwed,
  nextStorageOwedAt,
} from '../store/rental-store.js';
import type { ServiceContext } from './context.js';
import {
  notify,
  postRentalTransaction,
  recordEvent,
  rentalScope,
  scheduleStorageHour,
  scheduleStorageSweep,
  terminateInstance,
  transactionOfOutcome,
} from './rental-billing.js';

/**
 * One instance's storage hour starting at `period` (ISO), read fresh from the store. A stopped
 * instance owes disk GB × storage rate for each stopped hour, charged when the hour is over.
 * The ledger key is `rental:<instance>` / `storage:<hour start>`: two schedulers, or a retry, charge
 * an hour once.
 *
 * When the balance cannot pay the hour, what is left is taken (the wallet ends at exactly 0, never
 * below) and the instance is TERMINATED through the fleet: a charge it owes could not be paid
 * because the balance is at zero. When the balance falls below 24 hours of fees,
 * `instance.termination_imminent` is published (once per crossing).
 */
async function chargeStorageHour(ctx: ServiceContext, instanceId: string, period: string): Promise<void> {
  const instance = await findInstance(ctx.db, instanceId);
  if (!instance || instance.status !== 'stopped') return;
  if (instance.terminationRequestedAt) {
    await terminateInstance(ctx, instance, 'balance_exhausted'); // finish a termination a crash interrupted
    return;
  }
  const hourStart = new Date(period);
  if (instance.storagePaidUntil.getTime() !== hourStart.getTime()) return; // paid, or restarted
  const hourEnd = new Date(hourStart.getTime() + HOUR_MS);
  const fee = hourlyStorageFee(instance.diskGb, instance);

  for (let attempt = 0; attempt < 3; attempt++) {
    const credit = (await findBalances(ctx.db, instance.accountId, ctx.clock.now())).find(
      (b) => b.unit === 'CREDIT',
    );
    const available = credit ? credit.balanceMicros - credit.heldMicros : 0n;
    const decision = storageHourCharge(fee, available);
    let partial = false;
    if (decision.chargeMicros > 0n) {
      const outcome = await postRentalTransaction(ctx, storageCharge(instance, hourStart, decision));
      if (outcome.status === 'rejected' && outcome.error.code === 'insufficient_funds') continue; // moved meanwhile
      const txn = transactionOfOutcome(outcome);
      if (!txn) throw new Error(`storage charge of ${instance.id} failed: ${outcome.status}`);
      partial = txn.metadata.partial === 'true';
      if (!partial) {
        const paid = await advanceStoragePaid(ctx.db, instance.id, hourStart, hourEnd, ctx.clock.now());
        if (!paid) return;
        await scheduleStorageHour(ctx, hourEnd);
        await recordEvent(ctx, paid, 'storage_charged', txn.id, { amount: formatAmount(fee, 'CREDIT') });
        if (outcome.status === 'applied' && crossesTerminationWarning(available - fee, fee)) {
          await notify(ctx, paid, 'instance.termination_imminent', {
            balance: formatAmount(available - fee, 'CREDIT'),
            hourlyStorageFee: formatAmount(fee, 'CREDIT'),
          });
        }
        return;
      }
    }
    if (!decision.terminate && !partial) return;
    await terminateInstance(ctx, instance, 'balance_exhausted');
    return;
  }
  throw new Error(`storage charge of ${instance.id} kept racing with other wallet activity`);
}

/** The ledger request of one storage hour (the same for the sweep and the single-instance path). */
function storageCharge(
  instance: InstanceRecord,
  hourStart: Date,
  decision: { chargeMicros: bigint; terminate: boolean },
) {
  const hourEnd = new Date(hourStart.getTime() + HOUR_MS);
  return {
    accountId: instance.accountId,
    kind: 'charge' as const,
    amountMicros: decision.chargeMicros,
    description: decision.terminate
      ? `Storage charge: ${instance.diskGb} GB, last balance before termination`
      : `Storage charge: ${instance.diskGb} GB, 1 hour`,
    metadata: {
      instanceId: instance.id,
      hourStart: hourStart.toISOString(),
      hourEnd: hourEnd.toISOString(),
      diskGb: String(instance.diskGb),
      ...(decision.terminate ? { partial: 'true' } : {}),
    },
    idempotency: {
      scope: rentalScope(instance.id),
      key: `storage:${hourStart.toISOString()}`,
      fingerprint: { instanceId: instance.id, hourStart: hourStart.toISOString() },
    },
  };
}

/** Instances read per page of the sweep (one query each, then set-based bookkeeping). */
const SWEEP_PAGE = 4096;
/** Hours one sweep catches up at most (the next sweep goes on). */
const MAX_PASSES = 24 * 62;
/** Storage charges in flight at once: two writer batches' worth, so API charges queue behind little. */
const SWEEP_IN_FLIGHT = 1024;

/**
 * Scheduler handler for `rental.storage_accrue` (subject `all`, period: its due time): charges every
 * stopped instance whose hour starting at `storage_paid_until` is over by now, with the same ledger
 * request, key (`rental:<instance>` / `storage:<hour start>`) and rules as `chargeStorageHour`.
 *
 * It reads the owed instances in pages (keyset by id, one query), decides each charge from one read
 * of the page's balances (in id order, an account's instances share a running balance), submits the
 * whole charges to the ledger writer concurrently (it batches them), then advances the paid hours and
 * records the events with one statement each. An instance whose charge is not a whole hour (the
 * balance cannot pay it: partial charge and termination), or whose charge was refused because money
 * moved meanwhile, or whose termination a crash interrupted, goes through `chargeStorageHour`'s
 * path, one at a time after the page, so it reads its balance fresh. Hours owed for longer (the
 * scheduler was down) are caught up pass by pass. Re-running a sweep changes nothing: the keys replay
 * and the compare-and-set on `storage_paid_until` lets one caller record each hour.
 *
 * Last, the next sweep is scheduled at the earliest end of an unpaid hour.
 */
export async function accrueStorage(ctx: ServiceContext, _work: DueWork): Promise<void> {
  const now = ctx.clock.now();
  const cutoff = new Date(now.getTime() - HOUR_MS);
  const failed = new Set<string>();
  const errors: string[] = [];
  try {
    for (let progressed = true, pass = 0; progressed && pass < MAX_PASSES; pass++) {
      progressed = false;
      for (let after = ''; ;) {
        const page = (await listStorageOwed(ctx.db, cutoff, after, SWEEP_PAGE)).filter(
          (i) => !failed.has(i.id),
        );
        if (page.length === 0) break;
        after = page[page.length - 1]!.id;
        const moved = await accruePage(ctx, page, failed, errors);
        if (moved > 0) progressed = true;
        if (page.length < SWEEP_PAGE) break;
      }
    }
  } finally {
    const next = await nextStorageOwedAt(ctx.db, now);
    if (next) await scheduleStorageSweep(ctx, next > now ? next : new Date(now.getTime() + 60_000));
  }
  if (errors.length > 0)
    throw new Error(`storage sweep: ${errors.length} instance(s) failed; first: ${errors[0]}`);
}

/** One page of the sweep; returns how many instances it moved on (paid an hour or terminated). */
async function accruePage(
  ctx: ServiceContext,
  page: InstanceRecord[],
  failed: Set<string>,
  errors: string[],
): Promise<number> {
  const now = ctx.clock.now();
  const available = await creditAvailableOf(ctx.db, [...new Set(page.map((i) => i.accountId))], now);
  const whole: { instance: InstanceRecord; fee: bigint; before: bigint }[] = [];
  const oneByOne: InstanceRecord[] = [];
  for (const instance of page) {
    const fee = hourlyStorageFee(instance.diskGb, instance);
    const before = available.get(instance.accountId) ?? 0n;
    if (instance.terminationRequestedAt || storageHourCharge(fee, before).terminate) {
      oneByOne.push(instance);
      available.set(instance.accountId, 0n); // later instances of the account read it fresh too
    } else {
      whole.push({ instance, fee, before });
      available.set(instance.accountId, before - fee);
    }
  }

  const outcomes = new Array<LedgerOutcome | undefined>(whole.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(SWEEP_IN_FLIGHT, whole.length) }, async () => {
      while (next < whole.length) {
        const i = next++;
        const { instance, fee } = whole[i]!;
        const request = storageCharge(instance, instance.storagePaidUntil, {
          chargeMicros: fee,
          terminate: false,
        });
        outcomes[i] = await postRentalTransaction(ctx, { ...request, background: true });
      }
    }),
  );

  const paid: { id: string; from: Date }[] = [];
  const txns = new Map<string, { txnId: string; applied: boolean; fee: bigint; before: bigint }>();
  whole.forEach(({ instance, fee, before }, i) => {
    const outcome = outcomes[i]!;
    const txn = transactionOfOutcome(outcome);
    if (txn && txn.metadata.partial !== 'true') {
      paid.push({ id: instance.id, from: instance.storagePaidUntil });
      txns.set(instance.id, { txnId: txn.id, applied: outcome.status === 'applied', fee, before });
    } else {
      // Refused (money moved meanwhile) or an earlier partial charge replayed: decide afresh.
      oneByOne.push(instance);
    }
  });

  const advanced = await advanceStoragePaidMany(ctx.db, paid, ctx.clock.now());
  await insertInstanceEvents(
    ctx.db,
    advanced.map((a) => ({
      instanceId: a.id,
      type: 'storage_charged',
      transactionId: txns.get(a.id)!.txnId,
      details: { amount: formatAmount(txns.get(a.id)!.fee, 'CREDIT') },
    })),
    ctx.clock.now(),
  );
  for (const a of advanced) {
    const { applied, fee, before } = txns.get(a.id)!;
    if (applied && crossesTerminationWarning(before - fee, fee)) {
      await notify(ctx, a, 'instance.termination_imminent', {
        balance: formatAmount(before - fee, 'CREDIT'),
        hourlyStorageFee: formatAmount(fee, 'CREDIT'),
      });
    }
  }

  let moved = advanced.length;
  oneByOne.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const instance of oneByOne) {
    try {
      await chargeStorageHour(ctx, instance.id, instance.storagePaidUntil.toISOString());
      moved++;
    } catch (error) {
      failed.add(instance.id);
      errors.push(`${instance.id}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return moved;
}
