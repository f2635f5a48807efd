/**
 * Booth licenses, without I/O: the catalog's shape, tiers and their features, billing-date
 * arithmetic (monthly anchors with month ends, annual renewals), the volume discount, coupons,
 * pro-rata, and the order summary (quote) whose lines become the invoice's lines.
 *
 * Order of pricing (DESIGN §5): list price (or its pro-rata part) → volume discount → coupon →
 * account credit → total. Every line is rounded once, half-up to cents, from its exact value; the
 * total is the sum of the rounded lines, so an invoice always adds up.
 *
 * Amounts are USD micros (money.ts); rates are basis points (1,000 bp = 10%).
 */
import type { BoothInvoiceLineKind } from '../billing/booth-invoice-rules.js';
import {
  formatDate,
  formatDateRange,
  formatMoneyWithUnit,
  formatProRata,
} from '../../kernel/format-rules.js';
import { formatAmount, roundHalfUp } from '../../kernel/money.js';
import { addUtcMonths } from '../../kernel/dates.js';

export const TIERS = ['basic', 'pro', 'premium'] as const;
export type Tier = (typeof TIERS)[number];
export const PRODUCTS = [...TIERS, 'enterprise'] as const;
export type Product = (typeof PRODUCTS)[number];
export const BILLING_PERIODS = ['monthly', 'annual'] as const;
export type BillingPeriod = (typeof BILLING_PERIODS)[number];

export const TIER_RANK: Record<Tier, number> = { basic: 0, pro: 1, premium: 2 };
export const isTier = (p: string): p is Tier => (TIERS as readonly string[]).includes(p);
export const tierCovers = (license: Tier, needed: Tier) => TIER_RANK[license] >= TIER_RANK[needed];

export const TIER_NAMES: Record<Product, string> = {
  basic: 'Basic',
  pro: 'Pro',
  premium: 'Premium',
  enterprise: 'Enterprise add-on',
};

export interface Feature {
  code: string;
  name: string;
}

/** Prices of one catalog version, USD micros in whole cents. */
export interface LicensePrices {
  basic: { monthly: bigint; annual: bigint };
  pro: { monthly: bigint; annual: bigint };
  premium: { monthly: bigint; annual: bigint };
  /** The Enterprise add-on, per year. */
  enterpriseAnnual: bigint;
}

/**
 * One output kind of the catalog: its token cost (micros), the tier an event needs to produce it,
 * and whether it is an AI output (a virtual booth session that paid for one pays no session token).
 */
export interface OutputKindSpec {
  name: string;
  tokenMicros: bigint;
  tier: Tier;
  ai: boolean;
}
/** Output kinds by code (`ai_video_high` ...), operator-edited with the rest of the catalog. */
export type OutputCatalog = Readonly<Record<string, OutputKindSpec>>;

/** The catalog's JSON form of the outputs (token micros as text: exact). */
export type StoredOutputCatalog = Record<
  string,
  { name: string; tokenMicros: string; tier: Tier; ai: boolean }
>;

export function outputCatalogFromJson(json: StoredOutputCatalog): OutputCatalog {
  const out: Record<string, OutputKindSpec> = {};
  for (const [kind, o] of Object.entries(json)) {
    out[kind] = { name: o.name, tokenMicros: BigInt(o.tokenMicros), tier: o.tier, ai: o.ai };
  }
  return out;
}

export function outputCatalogToJson(outputs: OutputCatalog): StoredOutputCatalog {
  const out: StoredOutputCatalog = {};
  for (const [kind, o] of Object.entries(outputs)) {
    out[kind] = { name: o.name, tokenMicros: o.tokenMicros.toString(), tier: o.tier, ai: o.ai };
  }
  return out;
}

export interface LicenseCatalog {
  version: number;
  prices: LicensePrices;
  /** Output kinds: token cost, tier, AI or not. */
  outputs: OutputCatalog;
  /** Each tier's OWN features; a tier includes every lower tier's (Premium ⊇ Pro ⊇ Basic). */
  features: Record<Tier, Feature[]>;
  enterpriseFeatures: Feature[];
}

