import { z } from 'zod';
import { PRODUCT_LINES, TRANSACTION_KINDS } from '../../ledger/ledger-rules.js';
import { type Money, type Unit, UNITS, parsePositiveAmount } from '../money.js';

/**
 * Request and response shapes. The same zod schemas validate requests and generate the OpenAPI
 * document. Objects are strict: an unknown field is an error, never silently dropped.
 */
export const UnitSchema = z
  .enum(UNITS)
  .describe('USD moves in cents; CREDIT and TOKEN carry up to 6 decimals');

const AMOUNT_MESSAGES = {
  not_a_decimal: 'must be a decimal string such as "12.50"',
  too_many_decimals: 'has more decimals than the unit allows (USD 2, CREDIT and TOKEN 6)',
  not_positive: 'must be greater than zero',
  too_large: 'must be below 1,000,000,000,000',
} as const;

/**
 * `{"amount": "12.345678", "unit": "CREDIT"}` in, `{amountMicros: 12345678n, unit}` out, for the
 * units `unit` accepts (any unit, or one fixed by the field such as a USD top-up amount).
 */
export const moneyInputOf = <U extends Unit>(unit: z.ZodType<U>) =>
  z
    .strictObject({
      amount: z.string().max(32).describe('positive decimal string'),
      unit,
    })
    .transform((value, ctx): Money & { unit: U } => {
      const parsed = parsePositiveAmount(value.amount, value.unit);
      if (!parsed.ok) {
        ctx.addIssue({
          code: 'custom',
          path: ['amount'],
          message: AMOUNT_MESSAGES[parsed.error],
          params: { code: 'invalid_amount' },
        });
        return z.NEVER;
      }
      return { amountMicros: parsed.micros, unit: value.unit };
    });

export const MoneyInput = moneyInputOf(UnitSchema);

export const MoneyOutput = z.object({ amount: z.string(), unit: UnitSchema }).meta({ id: 'Money' });

const Text = (max: number) => z.string().trim().min(1).max(max);
export const Metadata = z
  .record(z.string().min(1).max(40), z.string().max(500))
  .refine((m) => Object.keys(m).length <= 20, 'at most 20 metadata keys')
  .describe('string key-value pairs, at most 20');

export const IdempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(255)
    .describe('a unique key per intended mutation; a repeat returns the first result'),
});

export const AccountParams = z.strictObject({ accountId: z.string().max(64) });
export const HoldParams = z.strictObject({ holdId: z.string().max(64) });

export const CreateAccountBody = z.strictObject({
  name: Text(200),
  email: z.email().max(320).optional(),
  metadata: Metadata.optional(),
  /** Sandbox only: the test clock the account lives on (see docs/test-clocks.md). */
  testClockId: z
    .string()
    .regex(/^clock_[A-Za-z0-9]{1,64}$/)
    .optional()
    .meta({ description: 'Sandbox only: open the account on this test clock' }),
});

export const Account = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string().nullable(),
    metadata: z.record(z.string(), z.string()),
    createdAt: z.string(),
    testClockId: z.string().nullable().meta({ description: 'The test clock it lives on (sandbox)' }),
  })
  .meta({ id: 'Account' });

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
      invoice: z.string().describe('the invoice PDF of this transaction'),
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

export const CreateApiKeyBody = z.strictObject({
  role: z.enum(['operator', 'service', 'customer']),
  accountId: z.string().max(64).optional(),
  label: z.string().max(200).optional(),
});

export const ApiKeyCreated = z.object({
  id: z.string(),
  role: z.enum(['operator', 'service', 'customer']),
  accountId: z.string().nullable(),
  label: z.string(),
  secret: z.string().describe('shown once; only its hash is stored'),
  createdAt: z.string(),
});

// Loose: problems carry extra members (available, required, holdStatus ...) beyond these.
export const ProblemSchema = z
  .looseObject({
    type: z.string(),
    title: z.string(),
    status: z.number(),
    code: z.string(),
    detail: z.string(),
    field: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem' });
