import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServiceContext } from '../../services/context.js';

/** The booth line's licenses: catalog, quote, purchase, cancel, downgrade, renewals. */
export const licensesRoutes =
  (_ctx: ServiceContext): FastifyPluginAsyncZod =>
  async () => {};