const usd = (dollars: number) => BigInt(dollars) * 1_000_000n;

export const DEFAULT_PRICES: LicensePrices = {
  basic: { monthly: usd(49), annual: usd(490) },
  pro: { monthly: usd(99), annual: usd(990) },
  premium: { monthly: usd(149), annual: usd(1490) },
  enterpriseAnnual: usd(1500),
};

/** Sample feature lists (the seeds name tiers, not their features): operators edit them in the catalog. */
export const DEFAULT_FEATURES: Record<Tier, Feature[]> = {
  basic: [
    { code: 'photo_capture', name: 'Photo, GIF and boomerang capture' },
    { code: 'templates', name: 'Templates and overlays' },
    { code: 'delivery', name: 'Email, SMS and QR delivery' },
    { code: 'gallery', name: 'Event gallery' },
  ],
  pro: [
    { code: 'ai_image', name: 'AI image outputs' },
    { code: 'custom_branding', name: 'Custom branding' },
    { code: 'data_capture', name: 'Data capture forms' },
    { code: 'analytics', name: 'Event analytics' },
  ],
  premium: [
    { code: 'ai_video', name: 'AI video outputs' },
    { code: 'premium_background_removal', name: 'Premium background removal' },
    { code: 'virtual_booth', name: 'Virtual booth' },
    { code: 'multi_booth', name: 'Multi-booth operations' },
  ],
};

export const DEFAULT_ENTERPRISE_FEATURES: Feature[] = [
  { code: 'white_label', name: 'Account-wide white labeling' },
  { code: 'custom_domain', name: 'Custom domain' },
  { code: 'branded_emails', name: 'Branded delivery emails' },
  { code: 'dedicated_support', name: 'Dedicated support' },
];

/** Every feature a tier gives: its own and all lower tiers'. */
export function featuresOf(catalog: Pick<LicenseCatalog, 'features'>, tier: Tier): Feature[] {
  return TIERS.filter((t) => TIER_RANK[t] <= TIER_RANK[tier]).flatMap((t) => catalog.features[t]);
}

/** The list price of one license for one full period. */
export function listPrice(prices: LicensePrices, product: Product, period: BillingPeriod): bigint {
  if (product === 'enterprise') return prices.enterpriseAnnual;
  return prices[product][period];
}

// ---------------------------------------------------------------------------------------------
// Billing dates

/**
 * The anchor moved by `months` calendar months, its day clamped to the target month's length:
 * anchor Jan 31 → Feb 28 (29 in a leap year), Mar 31, Apr 30 ... Always computed from the anchor
 * itself, never from the previous date, so a 31st comes back to the 31st after a short month.
 */
export function addMonthsClamped(anchor: Date, months: number): Date {
  return addUtcMonths(anchor, months);
}

/** The monthly billing cycle [start, end) of an account's anchor that contains `at`. */
export function monthlyCycle(anchor: Date, at: Date): { index: number; start: Date; end: Date } {
  let n = (at.getUTCFullYear() - anchor.getUTCFullYear()) * 12 + (at.getUTCMonth() - anchor.getUTCMonth());
  while (addMonthsClamped(anchor, n).getTime() > at.getTime()) n--;
  while (addMonthsClamped(anchor, n + 1).getTime() <= at.getTime()) n++;
  return { index: n, start: addMonthsClamped(anchor, n), end: addMonthsClamped(anchor, n + 1) };
}

/** An annual license's n-th renewal: n years after its purchase, Feb 29 → Feb 28 in common years. */
export function annualRenewal(purchasedAt: Date, years: number): Date {
  return addMonthsClamped(purchasedAt, 12 * years);
}

/** The yearly cycle [start, end) of an anchor that contains `at`. */
export function yearlyCycle(anchor: Date, at: Date): { index: number; start: Date; end: Date } {
  let n = at.getUTCFullYear() - anchor.getUTCFullYear();
  while (annualRenewal(anchor, n).getTime() > at.getTime()) n--;
  while (annualRenewal(anchor, n + 1).getTime() <= at.getTime()) n++;
  return { index: n, start: annualRenewal(anchor, n), end: annualRenewal(anchor, n + 1) };
}

