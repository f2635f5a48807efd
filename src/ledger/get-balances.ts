import { findBalances } from './balance-store.js';
import type { LedgerContext } from './context.js';
import { type Result, fail, ok } from '../kernel/result.js';
import type { BalanceRecord } from './ledger-rules.js';

export interface Balance extends BalanceRecord {
  availableMicros: bigint;
}

/** Per unit: balance, held by active holds, and available = balance − held. */
export async function getBalances(ctx: LedgerContext, accountId: string): Promise<Result<Balance[]>> {
  const balances = await findBalances(ctx.db, accountId, ctx.clock.now());
  if (balances.length === 0) return fail('account_not_found', 'no such account', { accountId });
  return ok(balances.map((b) => ({ ...b, availableMicros: b.balanceMicros - b.heldMicros })));
}
