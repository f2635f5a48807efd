import { z } from 'zod';
import { BILLING_PERIODS, PRODUCTS, TIERS } from './licensing-rules.js';
import { AccountId, idOf, MoneyOutput, moneyInputOf } from '../../kernel/http/schemas.js';

/** Booth licenses: request and response shapes. Strict: an unknown field is an error. */

const UsdInput = moneyInputOf(z.literal('USD')).describe('USD with at most 2 decimals');
const Text = (max: number) => z.string().trim().min(1).max(max);

/** A USD amount that may be zero ("0.00"), for totals a customer confirms. */
const UsdAmountInput = z
  .strictObject({
    amount: z.string().regex(/^(0|[1-9][0-9]{0,11})(\.[0-9]{1,2})?$/, 'a USD amount such as "623.70"'),
    unit: z.literal('USD'),
  })
  .transform((v) => {
    const [whole, fraction = ''] = v.amount.split('.');
    return BigInt(whole!) * 1_000_000n + BigInt(fraction.padEnd(2, '0')) * 10_000n;
  });

export const LicenseParams = z.strictObject({
  accountId: AccountId,
  licenseId: idOf('license'),
});

const FeatureSchema = z.strictObject({
  code: z.string().regex(/^[a-z0-9_]{1,40}$/),
  name: Text(200),
});
const PeriodPrices = z.strictObject({ monthly: UsdInput, annual: UsdInput });

export const UpdateCatalogBody = z.strictObject({
  prices: z.strictObject({
    basic: PeriodPrices,
    pro: PeriodPrices,
    premium: PeriodPrices,
    enterpriseAnnual: UsdInput,
  }),
  features: z
    .strictObject({
      basic: z.array(FeatureSchema).max(50),
      pro: z.array(FeatureSchema).max(50),
      premium: z.array(FeatureSchema).max(50),
      enterprise: z.array(FeatureSchema).max(50),
    })
    .optional()
    .describe("each tier's own features (a tier includes every lower tier's); absent: unchanged"),
  outputs: z
    .record(
      z.string().regex(/^[a-z0-9_]{1,40}$/, 'an output kind code'),
      z.strictObject({
        name: Text(200),
        tokens: z
          .string()
          .regex(
            /^(0|[1-9][0-9]{0,5})(\.[0-9]{1,6})?$/,
            'tokens per output, at most 6 decimals (e.g. "0.05")',
          )
          .transform((t) => {
            const [whole, fraction = ''] = t.split('.');
            return BigInt(whole!) * 1_000_000n + BigInt(fraction.padEnd(6, '0'));
          }),
        tier: z.enum(TIERS).describe('the lowest event tag that may produce it'),
        ai: z.boolean().describe('an AI output'),
      }),
    )
    .optional()
    .describe(
      'output kinds with their token cost and tier; absent: unchanged. Recorded outputs keep their cost',
    ),
  reason: Text(500).describe('why: kept in the audit log'),
});

export const CreateCouponBody = z.strictObject({
  code: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/, 'letters, digits, _ and -, at most 40'),
  percentOff: z.number().min(0.01).max(100).optional().describe('percent off, e.g. 12.5 (to 0.01%)'),
  amountOff: UsdInput.optional(),
  validFrom: z.iso.datetime({ offset: true }).optional(),
  validUntil: z.iso.datetime({ offset: true }).optional(),
  maxRedemptions: z.number().int().min(1).max(1_000_000).optional(),
  duration: z.enum(['once', 'repeating', 'forever']).default('once'),
  durationRenewals: z.number().int().min(1).max(1000).optional().describe('with duration "repeating"'),
  reason: Text(500),
});

export const QuoteBody = z.strictObject({
  product: z.enum(PRODUCTS).describe('basic, pro, premium, or the enterprise add-on (annual, quantity 1)'),
  period: z.enum(BILLING_PERIODS),
  quantity: z.number().int().min(1).max(1000),
  couponCode: z.string().min(1).max(40).optional(),
});

export const PurchaseBody = QuoteBody.extend({
  expectedTotal: UsdAmountInput.describe(
    'the total the order summary showed; another price is refused (409 price_changed)',
  ),
  pricedAt: z.iso
    .datetime()
    .optional()
    .describe(
      "the quote's pricedAt: the purchase is priced from that instant, so its invoice says what the quote said (even across midnight); older than 15 minutes or in the future → 409 quote_expired; omitted: priced now",
    ),
});

export const DowngradeBody = z.strictObject({ tier: z.enum(TIERS) });
export const CancelNowBody = z.strictObject({ reason: Text(500) });

const Line = z.object({
  kind: z.string(),
  description: z.string(),
  quantity: z.number(),
  amount: MoneyOutput,
});

export const UpcomingInvoices = z
  .object({
    data: z
      .array(
        z.object({
          billingDate: z.string().describe('the renewal date this invoice is issued on'),
          licenseIds: z.array(z.string()).describe('the licenses renewing on that date'),
          catalogVersion: z.number(),
          lines: z.array(Line).describe('renewal lines, volume discount, coupons; the subtotal is their sum'),
          subtotal: MoneyOutput.describe('the sum of the lines'),
          creditApplied: MoneyOutput.describe('account credit the renewal will apply (not a line)'),
          total: MoneyOutput.describe('subtotal − credit applied: what the card will be charged'),
        }),
      )
      .describe('one per upcoming billing date, earliest first'),
  })
  .describe(
    "the next invoice per billing date, priced as the renewal will charge it from the account's current state",
  );