/** Whole seconds from `from` to `to` (never negative). */
export function secondsBetween(from: Date, to: Date): bigint {
  const ms = to.getTime() - from.getTime();
  return ms <= 0 ? 0n : BigInt(Math.floor(ms / 1000));
}

/** Drops milliseconds: billing instants are whole seconds. */
export const toSecond = (d: Date) => new Date(Math.floor(d.getTime() / 1000) * 1000);

// ---------------------------------------------------------------------------------------------
// Exact fractions and rounding

/** An exact amount of micros: num / den, den > 0. */
export interface Fraction {
  num: bigint;
  den: bigint;
}

export const frac = (num: bigint, den = 1n): Fraction => ({ num, den });
export const addFrac = (a: Fraction, b: Fraction): Fraction => ({
  num: a.num * b.den + b.num * a.den,
  den: a.den * b.den,
});

/** Rounds an exact amount of micros half-up (away from zero on .5) to whole cents. */
export function roundToCents(f: Fraction): bigint {
  const step = 10_000n;
  const neg = f.num < 0n !== f.den < 0n;
  const num = f.num < 0n ? -f.num : f.num;
  const den = f.den < 0n ? -f.den : f.den;
  const cents = (2n * num + step * den) / (2n * step * den);
  return (neg ? -cents : cents) * step;
}

// ---------------------------------------------------------------------------------------------
// Volume discount

/** Basis points of the volume discount for this many active device licenses: 5–9 → 10%, 10+ → 15%. */
export function volumeRateBp(activeDeviceLicenses: number): number {
  if (activeDeviceLicenses >= 10) return 1500;
  if (activeDeviceLicenses >= 5) return 1000;
  return 0;
}

/** Basis points as a percentage for people (1000 → "10%", 1250 → "12.50%"), in integers only. */
export const percentOfBp = (bp: number) =>
  `${Math.trunc(bp / 100)}${bp % 100 === 0 ? '' : `.${String(bp % 100).padStart(2, '0')}`}%`;

/** A license already running, as the volume-discount credit sees it. */
export interface RunningLicense {
  id: string;
  /**
   * What its current period was billed (pro-rata part for one bought mid-cycle), after the volume
   * discount of `volumeRateBp` and any coupon, before account credit: exact micros.
   */
  periodBilledMicros: bigint;
  /** The volume rate its current period was charged at (or already credited up to). */
  volumeRateBp: number;
  currentPeriodStart: Date;
  currentPeriodEnd: Date;
}

/**
 * When a purchase moves the account to a higher volume rate, each license already running gets
 * the difference for the rest of its current period, computed on what it was actually billed
 * (after its coupon, issue 16): billed ÷ (1 − old rate) × (new − old rate) × remaining seconds ÷
 * the period's seconds, summed exactly and rounded once (one credit line). A $79.20 license (a
 * 20% coupon on $99) crossing from 0% to 10% for its whole period gets $7.92, not $9.90.
 */
export function volumeDiscountCredit(
  running: readonly RunningLicense[],
  newRateBp: number,
  at: Date,
): { amountMicros: bigint; licenseIds: string[] } {
  let total = frac(0n);
  const ids: string[] = [];
  for (const l of running) {
    const diff = newRateBp - l.volumeRateBp;
    if (diff <= 0) continue;
    const remaining = secondsBetween(at, l.currentPeriodEnd);
    const length = secondsBetween(l.currentPeriodStart, l.currentPeriodEnd);
    if (remaining === 0n || length === 0n) continue;
    const undiscounted = BigInt(10_000 - l.volumeRateBp);
    if (undiscounted <= 0n) continue;
    total = addFrac(total, frac(l.periodBilledMicros * BigInt(diff) * remaining, undiscounted * length));
    ids.push(l.id);
  }
  return { amountMicros: roundToCents(total), licenseIds: ids };
}

// ---------------------------------------------------------------------------------------------
// Coupons

