import { formatAmount } from '../../kernel/money.js';
import { recheckTermination } from './check-termination-warning.js';
import { type RentalPeriod, quotePeriod } from './rentals-rules.js';
import { FleetError } from './gpu-fleet.js';
import { newId } from '../../kernel/ids.js';
import { findAccount } from '../../accounts/account-store.js';
import {
  type InstanceRecord,
  findInstance,
  findInstanceType,
  insertInstance,
  setFleetInstanceId,
} from './rental-store.js';
import { type Caller, idempotencyScope } from '../../kernel/context.js';
import type { ComputeContext } from '../context.js';
import { postRentalTransaction, recordEvent, schedulePeriodEnd } from './rental-billing.js';
import { type Result, fail, ok } from '../../kernel/result.js';
import { fromLedger } from '../../ledger/ledger-result.js';

export interface RentInstanceInput {
  accountId: string;
  instanceType: string;
  diskGb: number;
  period: RentalPeriod;
  autoRenew: boolean;
}

export interface RentedInstance {
  instance: InstanceRecord;
  transactionId: string;
  chargedMicros: bigint;
}

/**
 * Rents a GPU instance: compute + storage for the whole period is charged up front as ONE Charge
 * transaction (refused with insufficient_funds otherwise, writing nothing), the instance is
 * recorded with the catalog's prices of this moment, its period end is scheduled, and then the
 * fleet creates the machine (outside any database transaction).
 *
 * The charge is keyed by the caller's Idempotency-Key, and carries the instance id and period in
 * its metadata: a repeat (or a retry after the fleet failed) replays the charge and finds the same
 * instance, and asks the fleet again with the same reference, which returns the same machine.
 */
export async function rentInstance(
  ctx: ComputeContext,
  caller: Caller,
  input: RentInstanceInput,
  idempotencyKey: string,
): Promise<Result<RentedInstance>> {
  if (!ctx.fleet) return fail('fleet_not_configured', 'GPU renting is not configured on this server');
  if (!(await findAccount(ctx.db, input.accountId))) {
    return fail('account_not_found', 'no such account', { accountId: input.accountId });
  }
  const type = await findInstanceType(ctx.db, input.instanceType);
  if (!type || !type.available) {
    return fail('instance_type_not_found', `no instance type ${input.instanceType} is offered`, {
      field: 'instanceType',
    });
  }
  if (input.diskGb > type.maxDiskGb) {
    return fail('disk_above_maximum', `diskGb: ${type.code} takes at most ${type.maxDiskGb} GB`, {
      field: 'diskGb',
      maxDiskGb: type.maxDiskGb,
    });
  }
  const now = ctx.clock.now();
  const rates = {
    computeMicrosPerHour: type.computeMicrosPerHour,
    storageMicrosPerGbHour: type.storageMicrosPerGbHour,
  };
  const quote = quotePeriod(now, input.period, input.diskGb, rates);
  const instanceId = newId('instance');
  const outcome = await postRentalTransaction(ctx, {
    accountId: input.accountId,
    kind: 'charge',
    amountMicros: quote.totalMicros,
    description: `Machine rental charge: ${type.code}, ${input.diskGb} GB, ${input.period.count} ${input.period.unit}(s)`,
    metadata: {
      instanceId,
      instanceType: type.code,
      typeVersion: String(type.version),
      diskGb: String(input.diskGb),
      periodUnit: input.period.unit,
      periodCount: String(input.period.count),
      autoRenew: String(input.autoRenew),
      periodStart: quote.start.toISOString(),
      periodEnd: quote.end.toISOString(),
      hours: quote.hours.toString(),
      compute: formatAmount(quote.computeMicros, 'CREDIT'),
      storage: formatAmount(quote.storageMicros, 'CREDIT'),
      computeMicrosPerHour: rates.computeMicrosPerHour.toString(),
      storageMicrosPerGbHour: rates.storageMicrosPerGbHour.toString(),
    },
    idempotency: {
      scope: idempotencyScope(caller, input.accountId),
      key: idempotencyKey,
      fingerprint: input,
    },
  });
  const charged = fromLedger(outcome, (r) => r.transaction!);
  if (!charged.ok) return charged;
  const txn = charged.value;
  const m = txn.metadata;
  // The instance as the (maybe earlier) charge described it.
  const instance: InstanceRecord = {
    id: m.instanceId!,
    accountId: txn.accountId,
    typeCode: m.instanceType!,
    typeVersion: Number(m.typeVersion),
    diskGb: Number(m.diskGb),
    periodUnit: m.periodUnit as RentalPeriod['unit'],
    periodCount: Number(m.periodCount),
    computeMicrosPerHour: BigInt(m.computeMicrosPerHour!),
    storageMicrosPerGbHour: BigInt(m.storageMicrosPerGbHour!),
    status: 'running',
    autoRenew: m.autoRenew === 'true',
    fleetInstanceId: null,
    currentPeriodStart: new Date(m.periodStart!),
    currentPeriodEnd: new Date(m.periodEnd!),
    storagePaidUntil: new Date(m.periodEnd!),
    stoppedAt: null,
    terminationRequestedAt: null,
    terminatedAt: null,
    createdAt: txn.createdAt,
    updatedAt: txn.createdAt,
  };
  await insertInstance(ctx.db, instance);
  if (!charged.replayed)
    await recordEvent(ctx, instance, 'rented', txn.id, { amount: formatAmount(-txn.amountMicros, 'CREDIT') });
  await schedulePeriodEnd(ctx, instance);
  if (!charged.replayed) await recheckTermination(ctx, instance.accountId);

  let current = (await findInstance(ctx.db, instance.id)) ?? instance;
  if (!current.fleetInstanceId) {
    try {
      const machine = await ctx.fleet.createInstance({
        reference: instance.id,
        type: instance.typeCode,
        diskGb: instance.diskGb,
      });
      current = (await setFleetInstanceId(ctx.db, instance.id, machine.id, ctx.clock.now())) ?? current;
    } catch (error) {
      if (!(error instanceof FleetError)) throw error;
      return fail(
        'fleet_error',
        'the rental is paid but the fleet did not create the machine: retry this request',
        {
          instanceId: instance.id,
          transactionId: txn.id,
          fleet: error.message,
        },
      );
    }
  }
  return ok({ instance: current, transactionId: txn.id, chargedMicros: -txn.amountMicros }, charged.replayed);
}
