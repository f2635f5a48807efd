import { formatAmount } from '../../kernel/money.js';
import { recheckTermination } from './check-termination-warning.js';
import {
  type RentalPeriod,
  quotePeriod,
  type InstanceRecord,
  type InstanceTypeRecord,
} from './rentals-rules.js';
import { FleetError } from './gpu-fleet.js';
import { newId } from '../../kernel/ids.js';
import { findInstance, insertInstance, setFleetInstanceId } from './rental-store.js';
import { checkRentalRequest } from './quote-rental.js';
import type { TransactionRecord } from '../../ledger/ledger-rules.js';
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
  const type = await checkRentalRequest(ctx, input);
  if (!type.ok) return type;
  const charged = await chargeRental(ctx, caller, input, type.value, idempotencyKey);
  if (!charged.ok) return charged;
  const txn = charged.value;
  // The instance as the (maybe earlier) charge described it.
  const instance = instanceOfCharge(txn);
  await insertInstance(ctx.db, instance);
  if (!charged.replayed)
    await recordEvent(ctx, instance, 'rented', txn.id, { amount: formatAmount(-txn.amountMicros, 'CREDIT') });
  await schedulePeriodEnd(ctx, instance);
  if (!charged.replayed) await recheckTermination(ctx, instance.accountId);
  const machine = await createMachine(ctx, instance, txn.id);
  if (!machine.ok) return machine;
  return ok(
    { instance: machine.value, transactionId: txn.id, chargedMicros: -txn.amountMicros },
    charged.replayed,
  );
}

/** The one Charge of compute + storage for the period, describing the instance in its metadata. */
async function chargeRental(
  ctx: ComputeContext,
  caller: Caller,
  input: RentInstanceInput,
  type: InstanceTypeRecord,
  idempotencyKey: string,
): Promise<Result<TransactionRecord>> {
  const rates = {
    computeMicrosPerHour: type.computeMicrosPerHour,
    storageMicrosPerGbHour: type.storageMicrosPerGbHour,
  };
  const quote = quotePeriod(ctx.clock.now(), input.period, input.diskGb, rates);
  const outcome = await postRentalTransaction(ctx, {
    accountId: input.accountId,
    kind: 'charge',
    amountMicros: quote.totalMicros,
    description: `Machine rental charge: ${type.code}, ${input.diskGb} GB, ${input.period.count} ${input.period.unit}(s)`,
    metadata: {
      instanceId: newId('instance'),
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
  return fromLedger(outcome, (r) => r.transaction!);
}

/** The instance a rental charge describes (a replayed charge describes the first instance). */
function instanceOfCharge(txn: TransactionRecord): InstanceRecord {
  const m = txn.metadata;
  return {
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
}

/** Asks the fleet for the machine (outside any transaction) unless the instance already has one. */
async function createMachine(
  ctx: ComputeContext,
  instance: InstanceRecord,
  transactionId: string,
): Promise<Result<InstanceRecord>> {
  const current = (await findInstance(ctx.db, instance.id)) ?? instance;
  if (current.fleetInstanceId) return ok(current);
  try {
    const machine = await ctx.fleet!.createInstance({
      reference: instance.id,
      type: instance.typeCode,
      diskGb: instance.diskGb,
    });
    return ok((await setFleetInstanceId(ctx.db, instance.id, machine.id, ctx.clock.now())) ?? current);
  } catch (error) {
    if (!(error instanceof FleetError)) throw error;
    return fail(
      'fleet_error',
      'the rental is paid but the fleet did not create the machine: retry this request',
      {
        instanceId: instance.id,
        transactionId,
        fleet: error.message,
      },
    );
  }
}
