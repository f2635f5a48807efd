import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ComputeContext } from '../context.js';
import { getRunway } from './get-runway.js';
import { money } from '../../ledger/present.js';
import { reply } from '../../kernel/http/reply.js';
import { AccountParams, MoneyOutput, ProblemSchema } from '../../kernel/http/schemas.js';

const Runway = z
  .object({
    accountId: z.string(),
    available: MoneyOutput,
    hourlyBurn: MoneyOutput.describe('what the GPU instances draw per hour now (stopped ones: storage only)'),
    remainingHours: z
      .string()
      .nullable()
      .describe('available ÷ hourly burn, two decimals rounded down; null when nothing burns'),
  })
  .meta({ id: 'Runway' });

/** The compute balance's runway at the current burn rate (what the low-remaining-time alert uses). */
export const runwayRoutes =
  (ctx: ComputeContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/v1/accounts/:accountId/runway',
      {
        config: { roles: ['operator', 'service', 'customer'] },
        schema: {
          tags: ['billing'],
          summary: 'How long the CREDIT balance lasts at the current hourly burn of the GPU instances',
          params: AccountParams,
          response: { 200: Runway, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema },
        },
      },
      async (request, res) =>
        reply(res, await getRunway(ctx, request.params.accountId), (r) => ({
          accountId: r.accountId,
          available: money(r.availableMicros, 'CREDIT'),
          hourlyBurn: money(r.hourlyBurnMicros, 'CREDIT'),
          remainingHours: r.remainingHours,
        })),
    );
  };
