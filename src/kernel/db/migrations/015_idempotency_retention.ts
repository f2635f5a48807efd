/**
 * Idempotency key retention (issue 18, docs/idempotency.md § Retention): keys that clients chose
 * (the HTTP runner's `http:` scopes and the ledger's keys under a caller's scope) are pruned once
 * older than the retention; keys that are natural ids (`render`, `rental:…`, `topup:…` …) are kept
 * as long as the ledger. This partial index holds only the prunable keys, by age, so a prune pass
 * reads only what it deletes instead of stepping over every old natural-id key on each pass.
 * The predicate is repeated word for word in `CLIENT_KEY_SQL` (src/ledger/idempotency-store.ts).
 */
export const sql = `
CREATE INDEX idempotency_keys_client_created ON idempotency_keys (created_at)
  WHERE scope LIKE 'http:%' OR scope LIKE '%/customer' OR scope LIKE '%/service' OR scope LIKE '%/operator'
    OR scope IN ('customer', 'service', 'operator');
`;
