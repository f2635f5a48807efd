import type { CouponDefinition, CouponRecord } from './licensing-rules.js';
import { newId } from '../../kernel/ids.js';
import { insertAuditEntry } from '../../accounts/audit-store.js';
import { isUniqueViolation } from '../../kernel/db/database.js';
import { commandClaim, runKeyed } from '../../ledger/idempotent-command.js';
import { findCouponByCode, insertCoupon } from './license-store.js';
import type { Caller } from '../../kernel/context.js';
import type { BoothContext } from '../context.js';
import { type Result, fail, ok } from '../../kernel/result.js';

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
  const claim = commandClaim(operator, null, idempotencyKey, 'create-coupon', { ...input, code });
  return runKeyed(
    ctx,
    claim,
    async (tx, now): Promise<Result<CouponRecord>> => {
      if (await findCouponByCode(tx, code)) {
        return fail('coupon_code_taken', `a coupon ${code} already exists`, { field: 'code' });
      }
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
      return ok(coupon);
    },
    { alsoRetry: (error) => isUniqueViolation(error, 'coupons_code_unique') },
  );
}
