import type { FastifyRequest } from 'fastify';
import { type FieldError, type Problem, problem } from './problem.js';

/**
 * Characters no value of this API means: C0 controls (U+0000 is refused by PostgreSQL's text
 * types, the others have no use in names, ids or amounts), DEL, and lone UTF-16 surrogates (not
 * encodable as UTF-8). In a JSON body tab, line feed and carriage return stay allowed, as free text
 * (descriptions, reasons, template bodies) may carry them; in paths, queries and headers nothing
 * of this range is allowed.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const STRICT = /[\u0000-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex -- as above
const BODY = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
/** In unicode mode a well-formed pair is one code point, so this matches only lone halves. */
const LONE_SURROGATE = /[\ud800-\udfff]/u;

export type Strictness = 'strict' | 'body';

function badString(value: string, strictness: Strictness): boolean {
  return (strictness === 'strict' ? STRICT : BODY).test(value) || LONE_SURROGATE.test(value);
}

/**
 * The first string (value or object key) in `value` that carries a character this API refuses, as a
 * field error with its dotted path; undefined when there is none. Depth is bounded by the body
 * limit and the JSON parser, so plain recursion is safe.
 */
export function findBadCharacter(
  value: unknown,
  strictness: Strictness,
  path: readonly string[] = [],
): FieldError | undefined {
  if (typeof value === 'string') {
    return badString(value, strictness) ? fieldError(path, strictness) : undefined;
  }
  if (ArrayBuffer.isView(value)) return undefined; // a raw body kept for a signature check
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findBadCharacter(value[i], strictness, [...path, String(i)]);
      if (found) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (badString(key, 'strict')) return fieldError([...path, key], 'strict');
      const found = findBadCharacter(inner, strictness, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}

function fieldError(path: readonly string[], strictness: Strictness): FieldError {
  return {
    field: path.join('.'),
    code: 'invalid_character',
    message:
      strictness === 'strict'
        ? 'must not contain control characters (U+0000-U+001F, U+007F) or unpaired surrogates'
        : 'must not contain U+0000 or other control characters except tab and line breaks',
  };
}

/** Headers whose values reach the store. */
const STORED_HEADERS = ['idempotency-key'] as const;

/**
 * The edge check every request passes before its schema: a field error for the first value with a
 * refused character (path, query, stored headers, body), or for a query parameter the route does
 * not declare. Undefined when the request may go on.
 */
export function refuseBadInput(request: FastifyRequest): Problem | undefined {
  const found =
    findBadCharacter(request.params, 'strict') ??
    findBadCharacter(request.query, 'strict') ??
    findStoredHeader(request) ??
    findBadCharacter(request.body, 'body');
  if (found) return invalid('invalid_character', found);
  const unknown = unknownQueryParameter(request);
  if (unknown) return invalid('unknown_field', unknown);
  return undefined;
}

function findStoredHeader(request: FastifyRequest): FieldError | undefined {
  for (const name of STORED_HEADERS) {
    const value = request.headers[name];
    if (typeof value === 'string' && badString(value, 'strict')) return fieldError([name], 'strict');
  }
  return undefined;
}

/**
 * Routes with a query schema are strict through it; an API route without one takes no query at
 * all. The page's own routes (outside /v1) are left alone: a PayPal return carries its token there.
 */
function unknownQueryParameter(request: FastifyRequest): FieldError | undefined {
  if (request.routeOptions.schema?.querystring) return undefined;
  if (!request.url.startsWith('/v1/')) return undefined;
  const keys = Object.keys((request.query as Record<string, unknown> | undefined) ?? {});
  if (keys.length === 0) return undefined;
  return {
    field: keys[0]!,
    code: 'unknown_field',
    message: `unknown query parameter(s): ${keys.join(', ')}`,
  };
}

function invalid(code: 'invalid_character' | 'unknown_field', error: FieldError): Problem {
  return problem(code, `${error.field ? `${error.field}: ` : ''}${error.message}`, {
    field: error.field,
    errors: [error],
  });
}
