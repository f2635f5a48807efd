import { z } from 'zod';
import { TRANSACTION_KINDS } from '../../ledger/ledger-rules.js';
import { AccountId, idOf, MoneyOutput, UnitSchema } from '../../kernel/http/schemas.js';

/** Invoice request and response shapes. Strict like every request: unknown fields are errors. */

export const InvoiceParams = z.strictObject({
  accountId: AccountId,
  transactionId: idOf('transaction'),
});

export const Invoice = z
  .object({
    number: z.string().describe('gapless, e.g. PB-000001'),
    title: z
      .enum(['Receipt', 'Invoice', 'Credit note', 'Adjustment note'])
      .describe('Receipt: a payment; Invoice: a charge; Credit note: a refund; Adjustment note: other'),
    issuer: z.string().describe("the seller's legal name"),
    seller: z.object({
      legalName: z.string(),
      address: z.string(),
      taxId: z.string(),
      supportEmail: z.string(),
    }),
    date: z.string().describe("the transaction's time"),
    transactionId: z.string(),
    accountId: z.string(),
    kind: z.enum(TRANSACTION_KINDS),
    unit: UnitSchema,
    billTo: z.object({
      name: z.string(),
      email: z.string().nullable(),
      address: z.string().nullable(),
      taxInformation: z.string().nullable(),
    }),
    settings: z.object({
      source: z.enum(['invoice_settings', 'account']),
      version: z.number().int().nullable().describe("the version in force at the transaction's time"),
    }),
    lines: z.array(
      z.object({
        description: z.string(),
        effect: z.enum(['deducted', 'added']),
        label: z.string().describe('e.g. "Credits deducted"'),
        amount: MoneyOutput.describe('always positive; `effect` gives the direction'),
      }),
    ),
    details: z.object({
      payment: z
        .object({
          method: z.enum(['PayPal', 'PayPal (sandbox)', 'USDT']),
          currency: z.enum(['USD', 'USDT']),
          credits: MoneyOutput.describe('credits received'),
          amountPaid: z.string().describe('paid for the credits, in `currency`'),
          fee: z.string().describe("the rail's fee paid on top (PayPal); 0 for USDT"),
          networkFee: z
            .object({
              paidBy: z.enum(['pictor', 'sender']),
              amount: z
                .object({ amount: z.string(), unit: z.literal('ETH') })
                .nullable()
                .describe(
                  'gasUsed × effectiveGasPrice: what Pictor’s relayer paid, or what the sending wallet paid when Pictor refunded it; null when not known',
                ),
              refund: z
                .object({ credits: MoneyOutput, transactionId: z.string() })
                .nullable()
                .describe(
                  'the sender paid the gas and Pictor refunded it as credits (the "Network fee sponsored" transaction)',
                ),
              statement: z.string().describe('the sentence the receipt prints'),
            })
            .nullable()
            .describe('USDT only: who paid the chain’s network fee (gas)'),
          totalCharged: z.string().describe('amount paid + fee'),
          references: z.array(z.object({ label: z.string(), value: z.string(), url: z.string().nullable() })),
        })
        .nullable()
        .describe('receipts only: the payment acknowledged'),
      promotion: z
        .object({ name: z.string(), credits: MoneyOutput, transactionId: z.string() })
        .nullable()
        .describe('the promotion granted with this payment'),
      usage: z
        .array(
          z.object({ description: z.string(), quantity: z.string(), rate: z.string(), amount: MoneyOutput }),
        )
        .describe('what a charge billed: resources × duration × rate'),
      refundOf: z
        .object({ transactionId: z.string(), number: z.string(), date: z.string() })
        .nullable()
        .describe("a credit note's original document"),
      payout: z
        .object({ label: z.string(), value: z.string(), url: z.string().nullable() })
        .nullable()
        .describe('a credit note of a USDT top-up: the on-chain payout transaction and its explorer page'),
    }),
    totals: z.object({
      label: z.string().describe('the net effect in words, e.g. "Credits deducted"'),
      amount: MoneyOutput.describe('the net amount, positive'),
      deducted: MoneyOutput,
      added: MoneyOutput,
      net: MoneyOutput.describe('signed, equals the transaction amount'),
    }),
  })
  .meta({ id: 'Invoice' });
