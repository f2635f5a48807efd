import { findInstance, setAutoRenew } from './rental-store.js';
import { recheckTermination } from './check-termination-warning.js';
import type { ComputeContext } from '../context.js';
import { type Result, fail, ok } from '../../kernel/result.js';
import type { InstanceRecord } from './rentals-rules.js';

/** Turns auto-renew at period end on or off (a terminated instance cannot change). */
export async function setInstanceAutoRenew(
  ctx: ComputeContext,
  accountId: string,
  instanceId: string,
  autoRenew: boolean,
): Promise<Result<InstanceRecord>> {
  const found = await findInstance(ctx.db, instanceId);
  if (!found || found.accountId !== accountId) return fail('instance_not_found', 'no such instance');
  const updated = await setAutoRenew(ctx.db, instanceId, autoRenew, ctx.clock.now());
  if (!updated) return fail('instance_not_running', 'the instance is terminated');
  await recheckTermination(ctx, accountId);
  return ok(updated);
}
