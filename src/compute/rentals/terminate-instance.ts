import { recheckTermination } from './check-termination-warning.js';
import { findInstance } from './rental-store.js';
import type { ComputeContext } from '../context.js';
import { terminateInstance } from './rental-billing.js';
import { type StoppedInstance, stopInstance } from './stop-instance.js';
import { type Result, fail, ok } from '../../kernel/result.js';

/**
 * The customer terminates an instance: the machine and its disk are destroyed at the fleet, for
 * good. A running instance is stopped first (its unused whole hours of compute are refunded, as a
 * stop does); a stopped one owes no more storage from then on. Terminating a terminated instance
 * answers it again, changing nothing.
 */
export async function terminateInstanceForCustomer(
  ctx: ComputeContext,
  accountId: string,
  instanceId: string,
): Promise<Result<StoppedInstance>> {
  const found = await findInstance(ctx.db, instanceId);
  if (!found || found.accountId !== accountId) return fail('instance_not_found', 'no such instance');
  if (found.status === 'terminated')
    return ok({ instance: found, refundTransactionId: null, refundedMicros: 0n }, true);
  let refund = { refundTransactionId: null as string | null, refundedMicros: 0n };
  if (found.status === 'running') {
    const stopped = await stopInstance(ctx, accountId, instanceId);
    if (!stopped.ok) return stopped;
    const { refundTransactionId, refundedMicros } = stopped.value;
    refund = { refundTransactionId, refundedMicros };
  }
  const current = (await findInstance(ctx.db, instanceId))!;
  await terminateInstance(ctx, current, 'customer');
  const after = (await findInstance(ctx.db, instanceId))!;
  if (after.status !== 'terminated')
    return fail('instance_not_stopped', 'the instance changed meanwhile; read it again', {
      instanceStatus: after.status,
    });
  await recheckTermination(ctx, accountId);
  return ok({ instance: after, ...refund });
}
