import { formatAmount } from '../domain/money.js';
import {
  HOUR_MS,
  crossesTerminationWarning,
  hourlyStorageFee,
  storageHourCharge,
} from '../domain/rentals.js';
import { findBalances } from '../store/account-store.js';
import type { DueWork } from '../store/due-work-store.js';
import { advanceStoragePaid, findInstance } from '../store/rental-store.js';
import type { ServiceContext } from './context.js';
import {
  notify,
  postRentalTransaction,
  recordEvent,
  rentalScope,
  scheduleStorageHour,
  terminateInstance,
  transactionOfOutcome,
} from './rental-billing.js';

/**
 * Scheduler handler for `rental.storage_hour` (subject: instance, period: the hour's start). A
 * stopped instance owes disk GB × storage rate for each stopped hour, charged when the hour is over.
 * The ledger key is `rental:<instance>` / `storage:<hour start>`: two schedulers, or a retry, charge
 * an hour once.
 *
 * When the balance cannot pay the hour, what is left is taken (the wallet ends at exactly 0, never
 * below) and the instance is TERMINATED through the fleet: a charge it owes could not be paid
 * because the balance is at zero. When the balance falls below 24 hours of fees,
 * `instance.termination_imminent` is published (once per crossing).
 */
export async function chargeInstanceStorage(ctx: ServiceContext, work: DueWork): Promise<void> {
  const instance = await findInstance(ctx.db, work.subject);
  if (!instance || instance.status !== 'stopped') return;
  if (instance.terminationRequestedAt) {
    await terminateInstance(ctx, instance, 'balance_exhausted'); // finish a termination a crash interrupted
    return;
  }
  const hourStart = new Date(work.period);
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
      const outcome = await postRentalTransaction(ctx, {
        accountId: instance.accountId,
        kind: 'charge',
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
      });
      if (outcome.status === 'rejected' && outcome.error.code === 'insufficient_funds') continue; // moved meanwhile
      const txn = transactionOfOutcome(outcome);
      if (!txn) throw new Error(`storage charge of ${instance.id} failed: ${outcome.status}`);
      partial = txn.metadata.partial === 'true';
      if (!partial) {
        const paid = await advanceStoragePaid(ctx.db, instance.id, hourStart, hourEnd, ctx.clock.now());
        if (!paid) return;
        await scheduleStorageHour(ctx, instance.id, hourEnd);
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
