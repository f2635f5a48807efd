import { z } from 'zod';
import { BOOTH_INVOICE_LINE_KINDS } from '../billing/booth-invoice-rules.js';
import { BILLING_PERIODS, type LicenseQuote, PRODUCTS, type QuoteLine } from './licensing-rules.js';

// A saved quote (booth_license_orders.quote, written with encodeJson and read back with
// decodeJson, which revives bigints and dates) checked against the shape purchases price from.
// A row of another shape (a hand edit, an older writer) fails loudly here, naming the order,
// instead of reaching the invoice arithmetic as undefined.
const QuoteLineShape = z.object({
  kind: z.enum(BOOTH_INVOICE_LINE_KINDS),
  description: z.string(),
  quantity: z.number().int(),
  amountMicros: z.bigint(),
  metadata: z.record(z.string(), z.string()),
}) satisfies z.ZodType<QuoteLine>;

const CouponDefinitionShape = z.object({
  id: z.string(),
  code: z.string(),
  percentBp: z.number().int().nullable(),
  amountOffMicros: z.bigint().nullable(),
  validFrom: z.date().nullable(),
  validUntil: z.date().nullable(),
  maxRedemptions: z.number().int().nullable(),
  duration: z.enum(['once', 'repeating', 'forever']),
  durationRenewals: z.number().int().nullable(),
});

const CouponShape = z
  .discriminatedUnion('status', [
    z.object({ status: z.literal('none') }),
    z.object({ status: z.literal('applied'), coupon: CouponDefinitionShape }),
    z.object({
      status: z.literal('rejected'),
      code: z.string(),
      reason: z.enum([
        'coupon_not_found',
        'coupon_not_yet_valid',
        'coupon_expired',
        'coupon_redemption_limit_reached',
      ]),
      detail: z.string(),
    }),
  ])
  .and(z.object({ discountMicros: z.bigint(), renewalsCovered: z.number().int().nullable() }));

const LicenseQuoteShape = z.object({
  request: z.object({
    product: z.enum(PRODUCTS),
    period: z.enum(BILLING_PERIODS),
    quantity: z.number().int(),
  }),
  catalogVersion: z.number().int(),
  lines: z.array(QuoteLineShape),
  subtotalMicros: z.bigint(),
  accountCreditMicros: z.bigint(),
  totalMicros: z.bigint(),
  listUnitPriceMicros: z.bigint(),
  volumeRateBp: z.number().int(),
  deviceLicensesAfter: z.number().int(),
  periodStart: z.date(),
  periodEnd: z.date(),
  periodListMicros: z.bigint(),
  monthlyAnchor: z.date().nullable(),
  proRata: z.object({ remainingSeconds: z.bigint(), cycleSeconds: z.bigint() }).nullable(),
  coupon: CouponShape,
  volumeDiscountCredit: z
    .object({ amountMicros: z.bigint(), licenseIds: z.array(z.string()), rateBp: z.number().int() })
    .nullable(),
}) satisfies z.ZodType<LicenseQuote>;

/** The order's saved quote, as decodeJson revived it, checked to be a LicenseQuote. */
export function decodeLicenseQuote(orderId: string, revived: unknown): LicenseQuote {
  const decoded = LicenseQuoteShape.safeParse(revived);
  if (!decoded.success) {
    throw new Error(
      `license order ${orderId}: its saved quote has a bad shape: ${z.prettifyError(decoded.error)}`,
    );
  }
  return decoded.data;
}

/**
 * A renewal's saved invoice lines (license_renewals.lines, as decodeJson revived them), checked to
 * be quote lines: their kind is one the invoice knows, so they are charged as they are.
 */
export function decodeRenewalLines(accountId: string, billingDate: Date, revived: unknown): QuoteLine[] {
  const decoded = z.array(QuoteLineShape).safeParse(revived);
  if (!decoded.success) {
    throw new Error(
      `license renewal of ${accountId} on ${billingDate.toISOString()}: its saved lines have a bad shape: ${z.prettifyError(decoded.error)}`,
    );
  }
  return decoded.data;
}
