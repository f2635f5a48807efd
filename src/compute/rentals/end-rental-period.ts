import { formatAmount } from '../../kernel/money.js';
import { recheckTermination } from './check-termination-warning.js';
import { periodEnd, quotePeriod } from './rentals-rules.js';
import { findInstance, markRenewed, markStopped } from './rental-store.js';
import type { ComputeContext } from '../context.js';
import {
  notify,
  postRentalTransaction,
  recordEvent,
  rentalScope,
  schedulePeriodEnd,
  scheduleStorageHour,
  transactionOfOutcome,
} from './rental-billing.js';
import type { DueWork } from '../../kernel/jobs/due-work-rules.js';

/**
 * Scheduler handler for `rental.period_end` (subject: instance, period: the period's end). With
 * auto-renew on and a balance that covers it, the next period (same length, prices fixed at rent
 * time) is charged up front, keyed `rental:<instance>` / `renew:<period end>`, so two schedulers or
 * a retry never charge it twice. Otherwise the instance is stopped: no compute is owed and nothing
 * is taken; from now on it pays storage hourly. A period end is never a reason to terminate:
 * termination only follows an owed storage hour that cannot be paid.
 */
export async function endRentalPeriod(ctx: ComputeContext, work: DueWork): Promise<void> {
  const instance = await findInstance(ctx.db, work.subject);
  if (!instance || instance.status !== 'running') return;
  const end = new Date(work.period);
  if (instance.currentPeriodEnd.getTime() !== end.getTime()) return; // already renewed or restarted

  if (instance.autoRenew) {
    const period = { unit: instance.periodUnit, count: instance.periodCount };
    const quote = quotePeriod(end, period, instance.diskGb, instance);
    const outcome = await postRentalTransaction(ctx, {
      accountId: instance.accountId,
      kind: 'charge',
      amountMicros: quote.totalMicros,
      description: `Machine rental charge: ${instance.typeCode} renewed for ${instance.periodCount} ${instance.periodUnit}(s)`,
      metadata: {
        instanceId: instance.id,
        periodStart: quote.start.toISOString(),
        periodEnd: quote.end.toISOString(),
        hours: quote.hours.toString(),
        compute: formatAmount(quote.computeMicros, 'CREDIT'),
        storage: formatAmount(quote.storageMicros, 'CREDIT'),
        renewal: 'true',
      },
      idempotency: {
        scope: rentalScope(instance.id),
        key: `renew:${work.period}`,
        fingerprint: { instanceId: instance.id, periodEnd: work.period },
      },
    });
    const txn = transactionOfOutcome(outcome);
    if (txn) {
      const renewed = await markRenewed(ctx.db, instance.id, end, periodEnd(end, period), ctx.clock.now());
      if (renewed) {
        await schedulePeriodEnd(ctx, renewed);
        await recordEvent(ctx, renewed, 'renewed', txn.id, {
          amount: formatAmount(-txn.amountMicros, 'CREDIT'),
        });
        await notify(ctx, renewed, 'instance.renewed', {
          periodEnd: renewed.currentPeriodEnd.toISOString(),
          amount: formatAmount(-txn.amountMicros, 'CREDIT'),
        });
      }
      await recheckTermination(ctx, instance.accountId);
      return;
    }
    if (outcome.status !== 'rejected' || outcome.error.code !== 'insufficient_funds') {
      throw new Error(`renewal of ${instance.id} failed: ${outcome.status}`);
    }
  }

  const stopped = await markStopped(ctx.db, instance.id, end, end, ctx.clock.now());
  if (!stopped) return;
  await scheduleStorageHour(ctx, stopped.storagePaidUntil);
  const reason = instance.autoRenew ? 'renewal_unaffordable' : 'period_ended';
  await recordEvent(ctx, stopped, 'stopped', null, { reason });
  if (stopped.fleetInstanceId && ctx.fleet) await ctx.fleet.stopInstance(stopped.fleetInstanceId);
  await notify(ctx, stopped, 'instance.stopped', { reason });
  await recheckTermination(ctx, stopped.accountId);
}
