import type { Queryable } from '../../kernel/db/database.js';
import type { AutoTopupRecord } from './booth-usage-rules.js';

/** The idempotency key prefix of the purchases auto top-up makes (one per crossing). */
export const AUTO_TOPUP_KEY = 'auto-topup:';

/** The columns `fromRow` reads. */
type FromRow = {
  account_id: string;
  enabled: boolean;
  threshold_micros: bigint;
  armed: boolean;
  disabled_reason: string | null;
  updated_at: Date;
  crossings: number;
  max_per_day: number;
  pack_tokens: number;
};

function fromRow(row: FromRow): AutoTopupRecord {
  return {
    accountId: row.account_id,
    enabled: row.enabled,
    thresholdMicros: BigInt(row.threshold_micros),
    packTokens: Number(row.pack_tokens),
    maxPerDay: Number(row.max_per_day),
    armed: row.armed,
    crossings: Number(row.crossings),
    disabledReason: row.disabled_reason ?? null,
    updatedAt: row.updated_at,
  };
}

export async function findAutoTopup(q: Queryable, accountId: string): Promise<AutoTopupRecord | undefined> {
  const rows = await q.query<FromRow>('SELECT * FROM booth_auto_topups WHERE account_id = $1', [accountId]);
  return rows[0] ? fromRow(rows[0]) : undefined;
}

/** Saves the settings; saving re-arms and clears a decline that disabled it. */
export async function saveAutoTopup(
  q: Queryable,
  s: Pick<AutoTopupRecord, 'accountId' | 'enabled' | 'thresholdMicros' | 'packTokens' | 'maxPerDay'>,
  now: Date,
): Promise<AutoTopupRecord> {
  const [row] = await q.query<FromRow>(
    `INSERT INTO booth_auto_topups (account_id, enabled, threshold_micros, pack_tokens, max_per_day, armed, updated_at)
     VALUES ($1, $2, $3, $4, $5, true, $6)
     ON CONFLICT (account_id) DO UPDATE SET enabled = EXCLUDED.enabled, threshold_micros = EXCLUDED.threshold_micros,
       pack_tokens = EXCLUDED.pack_tokens, max_per_day = EXCLUDED.max_per_day, armed = true,
       disabled_reason = NULL, updated_at = EXCLUDED.updated_at
     RETURNING *`,
    [s.accountId, s.enabled, s.thresholdMicros, s.packTokens, s.maxPerDay, now],
  );
  return fromRow(row!);
}

/**
 * One statement per balance seen: below the threshold while armed → disarmed and the crossing
 * counted (returned: the n-th crossing buys once); at or above while disarmed → re-armed.
 */
export async function observeBalance(
  q: Queryable,
  accountId: string,
  availableMicros: bigint,
): Promise<{ crossing: number; packTokens: number } | undefined> {
  const rows = await q.query<{ crossings: number; pack_tokens: number; crossed: boolean }>(
    `UPDATE booth_auto_topups SET armed = (threshold_micros <= $2),
       crossings = crossings + CASE WHEN armed AND threshold_micros > $2 THEN 1 ELSE 0 END
     WHERE account_id = $1 AND enabled AND armed <> (threshold_micros <= $2)
     RETURNING crossings, pack_tokens, (threshold_micros > $2) AS crossed`,
    [accountId, availableMicros],
  );
  const r = rows[0];
  return r?.crossed ? { crossing: Number(r.crossings), packTokens: Number(r.pack_tokens) } : undefined;
}

export async function disableAutoTopup(q: Queryable, accountId: string, reason: string, now: Date) {
  await q.query(
    `UPDATE booth_auto_topups SET enabled = false, disabled_reason = $2, updated_at = $3 WHERE account_id = $1`,
    [accountId, reason, now],
  );
}

/** Packs auto top-up bought for the account since `since` (paid ones). */
export async function autoPurchasesSince(q: Queryable, accountId: string, since: Date): Promise<number> {
  const rows = await q.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM booth_token_purchases
     WHERE account_id = $1 AND idempotency_key LIKE $2 AND status = 'paid' AND created_at >= $3`,
    [accountId, `${AUTO_TOPUP_KEY}%`, since],
  );
  return Number(rows[0]!.n);
}
