import { findAccount } from '../../accounts/account-store.js';
import type { ComputeContext } from '../context.js';
import { type Result, fail, ok } from '../../kernel/result.js';
import { listLiveInstances } from './rental-store.js';
import { settledCreditOf } from './termination-store.js';
import { PREVIEW_HORIZON_MS, type PreviewInstance, previewTerminations } from './termination-rules.js';
import { hourlyStorageFee, type InstanceRecord } from './rentals-rules.js';

export interface TerminationPreview {
  asOf: Date;
  horizonEnd: Date;
  balanceMicros: bigint;
  /** What the stopped instances draw per hour now. */
  hourlyStorageMicros: bigint;
  /** Earliest first. */
  instances: { instance: InstanceRecord; terminatesAt: Date }[];
}

const previewInput = (i: InstanceRecord): PreviewInstance => ({
  id: i.id,
  status: i.status === 'running' ? 'running' : 'stopped',
  diskGb: i.diskGb,
  autoRenew: i.autoRenew,
  period: { unit: i.periodUnit, count: i.periodCount },
  computeMicrosPerHour: i.computeMicrosPerHour,
  storageMicrosPerGbHour: i.storageMicrosPerGbHour,
  currentPeriodEnd: i.currentPeriodEnd,
  storagePaidUntil: i.storagePaidUntil,
  terminationRequested: i.terminationRequestedAt !== null,
});

/**
 * Which of the account's instances would be terminated, and when, if the balance only paid what
 * the instances owe from now on (no top-up, no other spending) (termination-rules.ts).
 */
export async function previewAccountTermination(
  ctx: ComputeContext,
  accountId: string,
): Promise<Result<TerminationPreview>> {
  if (!(await findAccount(ctx.db, accountId)))
    return fail('account_not_found', 'no such account', { accountId });
  const now = ctx.clock.now();
  const [balanceMicros, live] = await Promise.all([
    settledCreditOf(ctx.db, accountId),
    listLiveInstances(ctx.db, accountId),
  ]);
  const byId = new Map(live.map((i) => [i.id, i]));
  const doomed = previewTerminations(balanceMicros, live.map(previewInput), now);
  return ok({
    asOf: now,
    horizonEnd: new Date(now.getTime() + PREVIEW_HORIZON_MS),
    balanceMicros,
    hourlyStorageMicros: live
      .filter((i) => i.status === 'stopped')
      .reduce((sum, i) => sum + hourlyStorageFee(i.diskGb, i), 0n),
    instances: doomed.map((d) => ({ instance: byId.get(d.instanceId)!, terminatesAt: d.terminatesAt })),
  });
}
