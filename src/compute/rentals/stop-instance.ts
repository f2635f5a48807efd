import { formatAmount } from '../../kernel/money.js';
import { creditsArrived } from '../credits-arrived.js';
import { recheckTermination } from './check-termination-warning.js';
import { earlyStopRefund, type InstanceRecord } from './rentals-rules.js';
import { cancelWork } from '../../kernel/jobs/due-work-store.js';
import { findInstance, markStopped } from './rental-store.js';
import type { ComputeContext } from '../context.js';
import {
  PERIOD_END_WORK,
  notify,
  postRentalTransaction,
  recordEvent,
  rentalScope,
  scheduleStorageHour,
  transactionOfOutcome,
} from './rental-billing.js';
import { type Result, fail, ok } from '../../kernel/result.js';

export interface StoppedInstance {
  instance: InstanceRecord;
  /** The Refund of unused whole compute hours, or null when no whole hour was left. */
  refundTransactionId: string | null;
  refundedMicros: bigint;
}

/**
 * The customer stops a running instance before its period ends. The unused WHOLE hours of compute
 * come back as a Refund transaction (compute revenue → wallet), keyed `rental:<instance>` /
 * `stop:<period start>` so it happens once per period. Storage is not refunded: the disk keeps
 * existing, the period's prepaid storage covers it to the period end, and from then on the stopped
 * instance pays storage hourly. The fleet stops the machine afterwards, outside any transaction.
 *
 * Stopping a stopped instance changes nothing: it answers the instance and its refund, replayed.
 */
export async function stopInstance(
  ctx: ComputeContext,
  accountId: string,
  instanceId: string,
): Promise<Result<StoppedInstance>> {
  const found = await findInstance(ctx.db, instanceId);
  if (!found || found.accountId !== accountId) return fail('instance_not_found', 'no such instance');
  if (found.status === 'stopped' && found.stoppedAt) {
    // A repeat: the refund (if any) is keyed per period, so this replays it, or writes it if a crash
    // came between the stop and its refund.
    const refund = await refundUnusedHours(ctx, found, found.stoppedAt);
    return ok({ instance: found, ...refund }, true);
  }
  if (found.status !== 'running')
    return fail('instance_not_running', `the instance is ${found.status}`, { instanceStatus: found.status });
  const now = ctx.clock.now();
  const stopped = await markStopped(ctx.db, found.id, found.currentPeriodEnd, now, now);
  if (!stopped) return fail('instance_not_running', 'the instance changed meanwhile; read it again');
  await cancelWork(ctx.db, PERIOD_END_WORK, found.id, now);
  const { refundTransactionId, refundedMicros } = await refundUnusedHours(ctx, found, now);
  await scheduleStorageHour(ctx, stopped.storagePaidUntil);
  await recordEvent(ctx, stopped, 'stopped', refundTransactionId, {
    refund: formatAmount(refundedMicros, 'CREDIT'),
    reason: 'customer',
  });
  if (stopped.fleetInstanceId && ctx.fleet) await ctx.fleet.stopInstance(stopped.fleetInstanceId);
  await notify(ctx, stopped, 'instance.stopped', { reason: 'customer' });
  // The refund is money arriving: paused render jobs may resume (this also re-checks termination).
  if (refundedMicros > 0n) await creditsArrived(ctx, stopped.accountId);
  else await recheckTermination(ctx, stopped.accountId);
  return ok({ instance: stopped, refundTransactionId, refundedMicros });
}

/** The Refund of the unused whole compute hours of a stop at `at`, once per period. */
async function refundUnusedHours(ctx: ComputeContext, instance: InstanceRecord, at: Date) {
  const refund = earlyStopRefund(at, instance.currentPeriodEnd, instance);
  if (refund.refundMicros <= 0n) return { refundTransactionId: null, refundedMicros: 0n };
  const periodStart = instance.currentPeriodStart.toISOString();
  const outcome = await postRentalTransaction(ctx, {
    accountId: instance.accountId,
    kind: 'refund',
    amountMicros: refund.refundMicros,
    description: `Unused compute refund: ${refund.unusedHours} hour(s) of ${instance.typeCode}`,
    metadata: {
      instanceId: instance.id,
      unusedHours: refund.unusedHours.toString(),
      periodStart,
      periodEnd: instance.currentPeriodEnd.toISOString(),
      stoppedAt: at.toISOString(),
    },
    idempotency: {
      scope: rentalScope(instance.id),
      key: `stop:${periodStart}`,
      fingerprint: { instanceId: instance.id, periodStart },
    },
  });
  const txn = transactionOfOutcome(outcome);
  if (!txn) throw new Error(`the early-stop refund of ${instance.id} was not recorded: ${outcome.status}`);
  return { refundTransactionId: txn.id, refundedMicros: txn.amountMicros };
}
