import { remainingHoursText } from './alerts-rules.js';
import { hourlyBurnMicros } from '../rentals/burn-store.js';
import type { ComputeContext } from '../context.js';
import { getBalances } from '../../ledger/get-balances.js';
import { type Result, ok } from '../../kernel/result.js';

export interface Runway {
  accountId: string;
  availableMicros: bigint;
  /** What the account's GPU instances draw per hour now (running: compute + storage; stopped: storage). */
  hourlyBurnMicros: bigint;
  /** available ÷ burn, two decimals rounded down; null when nothing burns. */
  remainingHours: string | null;
}

/**
 * How long the CREDIT balance lasts at the current rate: the same figure the low-remaining-time
 * alert compares with its threshold, for the billing page's "about N hours left".
 */
export async function getRunway(ctx: ComputeContext, accountId: string): Promise<Result<Runway>> {
  const balances = await getBalances(ctx, accountId);
  if (!balances.ok) return balances;
  const available = balances.value.find((b) => b.unit === 'CREDIT')?.availableMicros ?? 0n;
  const burn = await hourlyBurnMicros(ctx.db, accountId);
  return ok({
    accountId,
    availableMicros: available,
    hourlyBurnMicros: burn,
    remainingHours: remainingHoursText(available, burn),
  });
}
