import type { Queryable } from '../kernel/db/database.js';
import type { Unit } from '../kernel/money.js';
import type { BalanceRecord } from './ledger-rules.js';

/**
 * Balances as of `now`: a pending hold past its expiry no longer counts as held, even before the
 * sweeper has marked it expired.
 */
export async function findBalances(db: Queryable, accountId: string, now: Date): Promise<BalanceRecord[]> {
  const rows = await db.query<{ unit: Unit; balance_micros: bigint; held_micros: bigint }>(
    `SELECT w.unit, w.balance_micros,
            w.held_micros - COALESCE((SELECT sum(h.amount_micros) FROM holds h
              WHERE h.wallet_id = w.ledger_account_id AND h.status = 'pending' AND h.expires_at <= $2), 0)::int8
              AS held_micros
     FROM wallet_balances w WHERE w.account_id = $1 ORDER BY w.unit`,
    [accountId, now],
    'wallet_balances',
  );
  return rows.map((r) => ({ unit: r.unit, balanceMicros: r.balance_micros, heldMicros: r.held_micros }));
}

/** Whether the account has ledger wallets (every account gets one per unit when it opens). */
export async function hasWallets(db: Queryable, accountId: string): Promise<boolean> {
  return (
    (await db.query('SELECT 1 FROM wallet_balances WHERE account_id = $1 LIMIT 1', [accountId])).length > 0
  );
}
