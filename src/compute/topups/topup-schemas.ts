import { z } from 'zod';
import { MAX_BONUS_BASIS_POINTS } from './promotions-rules.js';
import { AccountId, MoneyOutput, idOf, moneyInputOf } from '../../kernel/http/schemas.js';
import { Transaction } from '../../ledger/ledger-schemas.js';

/**
 * Top-ups, PayPal and promotions: request and response shapes. Strict like the rest of the API:
 * an unknown field is an error. PayPal's webhook body is PayPal's, so it is the one loose object.
 */

export const UsdInput = moneyInputOf(z.literal('USD')).describe('USD with at most 2 decimals');
export const CreditInput = moneyInputOf(z.literal('CREDIT')).describe('CREDIT with at most 6 decimals');

const Text = (max: number) => z.string().trim().min(1).max(max);
const HttpUrl = z.url({ protocol: /^https?$/ }).max(2000);

export const TopUpOrderParams = z.strictObject({
  accountId: AccountId,
  orderId: idOf('order'),
});
export const TopUpOrderByTokenParams = z.strictObject({
  accountId: AccountId,
  token: z.string().min(1).max(64),
});
export const PromotionParams = z.strictObject({ promotionId: idOf('promotion') });

export const QuoteBody = z.strictObject({
  amount: UsdInput.describe('A: the credits to buy, in USD (1 USD = 1 CREDIT)'),
  rail: z.enum(['paypal', 'usdt']).default('paypal').describe('paypal adds its fee; usdt has none'),
});

export const CreatePayPalOrderBody = z.strictObject({
  amount: UsdInput.describe('A: the credits to buy, in USD (1 USD = 1 CREDIT); the fee is added'),
  returnUrl: HttpUrl.optional().describe('where PayPal sends the buyer after approving'),
  cancelUrl: HttpUrl.optional().describe('where PayPal sends the buyer after cancelling'),
});

const PromotionPreview = z.object({ id: z.string(), name: z.string(), bonus: MoneyOutput });

export const TopUpQuote = z
  .object({
    accountId: z.string(),
    rail: z.enum(['paypal', 'usdt']),
    amount: MoneyOutput.describe('A, in USD'),
    fee: MoneyOutput.describe('paypal: round_half_up(4.4% of A + $0.30, cents); usdt: 0'),
    total: MoneyOutput.describe('what the customer pays: A + fee'),
    credits: MoneyOutput.describe('what the Payment transaction adds: A CREDIT'),
    promotion: PromotionPreview.nullable().describe('bonus if the money arrived now (a separate Promotion)'),
    minimum: MoneyOutput,
    maximum: MoneyOutput,
  })
  .meta({ id: 'TopUpQuote' });

export const TopUpOrder = z
  .object({
    id: z.string(),
    accountId: z.string(),
    rail: z.enum(['paypal', 'sandbox']),
    status: z.enum(['created', 'approved', 'captured', 'declined', 'pending']),
    statusDetail: z.string().nullable(),
    amount: MoneyOutput,
    fee: MoneyOutput,
    total: MoneyOutput,
    credits: MoneyOutput,
    paypalOrderId: z.string(),
    approveUrl: z.string().describe('send the buyer here to approve the payment'),
    captureId: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'TopUpOrder' });

export const CreatedTopUpOrder = z.object({ order: TopUpOrder, quote: TopUpQuote });

export const CapturedTopUp = z
  .object({
    order: TopUpOrder,
    payment: Transaction.describe('the Payment: +A CREDIT'),
    promotion: Transaction.nullable().describe('the promotion bonus, a separate Promotion transaction'),
  })
  .meta({ id: 'CapturedTopUp' });

/** PayPal's event, passed back verbatim to PayPal for signature verification. */
export const PayPalWebhookBody = z.looseObject({
  id: z.string().min(1).max(200),
  event_type: z.string().min(1).max(200),
  resource: z
    .looseObject({
      id: z.string().max(200).optional(),
      custom_id: z.string().max(200).optional(),
      amount: z.looseObject({ currency_code: z.string().max(3), value: z.string().max(32) }).optional(),
    })
    .optional(),
});

export const WebhookReceipt = z.object({
  eventId: z.string(),
  eventType: z.string(),
  outcome: z.enum(['credited', 'recorded', 'ignored']),
  orderId: z.string().nullable(),
});

const Bonus = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('percentage'),
    basisPoints: z.number().int().min(1).max(MAX_BONUS_BASIS_POINTS).describe('1000 = 10 %'),
  }),
  z.strictObject({ type: z.literal('fixed'), amount: CreditInput }),
]);

export const CreatePromotionBody = z.strictObject({
  name: Text(200),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }).nullable().default(null).describe('exclusive; null: open-ended'),
  minimumTopUp: UsdInput.optional().describe('smallest top-up (A) that qualifies; none when absent'),
  bonus: Bonus,
  maximumBonus: CreditInput.optional(),
  perCustomerLimit: z
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .nullable()
    .default(null)
    .describe('null: unlimited'),
  reason: Text(500).describe('why, for the audit log'),
});

export const DeactivatePromotionBody = z.strictObject({ reason: Text(500) });

export const PromotionsQuery = z.strictObject({
  active: z.enum(['true', 'false']).optional().describe('true: only those in force now'),
});

export const Promotion = z
  .object({
    id: z.string(),
    name: z.string(),
    startsAt: z.string(),
    endsAt: z.string().nullable(),
    minimumTopUp: MoneyOutput,
    bonus: z.union([
      z.object({ type: z.literal('percentage'), basisPoints: z.number() }),
      z.object({ type: z.literal('fixed'), amount: MoneyOutput }),
    ]),
    maximumBonus: MoneyOutput.nullable(),
    perCustomerLimit: z.number().nullable(),
    active: z.boolean().describe('not deactivated and inside its window now'),
    createdBy: z.string(),
    createdAt: z.string(),
    deactivatedAt: z.string().nullable(),
  })
  .meta({ id: 'Promotion' });

export const PromotionList = z.object({ data: z.array(Promotion) });
