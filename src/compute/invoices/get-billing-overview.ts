import { usagePercent, type UsageDay } from './billing-rules.js';
import type { Unit } from '../../kernel/money.js';
import { findBalances } from '../../ledger/balance-store.js';
import { sumsByKind, usageByDay } from './billing-store.js';
import type { ComputeContext } from '../context.js';
import { type Result, fail, ok } from '../../kernel/result.js';

export interface BillingOverview {
  unit: Unit;
  balanceMicros: bigint;
  availableMicros: bigint;
  /** Spent on services: the sum of Charge transactions. */
  usedMicros: bigint;
  /** Brought in by Payment transactions (top-ups), fees excluded. */
  toppedUpMicros: bigint;
  promotionsMicros: bigint;
  refundedMicros: bigint;
  /** used ÷ topped up, in percent with two decimals; null before the first top-up. */
  usagePercent: string | null;
  days: UsageDay[];
}

const DAY_MS = 86_400_000;

/**
 * The Billing tab: balance, credits used, total topped up, usage percentage, and day-by-day usage
 * for the chart (the last `days` UTC days up to and including today, by the injected clock).
 */
export async function getBillingOverview(
  ctx: ComputeContext,
  input: { accountId: string; unit: Unit; days: number },
): Promise<Result<BillingOverview>> {
  const now = ctx.clock.now();
  const balances = await findBalances(ctx.db, input.accountId, now);
  const balance = balances.find((b) => b.unit === input.unit);
  if (!balance) return fail('account_not_found', 'no such account', { accountId: input.accountId });
  const sums = await sumsByKind(ctx.db, input.accountId, input.unit);
  const totals = new Map([...sums].map(([kind, s]) => [kind, s.total]));
  const tomorrow = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS + DAY_MS);
  const from = new Date(tomorrow.getTime() - input.days * DAY_MS);
  // Credits used = charges minus the refunds of charges (an early stop's unused compute, say):
  // 10 h rented and 9 h refunded is 1 h used. Refunds of payments take credits out: not usage.
  const used = -(totals.get('charge') ?? 0n) - (sums.get('refund')?.inflow ?? 0n);
  const toppedUp = totals.get('payment') ?? 0n;
  return ok({
    unit: input.unit,
    balanceMicros: balance.balanceMicros,
    availableMicros: balance.balanceMicros - balance.heldMicros,
    usedMicros: used,
    toppedUpMicros: toppedUp,
    promotionsMicros: totals.get('promotion') ?? 0n,
    refundedMicros: -(totals.get('refund') ?? 0n),
    usagePercent: usagePercent(used, toppedUp),
    days: await usageByDay(ctx.db, input.accountId, input.unit, from, tomorrow),
  });
}
