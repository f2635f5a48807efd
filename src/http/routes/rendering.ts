import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServiceContext } from '../../services/context.js';

export const renderingRoutes =
  (_ctx: ServiceContext): FastifyPluginAsyncZod =>
  async () => {};
