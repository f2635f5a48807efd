import { z } from 'zod';
import { PERIOD_UNITS } from './rentals-rules.js';
import { AccountId, idOf, MoneyOutput, moneyInputOf } from '../../kernel/http/schemas.js';

/** GPU renting: request and response shapes. Strict: an unknown field is an error. */

const CreditInput = moneyInputOf(z.literal('CREDIT')).describe('CREDIT with at most 6 decimals');
const Text = (max: number) => z.string().trim().min(1).max(max);

export const InstanceTypeParams = z.strictObject({
  code: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lowercase letters, digits and dashes, at most 40')
    .describe('the instance type code, e.g. rtx-4090'),
});
export const InstanceParams = z.strictObject({
  accountId: AccountId,
  instanceId: idOf('instance'),
});

export const PublishInstanceTypeBody = z.strictObject({
  name: Text(200),
  computeRatePerHour: CreditInput.describe('compute price per running hour'),
  storageRatePerGbHour: CreditInput.optional().describe('default 0.00028 CREDIT per GB per hour'),
  maxDiskGb: z
    .number()
    .int()
    .min(1)
    .max(100_000)
    .default(2000)
    .describe('the largest disk a rental may have'),
  available: z.boolean().default(true).describe('false withdraws the type from new rentals'),
  reason: Text(500).describe('why: kept in the audit log'),
});

export const RentInstanceBody = z.strictObject({
  instanceType: z.string().min(1).max(40),
  diskGb: z.number().int().min(1).max(100_000).describe("disk size in GB, at most the type's maxDiskGb"),
  period: z.strictObject({
    unit: z.enum(PERIOD_UNITS).describe('month = calendar month (UTC), clamped to the month end'),
    count: z.number().int().min(1).max(744).describe('periods of the unit: at most 744'),
  }),
  autoRenew: z.boolean().default(true),
});

export const RentalQuoteBody = RentInstanceBody.omit({ autoRenew: true });

export const RentalQuoteSchema = z
  .object({
    instanceType: z.string(),
    maxDiskGb: z.number(),
    periodStart: z.string(),
    periodEnd: z.string(),
    hours: z.number(),
    compute: MoneyOutput.describe('hours × the compute rate'),
    storage: MoneyOutput.describe('hours × disk GB × the storage rate'),
    total: MoneyOutput.describe('charged up front when renting now'),
    available: MoneyOutput.describe('the available Credit Balance now'),
    availableAfter: MoneyOutput.describe('after paying the total; negative: renting would be refused'),
  })
  .meta({ id: 'GpuRentalQuote' });

export const AutoRenewBody = z.strictObject({ autoRenew: z.boolean() });

export const InstanceType = z
  .object({
    code: z.string(),
    version: z.number(),
    name: z.string(),
    computeRatePerHour: MoneyOutput,
    storageRatePerGbHour: MoneyOutput,
    maxDiskGb: z.number().describe('the largest disk a rental of this type may have'),
    available: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: 'GpuInstanceType' });
export const InstanceTypeList = z.object({ data: z.array(InstanceType) });

export const Instance = z
  .object({
    id: z.string(),
    accountId: z.string(),
    instanceType: z.string(),
    typeVersion: z.number(),
    diskGb: z.number(),
    period: z.object({ unit: z.enum(PERIOD_UNITS), count: z.number() }),
    computeRatePerHour: MoneyOutput,
    storageRatePerGbHour: MoneyOutput,
    hourlyStorageFee: MoneyOutput.describe('what each stopped hour costs'),
    status: z.enum(['running', 'stopped', 'terminated']),
    autoRenew: z.boolean(),
    fleetInstanceId: z.string().nullable(),
    currentPeriodStart: z.string(),
    currentPeriodEnd: z.string(),
    storagePaidUntil: z.string(),
    stoppedAt: z.string().nullable(),
    terminatedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'GpuInstance' });
export const InstanceList = z.object({ data: z.array(Instance) });

export const RentedInstance = z.object({
  instance: Instance,
  transactionId: z.string().describe('the Charge of compute + storage for the period'),
  charged: MoneyOutput,
});
export const StoppedInstance = z.object({
  instance: Instance,
  refundTransactionId: z.string().nullable(),
  refunded: MoneyOutput.describe('unused whole hours of compute'),
});

export const TerminationPreviewSchema = z
  .object({
    asOf: z.string(),
    horizonEnd: z.string().describe('the preview looks this far ahead (31 days)'),
    balance: MoneyOutput.describe('the settled Credit Balance (holds do not count: storage is paid first)'),
    hourlyStorageFee: MoneyOutput.describe('what the stopped instances draw per hour now'),
    terminatesAt: z.string().nullable().describe('the first termination, or null: none within the horizon'),
    instances: z.array(
      z.object({
        instanceId: z.string(),
        instanceType: z.string(),
        status: z.enum(['running', 'stopped']),
        diskGb: z.number().describe('the disk whose data would be destroyed'),
        terminatesAt: z.string(),
        reason: z.string(),
      }),
    ),
  })
  .describe(
    'Instances that would be terminated, and when, if the balance only paid what they owe from now on ' +
      '(no top-up, no other spending). A running instance runs to its prepaid period end, renews if ' +
      'auto-renew is on and the balance covers it, else stops; it is terminated at the first stopped ' +
      'hour the balance cannot pay.',
  );
