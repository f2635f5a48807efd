import { z } from 'zod';

/**
 * A simulation scenario: customers and what they do, at simulated times, on both product lines
 * and one clock. Validated strictly, like the API: a typo in a scenario is an error, not a silently
 * ignored action. The format is documented in docs/simulation.md.
 */
const Time = z.iso.datetime({ offset: false }).describe('UTC, e.g. 2026-01-01T00:00:00Z');
const Decimal = z.string().regex(/^(0|[1-9][0-9]{0,11})(\.[0-9]{1,6})?$/, 'a decimal amount');
const Label = z.string().min(1).describe('a label the scenario uses for it');
const Resources = z.strictObject({
  gpus: z.number().int().min(0).max(64),
  cpuCores: z.number().int().min(0).max(1024),
  ramGb: z.number().int().min(0).max(8192),
  storageGb: z.number().int().min(0).max(100_000),
});
const Tier = z.enum(['basic', 'pro', 'premium']);
const Pack = z.number().int().describe('a token pack by its size: 100, 500, 1000, 2000, 5000, 10000, 20000');

/** The compute line: credits, GPU instances, render jobs. */
const ComputeActions = [
  z.strictObject({ do: z.literal('topUp'), at: Time, customer: z.string(), amount: Decimal }),
  z.strictObject({
    do: z.literal('rent'),
    at: Time,
    customer: z.string(),
    instance: Label,
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
  z.strictObject({
    do: z.literal('alerts'),
    at: Time,
    customer: z.string(),
    lowBalance: Decimal.nullable().default(null).describe('CREDIT; null: no low-balance alert'),
    lowRemainingHours: z.number().int().min(1).nullable().default(null),
    emails: z
      .array(z.email())
      .min(1)
      .max(5)
      .optional()
      .describe("alert recipients; absent: the customer's email (an alert needs one or the other)"),
  }),
] as const;

/** The booth line: cards, coupons, licenses, events, outputs, tokens. */
const BoothActions = [
  z.strictObject({
    do: z.literal('card'),
    at: Time,
    customer: z.string(),
    number: z
      .string()
      .regex(/^[0-9]{16}$/)
      .describe('a Stripe test card; it becomes the default'),
  }),
  z.strictObject({
    do: z.literal('coupon'),
    at: Time,
    code: z.string().min(1),
    percentOff: z.number().int().min(1).max(100).optional(),
    amountOff: Decimal.optional().describe('USD'),
    duration: z.enum(['once', 'repeating', 'forever']).default('once'),
    durationRenewals: z.number().int().min(1).optional(),
  }),
  z.strictObject({
    do: z.literal('buyLicenses'),
    at: Time,
    customer: z.string(),
    product: z.enum(['basic', 'pro', 'premium', 'enterprise']),
    period: z.enum(['monthly', 'annual']),
    quantity: z.number().int().min(1).max(100).default(1),
    coupon: z.string().optional(),
    licenses: z.array(Label).default([]).describe('labels for the licenses bought, in order'),
  }),
  z.strictObject({ do: z.literal('cancel'), at: Time, license: z.string() }),
  z.strictObject({ do: z.literal('undoCancel'), at: Time, license: z.string() }),
  z.strictObject({ do: z.literal('downgrade'), at: Time, license: z.string(), tier: Tier }),
  z.strictObject({ do: z.literal('undoDowngrade'), at: Time, license: z.string() }),
  z.strictObject({ do: z.literal('payOpenInvoices'), at: Time, customer: z.string() }),
  z.strictObject({
    do: z.literal('event'),
    at: Time,
    customer: z.string(),
    event: Label,
    features: z.array(z.string()).default([]),
    virtualBooth: z.boolean().default(false),
  }),
  z.strictObject({ do: z.literal('endEvent'), at: Time, event: z.string() }),
  z.strictObject({
    do: z.literal('outputs'),
    at: Time,
    event: z.string(),
    kind: z.string(),
    count: z.number().int().min(1).max(100_000),
  }),
  z.strictObject({
    do: z.literal('sessions'),
    at: Time,
    event: z.string(),
    count: z.number().int().min(1).max(100_000).describe('sessions that end now'),
  }),
  z.strictObject({
    do: z.literal('tokenPack'),
    at: Time,
    customer: z.string(),
    pack: Pack,
    quantity: z.number().int().min(1).max(100).default(1),
  }),
  z.strictObject({
    do: z.literal('autoTopUp'),
    at: Time,
    customer: z.string(),
    enabled: z.boolean().default(true),
    threshold: Decimal.describe('TOKEN'),
    pack: Pack,
    maxPerDay: z.number().int().min(1).max(100).default(3),
  }),
] as const;

const Action = z.discriminatedUnion('do', [...ComputeActions, ...BoothActions]);

export const Scenario = z.strictObject({
  name: z.string().min(1),
  start: Time,
  days: z.number().int().min(1).max(800),
  stepMinutes: z
    .number()
    .int()
    .min(1)
    .max(10_080)
    .default(60)
    .describe('render farm ticks and alert scans; due work runs at its own time'),
  customers: z
    .array(
      z.strictObject({
        key: z.string().min(1),
        name: z.string().min(1),
        email: z.email().optional().describe("the account's email: where invoices and alerts go"),
      }),
    )
    .min(1),
  actions: z.array(Action),
});

export type Scenario = z.infer<typeof Scenario>;
export type ScenarioAction = Scenario['actions'][number];
export type ActionOf<D extends ScenarioAction['do']> = Extract<ScenarioAction, { do: D }>;
