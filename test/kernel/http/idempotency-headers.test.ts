import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { IdempotencyHeaders, declaresIdempotencyKey } from '../../../src/kernel/http/schemas.js';

/**
 * The HTTP idempotent runner wraps a route when its header schema declares an Idempotency-Key,
 * whatever form the schema takes: required, optional (`.partial()`), or with other headers beside
 * it. Schema identity missed the derived forms, so such routes never replayed.
 */
describe('declaresIdempotencyKey', () => {
  it('recognises the required, optional and extended header schemas', () => {
    expect(declaresIdempotencyKey(IdempotencyHeaders)).toBe(true);
    expect(declaresIdempotencyKey(IdempotencyHeaders.partial())).toBe(true);
    expect(declaresIdempotencyKey(IdempotencyHeaders.extend({ 'x-request-id': z.string() }))).toBe(true);
  });

  it('refuses routes without the header', () => {
    expect(declaresIdempotencyKey(undefined)).toBe(false);
    expect(declaresIdempotencyKey(z.object({ 'x-request-id': z.string() }))).toBe(false);
    expect(declaresIdempotencyKey({ 'idempotency-key': 'not a schema' })).toBe(false);
  });
});
