import { z } from 'zod';
import { AccountId, MoneyOutput, moneyInputOf } from '../../kernel/http/schemas.js';
import { Transaction } from '../../ledger/ledger-schemas.js';

/**
 * Rendering: rate cards, render jobs and tasks. Strict like the rest of the API. Jobs and tasks
 * are named in paths by the farm's own ids (a job's id is unique per account, a task's per job).
 */

const CreditRate = moneyInputOf(z.literal('CREDIT')).describe('CREDIT per unit-hour, at most 6 decimals');
const Text = (max: number) => z.string().trim().min(1).max(max);
const FarmId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, 'letters, digits and . _ : - (at most 128)');

export const RatesBody = z.strictObject({
  gpuHour: CreditRate.describe('per GPU-hour'),
  cpuCoreHour: CreditRate.describe('per CPU-core-hour'),
  ramGbHour: CreditRate.describe('per GB-hour of RAM'),
  storageGbHour: CreditRate.describe('per GB-hour of storage'),
  reason: Text(500),
});

export const RateCard = z
  .object({
    version: z.number().int(),
    gpuHour: MoneyOutput,
    cpuCoreHour: MoneyOutput,
    ramGbHour: MoneyOutput,
    storageGbHour: MoneyOutput,
    effectiveAt: z.string(),
  })
  .meta({ id: 'RenderingRateCard' });

export const RenderJobParams = z.strictObject({ accountId: AccountId, jobId: FarmId });
export const RenderTaskParams = z.strictObject({
  accountId: AccountId,
  jobId: FarmId,
  taskId: FarmId,
});

const count = (max: number) => z.number().int().min(0).max(max);
const Resources = {
  gpus: count(64),
  cpuCores: count(1024),
  ramGb: count(65_536),
  storageGb: count(1_000_000),
};

export const StartTaskBody = z.strictObject({
  resources: z.strictObject(Resources).describe('the most the task may use'),
  timeLimitSeconds: z.number().int().min(1).max(604_800).describe('the most it may run (≤ 7 days)'),
});

export const CompleteTaskBody = z.strictObject({
  usage: z
    .strictObject({ seconds: count(2_592_000), ...Resources })
    .describe("what the task used; billed at the job's rates, never above its hold"),
  jobTaskCount: z
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .optional()
    .describe('how many tasks the job has in all: once that many are completed, the job is completed'),
});

export const FailTaskBody = z.strictObject({ reason: Text(500) });

export const RenderJobsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const JOB_STATUSES = ['running', 'paused_insufficient_credits', 'completed', 'cancelled'] as const;

export const RenderJob = z
  .object({
    id: z.string(),
    jobId: z.string().describe("the farm's job id"),
    accountId: z.string(),
    status: z.enum(JOB_STATUSES),
    statusLabel: z.string().describe('for people: "running", "paused (insufficient credits)", ...'),
    pauseReason: z.string().nullable(),
    required: MoneyOutput.nullable().describe('while paused: the max cost of the task that was refused'),
    rateCardVersion: z.number().int(),
    tasks: z.object({ running: z.number(), completed: z.number(), failed: z.number() }),
    costSoFar: MoneyOutput.describe('what its completed tasks were charged'),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'RenderJob' });

export const RenderJobList = z.object({ data: z.array(RenderJob) });

const ResourcesOut = z.object({
  gpus: z.number(),
  cpuCores: z.number(),
  ramGb: z.number(),
  storageGb: z.number(),
});

export const RenderTask = z
  .object({
    id: z.string(),
    taskId: z.string().describe("the farm's task id"),
    jobId: z.string().describe("the farm's job id"),
    accountId: z.string(),
    status: z.enum(['running', 'completed', 'failed']),
    resources: ResourcesOut,
    timeLimitSeconds: z.number(),
    maxCost: MoneyOutput.describe('what the hold reserves'),
    holdId: z.string(),
    usage: ResourcesOut.extend({ seconds: z.number() }).nullable(),
    actualCost: MoneyOutput.nullable(),
    chargeTransactionId: z.string().nullable(),
    failureReason: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'RenderTask' });

export const RenderTaskList = z.object({ data: z.array(RenderTask) });

export const StartedTask = z.object({
  jobStatus: z.enum(JOB_STATUSES),
  task: RenderTask,
});

export const CompletedTask = z.object({ task: RenderTask, transaction: Transaction.nullable() });
