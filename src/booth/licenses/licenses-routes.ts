import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  DEFAULT_ENTERPRISE_FEATURES,
  DEFAULT_FEATURES,
  type LicenseQuote,
  TIERS,
  featuresOf,
  percentOfBp,
  type CatalogVersionRecord,
  type CouponRecord,
} from './licensing-rules.js';
import { cancelLicense } from './cancel-license.js';
import { cancelLicenseNow } from './cancel-license-now.js';
import type { BoothContext } from '../context.js';
import { createCoupon } from './create-coupon.js';
import { downgradeLicense } from './downgrade-license.js';
import { getBoothStatus } from './get-booth-status.js';
import { getLicenseCatalog } from './get-license-catalog.js';
import { getLicense } from './get-license.js';
import { type LicenseView, listAccountLicenses, viewOf } from './list-licenses.js';
import { payOpenInvoice } from '../billing/pay-open-invoice.js';
import { purchaseLicenses } from './purchase-licenses.js';
import { quoteLicenses } from './quote-licenses.js';
import { undoCancelLicense } from './undo-cancel-license.js';
import { undoDowngradeLicense } from './undo-downgrade-license.js';
import { updateLicenseCatalog } from './update-license-catalog.js';
import { BoothInvoiceParams } from '../billing/booth-billing-schemas.js';
import {
  BoothStatus,
  CancelNowBody,
  CancelledNow,
  Catalog,
  Coupon,
  CreateCouponBody,
  DowngradeBody,
  License,
  LicenseList,
  LicenseParams,
  PaidOpenInvoice,
  PurchaseBody,
  Purchased,
  Quote,
  QuoteBody,
  UpcomingInvoices,
  UpdateCatalogBody,
} from './license-schemas.js';
import { upcomingInvoices } from './upcoming-invoice.js';
import { money } from '../../ledger/present.js';
import { callerOf, reply } from '../../kernel/http/reply.js';
import {
  AccountParams,
  IdempotencyHeaders,
  ProblemSchema,
  COMMON_PROBLEMS,
} from '../../kernel/http/schemas.js';

const ALL = ['operator', 'service', 'customer'] as const;
const OPERATOR = ['operator'] as const;
const MONEY = {
  402: ProblemSchema,
  409: ProblemSchema,
  422: ProblemSchema,
  502: ProblemSchema,
  503: ProblemSchema,
};
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const usd = (m: bigint) => money(m, 'USD');

export const presentLicense = (l: LicenseView) => ({
  id: l.id,
  accountId: l.accountId,
  orderId: l.orderId,
  tier: l.product,
  period: l.period,
  status: l.status,
  catalogVersion: l.catalogVersion,
  listPrice: usd(l.listPriceMicros),
  billedPrice: usd(l.billedPriceMicros),
  purchasedAt: l.createdAt.toISOString(),
  currentPeriodStart: l.currentPeriodStart.toISOString(),
  currentPeriodEnd: l.currentPeriodEnd.toISOString(),
  renewsAt: iso(l.renewsAt),
  cancelAtPeriodEnd: l.cancelAtPeriodEnd,
  cancelEffectiveAt: iso(l.cancelEffectiveAt),
  pendingDowngrade: l.pendingProduct,
  downgradeEffectiveAt: iso(l.downgradeEffectiveAt),
  openInvoiceId: l.openInvoiceId,
  endedAt: iso(l.endedAt),
  endReason: l.endReason,
  createdAt: l.createdAt.toISOString(),
});

export const presentQuote = (q: LicenseQuote) => ({
  product: q.request.product,
  period: q.request.period,
  quantity: q.request.quantity,
  catalogVersion: q.catalogVersion,
  listUnitPrice: usd(q.listUnitPriceMicros),
  lines: q.lines.map((l) => ({
    kind: l.kind,
    description: l.description,
    quantity: l.quantity,
    amount: usd(l.amountMicros),
  })),
  subtotal: usd(q.subtotalMicros),
  accountCredit: usd(q.accountCreditMicros),
  total: usd(q.totalMicros),
  // A purchase starts at the instant it is priced: the quote's periodStart is that instant.
  pricedAt: new Date(q.periodStart).toISOString(),
  volumeDiscount: { rate: percentOfBp(q.volumeRateBp), activeLicensesAfter: q.deviceLicensesAfter },
  periodStart: new Date(q.periodStart).toISOString(),
  periodEnd: new Date(q.periodEnd).toISOString(),
  proRata: q.proRata
    ? { remainingSeconds: Number(q.proRata.remainingSeconds), cycleSeconds: Number(q.proRata.cycleSeconds) }
    : null,
  coupon:
    q.coupon.status === 'none'
      ? null
      : {
          code: q.coupon.status === 'applied' ? q.coupon.coupon.code : q.coupon.code,
          applied: q.coupon.status === 'applied' && q.coupon.discountMicros > 0n,
          reason: q.coupon.status === 'rejected' ? q.coupon.reason : null,
          detail: q.coupon.status === 'rejected' ? q.coupon.detail : null,
          discount: usd(q.coupon.discountMicros),
        },
  volumeDiscountCredit: q.volumeDiscountCredit
    ? { amount: usd(q.volumeDiscountCredit.amountMicros), licenses: q.volumeDiscountCredit.licenseIds.length }
    : null,
});

