import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AccountsContext } from './context.js';
import { describeCaller } from './describe-caller.js';
import { presentAccount } from './present-account.js';
import { problem, sendProblem } from '../kernel/http/problem.js';
import { callerOf, reply } from '../kernel/http/reply.js';
import { Account } from './account-schemas.js';
import { ProblemSchema } from '../kernel/http/schemas.js';

/** The demo account the billing page may sign in to (embedded default only; see PICTOR_DEMO). */
export interface DemoSignIn {
  accountId: string;
  secret: string;
}

const Me = z
  .object({
    role: z.enum(['operator', 'service', 'customer']),
    account: Account.nullable().describe("a customer key's or wallet session's account; null otherwise"),
  })
  .meta({ id: 'Me' });

const Demo = z
  .object({
    accountId: z.string(),
    key: z.string().describe('a customer API key of the demo account'),
  })
  .meta({ id: 'DemoSignIn' });

/**
 * What the billing page needs besides the API proper: who a pasted key is (GET /v1/me), and the
 * demo account's key when the server runs with the demo on (GET /v1/demo; 404 otherwise).
 */
export const pageSessionRoutes =
  (ctx: AccountsContext, demo: (() => DemoSignIn | null) | undefined): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/v1/me',
      {
        config: { roles: ['operator', 'service', 'customer'] },
        schema: {
          tags: ['accounts'],
          summary: 'Who this key or session is: its role and, for a customer, its account',
          response: { 200: Me, 401: ProblemSchema },
        },
      },
      async (request, res) =>
        reply(res, await describeCaller(ctx, callerOf(request)), (d) => ({
          role: d.role,
          account: d.account ? presentAccount(d.account) : null,
        })),
    );

    app.get(
      '/v1/demo',
      {
        schema: {
          tags: ['accounts'],
          summary: "The demo account's customer key (only when the server runs with the demo on)",
          security: [],
          response: { 200: Demo, 404: ProblemSchema },
        },
      },
      async (_request, res) => {
        const signIn = demo?.() ?? null;
        if (!signIn) return sendProblem(res, problem('demo_not_enabled', 'this server has no demo account'));
        return res.send({ accountId: signIn.accountId, key: signIn.secret });
      },
    );
  };
