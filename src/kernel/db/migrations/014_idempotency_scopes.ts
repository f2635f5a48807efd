/**
 * Idempotency keys belong to an account and a kind of principal, no longer to an API key or a
 * wallet session (issue 18; docs/idempotency.md). Keys already stored move to their new scope so a
 * retry that spans the upgrade still replays:
 * - a customer's key or session → `<account>/customer`;
 * - a service or operator key → `<account>/<role>`, the account read from the stored answer (a
 *   transaction, a hold, a record with `accountId`), or `<role>` alone when it names none (a
 *   catalog, a new account).
 * Two old scopes that meet in one new scope under the same key (two sessions of one customer that
 * used one key for different requests) keep the oldest; the other is dropped, as retention would.
 * Refunds keep their old request key in their metadata (an operator's retry of a refund from before
 * the upgrade, under another operator key, is a new refund request, checked against the payment).
 *
 * The `created_at` index lets retention prune the oldest keys in bounded batches.
 */
export const sql = `
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

CREATE TEMPORARY TABLE principals ON COMMIT DROP AS
  SELECT id, role, account_id FROM api_keys
  UNION ALL SELECT id, 'customer', account_id FROM sessions;

WITH moved AS (
  DELETE FROM idempotency_keys k USING principals p WHERE k.scope = p.id
  RETURNING k.key, k.request_hash, k.result, k.created_at, p.role,
    COALESCE(p.account_id, k.result->>'accountId', k.result->'transaction'->>'accountId',
      k.result->'hold'->>'accountId') AS account_id)
INSERT INTO idempotency_keys (scope, key, request_hash, result, created_at)
SELECT DISTINCT ON (scope, key) scope, key, request_hash, result, created_at
FROM (SELECT CASE WHEN account_id IS NULL THEN role ELSE account_id || '/' || role END AS scope, *
      FROM moved) m
ORDER BY scope, key, created_at
ON CONFLICT DO NOTHING;

WITH target AS (
  SELECT o.id, o.account_id || '/' || p.role AS scope,
    row_number() OVER (PARTITION BY o.account_id || '/' || p.role, o.idempotency_key ORDER BY o.created_at) AS n
  FROM license_orders o JOIN principals p ON p.id = o.idempotency_scope)
UPDATE license_orders o SET idempotency_scope = t.scope FROM target t
WHERE o.id = t.id AND t.n = 1
  AND NOT EXISTS (SELECT 1 FROM license_orders x WHERE x.idempotency_scope = t.scope AND x.idempotency_key = o.idempotency_key);

WITH target AS (
  SELECT b.id, b.account_id || '/' || p.role AS scope,
    row_number() OVER (PARTITION BY b.account_id || '/' || p.role, b.idempotency_key ORDER BY b.created_at) AS n
  FROM booth_token_purchases b JOIN principals p ON p.id = b.scope)
UPDATE booth_token_purchases b SET scope = t.scope FROM target t
WHERE b.id = t.id AND t.n = 1
  AND NOT EXISTS (SELECT 1 FROM booth_token_purchases x WHERE x.scope = t.scope AND x.idempotency_key = b.idempotency_key);
`;