export const Quote = z
  .object({
    product: z.enum(PRODUCTS),
    period: z.enum(BILLING_PERIODS),
    quantity: z.number(),
    catalogVersion: z.number(),
    listUnitPrice: MoneyOutput,
    lines: z
      .array(Line)
      .describe('list price (or pro-rata part), volume discount, coupon; the subtotal is their sum'),
    subtotal: MoneyOutput.describe('the sum of the lines'),
    accountCredit: MoneyOutput.describe('account credit deducted once from the subtotal (not a line)'),
    total: MoneyOutput.describe('subtotal − account credit'),
    pricedAt: z
      .string()
      .describe(
        'the instant this quote was priced from; send it with the purchase (within 15 minutes) to be charged these very lines',
      ),
    volumeDiscount: z.object({ rate: z.string(), activeLicensesAfter: z.number() }),
    periodStart: z.string(),
    periodEnd: z.string().describe('the billing date the licenses renew on'),
    proRata: z.object({ remainingSeconds: z.number(), cycleSeconds: z.number() }).nullable(),
    coupon: z
      .object({
        code: z.string(),
        applied: z.boolean(),
        reason: z.string().nullable().describe('why it gives no discount'),
        detail: z.string().nullable(),
        discount: MoneyOutput,
      })
      .nullable(),
    volumeDiscountCredit: z
      .object({ amount: MoneyOutput, licenses: z.number() })
      .nullable()
      .describe('credit the licenses already running get (account credit, applied to the next invoice)'),
  })
  .meta({ id: 'LicenseQuote' });

export const License = z
  .object({
    id: z.string(),
    accountId: z.string(),
    orderId: z.string(),
    tier: z.enum(PRODUCTS),
    period: z.enum(BILLING_PERIODS),
    status: z.enum(['active', 'expired', 'removed']),
    catalogVersion: z.number(),
    listPrice: MoneyOutput,
    billedPrice: MoneyOutput.describe(
      'what one full period of it is billed at: list price after its volume discount and coupon',
    ),
    purchasedAt: z.string(),
    currentPeriodStart: z.string(),
    currentPeriodEnd: z.string(),
    renewsAt: z.string().nullable(),
    cancelAtPeriodEnd: z.boolean(),
    cancelEffectiveAt: z.string().nullable(),
    pendingDowngrade: z.enum(TIERS).nullable(),
    downgradeEffectiveAt: z.string().nullable(),
    openInvoiceId: z.string().nullable(),
    endedAt: z.string().nullable(),
    endReason: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'License' });
export const LicenseList = z.object({ data: z.array(License) });

export const Purchased = z.object({
  orderId: z.string(),
  invoiceId: z.string().nullable(),
  volumeCreditInvoiceId: z.string().nullable(),
  total: MoneyOutput,
  quote: Quote,
  licenses: z.array(License),
});

export const CancelledNow = z.object({
  license: License,
  credit: MoneyOutput,
  creditNoteId: z.string().nullable(),
});

const FeatureOut = z.object({ code: z.string(), name: z.string() });
export const Catalog = z
  .object({
    version: z.number(),
    tiers: z.array(
      z.object({
        tier: z.enum(TIERS),
        monthly: MoneyOutput,
        annual: MoneyOutput,
        features: z.array(FeatureOut).describe('all features, lower tiers included'),
        ownFeatures: z.array(FeatureOut),
      }),
    ),
    enterprise: z.object({
      annual: MoneyOutput,
      features: z.array(FeatureOut),
      requiresBaseLicense: z.literal(true),
    }),
    outputs: z
      .array(
        z.object({
          kind: z.string(),
          name: z.string(),
          tokens: MoneyOutput.describe('token cost of one output'),
          tier: z.enum(TIERS).describe('the lowest event tag that may produce it'),
          ai: z.boolean(),
        }),
      )
      .describe('output kinds of the booth app: token cost and tier'),
    volumeDiscounts: z.array(
      z.object({ minLicenses: z.number(), maxLicenses: z.number().nullable(), rate: z.string() }),
    ),
    createdAt: z.string(),
  })
  .meta({ id: 'LicenseCatalog' });

export const Coupon = z
  .object({
    id: z.string(),
    code: z.string(),
    percentOff: z.string().nullable(),
    amountOff: MoneyOutput.nullable(),
    validFrom: z.string().nullable(),
    validUntil: z.string().nullable(),
    maxRedemptions: z.number().nullable(),
    duration: z.enum(['once', 'repeating', 'forever']),
    durationRenewals: z.number().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Coupon' });

export const BoothStatus = z
  .object({
    accountId: z.string(),
    locked: z.boolean(),
    reason: z.string().nullable(),
    lockedSince: z.string().nullable(),
    usableLicenses: z.array(z.object({ id: z.string(), tier: z.enum(TIERS) })),
    monthlyAnchor: z.string().nullable(),
    history: z.array(z.object({ locked: z.boolean(), reason: z.string(), at: z.string() })),
    enterprise: z.object({
      status: z.enum(['none', 'active', 'suspended']),
      licenseId: z.string().nullable(),
      renewsAt: z.string().nullable(),
      reason: z.string().nullable().describe('why it is suspended'),
    }),
    entitlements: z
      .object({
        whiteLabel: z.boolean(),
        customDomain: z.boolean(),
        brandedEmails: z.boolean(),
        dedicatedSupport: z.boolean(),
      })
      .describe('what the Enterprise add-on grants now: all true while it and a base license are active'),
  })
  .meta({ id: 'BoothStatus' });

export const PaidOpenInvoice = z.object({
  invoiceId: z.string(),
  status: z.string(),
  number: z.string().nullable(),
  total: MoneyOutput,
  reactivatedLicenseIds: z.array(z.string()),
});
