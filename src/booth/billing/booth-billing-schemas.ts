import { z } from 'zod';
import {
  BOOTH_DUNNING_STATUSES,
  BOOTH_INVOICE_LINE_KINDS,
  BOOTH_INVOICE_STATUSES,
} from './booth-invoice-rules.js';
import { AccountId, idOf, MoneyOutput } from '../../kernel/http/schemas.js';

/** Booth cards and invoices: request and response shapes. Strict: an unknown field is an error. */

export const PaymentMethodParams = z.strictObject({
  accountId: AccountId,
  paymentMethodId: idOf('paymentMethod'),
});
export const BoothInvoiceParams = z.strictObject({
  accountId: AccountId,
  // One route answers both the invoice and its PDF (`bin_….pdf`).
  invoiceId: idOf('boothInvoice', '(\\.pdf)?'),
});

export const AddPaymentMethodBody = z.strictObject({
  paymentMethod: z
    .string()
    .regex(/^pm_[A-Za-z0-9_]{1,100}$/, 'a processor payment method id (pm_...)')
    .describe('the pm_... id the billing page got from the card processor (never a card number)'),
});

export const OperatorReasonBody = z.strictObject({
  reason: z.string().trim().min(1).max(500).describe('why: kept in the audit log'),
});

export const BoothInvoicesQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(200).optional().describe('nextCursor of the previous page'),
});

export const PaymentAttemptsQuery = z.strictObject({
  outcome: z.enum(['succeeded', 'declined']).optional().describe('only the attempts that ended so'),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export const PaymentAttempt = z
  .object({
    invoiceId: z.string(),
    invoiceNumber: z
      .string()
      .nullable()
      .describe('null for a declined purchase: it was never numbered and is not in the invoice list'),
    attempt: z.number().describe('1, 2, … on the same invoice (dunning retries, Pay again)'),
    description: z.string().describe('what was being paid, e.g. "Token top-up: 500 tokens"'),
    amount: MoneyOutput,
    card: z
      .object({ brand: z.string(), last4: z.string() })
      .nullable()
      .describe('the card as it was when charged; null: there was no default card'),
    attemptedAt: z.string(),
    outcome: z
      .enum(['succeeded', 'declined'])
      .nullable()
      .describe("null while the processor's answer is unknown"),
    declineCode: z.string().nullable(),
    reason: z
      .string()
      .nullable()
      .describe('why it failed, as a sentence for the customer; null unless declined'),
  })
  .meta({ id: 'PaymentAttempt' });
export const PaymentAttemptList = z.object({ data: z.array(PaymentAttempt) });

export const PaymentMethod = z
  .object({
    id: z.string(),
    brand: z.string(),
    last4: z.string(),
    expMonth: z.number(),
    expYear: z.number(),
    isDefault: z.boolean().describe('the default card pays everything automatically'),
    createdAt: z.string(),
    removedAt: z.string().nullable(),
  })
  .meta({ id: 'PaymentMethod' });
export const PaymentMethodList = z.object({ data: z.array(PaymentMethod) });

export const BoothInvoiceLine = z.object({
  position: z.number(),
  kind: z.enum(BOOTH_INVOICE_LINE_KINDS),
  description: z.string(),
  quantity: z.number(),
  amount: MoneyOutput.describe('signed: credits and discounts are negative'),
  metadata: z.record(z.string(), z.string()),
});

export const BoothInvoiceDunning = z
  .object({
    status: z
      .enum(BOOTH_DUNNING_STATUSES)
      .describe(
        'retrying until a retry (or the customer) pays it: paid; the last retry declined: uncollectible; the invoice was voided: voided',
      ),
    billingDate: z.string().describe('the renewal that failed'),
    retries: z.number().describe('retries in its schedule (days 1, 3 and 5 after the billing date: 3)'),
    retriesMade: z.number().describe('retries that ran so far'),
    lastRetryAt: z.string().nullable(),
    nextRetryAt: z
      .string()
      .nullable()
      .describe('when the default card is charged again; null once the dunning ended'),
  })
  .meta({ id: 'BoothInvoiceDunning' });

export const BoothInvoice = z
  .object({
    id: z.string(),
    accountId: z.string(),
    number: z.string().nullable().describe('7KQ2MZ4X-000001; null while a draft'),
    status: z.enum(BOOTH_INVOICE_STATUSES),
    date: z.string().describe('finalization date (creation date while a draft)'),
    description: z.string(),
    lines: z.array(BoothInvoiceLine),
    subtotal: MoneyOutput.describe('the sum of the lines'),
    creditApplied: MoneyOutput.describe('account credit deducted once from the subtotal (not a line)'),
    total: MoneyOutput.describe('subtotal − credit applied'),
    amountPaid: MoneyOutput,
    amountDue: MoneyOutput,
    billTo: z
      .object({
        settingsVersion: z.number().nullable(),
        name: z.string(),
        email: z.string().nullable(),
        address: z.string().nullable(),
        taxInformation: z.string().nullable(),
      })
      .nullable(),
    paymentAttempts: z.number(),
    paymentMethodId: z.string().nullable(),
    lastDecline: z.object({ code: z.string(), message: z.string().nullable() }).nullable(),
    createdAt: z.string(),
    finalizedAt: z.string().nullable(),
    paidAt: z.string().nullable(),
    voidedAt: z.string().nullable(),
    markedUncollectibleAt: z.string().nullable(),
    pdfUrl: z.string().nullable(),
    dunning: BoothInvoiceDunning.nullable().describe('the retries of a failed renewal; null otherwise'),
  })
  .meta({ id: 'BoothInvoice' });

export const BoothInvoiceRow = z
  .object({
    id: z.string(),
    number: z.string().nullable(),
    date: z.string(),
    description: z.string(),
    amount: MoneyOutput,
    status: z.enum(BOOTH_INVOICE_STATUSES),
    pdfUrl: z.string().nullable(),
    dunning: BoothInvoiceDunning.nullable(),
  })
  .meta({ id: 'BoothInvoiceRow' });
export const BoothInvoicePage = z.object({
  data: z.array(BoothInvoiceRow),
  nextCursor: z.string().nullable(),
});

export const CardProcessorConfig = z
  .object({
    publishableKey: z.string(),
    tokenizeUrl: z.string().describe('POST {tokenizeUrl}/v1/payment_methods with the publishable key'),
    mode: z.enum(['processor', 'sandbox']),
  })
  .meta({ id: 'CardProcessorConfig' });
