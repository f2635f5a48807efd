import { z } from 'zod';
import { TIERS, TOKEN_PACKS } from './booth-usage-rules.js';
import { AccountId, MoneyOutput, idOf } from '../../kernel/http/schemas.js';

/** Booth events, usage, tokens and the estimator: request and response shapes. Strict objects. */

const Text = (max: number) => z.string().trim().min(1).max(max);
const Id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/, 'letters, digits and _ . : -, at most 100');
const FeatureCode = z.string().regex(/^[a-z0-9_]{1,60}$/, 'a feature code of the license catalog');
const OutputKindSchema = z
  .string()
  .regex(/^[a-z0-9_]{1,40}$/, 'an output kind code')
  .describe(
    'an output kind of the catalog in force (GET /v1/booth/catalog: outputs, with token cost and tier); another kind is refused with 422 unknown_output_kind',
  );
const TierSchema = z.enum(TIERS);

export const EventParams = z.strictObject({ accountId: AccountId, eventId: idOf('event') });
export const SessionParams = z.strictObject({
  accountId: AccountId,
  eventId: idOf('event'),
  sessionId: Id,
});
export const TemplateParams = z.strictObject({ accountId: AccountId, templateId: Id });
export const TemplatesQuery = z.strictObject({
  archived: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .describe('include archived templates'),
});

export const PutTemplateBody = z.strictObject({
  name: Text(200),
  outputs: z
    .array(z.strictObject({ kind: OutputKindSchema, count: z.number().int().min(1).max(100) }))
    .max(50)
    .describe('outputs one session of this template produces'),
  features: z.array(FeatureCode).max(50).default([]).describe('license catalog features the template uses'),
});

export const Template = z
  .object({
    id: z.string(),
    name: z.string(),
    outputs: z.array(z.object({ kind: z.string(), count: z.number() })),
    features: z.array(z.string()),
    tier: TierSchema.describe('the license tier its features need'),
    costPerSession: MoneyOutput.describe('tokens one session of this template costs'),
    paysForAi: z.boolean().describe('a session pays for an AI output (no virtual booth token then)'),
    archived: z.boolean(),
    updatedAt: z.string(),
  })
  .meta({ id: 'BoothTemplate' });
export const TemplateList = z.object({ data: z.array(Template) });

export const RegisterEventBody = z.strictObject({
  name: Text(200),
  features: z.array(FeatureCode).max(50).default([]),
  templateIds: z.array(Id).max(50).default([]),
  virtualBooth: z.boolean().default(false).describe('a live virtual booth: holds a license like any event'),
});

