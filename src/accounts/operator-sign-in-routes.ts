import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { presentAccount } from './present-account.js';
import { callerOf } from '../kernel/http/reply.js';
import { AccountParams, COMMON_PROBLEMS } from '../kernel/http/schemas.js';
import type { AccountsContext } from './context.js';
import { lookUpAccount, revokeApiKey, revokeSessionsAsOperator } from './operator-sign-in-tools.js';
import {
  AccountLookup,
  ApiKeySummary,
  KeyParams,
  LookupQuery,
  ReasonBody,
  SessionParams,
} from './sign-in-schemas.js';
import { presentSession, sendSignIn } from './sign-in-routes.js';
import type { ApiKeyRecord } from './accounts-rules.js';

const OPERATOR = { roles: ['operator'] as const };
const Revoked = z.object({ sessionIds: z.array(z.string()) });

const presentKey = (k: ApiKeyRecord) => ({ ...k, createdAt: k.createdAt.toISOString() });

/** Support tools: find an account by email or wallet; revoke API keys and sessions (all audited). */
export const operatorSignInRoutes =
  (ctx: AccountsContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/v1/accounts/lookup',
      {
        config: OPERATOR,
        schema: {
          tags: ['operators'],
          summary: 'Find the account an email or wallet signs in to, with its ways in, sessions and API keys',
          querystring: LookupQuery,
          response: { 200: AccountLookup, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) =>
        sendSignIn(res, await lookUpAccount(ctx, callerOf(request), request.query), (v) => ({
          account: presentAccount(v.account),
          waysIn: v.waysIn,
          sessions: v.sessions.map((s) => presentSession(s)),
          apiKeys: v.apiKeys.map(presentKey),
        })),
    );

    app.post(
      '/v1/api-keys/:keyId/revoke',
      {
        config: OPERATOR,
        schema: {
          tags: ['operators'],
          summary:
            'Revoke an API key (audited; refused at once by this server, by other API servers within 5 s)',
          params: KeyParams,
          body: ReasonBody,
          response: { 200: ApiKeySummary, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) =>
        sendSignIn(
          res,
          await revokeApiKey(ctx, callerOf(request), {
            keyId: request.params.keyId,
            reason: request.body.reason,
          }),
          presentKey,
        ),
    );

    app.post(
      '/v1/sessions/:sessionId/revoke',
      {
        config: OPERATOR,
        schema: {
          tags: ['operators'],
          summary: 'End a session at once (audited)',
          params: SessionParams,
          body: ReasonBody,
          response: { 200: Revoked, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) =>
        sendSignIn(
          res,
          await revokeSessionsAsOperator(ctx, callerOf(request), {
            sessionId: request.params.sessionId,
            reason: request.body.reason,
          }),
          (v) => v,
        ),
    );

    app.post(
      '/v1/accounts/:accountId/sessions/revoke',
      {
        config: OPERATOR,
        schema: {
          tags: ['operators'],
          summary: 'End every session of an account at once (audited)',
          params: AccountParams,
          body: ReasonBody,
          response: { 200: Revoked, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) =>
        sendSignIn(
          res,
          await revokeSessionsAsOperator(ctx, callerOf(request), {
            accountId: request.params.accountId,
            reason: request.body.reason,
          }),
          (v) => v,
        ),
    );
  };