export type CouponDuration = 'once' | 'repeating' | 'forever';

export interface CouponDefinition {
  id: string;
  code: string;
  /** Exactly one of: a percentage (basis points, 1..10,000) or a fixed USD amount off. */
  percentBp: number | null;
  amountOffMicros: bigint | null;
  validFrom: Date | null;
  validUntil: Date | null;
  maxRedemptions: number | null;
  duration: CouponDuration;
  /** For `repeating`: how many renewals after the purchase also get the discount. */
  durationRenewals: number | null;
}

export type CouponRejection =
  'coupon_not_found' | 'coupon_not_yet_valid' | 'coupon_expired' | 'coupon_redemption_limit_reached';

export const COUPON_REJECTION_TEXT: Record<CouponRejection, string> = {
  coupon_not_found: 'no such coupon code',
  coupon_not_yet_valid: 'this coupon is not valid yet',
  coupon_expired: 'this coupon has expired',
  coupon_redemption_limit_reached: 'this coupon has reached its redemption limit',
};

export type CouponEvaluation =
  | { status: 'none' }
  | { status: 'applied'; coupon: CouponDefinition }
  | { status: 'rejected'; code: string; reason: CouponRejection; detail: string };

/** Whether a coupon applies to a purchase at `at`; an invalid one gives no discount and a reason. */
export function evaluateCoupon(
  code: string | undefined,
  coupon: CouponDefinition | undefined,
  redemptions: number,
  at: Date,
): CouponEvaluation {
  if (code === undefined) return { status: 'none' };
  const reject = (reason: CouponRejection): CouponEvaluation => ({
    status: 'rejected',
    code,
    reason,
    detail: COUPON_REJECTION_TEXT[reason],
  });
  if (!coupon) return reject('coupon_not_found');
  if (coupon.validFrom && at.getTime() < coupon.validFrom.getTime()) return reject('coupon_not_yet_valid');
  if (coupon.validUntil && at.getTime() >= coupon.validUntil.getTime()) return reject('coupon_expired');
  if (coupon.maxRedemptions !== null && redemptions >= coupon.maxRedemptions) {
    return reject('coupon_redemption_limit_reached');
  }
  return { status: 'applied', coupon };
}

/** Renewals a coupon still covers after the purchase: null = forever. */
export function couponRenewals(coupon: CouponDefinition): number | null {
  if (coupon.duration === 'forever') return null;
  if (coupon.duration === 'once') return 0;
  return coupon.durationRenewals ?? 0;
}

/** The discount (positive micros, whole cents) a coupon takes off `amount` (already volume-discounted). */
export function couponDiscount(
  coupon: Pick<CouponDefinition, 'percentBp' | 'amountOffMicros'>,
  amountMicros: bigint,
): bigint {
  if (amountMicros <= 0n) return 0n;
  if (coupon.percentBp !== null) {
    const d = roundToCents(frac(amountMicros * BigInt(coupon.percentBp), 10_000n));
    return d > amountMicros ? amountMicros : d;
  }
  const off = coupon.amountOffMicros ?? 0n;
  return off > amountMicros ? amountMicros : off;
}

export function describeCoupon(c: Pick<CouponDefinition, 'code' | 'percentBp' | 'amountOffMicros'>): string {
  return c.percentBp !== null
    ? `Coupon ${c.code} (${percentOfBp(c.percentBp)} off)`
    : `Coupon ${c.code} (${formatMoneyWithUnit(c.amountOffMicros ?? 0n, 'USD')} off)`;
}

// ---------------------------------------------------------------------------------------------
// Quote

export interface QuoteLine {
  kind: BoothInvoiceLineKind;
  description: string;
  quantity: number;
  amountMicros: bigint;
  metadata: Record<string, string>;
}

export interface PurchaseRequest {
  product: Product;
  period: BillingPeriod;
  quantity: number;
}

