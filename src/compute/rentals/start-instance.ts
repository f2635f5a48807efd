import { formatAmount } from '../../kernel/money.js';
import { recheckTermination } from './check-termination-warning.js';
import { quotePeriod, type InstanceRecord } from './rentals-rules.js';
import { findInstance, markStarted } from './rental-store.js';
import type { Caller } from '../../kernel/context.js';
import type { ComputeContext } from '../context.js';
import {
  notify,
  postRentalTransaction,
  recordEvent,
  rentalScope,
  schedulePeriodEnd,
} from './rental-billing.js';
import { type Result, fail, ok } from '../../kernel/result.js';
import { fromLedger } from '../../ledger/ledger-result.js';

export interface StartedInstance {
  instance: InstanceRecord;
  transactionId: string;
  chargedMicros: bigint;
}

/**
 * Starts a stopped instance again: a new period (same length, prices fixed at rent time) is paid up
 * front as one Charge, keyed `rental:<instance>` / `start:<stopped at>` so one stop is followed by at
 * most one paid start. The period starts now; the stopped hour in progress is not billed (the new
 * period's storage covers the disk from now). Refused with insufficient_funds, changing nothing.
 */
export async function startInstance(
  ctx: ComputeContext,
  _caller: Caller,
  accountId: string,
  instanceId: string,
): Promise<Result<StartedInstance>> {
  const found = await findInstance(ctx.db, instanceId);
  if (!found || found.accountId !== accountId) return fail('instance_not_found', 'no such instance');
  if (found.status !== 'stopped' || !found.stoppedAt || found.terminationRequestedAt) {
    return fail('instance_not_stopped', `the instance is ${found.status}`, { instanceStatus: found.status });
  }
  const now = ctx.clock.now();
  const quote = quotePeriod(now, { unit: found.periodUnit, count: found.periodCount }, found.diskGb, found);
  const stoppedAt = found.stoppedAt.toISOString();
  const outcome = await postRentalTransaction(ctx, {
    accountId,
    kind: 'charge',
    amountMicros: quote.totalMicros,
    description: `Machine rental charge: ${found.typeCode} restarted for ${found.periodCount} ${found.periodUnit}(s)`,
    metadata: {
      instanceId: found.id,
      periodStart: quote.start.toISOString(),
      periodEnd: quote.end.toISOString(),
      hours: quote.hours.toString(),
      compute: formatAmount(quote.computeMicros, 'CREDIT'),
      storage: formatAmount(quote.storageMicros, 'CREDIT'),
    },
    idempotency: {
      scope: rentalScope(found.id),
      key: `start:${stoppedAt}`,
      fingerprint: { instanceId: found.id, stoppedAt },
    },
  });
  const charged = fromLedger(outcome, (r) => r.transaction!);
  if (!charged.ok) return charged;
  const txn = charged.value;
  const start = new Date(txn.metadata.periodStart!);
  const end = new Date(txn.metadata.periodEnd!);
  const started = await markStarted(ctx.db, found.id, found.stoppedAt, start, end, now);
  if (!started) {
    const current = await findInstance(ctx.db, found.id);
    return current?.status === 'running'
      ? ok({ instance: current, transactionId: txn.id, chargedMicros: -txn.amountMicros }, true)
      : fail('instance_not_stopped', 'the instance changed meanwhile; read it again');
  }
  await schedulePeriodEnd(ctx, started);
  await recordEvent(ctx, started, 'started', txn.id, { amount: formatAmount(-txn.amountMicros, 'CREDIT') });
  if (started.fleetInstanceId && ctx.fleet) await ctx.fleet.startInstance(started.fleetInstanceId);
  await notify(ctx, started, 'instance.started', { periodEnd: end.toISOString() });
  await recheckTermination(ctx, started.accountId);
  return ok({ instance: started, transactionId: txn.id, chargedMicros: -txn.amountMicros });
}