export const Event = z
  .object({
    id: z.string(),
    accountId: z.string(),
    name: z.string(),
    tag: TierSchema.describe('the highest tier among its features: the license tier it needs'),
    virtualBooth: z.boolean(),
    features: z.array(z.string()),
    templateIds: z.array(z.string()),
    status: z.enum(['registered', 'running', 'paused', 'ended']),
    pauseReason: z.string().nullable().describe('why it is paused (account_locked: …, license_ended: …)'),
    license: z.object({ id: z.string(), tier: TierSchema }).nullable().describe('the license it runs on'),
    sessionsEnded: z.number(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    endedAt: z.string().nullable(),
  })
  .meta({ id: 'BoothEvent' });

export const EventsQuery = z.strictObject({
  status: z.enum(['registered', 'running', 'paused', 'ended']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(64).optional().describe('nextCursor of the previous page'),
});
export const EventPage = z.object({ data: z.array(Event), nextCursor: z.string().nullable() });

export const MAX_OUTPUTS_PER_REPORT = 1_000;

export const ReportOutputsBody = z.strictObject({
  outputs: z
    .array(z.strictObject({ outputId: Id, sessionId: Id, kind: OutputKindSchema }))
    .min(1)
    .max(MAX_OUTPUTS_PER_REPORT)
    .describe('one or many outputs (at most 1,000); each is idempotent by its outputId'),
});

export const OutputResult = z.object({
  outputId: z.string(),
  status: z.enum(['recorded', 'refused']),
  tokens: MoneyOutput.describe('what the output costs (charged when recorded)'),
  transactionId: z.string().nullable(),
  replayed: z.boolean(),
  code: z
    .enum(['insufficient_tokens', 'event_not_running', 'output_id_reused', 'output_in_progress'])
    .optional(),
  detail: z.string().optional(),
});

export const ReportOutputsResponse = z.object({
  results: z.array(OutputResult),
  charged: MoneyOutput.describe('tokens this report charged (replays excluded)'),
  balance: MoneyOutput.describe('available tokens after this report'),
  transactionId: z.string().nullable().describe('the one Charge of this report'),
});

export const EndedSession = z.object({
  eventId: z.string(),
  sessionId: z.string(),
  ordinal: z.number().describe('1-based, in the order the event’s sessions ended'),
  paidForAi: z.boolean(),
  virtualBoothToken: MoneyOutput.describe(
    '1 token after the first 500 sessions of a virtual booth, unless it paid for AI',
  ),
  transactionId: z.string().nullable(),
  settled: z.boolean(),
  endedAt: z.string(),
});

export const TokenPack = z.object({
  tokens: z.number(),
  price: MoneyOutput,
  pricePerToken: MoneyOutput,
});
export const TokenPackList = z.object({ data: z.array(TokenPack) }).meta({ id: 'TokenPacks' });

export const BuyTokensBody = z.strictObject({
  pack: z
    .number()
    .int()
    .refine((n) => TOKEN_PACKS.some((p) => p.tokens === n), 'one of 100, 500, 1000, 2000, 5000, 10000, 20000')
    .describe('pack size in tokens'),
  quantity: z.number().int().min(1).max(100).default(1),
});

export const TokenPurchase = z
  .object({
    id: z.string(),
    accountId: z.string(),
    pack: z.number(),
    quantity: z.number(),
    tokens: MoneyOutput,
    price: MoneyOutput,
    status: z.enum(['pending', 'paid', 'declined']),
    invoiceId: z.string().nullable(),
    transactionId: z.string().nullable(),
    declineReason: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'TokenPurchase' });

export const TokenWallet = z.object({
  accountId: z.string(),
  balance: MoneyOutput,
  held: MoneyOutput,
  available: MoneyOutput,
  recentPurchases: z.array(TokenPurchase),
  links: z.object({ history: z.string().describe('TOKEN transactions, newest first') }),
});

export const EstimateBody = z.strictObject({
  templateIds: z.array(Id).min(1).max(50),
  hours: z
    .number()
    .positive()
    .max(720)
    .refine((h) => Math.abs(h * 60 - Math.round(h * 60)) < 1e-9, 'whole minutes')
    .describe('event length in hours (e.g. 3 or 2.5)'),
  sessionsPerHour: z
    .strictObject({ min: z.number().int().min(0).max(10_000), max: z.number().int().min(0).max(10_000) })
    .optional()
    .describe('default 30–55'),
  virtualBooth: z.boolean().default(false),
});

export const EstimateResponse = z.object({
  sessions: z.object({ min: z.number(), max: z.number() }),
  sessionsPerHour: z.object({ min: z.number(), max: z.number() }),
  tokens: z.object({ min: MoneyOutput, max: MoneyOutput }),
  available: MoneyOutput,
  shortfall: MoneyOutput.describe('what the high end needs beyond the available balance'),
  packs: z.object({
    items: z.array(z.object({ tokens: z.number(), count: z.number(), price: MoneyOutput })),
    tokens: z.number(),
    price: MoneyOutput,
  }),
  templates: z.array(z.object({ id: z.string(), costPerSession: MoneyOutput })),
});

export const AutoTopupBody = z.strictObject({
  enabled: z.boolean(),
  threshold: z
    .string()
    .regex(/^(0|[1-9][0-9]{0,8})(\.[0-9]{1,6})?$/, 'tokens ≥ 0, at most 6 decimals')
    .transform((t) => {
      const [whole, fraction = ''] = t.split('.');
      return BigInt(whole!) * 1_000_000n + BigInt(fraction.padEnd(6, '0'));
    })
    .describe('buy when the available balance falls below this many tokens'),
  pack: z.number().int().positive().describe('the pack to buy, by its size in tokens'),
  maxPerDay: z.number().int().min(1).max(100).default(3).describe('at most this many packs per UTC day'),
});
export const AutoTopup = z
  .object({
    accountId: z.string(),
    enabled: z.boolean(),
    threshold: MoneyOutput,
    pack: z.number(),
    maxPerDay: z.number(),
    armed: z.boolean().describe('false after a purchase until the balance is back at or above the threshold'),
    crossings: z.number(),
    disabledReason: z.string().nullable().describe('why it was turned off (a declined card)'),
  })
  .meta({ id: 'TokenAutoTopup' });
/** GET answers null before the settings were ever saved; PUT always answers the saved settings. */
export const AutoTopupOrNone = AutoTopup.nullable();
