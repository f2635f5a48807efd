import { decodeJson, encodeJson } from '../kernel/json-codec.js';
import { type Queryable, isUniqueViolation } from '../kernel/db/database.js';
import type { IdempotencyClaim, KeyStates } from './ledger-rules.js';

/** A stored key as KEY_LOOKUP_SQL returns it. */
export type KeyRow = { scope: string; key: string; request_hash: string; result: unknown };

export const claimId = (c: Pick<IdempotencyClaim, 'scope' | 'key'>) => `${c.scope}\u0000${c.key}`;

/**
 * Idempotency is optimistic: look the keys up, do the work, and insert each key with its result in
 * the same transaction. If a concurrent twin committed the same key first, the insert fails on the
 * primary key (`isIdempotencyRace`), the transaction is retried, and the lookup then finds the key.
 * The common case, a key nobody else is using, costs one lookup and one insert, no extra update.
 */
export const KEY_LOOKUP_SQL = `SELECT k.scope, k.key, k.request_hash, k.result
  FROM unnest($1::text[], $2::text[]) AS c(scope, key)
  JOIN LATERAL (SELECT * FROM idempotency_keys i WHERE i.scope = c.scope AND i.key = c.key) k ON true`;

export const KEY_INSERT_SQL = `INSERT INTO idempotency_keys (scope, key, request_hash, result, created_at)
  SELECT scope, key, request_hash, result, created_at FROM jsonb_to_recordset($KEYS::jsonb)
    AS c(scope text, key text, request_hash text, result jsonb, created_at timestamptz)`;

/** The two array parameters ($1 scopes, $2 keys) of KEY_LOOKUP_SQL. Arrays, not JSON, so that the
 * planner sees how many there are and looks each up by primary key instead of scanning the table. */
export function keysParams(claims: readonly IdempotencyClaim[]): [string[], string[]] {
  return [claims.map((c) => c.scope), claims.map((c) => c.key)];
}

export function keyRowsParam(
  done: readonly { claim: IdempotencyClaim; result: unknown }[],
  now: Date,
): string {
  return JSON.stringify(
    done.map(({ claim, result }) => ({
      scope: claim.scope,
      key: claim.key,
      request_hash: claim.requestHash,
      result: JSON.parse(encodeJson(result)),
      created_at: now.toISOString(),
    })),
  );
}

export function keyStates(rows: readonly KeyRow[]): KeyStates {
  const found = new Map(rows.map((r) => [claimId(r), r]));
  const decoded = new Map<string, unknown>();
  return (claim) => {
    const row = found.get(claimId(claim));
    if (!row) return { seen: false };
    if (row.request_hash !== claim.requestHash) return { seen: true, conflict: true };
    // Decoded once per key, so every replay of it shares one value.
    if (!decoded.has(claimId(row))) decoded.set(claimId(row), decodeJson(row.result));
    return { seen: true, replay: decoded.get(claimId(row)) };
  };
}

export async function findKeys(tx: Queryable, claims: readonly IdempotencyClaim[]): Promise<KeyStates> {
  if (claims.length === 0) return keyStates([]);
  return keyStates(await tx.query<KeyRow>(KEY_LOOKUP_SQL, keysParams(claims)));
}

export async function insertKeys(
  tx: Queryable,
  done: readonly { claim: IdempotencyClaim; result: unknown }[],
  now: Date,
): Promise<void> {
  if (done.length > 0) await tx.query(KEY_INSERT_SQL.replace('$KEYS', '$1'), [keyRowsParam(done, now)]);
}

/** A concurrent request with the same key committed first: retry, and the lookup will replay it. */
export function isIdempotencyRace(error: unknown): boolean {
  return isUniqueViolation(error, 'idempotency_keys_pkey');
}

/**
 * Keys a client chose, the ones retention prunes: the HTTP runner's (`http:…`) and the ledger's
 * under a caller's scope (`<account>/<role>`, or the role alone). Natural-id keys (`render`,
 * `rental:…`, `topup:…`, `refund:…` …) are not: they are kept as long as the ledger they guard.
 * Word for word the predicate of the partial index `idempotency_keys_client_created` (migration
 * 015), so the planner reads that index.
 */
const CLIENT_KEY_SQL = `(scope LIKE 'http:%' OR scope LIKE '%/customer' OR scope LIKE '%/service' OR scope LIKE '%/operator'
    OR scope IN ('customer', 'service', 'operator'))`;

/**
 * Deletes up to `limit` client keys created before `cutoff`, oldest first; returns how many. Rows
 * another pruner holds are skipped (two schedulers at once share the work).
 */
export async function deleteClientKeysBefore(q: Queryable, cutoff: Date, limit: number): Promise<number> {
  const rows = await q.query(
    `DELETE FROM idempotency_keys WHERE (scope, key) IN (
       SELECT scope, key FROM idempotency_keys WHERE created_at < $1 AND ${CLIENT_KEY_SQL}
       ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED)
     RETURNING 1`,
    [cutoff, limit],
  );
  return rows.length;
}