export const presentCatalog = (c: CatalogVersionRecord) => ({
  version: c.version,
  tiers: TIERS.map((tier) => ({
    tier,
    monthly: usd(c.prices[tier].monthly),
    annual: usd(c.prices[tier].annual),
    features: featuresOf(c, tier),
    ownFeatures: c.features[tier],
  })),
  enterprise: {
    annual: usd(c.prices.enterpriseAnnual),
    features: c.enterpriseFeatures,
    requiresBaseLicense: true as const,
  },
  outputs: Object.entries(c.outputs).map(([kind, o]) => ({
    kind,
    name: o.name,
    tokens: money(o.tokenMicros, 'TOKEN'),
    tier: o.tier,
    ai: o.ai,
  })),
  volumeDiscounts: [
    { minLicenses: 5, maxLicenses: 9, rate: '10%' },
    { minLicenses: 10, maxLicenses: null, rate: '15%' },
  ],
  createdAt: c.createdAt.toISOString(),
});

const presentCoupon = (c: CouponRecord) => ({
  id: c.id,
  code: c.code,
  percentOff: c.percentBp === null ? null : percentOfBp(c.percentBp),
  amountOff: c.amountOffMicros === null ? null : usd(c.amountOffMicros),
  validFrom: iso(c.validFrom),
  validUntil: iso(c.validUntil),
  maxRedemptions: c.maxRedemptions,
  duration: c.duration,
  durationRenewals: c.durationRenewals,
  createdAt: c.createdAt.toISOString(),
});

