import { z } from 'zod';
import { type Money, type Unit, UNITS, parsePositiveAmount } from '../money.js';
import { ID_PREFIXES, type IdKind } from '../ids.js';

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

export const Text = (max: number) => z.string().trim().min(1).max(max);
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

/**
 * Whether a route's header schema declares an Idempotency-Key, required or optional (`.partial()`,
 * `.extend(…)`): the HTTP idempotent runner wraps every such route, so a keyed request replays
 * whichever form the route declares. Recognised by the header itself, not by schema identity, which
 * any derived schema loses.
 */
export function declaresIdempotencyKey(headers: unknown): boolean {
  return headers instanceof z.ZodObject && 'idempotency-key' in headers.shape;
}

/**
 * An id of this API in a path or body: its type prefix, an underscore, then lowercase letters,
 * digits and underscores, 64 characters at most (plus `suffix`, a regex, for a route that also
 * answers `id.pdf`). Ids made here are `prefix_` + 24 base32 characters; the wider charset keeps
 * hand-written ids (tests, seeds) valid while refusing anything that could not be an id before it
 * reaches the store.
 */
export const idOf = (kind: IdKind, suffix = '') =>
  z
    .string()
    .max(64 + suffix.length)
    .regex(new RegExp(`^${ID_PREFIXES[kind]}_[0-9a-z_]{1,${62 - ID_PREFIXES[kind].length}}${suffix}$`), {
      message: `must be an id of the form ${ID_PREFIXES[kind]}_…`,
    })
    .describe(`${ID_PREFIXES[kind]}_ followed by lowercase letters and digits`);

export const AccountId = idOf('account');
export const AccountParams = z.strictObject({ accountId: AccountId });

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

/**
 * The problems any route may answer: bad input, no or bad key, a role or account not allowed, a
 * missing thing. A route names its other statuses (409, 422, 502, ...) next to these.
 */
export const COMMON_PROBLEMS = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
};
