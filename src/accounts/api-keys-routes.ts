import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AccountsContext } from './context.js';
import { createApiKey } from './create-api-key.js';
import { reply } from '../kernel/http/reply.js';
import { ApiKeyCreated, CreateApiKeyBody } from './account-schemas.js';
import { COMMON_PROBLEMS } from '../kernel/http/schemas.js';

export const apiKeyRoutes =
  (ctx: AccountsContext): FastifyPluginAsyncZod =>
  async (app) => {
    // Not idempotent by key: a replay would have to store the secret, which is never stored.
    app.post(
      '/v1/api-keys',
      {
        config: { roles: ['operator'] },
        schema: {
          tags: ['operators'],
          summary: 'Issue an API key (the secret is returned once)',
          body: CreateApiKeyBody,
          response: {
            201: ApiKeyCreated,
            ...COMMON_PROBLEMS,
          },
        },
      },
      async (request, res) =>
        reply(
          res,
          await createApiKey(ctx, request.body),
          ({ key, secret }) => ({ ...key, secret, createdAt: key.createdAt.toISOString() }),
          201,
        ),
    );
  };