/** The booth line's licenses: catalog, quote, purchase, cancel, downgrade, renewals. */
export const licensesRoutes =
  (ctx: BoothContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/v1/booth/catalog',
      {
        config: { roles: ALL },
        schema: {
          tags: ['licenses'],
          summary:
            'The license catalog in force: tiers, prices, features, Enterprise add-on, volume discounts',
          response: { 200: Catalog, 401: ProblemSchema },
        },
      },
      async (_request, res) => reply(res, await getLicenseCatalog(ctx), presentCatalog),
    );

    app.put(
      '/v1/booth/catalog',
      {
        config: { roles: OPERATOR },
        schema: {
          tags: ['licenses'],
          summary: 'Publish a new catalog version (audited); licenses keep their price until renewal',
          headers: IdempotencyHeaders,
          body: UpdateCatalogBody,
          response: { 201: Catalog, 409: ProblemSchema, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) => {
        const b = request.body;
        const current = await getLicenseCatalog(ctx);
        const base = current.ok ? current.value : undefined;
        const p = b.prices;
        return reply(
          res,
          await updateLicenseCatalog(
            ctx,
            callerOf(request),
            {
              prices: {
                basic: { monthly: p.basic.monthly.amountMicros, annual: p.basic.annual.amountMicros },
                pro: { monthly: p.pro.monthly.amountMicros, annual: p.pro.annual.amountMicros },
                premium: { monthly: p.premium.monthly.amountMicros, annual: p.premium.annual.amountMicros },
                enterpriseAnnual: p.enterpriseAnnual.amountMicros,
              },
              features: b.features
                ? { basic: b.features.basic, pro: b.features.pro, premium: b.features.premium }
                : (base?.features ?? DEFAULT_FEATURES),
              enterpriseFeatures:
                b.features?.enterprise ?? base?.enterpriseFeatures ?? DEFAULT_ENTERPRISE_FEATURES,
              outputs: b.outputs
                ? Object.fromEntries(
                    Object.entries(b.outputs).map(([kind, o]) => [
                      kind,
                      { name: o.name, tokenMicros: o.tokens, tier: o.tier, ai: o.ai },
                    ]),
                  )
                : (base?.outputs ?? {}),
              reason: b.reason,
            },
            request.headers['idempotency-key'],
          ),
          presentCatalog,
          201,
        );
      },
    );

    app.post(
      '/v1/booth/coupons',
      {
        config: { roles: OPERATOR },
        schema: {
          tags: ['licenses'],
          summary: 'Define a license coupon (audited): percentage or fixed, window, limit, duration',
          headers: IdempotencyHeaders,
          body: CreateCouponBody,
          response: { 201: Coupon, 409: ProblemSchema, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) => {
        const b = request.body;
        return reply(
          res,
          await createCoupon(
            ctx,
            callerOf(request),
            {
              code: b.code,
              percentBp: b.percentOff === undefined ? null : Math.round(b.percentOff * 100),
              amountOffMicros: b.amountOff?.amountMicros ?? null,
              validFrom: b.validFrom ? new Date(b.validFrom) : null,
              validUntil: b.validUntil ? new Date(b.validUntil) : null,
              maxRedemptions: b.maxRedemptions ?? null,
              duration: b.duration,
              durationRenewals: b.durationRenewals ?? null,
              reason: b.reason,
            },
            request.headers['idempotency-key'],
          ),
          presentCoupon,
          201,
        );
      },
    );

    app.post(
      '/v1/accounts/:accountId/licenses/quote',
      {
        config: { roles: ALL },
        schema: {
          tags: ['licenses'],
          summary:
            'Order summary of a license purchase (writes nothing); purchase charges exactly this total',
          params: AccountParams,
          body: QuoteBody,
          response: { 200: Quote, ...COMMON_PROBLEMS, 409: ProblemSchema, 422: ProblemSchema },
        },
      },
      async (request, res) =>
        reply(
          res,
          await quoteLicenses(ctx, { accountId: request.params.accountId, ...request.body }),
          presentQuote,
        ),
    );

    app.post(
      '/v1/accounts/:accountId/licenses',
      {
        config: { roles: ALL },
        schema: {
          tags: ['licenses'],
          summary:
            'Buy licenses with the default card; refused with price_changed unless the total is the one shown',
          params: AccountParams,
          headers: IdempotencyHeaders,
          body: PurchaseBody,
          response: { 201: Purchased, ...COMMON_PROBLEMS, ...MONEY },
        },
      },
      async (request, res) => {
        const { expectedTotal, pricedAt, ...rest } = request.body;
        return reply(
          res,
          await purchaseLicenses(
            ctx,
            callerOf(request),
            {
              accountId: request.params.accountId,
              ...rest,
              expectedTotalMicros: expectedTotal,
              ...(pricedAt === undefined ? {} : { pricedAt: new Date(pricedAt) }),
            },
            request.headers['idempotency-key'],
          ),
          (v) => ({
            orderId: v.order.id,
            invoiceId: v.invoiceId,
            volumeCreditInvoiceId: v.volumeCreditInvoiceId,
            total: usd(v.order.totalMicros),
            quote: presentQuote(v.quote),
            licenses: v.licenses.map((l) => presentLicense(viewOf(l))),
          }),
          201,
        );
      },
    );

    app.get(
      '/v1/accounts/:accountId/licenses',
      {
        config: { roles: ALL },
        schema: {
          tags: ['licenses'],
          summary: "The account's licenses: tier, period, renewal date, status, pending cancel or downgrade",
          params: AccountParams,
          response: { 200: LicenseList, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) =>
        reply(res, await listAccountLicenses(ctx, request.params.accountId), (list) => ({
          data: list.map(presentLicense),
        })),
    );

    app.get(
      '/v1/accounts/:accountId/licenses/upcoming-invoice',
      {
        config: { roles: ALL },
        schema: {
          tags: ['licenses'],
          summary: 'The next invoice per billing date: lines and total as the renewal will charge them',
          params: AccountParams,
          response: { 200: UpcomingInvoices, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) =>
        reply(res, await upcomingInvoices(ctx, request.params.accountId), (list) => ({
          data: list.map((u) => ({
            billingDate: u.billingDate.toISOString(),
            licenseIds: u.licenseIds,
            catalogVersion: u.catalogVersion,
            lines: u.lines.map((l) => ({
              kind: l.kind,
              description: l.description,
              quantity: l.quantity,
              amount: usd(l.amountMicros),
            })),
            subtotal: usd(u.subtotalMicros),
            creditApplied: usd(u.creditAppliedMicros),
            total: usd(u.totalMicros),
          })),
        })),
    );

    app.get(
      '/v1/accounts/:accountId/licenses/:licenseId',
      {
        config: { roles: ALL },
        schema: {
          tags: ['licenses'],
          summary: 'Get one license of the account',
          params: LicenseParams,
          response: { 200: License, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) =>
        reply(res, await getLicense(ctx, request.params.accountId, request.params.licenseId), presentLicense),
    );

    app.post(
      '/v1/accounts/:accountId/licenses/:licenseId/cancel',
      {
        config: { roles: ALL },
        schema: {
          tags: ['licenses'],
          summary: 'Cancel at the end of the current period (active until then, never cut mid-cycle)',
          params: LicenseParams,
          headers: IdempotencyHeaders,
          response: { 200: License, ...COMMON_PROBLEMS, 409: ProblemSchema },
        },
      },
      async (request, res) =>
        reply(
          res,
          await cancelLicense(ctx, request.params.accountId, request.params.licenseId),
          presentLicense,
        ),
    );

    for (const [action, run, summary] of [
      [
        'undo-cancel',
        undoCancelLicense,
        'Take back a cancellation before its date: the license renews as if never cancelled',
      ],
      [
        'undo-downgrade',
        undoDowngradeLicense,
        'Take back a pending downgrade before the renewal that applies it',
      ],
    ] as const) {
      app.post(
        `/v1/accounts/:accountId/licenses/:licenseId/${action}`,
        {
          config: { roles: ALL },
          schema: {
            tags: ['licenses'],
            summary,
            params: LicenseParams,
            headers: IdempotencyHeaders,
            response: { 200: License, ...COMMON_PROBLEMS, 409: ProblemSchema },
          },
        },
        async (request, res) =>
          reply(res, await run(ctx, request.params.accountId, request.params.licenseId), presentLicense),
      );
    }

    app.post(
      '/v1/accounts/:accountId/licenses/:licenseId/downgrade',
      {
        config: { roles: ALL },
        schema: {
          tags: ['licenses'],
          summary: 'Downgrade to a lower tier, effective at the next renewal',
          params: LicenseParams,
          headers: IdempotencyHeaders,
          body: DowngradeBody,
          response: { 200: License, ...COMMON_PROBLEMS, 409: ProblemSchema, 422: ProblemSchema },
        },
      },
      async (request, res) =>
        reply(
          res,
          await downgradeLicense(ctx, request.params.accountId, request.params.licenseId, request.body.tier),
          presentLicense,
        ),
    );

    app.post(
      '/v1/accounts/:accountId/licenses/:licenseId/cancel-now',
      {
        config: { roles: OPERATOR },
        schema: {
          tags: ['licenses'],
          summary: 'Operator: end a license now, with a pro-rata cancellation credit (credit note, audited)',
          params: LicenseParams,
          headers: IdempotencyHeaders,
          body: CancelNowBody,
          response: { 200: CancelledNow, ...COMMON_PROBLEMS, ...MONEY },
        },
      },
      async (request, res) =>
        reply(
          res,
          await cancelLicenseNow(
            ctx,
            callerOf(request),
            request.params.accountId,
            request.params.licenseId,
            request.body.reason,
          ),
          (v) => ({
            license: presentLicense(v.license),
            credit: usd(v.creditMicros),
            creditNoteId: v.creditNoteId,
          }),
        ),
    );

    app.get(
      '/v1/accounts/:accountId/booth-status',
      {
        config: { roles: ALL },
        schema: {
          tags: ['licenses'],
          summary: 'Whether the booth account is locked (no active base license), why, and since when',
          params: AccountParams,
          response: { 200: BoothStatus, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) =>
        reply(res, await getBoothStatus(ctx, request.params.accountId), (s) => ({
          accountId: s.accountId,
          locked: s.locked,
          reason: s.reason,
          lockedSince: iso(s.lockedSince),
          usableLicenses: s.usableLicenses,
          monthlyAnchor: iso(s.monthlyAnchor),
          history: s.history.map((h) => ({ locked: h.locked, reason: h.reason, at: h.at.toISOString() })),
          enterprise: { ...s.enterprise, renewsAt: iso(s.enterprise.renewsAt) },
          entitlements: s.entitlements,
        })),
    );

    app.post(
      '/v1/accounts/:accountId/booth-invoices/:invoiceId/pay',
      {
        config: { roles: ALL },
        schema: {
          tags: ['licenses'],
          summary: 'Pay an open booth invoice with the default card; licenses it renews are reactivated',
          params: BoothInvoiceParams,
          headers: IdempotencyHeaders,
          response: { 200: PaidOpenInvoice, ...COMMON_PROBLEMS, ...MONEY },
        },
      },
      async (request, res) =>
        reply(res, await payOpenInvoice(ctx, request.params.accountId, request.params.invoiceId), (v) => ({
          invoiceId: v.invoice.id,
          status: v.invoice.status,
          number: v.invoice.formattedNumber,
          total: usd(v.invoice.totalMicros),
          reactivatedLicenseIds: v.reactivated.map((l) => l.id),
        })),
    );
  };
