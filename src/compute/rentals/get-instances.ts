import { findInstance, listInstances } from './rental-store.js';
import { findAccount } from '../../accounts/account-store.js';
import type { ComputeContext } from '../context.js';
import { type Result, fail, ok } from '../../kernel/result.js';
import type { InstanceRecord } from './rentals-rules.js';

/** One instance of an account. */
export async function getInstance(
  ctx: ComputeContext,
  accountId: string,
  instanceId: string,
): Promise<Result<InstanceRecord>> {
  const found = await findInstance(ctx.db, instanceId);
  if (!found || found.accountId !== accountId) return fail('instance_not_found', 'no such instance');
  return ok(found);
}

/** An account's instances, newest first (at most 500). */
export async function listAccountInstances(
  ctx: ComputeContext,
  accountId: string,
): Promise<Result<InstanceRecord[]>> {
  if (!(await findAccount(ctx.db, accountId)))
    return fail('account_not_found', 'no such account', { accountId });
  return ok(await listInstances(ctx.db, accountId));
}
