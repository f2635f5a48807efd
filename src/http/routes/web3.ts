import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServiceContext } from '../../services/context.js';

export const web3Routes =
  (_ctx: ServiceContext): FastifyPluginAsyncZod =>
  async () => {};
