import { formatAmount } from '../../kernel/money.js';
import { scheduleWork } from '../../kernel/jobs/due-work-store.js';
import type { ComputeContext } from '../context.js';
import { HOUR_MS } from './rentals-rules.js';
import { previewAccountTermination } from './preview-termination.js';
import { burnsOf, clearTerminationWarning, markWarned } from './termination-store.js';

/** Due work: re-checks one account's warning (subject: account, period: when). */
export const TERMINATION_CHECK_WORK = 'rental.termination_check';
export const DEFAULT_TERMINATION_WARNING_HOURS = 24;
/** The second warning: an hour before. */
const FINAL_WARNING_MS = HOUR_MS;

const leadMs = (ctx: ComputeContext) =>
  (ctx.rentals?.terminationWarningHours ?? DEFAULT_TERMINATION_WARNING_HOURS) * HOUR_MS;

/**
 * `instance.termination_imminent`, with `terminatesAt`: sent when the balance covers less than the
 * lead (24 h by default, PICTOR_TERMINATION_WARNING_HOURS) of what the account's instances owe
 * (termination-rules.ts), and again in the last hour; each once. A check that foresees no
 * termination within the lead re-arms both (a top-up did it). Every check schedules the next one
 * at the moment the foreseen termination enters the lead or the last hour, so the warnings come on
 * time without any scan; whatever changes the account's costs or balance checks again.
 */
export async function checkTerminationWarning(ctx: ComputeContext, accountId: string): Promise<void> {
  const preview = await previewAccountTermination(ctx, accountId);
  if (!preview.ok) return;
  const now = ctx.clock.now();
  const first = preview.value.instances[0];
  const left = first ? first.terminatesAt.getTime() - now.getTime() : Infinity;
  if (!first || left > leadMs(ctx)) {
    await clearTerminationWarning(ctx.db, accountId);
    if (first) await scheduleCheck(ctx, accountId, first.terminatesAt.getTime() - leadMs(ctx));
    return;
  }
  const terminatesAt = first.terminatesAt;
  const level = left <= FINAL_WARNING_MS ? 'final' : 'lead';
  // Straight into the last hour: one warning, and the lead one is not sent afterwards.
  if (level === 'final') await markWarned(ctx.db, accountId, 'lead', terminatesAt, now);
  else await scheduleCheck(ctx, accountId, terminatesAt.getTime() - FINAL_WARNING_MS);
  if (!(await markWarned(ctx.db, accountId, level, terminatesAt, now))) return;
  const doomed = preview.value.instances.filter(
    (d) => d.terminatesAt.getTime() - now.getTime() <= leadMs(ctx),
  );
  await ctx.events?.publish(accountId, {
    type: 'instance.termination_imminent',
    at: now,
    data: {
      dedupeId: `instance.termination_imminent:${accountId}:${level}:${terminatesAt.toISOString()}`,
      level,
      terminatesAt: terminatesAt.toISOString(),
      hoursLeft: hoursInTenths(left),
      balance: formatAmount(preview.value.balanceMicros, 'CREDIT'),
      instanceId: first.instance.id,
      instanceIds: doomed.map((d) => d.instance.id).join(','),
      diskGb: String(doomed.reduce((sum, d) => sum + d.instance.diskGb, 0)),
    },
  });
}

async function scheduleCheck(ctx: ComputeContext, accountId: string, atMs: number): Promise<void> {
  // Whole minutes, so checks foreseen a few seconds apart share one row.
  const due = new Date(Math.ceil(atMs / 60_000) * 60_000);
  await scheduleWork(ctx.db, [
    { kind: TERMINATION_CHECK_WORK, subject: accountId, period: due.toISOString(), dueAt: due },
  ]);
}

/**
 * After a storage sweep: checks the accounts it charged whose balance may be within the lead of a
 * termination (running instances to renew, or less than the lead and two hours of stopped fees).
 * The rest are far from it; their scheduled checks stand.
 */
export async function checkChargedAccounts(
  ctx: ComputeContext,
  accountIds: readonly string[],
): Promise<void> {
  const hours = BigInt(Math.ceil(leadMs(ctx) / HOUR_MS) + 2);
  for (const burn of await burnsOf(ctx.db, accountIds)) {
    if (burn.running === 0 && burn.balanceMicros >= hours * burn.stoppedBurnMicros) continue;
    await checkTerminationWarning(ctx, burn.accountId);
  }
}

/** After something changed an account's costs or balance: re-checks, never failing the caller. */
export async function recheckTermination(ctx: ComputeContext, accountId: string): Promise<void> {
  await checkTerminationWarning(ctx, accountId).catch(() => {});
}

/** Whole milliseconds as hours with one decimal, rounded half up, in integer arithmetic (no floats). */
function hoursInTenths(ms: number): string {
  const tenths = Math.floor((ms * 10 + HOUR_MS / 2) / HOUR_MS);
  return `${Math.floor(tenths / 10)}.${tenths % 10}`;
}
