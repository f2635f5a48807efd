import { createHash } from 'node:crypto';
import { encodeJson } from './json-codec.js';

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  return Object.fromEntries(
    Object.keys(value as object)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
  );
}

/** A stable fingerprint of an operation and its parsed input: key order and formatting do not matter. */
export function requestHash(operation: string, input: unknown): string {
  return createHash('sha256')
    .update(operation)
    .update('\n')
    .update(encodeJson(canonical(input)))
    .digest('base64url');
}
