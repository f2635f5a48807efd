import type { Money } from '../shared/decimal';

export type Tier = 'basic' | 'pro' | 'premium';
export type Product = Tier | 'enterprise';
export type Period = 'monthly' | 'annual';

export interface Feature {
  code: string;
  name: string;
}

export interface Catalog {
  version: number;
  tiers: { tier: Tier; monthly: Money; annual: Money; features: Feature[]; ownFeatures: Feature[] }[];
  enterprise: { annual: Money; features: Feature[] };
  volumeDiscounts: { minLicenses: number; maxLicenses: number | null; rate: string }[];
}

export interface LicenseQuote {
  product: Product;
  period: Period;
  quantity: number;
  listUnitPrice: Money;
  lines: { kind: string; description: string; quantity: number; amount: Money }[];
  subtotal: Money;
  accountCredit: Money;
  total: Money;
  /** Sent back with the purchase: charged from the same instant, so the invoice reads as this quote. */
  pricedAt: string;
  volumeDiscount: { rate: string; activeLicensesAfter: number };
  periodStart: string;
  periodEnd: string;
  proRata: { remainingSeconds: number; cycleSeconds: number } | null;
  coupon: {
    code: string;
    applied: boolean;
    reason: string | null;
    detail: string | null;
    discount: Money;
  } | null;
  volumeDiscountCredit: { amount: Money; licenses: number } | null;
}

export interface License {
  id: string;
  tier: Product;
  period: Period;
  status: 'active' | 'expired' | 'removed';
  listPrice: Money;
  /** One full period at what it is billed: after volume discount and coupon. */
  billedPrice: Money;
  purchasedAt: string;
  currentPeriodStart: string;
  currentPeriodEnd: string;
  renewsAt: string | null;
  cancelAtPeriodEnd: boolean;
  cancelEffectiveAt: string | null;
  pendingDowngrade: Tier | null;
  downgradeEffectiveAt: string | null;
  openInvoiceId: string | null;
  endedAt: string | null;
  endReason: string | null;
}

export interface Purchased {
  orderId: string;
  invoiceId: string | null;
  total: Money;
  licenses: License[];
}

export interface BoothStatus {
  locked: boolean;
  reason: string | null;
  enterprise?: {
    status: 'none' | 'active' | 'suspended';
    licenseId: string | null;
    renewsAt: string | null;
    reason: string | null;
  };
  entitlements?: {
    whiteLabel: boolean;
    customDomain: boolean;
    brandedEmails: boolean;
    dedicatedSupport: boolean;
  };
}

export interface TokenWallet {
  balance: Money;
  held: Money;
  available: Money;
  recentPurchases: {
    id: string;
    pack: number;
    quantity: number;
    tokens: Money;
    price: Money;
    status: 'pending' | 'paid' | 'declined';
    invoiceId: string | null;
    declineReason: string | null;
    createdAt: string;
  }[];
}

export interface TokenPack {
  tokens: number;
  price: Money;
  pricePerToken: Money;
}

export interface Estimate {
  sessions: { min: number; max: number };
  sessionsPerHour: { min: number; max: number };
  tokens: { min: Money; max: Money };
  available: Money;
  shortfall: Money;
  packs: { items: { tokens: number; count: number; price: Money }[]; tokens: number; price: Money };
  templates: { id: string; costPerSession: Money }[];
}

export interface PaymentMethod {
  id: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
  isDefault: boolean;
  createdAt: string;
}

export interface BoothInvoice {
  id: string;
  number: string | null;
  date: string;
  description: string;
  amount: Money;
  status: 'draft' | 'open' | 'paid' | 'void' | 'uncollectible' | string;
  pdfUrl: string | null;
}

/** One of the account's templates, with its token cost per session in the catalog in force. */
export interface BoothTemplate {
  id: string;
  name: string;
  tier: 'basic' | 'pro' | 'premium';
  costPerSession: { amount: string; unit: 'TOKEN' };
  paysForAi: boolean;
  archived: boolean;
}
