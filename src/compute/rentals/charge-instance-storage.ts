import { formatAmount } from '../../kernel/money.js';
import {
  HOUR_MS,
  hourlyStorageFee,
  instancesCovered,
  type OwedStorage,
  type StorageChargeRecord,
  type StorageHourClaim,
} from './rentals-rules.js';
import { checkChargedAccounts } from './check-termination-warning.js';
import { newId } from '../../kernel/ids.js';
import { withRest } from '../../kernel/pacing.js';
import { findInstances, listStorageOwed, nextStorageOwedAt } from './rental-store.js';
import {
  claimStorageHours,
  listUnsettledStorageCharges,
  settleStorageCharges,
} from './storage-charge-store.js';
import type { ComputeContext } from '../context.js';
import {
  postRentalTransaction,
  scheduleStorageSweep,
  terminateInstance,
  transactionOfOutcome,
} from './rental-billing.js';
import type { DueWork } from '../../kernel/jobs/due-work-rules.js';

/**
 * Instances read per page of the sweep; a page ends on a whole account unless one account fills it.
 * Pages of 512 (about 50 charges) keep each step short, so customers' requests interleave.
 */
const SWEEP_PAGE = 512;
/**
 * After each page the sweep rests 5% of the time the page took, so that customers' charges get
 * the CPU for part of every step. On the 2-vCPU bench (docs/performance.md, session 10), with the
 * sweep's work grown by numbering each charge's document: no rest 9.25 s at p99 2.03× idle, 5%
 * 9.59–11.16 s at 1.69–1.76×, 10% 10.12 s at 1.63×, 40% (session 4's choice) 12.7–14.9 s at
 * 1.50–1.73× (targets: 10 s, 2×).
 */
const SWEEP_REST_RATIO = 0.05;
/** Instances one storage charge pays for at most (its metadata lists them). */
const MAX_INSTANCES_PER_CHARGE = 500;
/** Hours one sweep catches up at most (the next sweep goes on). */
const MAX_PASSES = 24 * 62;
/** Ledger charges in flight at once: two background batches' worth, so API charges queue behind little. */
const CHARGES_IN_FLIGHT = 256;

/**
 * Scheduler handler for `rental.storage_accrue` (subject `all`, period: its due time). A stopped
 * instance owes disk GB × storage rate for every stopped hour, charged once the hour is over. Each
 * account pays the hours its instances owe from the same hour start with ONE ledger charge (up to
 * 500 instances), so 100,000 stopped instances over 10,000 accounts are 10,000 transactions:
 *
 * 1. Claim (one statement per page): each owed instance-hour moves `storage_paid_until` on and joins
 *    a `storage_charges` row of its account and hour start (compare-and-set: claimed once).
 * 2. Charge: each claim becomes a Charge keyed `storage-charge` / its id, a balancing debit paid
 *    before holds: it takes the fees from the settled Credit Balance (a render task's hold shrinks
 *    to make room), or what is left when the balance cannot pay them all (the wallet ends at 0).
 * 3. Settle (one statement): the claims record what they took, and every instance whose fee that
 *    did not cover (the balance was at zero) is marked for termination, then terminated through
 *    the fleet. Accounts near a termination are checked for `instance.termination_imminent`
 *    (check-termination-warning.ts).
 *
 * A crash after step 1 leaves unsettled claims: the next sweep starts by charging them with the
 * same keys, so nothing is charged twice or lost. Hours owed for longer (the scheduler was down)
 * are caught up pass by pass. Last, the next sweep is scheduled at the earliest end of an unpaid hour.
 */
export async function accrueStorage(ctx: ComputeContext, _work: DueWork): Promise<void> {
  const now = ctx.clock.now();
  const cutoff = new Date(now.getTime() - HOUR_MS);
  const errors: string[] = [];
  try {
    // Claims a crash (or a failed charge) left unsettled are charged first, with their own keys.
    for (let after = ''; ;) {
      const left = await listUnsettledStorageCharges(ctx.db, after, SWEEP_PAGE);
      if (left.length === 0) break;
      after = left[left.length - 1]!.id;
      await withRest(SWEEP_REST_RATIO, () => collect(ctx, left, errors));
    }
    for (let progressed = true, pass = 0; progressed && pass < MAX_PASSES; pass++) {
      progressed = false;
      for (let after = { accountId: '', id: '' }; ;) {
        const page = await listStorageOwed(ctx.db, cutoff, after, SWEEP_PAGE);
        const whole = wholeAccounts(page);
        if (whole.length === 0) break;
        after = { accountId: whole[whole.length - 1]!.accountId, id: whole[whole.length - 1]!.id };
        if (await withRest(SWEEP_REST_RATIO, () => accruePage(ctx, whole, errors))) progressed = true;
        if (page.length < SWEEP_PAGE) break;
      }
    }
  } finally {
    const next = await nextStorageOwedAt(ctx.db, now);
    if (next) await scheduleStorageSweep(ctx, next > now ? next : new Date(now.getTime() + 60_000));
  }
  if (errors.length > 0)
    throw new Error(`storage sweep: ${errors.length} charge(s) failed; first: ${errors[0]}`);
}