export interface QuoteContext {
  at: Date;
  catalog: LicenseCatalog;
  /** Device licenses (Basic/Pro/Premium) active now, cancelled-but-still-active included. */
  activeDeviceLicenses: number;
  /** The account's monthly anchor; null until its first monthly purchase (which sets it to `at`). */
  monthlyAnchor: Date | null;
  coupon: CouponEvaluation;
  /** The USD wallet balance: shown as account credit, applied after the coupon. */
  accountCreditMicros: bigint;
  /** Licenses already running, for the volume-discount credit when a threshold is crossed. */
  running: readonly RunningLicense[];
}

export interface LicenseQuote {
  request: PurchaseRequest;
  catalogVersion: number;
  /** Lines that are charged: list price or pro-rata part, volume discount, coupon. */
  lines: QuoteLine[];
  subtotalMicros: bigint;
  /** Account credit applied (≤ subtotal): one deduction after the subtotal, never a line. */
  accountCreditMicros: bigint;
  /** subtotal − account credit. */
  totalMicros: bigint;
  listUnitPriceMicros: bigint;
  volumeRateBp: number;
  deviceLicensesAfter: number;
  periodStart: Date;
  periodEnd: Date;
  /** The list amount of one license's first period, exact micros (pro-rata part when mid-cycle). */
  periodListMicros: bigint;
  /** The monthly anchor after the purchase. */
  monthlyAnchor: Date | null;
  proRata: { remainingSeconds: bigint; cycleSeconds: bigint } | null;
  coupon: CouponEvaluation & { discountMicros: bigint; renewalsCovered: number | null };
  /** Credit granted to the account for the licenses already running (not part of this total). */
  volumeDiscountCredit: { amountMicros: bigint; licenseIds: string[]; rateBp: number } | null;
}

/** How long a quote's instant may be carried into its purchase (`purchaseInstant`). */
export const QUOTE_VALID_MS = 15 * 60_000;

/**
 * The instant a purchase is priced from. With the quote's instant (its `pricedAt`, to the
 * second) the purchase runs `quotePurchase` on the same instant, so the invoice's lines, their
 * text and amounts are the quote's, even when midnight passed in between; it is accepted when at
 * most QUOTE_VALID_MS old and not in the future, otherwise `undefined` (quote again). Without
 * one: now.
 */
export function purchaseInstant(quotedAt: Date | undefined, now: Date): Date | undefined {
  if (quotedAt === undefined) return now;
  const age = now.getTime() - quotedAt.getTime();
  return age >= 0 && age <= QUOTE_VALID_MS ? quotedAt : undefined;
}

// Descriptions are written with the one formatter of documents (kernel/format-rules.ts).
const money = (m: bigint) => formatMoneyWithUnit(m, 'USD');

/** The order summary of a purchase; `purchase-licenses` charges exactly these lines. */
export function quotePurchase(req: PurchaseRequest, c: QuoteContext): LicenseQuote {
  const at = toSecond(c.at);
  const unit = listPrice(c.catalog.prices, req.product, req.period);
  const isDevice = req.product !== 'enterprise';
  const deviceAfter = c.activeDeviceLicenses + (isDevice ? req.quantity : 0);
  const rate = isDevice ? volumeRateBp(deviceAfter) : 0;
  const first = firstPeriod(req, unit, at, c.monthlyAnchor);
  const discounts = discountLines(first.line.amountMicros, rate, deviceAfter, c.coupon);
  const lines = [first.line, ...discounts.lines];
  const subtotal = lines.reduce((s, l) => s + l.amountMicros, 0n);
  const balance = c.accountCreditMicros > 0n ? c.accountCreditMicros : 0n;
  const appliedCredit = roundHalfUp(balance < subtotal ? balance : subtotal, 2);
  const before = volumeRateBp(c.activeDeviceLicenses);
  const vdc = isDevice && rate > before ? volumeDiscountCredit(c.running, rate, at) : null;
  return {
    request: req,
    catalogVersion: c.catalog.version,
    lines,
    subtotalMicros: subtotal,
    accountCreditMicros: appliedCredit,
    totalMicros: subtotal - appliedCredit,
    listUnitPriceMicros: unit,
    volumeRateBp: rate,
    deviceLicensesAfter: deviceAfter,
    periodStart: at,
    periodEnd: first.end,
    periodListMicros: first.periodList.num / first.periodList.den,
    monthlyAnchor: req.period === 'monthly' ? first.anchor : c.monthlyAnchor,
    proRata: first.proRata,
    coupon: {
      ...c.coupon,
      discountMicros: discounts.couponDiscountMicros,
      renewalsCovered: discounts.renewalsCovered,
    },
    volumeDiscountCredit: vdc && vdc.amountMicros > 0n ? { ...vdc, rateBp: rate } : null,
  };
}

