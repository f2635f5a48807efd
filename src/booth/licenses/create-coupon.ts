import type { CouponDefinition } from './licensing-rules.js';
import { newId } from '../../kernel/ids.js';
import { requestHash } from '../../kernel/request-hash.js';
import { insertAuditEntry } from '../../accounts/audit-store.js';
import { isUniqueViolation, transactionWithRetry } from '../../kernel/db/database.js';
import { findKeys, insertKeys, isIdempotencyRace } from '../../ledger/idempotency-store.js';
import { type CouponRecord, findCouponByCode, insertCoupon } from './license-store.js';
import { type Caller, idempotencyScope } from '../../kernel/context.js';
import type { BoothContext } from '../context.js';
import { IDEMPOTENCY_CONFLICT, type Result, fail, ok } from '../../kernel/result.js';

/** A coupon as the operator defines it: everything but its id, with the audited reason. */
export type CreateCouponInput = Omit<CouponDefinition, 'id'> & { reason: string };

/**
 * An operator defines a license coupon: a percentage or a fixed USD amount off, an optional
 * validity window and redemption limit, and how long it lasts (this purchase, N renewals, forever).
 * Codes are case-insensitive (stored upper-case) and unique. Audited; Idempotency-Key.
 */
export async function createCoupon(
  ctx: BoothContext,
  operator: Caller,
  input: CreateCouponInput,
  idempotencyKey: string,
): Promise<Result<CouponRecord>> {
  const code = input.code.toUpperCase();
  if ((input.percentBp === null) === (input.amountOffMicros === null)) {
    return fail('invalid_request', 'give exactly one of percentOff and amountOff', { field: 'percentOff' });
  }
  if ((input.duration === 'repeating') !== (input.durationRenewals !== null)) {
    return fail('invalid_request', 'durationRenewals goes with duration "repeating" (and only with it)', {
      field: 'durationRenewals',
    });
  }
  if (input.validFrom && input.validUntil && input.validUntil <= input.validFrom) {
    return fail('invalid_request', 'validUntil must be after validFrom', { field: 'validUntil' });
  }
  const claim = {
    scope: idempotencyScope(operator, null),
    key: idempotencyKey,
    requestHash: requestHash('create-coupon', { ...input, code }),
  };
  return transactionWithRetry(
    ctx.db,
    async (tx): Promise<Result<CouponRecord>> => {
      const state = (await findKeys(tx, [claim]))(claim);
      if (state.seen) {
        return 'conflict' in state ? IDEMPOTENCY_CONFLICT() : ok(state.replay as CouponRecord, true);
      }
      if (await findCouponByCode(tx, code)) {
        return fail('coupon_code_taken', `a coupon ${code} already exists`, { field: 'code' });
      }
      const now = ctx.clock.now();
      const coupon = await insertCoupon(tx, {
        ...input,
        id: newId('coupon'),
        code,
        createdBy: operator.id,
        createdAt: now,
      });
      await insertAuditEntry(tx, {
        id: newId('audit'),
        actor: operator.id,
        action: 'coupon.create',
        subject: coupon.id,
        reason: input.reason,
        details: {
          code,
          percentBp: input.percentBp,
          duration: input.duration,
          maxRedemptions: input.maxRedemptions,
        },
        createdAt: now,
      });
      await insertKeys(tx, [{ claim, result: coupon }], now);
      return ok(coupon);
    },
    (error) => isIdempotencyRace(error) || isUniqueViolation(error, 'coupons_code_unique'),
  );
}
