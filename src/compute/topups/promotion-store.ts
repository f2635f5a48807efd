import type { PromotionRecord, RedemptionRecord } from './promotions-rules.js';
import { type Queryable, isUniqueViolation } from '../../kernel/db/database.js';

/** The columns `promotionFromRow` reads. */
type PromotionRow = {
  id: string;
  name: string;
  starts_at: Date;
  ends_at: Date | null;
  min_topup_micros: bigint;
  bonus_fixed_micros: bigint;
  max_bonus_micros: bigint | null;
  created_by: string;
  created_at: Date;
  deactivated_at: Date | null;
  bonus_basis_points: number | null;
  bonus_kind: string;
  per_customer_limit: number | null;
};

function promotionFromRow(row: PromotionRow): PromotionRecord {
  return {
    id: row.id,
    name: row.name,
    startsAt: row.starts_at,
    endsAt: row.ends_at ?? null,
    minTopUpMicros: row.min_topup_micros,
    bonus:
      row.bonus_kind === 'percentage'
        ? { kind: 'percentage', basisPoints: Number(row.bonus_basis_points) }
        : { kind: 'fixed', amountMicros: row.bonus_fixed_micros },
    maxBonusMicros: row.max_bonus_micros ?? null,
    perCustomerLimit: row.per_customer_limit === null ? null : Number(row.per_customer_limit),
    createdBy: row.created_by,
    createdAt: row.created_at,
    deactivatedAt: row.deactivated_at ?? null,
  };
}

/** The columns `redemptionFromRow` reads. */
type RedemptionRow = {
  rail: string;
  source_id: string;
  promotion_id: string;
  account_id: string;
  topup_micros: bigint;
  bonus_micros: bigint;
  created_at: Date;
  slot: number;
};

function redemptionFromRow(row: RedemptionRow): RedemptionRecord {
  return {
    rail: row.rail,
    sourceId: row.source_id,
    promotionId: row.promotion_id,
    accountId: row.account_id,
    slot: Number(row.slot),
    topUpMicros: row.topup_micros,
    bonusMicros: row.bonus_micros,
    createdAt: row.created_at,
  };
}

export async function insertPromotion(tx: Queryable, p: PromotionRecord): Promise<void> {
  await tx.query(
    `INSERT INTO promotions (id, name, starts_at, ends_at, min_topup_micros, bonus_kind, bonus_basis_points,
       bonus_fixed_micros, max_bonus_micros, per_customer_limit, created_by, created_at, deactivated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [
      p.id,
      p.name,
      p.startsAt,
      p.endsAt,
      p.minTopUpMicros,
      p.bonus.kind,
      p.bonus.kind === 'percentage' ? p.bonus.basisPoints : null,
      p.bonus.kind === 'fixed' ? p.bonus.amountMicros : null,
      p.maxBonusMicros,
      p.perCustomerLimit,
      p.createdBy,
      p.createdAt,
      p.deactivatedAt,
    ],
  );
}

export async function findPromotion(db: Queryable, id: string): Promise<PromotionRecord | undefined> {
  const rows = await db.query<PromotionRow>('SELECT * FROM promotions WHERE id = $1', [id]);
  return rows[0] ? promotionFromRow(rows[0]) : undefined;
}

/** Every promotion, newest first (operators define a handful; no pagination needed). */
export async function listPromotions(
  db: Queryable,
  options: { activeAt?: Date } = {},
): Promise<PromotionRecord[]> {
  const rows = options.activeAt
    ? await db.query<PromotionRow>(
        `SELECT * FROM promotions
         WHERE starts_at <= $1 AND created_at <= $1 AND (ends_at IS NULL OR ends_at > $1)
           AND (deactivated_at IS NULL OR deactivated_at > $1)
         ORDER BY created_at DESC, id DESC`,
        [options.activeAt],
      )
    : await db.query<PromotionRow>('SELECT * FROM promotions ORDER BY created_at DESC, id DESC');
  return rows.map(promotionFromRow);
}

/** Sets deactivated_at once; returns undefined when it was already deactivated (or does not exist). */
export async function deactivatePromotion(
  tx: Queryable,
  id: string,
  at: Date,
): Promise<PromotionRecord | undefined> {
  const rows = await tx.query<PromotionRow>(
    'UPDATE promotions SET deactivated_at = $2 WHERE id = $1 AND deactivated_at IS NULL RETURNING *',
    [id, at],
  );
  return rows[0] ? promotionFromRow(rows[0]) : undefined;
}

/** How many times the customer has redeemed each promotion. */
export async function redemptionCounts(db: Queryable, accountId: string): Promise<Map<string, number>> {
  const rows = await db.query<{ promotion_id: string; n: bigint }>(
    `SELECT promotion_id, count(*)::int8 AS n FROM promotion_redemptions WHERE account_id = $1
     GROUP BY promotion_id`,
    [accountId],
  );
  return new Map(rows.map((r) => [r.promotion_id, Number(r.n)]));
}

export async function findRedemption(
  db: Queryable,
  rail: string,
  sourceId: string,
): Promise<RedemptionRecord | undefined> {
  const rows = await db.query<RedemptionRow>(
    'SELECT * FROM promotion_redemptions WHERE rail = $1 AND source_id = $2',
    [rail, sourceId],
  );
  return rows[0] ? redemptionFromRow(rows[0]) : undefined;
}

export async function insertRedemption(tx: Queryable, r: RedemptionRecord): Promise<void> {
  await tx.query(
    `INSERT INTO promotion_redemptions (rail, source_id, promotion_id, account_id, slot, topup_micros,
       bonus_micros, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [r.rail, r.sourceId, r.promotionId, r.accountId, r.slot, r.topUpMicros, r.bonusMicros, r.createdAt],
  );
}

/** A concurrent top-up claimed the same source or the same redemption slot first: try again. */
export function isRedemptionRace(error: unknown): boolean {
  return (
    isUniqueViolation(error, 'promotion_redemptions_source') ||
    isUniqueViolation(error, 'promotion_redemptions_slot')
  );
}