/**
 * The first period of a purchase and its charged line: a full period at the list price, or (a
 * monthly license added mid-cycle) the pro-rata part up to the account's monthly anchor.
 */
function firstPeriod(
  req: PurchaseRequest,
  unit: bigint,
  at: Date,
  monthlyAnchor: Date | null,
): {
  line: QuoteLine;
  end: Date;
  anchor: Date | null;
  proRata: LicenseQuote['proRata'];
  periodList: Fraction;
} {
  const name = `${TIER_NAMES[req.product]} ${req.period}`;
  const metadata = { product: req.product, period: req.period, unitPrice: formatAmount(unit, 'USD') };
  if (req.period === 'monthly') {
    const anchor = monthlyAnchor ?? at;
    const cycle = monthlyCycle(anchor, at);
    const remaining = secondsBetween(at, cycle.end);
    const length = secondsBetween(cycle.start, cycle.end);
    if (remaining < length) {
      const line: QuoteLine = {
        kind: 'pro_rata',
        description: `${name} × ${req.quantity} at ${money(unit)}/month, pro-rata ${formatProRata({ start: at, end: cycle.end }, cycle)}`,
        quantity: req.quantity,
        amountMicros: roundToCents(frac(unit * BigInt(req.quantity) * remaining, length)),
        metadata: { ...metadata, remainingSeconds: remaining.toString(), cycleSeconds: length.toString() },
      };
      const proRata = { remainingSeconds: remaining, cycleSeconds: length };
      return { line, end: cycle.end, anchor, proRata, periodList: frac(unit * remaining, length) };
    }
    return {
      line: fullLine(req, unit, at, cycle.end),
      end: cycle.end,
      anchor,
      proRata: null,
      periodList: frac(unit),
    };
  }
  const end = annualRenewal(at, 1);
  return {
    line: fullLine(req, unit, at, end),
    end,
    anchor: monthlyAnchor,
    proRata: null,
    periodList: frac(unit),
  };
}

function fullLine(req: PurchaseRequest, unit: bigint, start: Date, end: Date): QuoteLine {
  return {
    kind: 'purchase',
    description: `${TIER_NAMES[req.product]} ${req.period} × ${req.quantity} at ${money(unit)}, ${formatDateRange(start, end)}`,
    quantity: req.quantity,
    amountMicros: unit * BigInt(req.quantity),
    metadata: { product: req.product, period: req.period, unitPrice: formatAmount(unit, 'USD') },
  };
}

/** The volume discount on the base amount, then the coupon on what is left (DESIGN §5 order). */
function discountLines(
  base: bigint,
  rate: number,
  deviceAfter: number,
  coupon: CouponEvaluation,
): { lines: QuoteLine[]; couponDiscountMicros: bigint; renewalsCovered: number | null } {
  const lines: QuoteLine[] = [];
  const volume = rate > 0 ? roundToCents(frac(base * BigInt(rate), 10_000n)) : 0n;
  if (volume > 0n) {
    lines.push({
      kind: 'volume_discount',
      description: `Volume discount ${percentOfBp(rate)} (${deviceAfter} active licenses)`,
      quantity: 1,
      amountMicros: -volume,
      metadata: { rateBp: String(rate), activeLicenses: String(deviceAfter) },
    });
  }
  if (coupon.status !== 'applied') return { lines, couponDiscountMicros: 0n, renewalsCovered: 0 };
  const discount = couponDiscount(coupon.coupon, base - volume);
  if (discount > 0n) {
    lines.push({
      kind: 'coupon',
      description: describeCoupon(coupon.coupon),
      quantity: 1,
      amountMicros: -discount,
      metadata: { couponId: coupon.coupon.id, code: coupon.coupon.code },
    });
  }
  return { lines, couponDiscountMicros: discount, renewalsCovered: couponRenewals(coupon.coupon) };
}

