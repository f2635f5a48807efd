import fastJsonStringify from 'fast-json-stringify';
import type { FastifySerializerCompiler } from 'fastify';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';

/**
 * The response serializer of hot read routes (balances, the history page: issue 20, P6), set per
 * route as `serializerCompiler`. The default (fastify-type-provider-zod) checks every response
 * against its zod schema, building a copy of it, then calls JSON.stringify: for a 50-row history
 * page that was most of the page's serialization CPU. A read route's presenter builds exactly its
 * schema's shape (TypeScript checks it), so here its success answers are written by
 * fast-json-stringify compiled from the same schema's JSON Schema: the same bytes (declared keys
 * in the schema's order, undeclared keys dropped, strings escaped as JSON.stringify does; test/
 * kernel/http/presented-json.test.ts compares them), and a missing required field still throws
 * (500); what is lost is the check of each value's type (a number where a string is declared
 * would be written as a string instead of refused). Other statuses keep the zod serializer: a
 * problem+json schema admits extra keys, whose order fast-json-stringify would change. A schema
 * JSON Schema cannot express (a transform, a date) throws here, when the route is registered.
 */
export const presentedJson: FastifySerializerCompiler<unknown> = (routeSchema) => {
  const { schema, httpStatus } = routeSchema;
  if (!(schema instanceof z.ZodType) || !/^2\d\d$/.test(String(httpStatus))) {
    return zodSerializerCompiler(routeSchema as Parameters<typeof zodSerializerCompiler>[0]);
  }
  const jsonSchema = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'throw' });
  return fastJsonStringify(jsonSchema as Parameters<typeof fastJsonStringify>[0]);
};
