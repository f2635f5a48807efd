/**
 * Shared steps of the GPU rental use cases: the ledger writes (each under an idempotency key derived
 * from the instance and the period or hour it pays for, scope `rental:<instance>`), scheduling the
 * instance's due work, notifications, and termination. Not a use case itself.
 */
import { HOUR_MS, type InstanceRecord } from './rentals-rules.js';
import {
  type TransactionRecord,
  revenueAccountId,
  walletId,
  type LedgerOutcome,
} from '../../ledger/ledger-rules.js';
import { newId } from '../../kernel/ids.js';
import { requestHash } from '../../kernel/request-hash.js';
import { scheduleWork } from '../../kernel/jobs/due-work-store.js';
import { insertInstanceEvent, markTerminated, requestTermination } from './rental-store.js';
import type { ComputeContext } from '../context.js';

export const PERIOD_END_WORK = 'rental.period_end';
/** The storage sweep: one row per due time, subject `all`, charging every stopped instance's owed hour. */
export const STORAGE_ACCRUE_WORK = 'rental.storage_accrue';

export const rentalScope = (instanceId: string) => `rental:${instanceId}`;

/** A Charge (wallet → compute revenue) or a Refund (compute revenue → wallet) about an instance. */
export async function postRentalTransaction(
  ctx: ComputeContext,
  input: {
    accountId: string;
    kind: 'charge' | 'refund';
    amountMicros: bigint;
    description: string;
    metadata: Record<string, string>;
    idempotency: { scope: string; key: string; fingerprint: unknown };
    /** Bulk scheduler work yields to customers' requests in the ledger writer. */
    background?: boolean;
    /** A charge that takes what is left when the balance cannot pay it all (see LedgerCommand). */
    balancing?: boolean;
    /** With `balancing`: paid from the settled balance, shrinking holds (see LedgerCommand). */
    beforeHolds?: boolean;
  },
): Promise<LedgerOutcome> {
  const wallet = walletId(input.accountId, 'CREDIT');
  const revenue = revenueAccountId('compute', 'CREDIT');
  return ctx.ledger.submit(
    {
      idempotency: {
        scope: input.idempotency.scope,
        key: input.idempotency.key,
        requestHash: requestHash(`rental-${input.kind}`, input.idempotency.fingerprint),
      },
      command: {
        type: 'post_transaction',
        transaction: {
          id: newId('transaction'),
          accountId: input.accountId,
          kind: input.kind,
          unit: 'CREDIT',
          description: input.description,
          metadata: input.metadata,
          createdAt: ctx.clock.now(),
        },
        transfers: [
          {
            id: newId('transfer'),
            debitAccountId: input.kind === 'charge' ? wallet : revenue,
            creditAccountId: input.kind === 'charge' ? revenue : wallet,
            amountMicros: input.amountMicros,
          },
        ],
        ...(input.balancing ? { balancing: true } : {}),
        ...(input.balancing && input.beforeHolds ? { beforeHolds: true } : {}),
      },
    },
    input.background ? 'background' : 'interactive',
  );
}

export function transactionOfOutcome(outcome: LedgerOutcome): TransactionRecord | undefined {
  return outcome.status === 'applied' || outcome.status === 'replayed'
    ? (outcome.result.transaction ?? undefined)
    : undefined;
}

export async function schedulePeriodEnd(ctx: ComputeContext, instance: InstanceRecord): Promise<void> {
  await scheduleWork(ctx.db, [
    {
      kind: PERIOD_END_WORK,
      subject: instance.id,
      period: instance.currentPeriodEnd.toISOString(),
      dueAt: instance.currentPeriodEnd,
    },
  ]);
}

/**
 * The stopped hour starting at `hourStart` is charged when it is over (in arrears), by the storage
 * sweep (`rental.storage_accrue`, subject `all`) due then. `instanceId` is kept for callers; the
 * sweep finds every instance that owes an hour by itself.
 */
export async function scheduleStorageHour(ctx: ComputeContext, hourStart: Date) {
  await scheduleStorageSweep(ctx, new Date(hourStart.getTime() + HOUR_MS));
}

/** Sweeps run on whole minutes: one row (and one pass) for every hour ending within that minute. */
export const STORAGE_SWEEP_GRANULARITY_MS = 60_000;

/** Schedules the storage sweep at `dueAt`, rounded up to the minute; one already scheduled is kept. */
export async function scheduleStorageSweep(ctx: ComputeContext, dueAt: Date): Promise<void> {
  const g = STORAGE_SWEEP_GRANULARITY_MS;
  const due = new Date(Math.ceil(dueAt.getTime() / g) * g);
  await scheduleWork(ctx.db, [
    { kind: STORAGE_ACCRUE_WORK, subject: 'all', period: due.toISOString(), dueAt: due },
  ]);
}

export async function notify(
  ctx: ComputeContext,
  instance: InstanceRecord,
  type: string,
  data: Record<string, string> = {},
): Promise<void> {
  await ctx.events?.publish(instance.accountId, {
    type,
    at: ctx.clock.now(),
    data: { instanceId: instance.id, instanceType: instance.typeCode, ...data },
  });
}

export async function recordEvent(
  ctx: ComputeContext,
  instance: InstanceRecord,
  type: string,
  transactionId: string | null,
  details: Record<string, string> = {},
): Promise<void> {
  await insertInstanceEvent(ctx.db, {
    instanceId: instance.id,
    type,
    transactionId,
    at: ctx.clock.now(),
    details,
  });
}

/**
 * Terminates a stopped instance whose owed charge could not be paid. Exactly one caller wins the
 * compare-and-set on `termination_requested_at` and asks the fleet to destroy the machine; a run
 * repeated after a crash between the request and the fleet's answer asks again (the fleet's
 * DELETE is idempotent). Returns the instance when this call terminated it.
 */
export async function terminateInstance(
  ctx: ComputeContext,
  instance: InstanceRecord,
  reason: string,
): Promise<InstanceRecord | undefined> {
  const requested =
    (await requestTermination(ctx.db, instance.id, ctx.clock.now())) ??
    (instance.terminationRequestedAt && instance.status === 'stopped' ? instance : undefined);
  if (!requested) return undefined;
  if (requested.fleetInstanceId && ctx.fleet) await ctx.fleet.terminateInstance(requested.fleetInstanceId);
  const terminated = await markTerminated(ctx.db, instance.id, ctx.clock.now());
  if (!terminated) return undefined;
  await recordEvent(ctx, terminated, 'terminated', null, { reason });
  await notify(ctx, terminated, 'instance.terminated', { reason });
  return terminated;
}