// ---------------------------------------------------------------------------------------------
// Renewal

export interface RenewingLicense {
  id: string;
  product: Product;
  period: BillingPeriod;
  /** Tier it renews as (a pending downgrade applied). */
  couponId: string | null;
  /** The coupon still applies to this renewal. */
  coupon: Pick<CouponDefinition, 'code' | 'percentBp' | 'amountOffMicros'> | null;
}

/**
 * The lines of one renewal invoice: one renewal line per (product, period) at the catalog price in
 * force, one volume-discount line at the rate of the device licenses active after the renewal
 * (Enterprise excluded from both), then one coupon line per coupon still running.
 */
export function quoteRenewal(
  renewing: readonly RenewingLicense[],
  prices: LicensePrices,
  deviceLicensesAfter: number,
  periodEnds: ReadonlyMap<string, Date>,
): { lines: QuoteLine[]; rateBp: number; listByLicense: Map<string, bigint> } {
  const rate = volumeRateBp(deviceLicensesAfter);
  const groups = new Map<string, RenewingLicense[]>();
  for (const l of renewing) {
    const k = `${l.product}:${l.period}`;
    groups.set(k, [...(groups.get(k) ?? []), l]);
  }
  const lines: QuoteLine[] = [];
  const listByLicense = new Map<string, bigint>();
  let deviceBase = 0n;
  const order = [...groups.keys()].sort(
    (a, b) => PRODUCTS.indexOf(a.split(':')[0] as Product) - PRODUCTS.indexOf(b.split(':')[0] as Product),
  );
  for (const k of order) {
    const group = groups.get(k)!;
    const { product, period } = group[0]!;
    const unit = listPrice(prices, product, period);
    const amount = unit * BigInt(group.length);
    const end = periodEnds.get(group[0]!.id);
    for (const l of group) listByLicense.set(l.id, unit);
    if (product !== 'enterprise') deviceBase += amount;
    lines.push({
      kind: 'renewal',
      description: `${TIER_NAMES[product]} ${period} × ${group.length} at ${money(unit)}${end ? `, until ${formatDate(end)}` : ''}`,
      quantity: group.length,
      amountMicros: amount,
      metadata: { product, period, unitPrice: formatAmount(unit, 'USD') },
    });
  }
  if (rate > 0 && deviceBase > 0n) {
    lines.push({
      kind: 'volume_discount',
      description: `Volume discount ${percentOfBp(rate)} (${deviceLicensesAfter} active licenses)`,
      quantity: 1,
      amountMicros: -roundToCents(frac(deviceBase * BigInt(rate), 10_000n)),
      metadata: { rateBp: String(rate), activeLicenses: String(deviceLicensesAfter) },
    });
  }
  const byCoupon = new Map<string, RenewingLicense[]>();
  for (const l of renewing) {
    if (!l.couponId || !l.coupon) continue;
    byCoupon.set(l.couponId, [...(byCoupon.get(l.couponId) ?? []), l]);
  }
  for (const [couponId, group] of byCoupon) {
    const coupon = group[0]!.coupon!;
    let base = 0n;
    for (const l of group) {
      const list = listByLicense.get(l.id)!;
      const r = l.product === 'enterprise' ? 0 : rate;
      base += list - (list * BigInt(r)) / 10_000n;
    }
    const d = couponDiscount(coupon, base);
    if (d > 0n) {
      lines.push({
        kind: 'coupon',
        description: `${describeCoupon(coupon)} × ${group.length}`,
        quantity: 1,
        amountMicros: -d,
        metadata: { couponId, code: coupon.code },
      });
    }
  }
  return { lines, rateBp: rate, listByLicense };
}

