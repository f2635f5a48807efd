import { z } from 'zod';
import {
  AccountId,
  Metadata,
  MoneyInput,
  MoneyOutput,
  Text,
  UnitSchema,
  idOf,
} from '../kernel/http/schemas.js';
import { PRODUCT_LINES, TRANSACTION_KINDS } from './ledger-rules.js';

/** The ledger's request and response shapes: balances, transactions, charges, adjustments, holds. */

export const HoldParams = z.strictObject({ holdId: idOf('hold') });
export const TransactionParams = z.strictObject({
  accountId: AccountId,
  transactionId: idOf('transaction'),
});

export const Balance = z
  .object({ unit: UnitSchema, balance: z.string(), held: z.string(), available: z.string() })
  .meta({ id: 'Balance' });

export const BalancesResponse = z.object({ accountId: z.string(), balances: z.array(Balance) });

export const Transaction = z
  .object({
    id: z.string(),
    accountId: z.string(),
    kind: z.enum(TRANSACTION_KINDS),
    amount: MoneyOutput.describe('signed: positive adds to the wallet, negative deducts'),
    description: z.string(),
    metadata: z.record(z.string(), z.string()),
    holdId: z.string().nullable(),
    createdAt: z.string(),
    links: z.object({
      invoice: z
        .string()
        .nullable()
        .describe(
          'the PDF of the document that covers this transaction (receipt, invoice, credit note, booth invoice, token statement); null when none does',
        ),
      explorer: z.string().nullable().describe('block explorer page of the on-chain transaction, if any'),
    }),
  })
  .meta({ id: 'Transaction' });

export const TransactionsQuery = z.strictObject({
  kind: z.enum(TRANSACTION_KINDS).optional(),
  unit: UnitSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional().describe('nextCursor of the previous page'),
});

export const TransactionPage = z.object({ data: z.array(Transaction), nextCursor: z.string().nullable() });

export const AdjustmentBody = z.strictObject({
  direction: z.enum(['credit', 'debit']),
  amount: MoneyInput,
  reason: Text(500),
});

export const ChargeBody = z.strictObject({
  amount: MoneyInput,
  productLine: z.enum(PRODUCT_LINES),
  description: Text(500),
  metadata: Metadata.optional(),
});

export const PlaceHoldBody = z.strictObject({
  amount: MoneyInput,
  productLine: z.enum(PRODUCT_LINES),
  description: Text(500),
  metadata: Metadata.optional(),
  expiresInSeconds: z
    .number()
    .int()
    .min(1)
    .max(30 * 24 * 3600)
    .default(3600),
});

export const PostHoldBody = z.strictObject({
  amount: MoneyInput.describe('the actual amount, at most the amount held'),
  description: Text(500).optional(),
});

export const Hold = z
  .object({
    id: z.string(),
    accountId: z.string(),
    amount: MoneyOutput,
    status: z.enum(['pending', 'posted', 'voided', 'expired']),
    posted: MoneyOutput.nullable(),
    transactionId: z.string().nullable(),
    description: z.string(),
    metadata: z.record(z.string(), z.string()),
    createdAt: z.string(),
    expiresAt: z.string(),
    resolvedAt: z.string().nullable(),
  })
  .meta({ id: 'Hold' });

export const PostedHold = z.object({ hold: Hold, transaction: Transaction });
