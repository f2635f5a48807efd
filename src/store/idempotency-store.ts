import { decodeJson, encodeJson } from '../platform/json-codec.js';
import type { Queryable } from './database.js';

/** A mutation's idempotency key, scoped to the caller, with a hash of what was asked. */
export interface IdempotencyClaim {
  scope: string;
  key: string;
  requestHash: string;
}

export type ClaimState =
  { claimed: true } | { claimed: false; replay: unknown } | { claimed: false; conflict: true };

export const claimId = (c: Pick<IdempotencyClaim, 'scope' | 'key'>) => `${c.scope}\u0000${c.key}`;

/**
 * Claims keys by inserting them (sorted, so two batches never wait on each other in a cycle).
 * When another transaction holds a key, the insert waits for it to finish: a committed key is
 * then replayed (or is a conflict if the request differs), a rolled-back one is claimed here.
 * A claimed key holds a placeholder until `completeKeysSql` stores the result or releases it.
 */
export async function claimKeys(
  tx: Queryable,
  claims: readonly IdempotencyClaim[],
  now: Date,
): Promise<Map<string, ClaimState>> {
  const states = new Map<string, ClaimState>();
  const unique = [...new Map(claims.map((c) => [claimId(c), c])).values()].sort((a, b) =>
    claimId(a) < claimId(b) ? -1 : 1,
  );
  if (unique.length === 0) return states;
  const inserted = await tx.query<{ scope: string; key: string }>(
    `INSERT INTO idempotency_keys (scope, key, request_hash, result, created_at)
     SELECT c.scope, c.key, c.request_hash, 'null'::jsonb, $2 FROM jsonb_to_recordset($1::jsonb)
       AS c(scope text, key text, request_hash text, ord int) ORDER BY c.ord
     ON CONFLICT DO NOTHING RETURNING scope, key`,
    [
      JSON.stringify(
        unique.map((c, ord) => ({ scope: c.scope, key: c.key, request_hash: c.requestHash, ord })),
      ),
      now,
    ],
  );
  for (const row of inserted) states.set(claimId(row), { claimed: true });
  const taken = unique.filter((c) => !states.has(claimId(c)));
  if (taken.length > 0) {
    const rows = await tx.query<{ scope: string; key: string; request_hash: string; result: unknown }>(
      `SELECT k.scope, k.key, k.request_hash, k.result FROM idempotency_keys k
       JOIN jsonb_to_recordset($1::jsonb) AS c(scope text, key text) ON c.scope = k.scope AND c.key = k.key`,
      [JSON.stringify(taken.map((c) => ({ scope: c.scope, key: c.key })))],
    );
    const byId = new Map(rows.map((r) => [claimId(r), r]));
    for (const c of taken) {
      const row = byId.get(claimId(c));
      if (!row) throw new Error(`idempotency key ${c.key} vanished while claiming it`);
      states.set(
        claimId(c),
        row.request_hash === c.requestHash
          ? { claimed: false, replay: decodeJson(row.result) }
          : { claimed: false, conflict: true },
      );
    }
  }
  return states;
}

/** Stores results for keys whose request succeeded and frees keys whose request was refused. */
export async function completeKeys(
  tx: Queryable,
  done: readonly { claim: IdempotencyClaim; result: unknown }[],
  released: readonly IdempotencyClaim[],
): Promise<void> {
  if (done.length > 0) {
    await tx.query(
      `UPDATE idempotency_keys k SET result = c.result FROM jsonb_to_recordset($1::jsonb) AS c(scope text, key text, result jsonb)
       WHERE k.scope = c.scope AND k.key = c.key`,
      [
        JSON.stringify(
          done.map((d) => ({
            scope: d.claim.scope,
            key: d.claim.key,
            result: JSON.parse(encodeJson(d.result)),
          })),
        ),
      ],
    );
  }
  if (released.length > 0) {
    await tx.query(
      `DELETE FROM idempotency_keys k USING jsonb_to_recordset($1::jsonb) AS c(scope text, key text)
       WHERE k.scope = c.scope AND k.key = c.key`,
      [JSON.stringify(released.map((c) => ({ scope: c.scope, key: c.key })))],
    );
  }
}