/**
 * The operator's immediate cancellation: what the license paid for its current period, for the
 * seconds left of it, rounded once.
 */
export function cancellationCredit(paidMicros: bigint, periodStart: Date, periodEnd: Date, at: Date): bigint {
  const remaining = secondsBetween(at, periodEnd);
  const length = secondsBetween(periodStart, periodEnd);
  if (remaining === 0n || length === 0n || paidMicros <= 0n) return 0n;
  return roundToCents(frac(paidMicros * remaining, length));
}

export const sumLines = (lines: readonly { amountMicros: bigint }[]) =>
  lines.reduce((s, l) => s + l.amountMicros, 0n);

// ---------------------------------------------------------------------------------------------
// Enterprise entitlements

export interface Entitlements {
  whiteLabel: boolean;
  customDomain: boolean;
  brandedEmails: boolean;
  dedicatedSupport: boolean;
}

export type EnterpriseStatus = 'none' | 'active' | 'suspended';

/**
 * What the Enterprise add-on grants: everything while it is active and at least one base license
 * can run events; with none it is suspended (nothing granted) until a base license is active again.
 */
export function enterpriseState(
  enterpriseActive: boolean,
  usableBaseLicenses: number,
): { status: EnterpriseStatus; entitlements: Entitlements } {
  const on = enterpriseActive && usableBaseLicenses > 0;
  return {
    status: !enterpriseActive ? 'none' : on ? 'active' : 'suspended',
    entitlements: { whiteLabel: on, customDomain: on, brandedEmails: on, dedicatedSupport: on },
  };
}

// Entities as the stores, use cases and routes pass them around (the stores map their rows into these;
// docs/architecture.md, "Entity types").

export interface CatalogVersionRecord extends LicenseCatalog {
  reason: string;
  createdBy: string;
  createdAt: Date;
}

export interface CouponRecord extends CouponDefinition {
  reason: string;
  createdBy: string;
  createdAt: Date;
}

export type OrderStatus = 'pending' | 'paid' | 'failed';

export interface OrderRecord {
  id: string;
  accountId: string;
  idempotencyScope: string;
  idempotencyKey: string;
  requestHash: string;
  product: Product;
  period: BillingPeriod;
  quantity: number;
  catalogVersion: number;
  couponId: string | null;
  status: OrderStatus;
  totalMicros: bigint;
  /** The quote the order was priced from, as saved with it. */
  quote: LicenseQuote;
  invoiceId: string | null;
  failure: { code: string; detail: string; extra?: Record<string, unknown> } | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface BoothAccountRecord {
  accountId: string;
  monthlyAnchor: Date | null;
  locked: boolean;
  lockReason: string | null;
  lockedSince: Date | null;
  updatedAt: Date;
}

export type LicenseStatus = 'active' | 'expired' | 'removed';

export interface LicenseRecord {
  id: string;
  accountId: string;
  orderId: string;
  product: Product;
  period: BillingPeriod;
  status: LicenseStatus;
  catalogVersion: number;
  listPriceMicros: bigint;
  periodListMicros: bigint;
  paidMicros: bigint;
  volumeRateBp: number;
  periodAnchor: Date;
  currentPeriodStart: Date;
  currentPeriodEnd: Date;
  cancelAtPeriodEnd: boolean;
  cancelRequestedAt: Date | null;
  pendingProduct: Tier | null;
  pendingRequestedAt: Date | null;
  couponId: string | null;
  couponRenewalsLeft: number | null;
  openInvoiceId: string | null;
  endedAt: Date | null;
  endReason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface RenewalItem {
  licenseId: string;
  product: Product;
  period: BillingPeriod;
  start: Date;
  end: Date;
  listMicros: bigint;
  paidMicros: bigint;
  couponRenewalsLeft: number | null;
  keepCoupon: boolean;
}

export interface RenewalRecord {
  accountId: string;
  billingDate: Date;
  status: 'building' | 'paid' | 'open' | 'nothing';
  items: RenewalItem[];
  lines: QuoteLine[];
  catalogVersion: number;
  rateBp: number;
  invoiceId: string | null;
}