/** A full page without its last account (the next page starts with it), unless that is all it holds. */
function wholeAccounts(page: OwedStorage[]): OwedStorage[] {
  if (page.length < SWEEP_PAGE) return page;
  const last = page[page.length - 1]!.accountId;
  const cut = page.findIndex((i) => i.accountId === last);
  return cut > 0 ? page.slice(0, cut) : page;
}

/** One page: claims, charges and settles its hours, and finishes interrupted terminations. */
async function accruePage(ctx: ComputeContext, page: OwedStorage[], errors: string[]): Promise<boolean> {
  const claims: StorageHourClaim[] = [];
  const chargeOf = new Map<string, { id: string; size: number }>();
  for (const owed of page) {
    if (owed.terminating) continue;
    const group = `${owed.accountId} ${owed.hourStart.getTime()}`;
    let charge = chargeOf.get(group);
    if (!charge || charge.size === MAX_INSTANCES_PER_CHARGE) {
      charge = { id: newId('storageCharge'), size: 0 };
      chargeOf.set(group, charge);
    }
    charge.size++;
    claims.push({
      chargeId: charge.id,
      instanceId: owed.id,
      hourStart: owed.hourStart,
      feeMicros: hourlyStorageFee(owed.diskGb, owed),
    });
  }
  const charges = await claimStorageHours(ctx.db, claims, ctx.clock.now());
  await collect(ctx, charges, errors);
  const interrupted = await findInstances(
    ctx.db,
    page.filter((o) => o.terminating).map((o) => o.id),
  );
  for (const instance of interrupted) await terminateInstance(ctx, instance, 'balance_exhausted');
  return charges.length + interrupted.length > 0;
}

/**
 * Charges claims to the ledger (concurrently: the writer batches them, behind customers' requests)
 * and settles them in one statement; then terminates the instances the balance could not pay for
 * and checks the termination warnings of the accounts it charged.
 */
async function collect(ctx: ComputeContext, charges: StorageChargeRecord[], errors: string[]): Promise<void> {
  const outcomes = await inFlight(charges, CHARGES_IN_FLIGHT, (charge) =>
    postRentalTransaction(ctx, { ...storageCharge(charge), background: true }),
  );
  const settled: { id: string; paidMicros: bigint; transactionId: string | null }[] = [];
  const terminate: string[] = [];
  const paidInFull: StorageChargeRecord[] = [];
  charges.forEach((charge, i) => {
    const outcome = outcomes[i]!;
    const txn = transactionOfOutcome(outcome);
    const nothingLeft = outcome.status === 'rejected' && outcome.error.code === 'insufficient_funds';
    if (!txn && !nothingLeft) {
      errors.push(`${charge.id}: ${outcome.status === 'rejected' ? outcome.error.code : outcome.status}`);
      return; // left unsettled: the next sweep tries again with the same key
    }
    const paidMicros = txn ? -txn.amountMicros : 0n;
    settled.push({ id: charge.id, paidMicros, transactionId: txn?.id ?? null });
    terminate.push(...charge.instanceIds.slice(instancesCovered(charge.feesMicros, paidMicros)));
    if (outcome.status === 'applied' && paidMicros === charge.amountMicros) paidInFull.push(charge);
  });
  const now = ctx.clock.now();
  await settleStorageCharges(ctx.db, settled, terminate, now);

  for (const instance of await findInstances(ctx.db, terminate)) {
    await terminateInstance(ctx, instance, 'balance_exhausted');
  }
  await checkChargedAccounts(ctx, [...new Set(paidInFull.map((c) => c.accountId))]);
}

/** The ledger request of one storage charge: the same for its first try and any retry. */
function storageCharge(charge: StorageChargeRecord) {
  const hourEnd = new Date(charge.hourStart.getTime() + HOUR_MS);
  const count = charge.instanceIds.length;
  return {
    accountId: charge.accountId,
    kind: 'charge' as const,
    amountMicros: charge.amountMicros,
    balancing: true,
    // Storage is paid before render holds: a hold shrinks rather than the disk being destroyed.
    beforeHolds: true,
    description:
      count === 1
        ? `Storage charge: ${charge.diskGb} GB, 1 hour`
        : `Storage charge: ${count} stopped instances, ${charge.diskGb} GB, 1 hour`,
    metadata: {
      storageChargeId: charge.id,
      instanceIds: charge.instanceIds.join(','),
      hourStart: charge.hourStart.toISOString(),
      hourEnd: hourEnd.toISOString(),
      diskGb: String(charge.diskGb),
      fees: formatAmount(charge.amountMicros, 'CREDIT'),
    },
    idempotency: {
      scope: 'storage-charge',
      key: charge.id,
      fingerprint: { id: charge.id, amountMicros: charge.amountMicros.toString() },
    },
  };
}

/** `work` over `items`, at most `limit` at once, results in order. */
async function inFlight<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i]!);
      }
    }),
  );
  return results;
}
