import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServiceContext } from '../../services/context.js';

/** The booth line's booth events, token wallet, usage, estimator. */
export const boothRoutes =
  (_ctx: ServiceContext): FastifyPluginAsyncZod =>
  async () => {};
