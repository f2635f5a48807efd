import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServiceContext } from '../../services/context.js';

/** The booth line's payment methods (cards) and booth invoices. */
export const boothBillingRoutes =
  (_ctx: ServiceContext): FastifyPluginAsyncZod =>
  async () => {};
