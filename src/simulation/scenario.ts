import { z } from 'zod';

/**
 * A simulation scenario: customers and what they do, at simulated times. Validated strictly, like
 * the API: a typo in a scenario is an error, not a silently ignored action.
 */
const Time = z.iso.datetime({ offset: false }).describe('UTC, e.g. 2026-01-01T00:00:00Z');
const Credits = z.string().regex(/^(0|[1-9][0-9]{0,11})(\.[0-9]{1,6})?$/, 'a decimal amount of credits');
const Resources = z.strictObject({
  gpus: z.number().int().min(0).max(64),
  cpuCores: z.number().int().min(0).max(1024),
  ramGb: z.number().int().min(0).max(8192),
  storageGb: z.number().int().min(0).max(100_000),
});

const Action = z.discriminatedUnion('do', [
  z.strictObject({ do: z.literal('topUp'), at: Time, customer: z.string(), amount: Credits }),
  z.strictObject({
    do: z.literal('rent'),
    at: Time,
    customer: z.string(),
    instance: z.string().describe('a label the scenario uses for it'),
    type: z.string(),
    diskGb: z.number().int().min(1).max(100_000),
    period: z.strictObject({
      unit: z.enum(['hour', 'day', 'week', 'month']),
      count: z.number().int().min(1),
    }),
    autoRenew: z.boolean().default(false),
  }),
  z.strictObject({ do: z.literal('stop'), at: Time, instance: z.string() }),
  z.strictObject({ do: z.literal('start'), at: Time, instance: z.string() }),
  z.strictObject({
    do: z.literal('render'),
    at: Time,
    customer: z.string(),
    job: z.string(),
    tasks: z.number().int().min(1).max(10_000),
    resources: Resources,
    timeLimitSeconds: z.number().int().min(1),
    usedSeconds: z.number().int().min(1).describe('each task runs this long, then the farm reports it'),
  }),
]);

export const Scenario = z.strictObject({
  name: z.string().min(1),
  start: Time,
  days: z.number().int().min(1).max(400),
  stepMinutes: z.number().int().min(1).max(1440).default(60),
  customers: z.array(z.strictObject({ key: z.string().min(1), name: z.string().min(1) })).min(1),
  actions: z.array(Action),
});

export type Scenario = z.infer<typeof Scenario>;
export type ScenarioAction = Scenario['actions'][number];
