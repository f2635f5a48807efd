import { type RentalPeriod, quotePeriod, type InstanceTypeRecord } from './rentals-rules.js';
import { findAccount } from '../../accounts/account-store.js';
import { findBalances } from '../../ledger/balance-store.js';
import { findInstanceType } from './rental-store.js';
import type { ComputeContext } from '../context.js';
import { type Result, fail, ok } from '../../kernel/result.js';

export interface RentalRequest {
  accountId: string;
  instanceType: string;
  diskGb: number;
  period: RentalPeriod;
}

export interface RentalQuote {
  type: InstanceTypeRecord;
  start: Date;
  end: Date;
  hours: bigint;
  computeMicros: bigint;
  storageMicros: bigint;
  totalMicros: bigint;
  /** The available Credit Balance now (settled less render holds), and after paying the total. */
  availableMicros: bigint;
  availableAfterMicros: bigint;
}

/**
 * The checks every rental passes before anything is priced: the account exists, the type is
 * offered, and the disk is at most the type's largest (422 naming diskGb).
 */
export async function checkRentalRequest(
  ctx: ComputeContext,
  input: RentalRequest,
): Promise<Result<InstanceTypeRecord>> {
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
  return ok(type);
}

/**
 * What renting would charge now, before paying: compute and storage for the period, the total, and
 * the available balance after it (negative: the rental would be refused). Writes nothing.
 */
export async function quoteRental(ctx: ComputeContext, input: RentalRequest): Promise<Result<RentalQuote>> {
  const checked = await checkRentalRequest(ctx, input);
  if (!checked.ok) return checked;
  const type = checked.value;
  const now = ctx.clock.now();
  const quote = quotePeriod(now, input.period, input.diskGb, type);
  const credit = (await findBalances(ctx.db, input.accountId, now)).find((b) => b.unit === 'CREDIT');
  const available = credit ? credit.balanceMicros - credit.heldMicros : 0n;
  return ok({
    type,
    start: quote.start,
    end: quote.end,
    hours: quote.hours,
    computeMicros: quote.computeMicros,
    storageMicros: quote.storageMicros,
    totalMicros: quote.totalMicros,
    availableMicros: available,
    availableAfterMicros: available - quote.totalMicros,
  });
}
