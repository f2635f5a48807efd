import type { Queryable } from '../kernel/db/database.js';
import type { ApiKeyRecord, Role } from './accounts-rules.js';

/** The columns `apiKeyFromRow` reads. */
type ApiKeyRow = {
  id: string;
  role: Role;
  account_id: string | null;
  label: string;
  created_at: Date;
};

function apiKeyFromRow(row: ApiKeyRow): ApiKeyRecord {
  return {
    id: row.id,
    role: row.role,
    accountId: row.account_id ?? null,
    label: row.label,
    createdAt: row.created_at,
  };
}

export async function insertApiKey(db: Queryable, key: ApiKeyRecord, secretHash: string): Promise<void> {
  await db.query(
    `INSERT INTO api_keys (id, secret_hash, role, account_id, label, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
    [key.id, secretHash, key.role, key.accountId, key.label, key.createdAt],
  );
}

export async function findApiKeyBySecretHash(
  db: Queryable,
  secretHash: string,
): Promise<ApiKeyRecord | undefined> {
  const rows = await db.query<ApiKeyRow>(
    'SELECT * FROM api_keys WHERE secret_hash = $1 AND revoked_at IS NULL',
    [secretHash],
  );
  return rows[0] ? apiKeyFromRow(rows[0]) : undefined;
}

export async function countApiKeys(db: Queryable, role: Role): Promise<number> {
  const rows = await db.query<{ n: bigint }>(
    'SELECT count(*)::int8 AS n FROM api_keys WHERE role = $1 AND revoked_at IS NULL',
    [role],
  );
  return Number(rows[0]!.n);
}

/** An account's keys that still work (no secrets: only their hashes are stored). */
export async function listAccountApiKeys(db: Queryable, accountId: string): Promise<ApiKeyRecord[]> {
  const rows = await db.query<ApiKeyRow>(
    'SELECT * FROM api_keys WHERE account_id = $1 AND revoked_at IS NULL ORDER BY created_at, id',
    [accountId],
  );
  return rows.map(apiKeyFromRow);
}

/** Revokes a key; the record when this call revoked it, nothing when unknown or already revoked. */
export async function revokeApiKeyRow(
  db: Queryable,
  id: string,
  now: Date,
): Promise<ApiKeyRecord | undefined> {
  const rows = await db.query<ApiKeyRow>(
    'UPDATE api_keys SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING *',
    [id, now],
  );
  return rows[0] ? apiKeyFromRow(rows[0]) : undefined;
}

/** The PostgreSQL channel every process LISTENs on for revoked keys; the payload is the key's id. */
export const API_KEY_REVOKED_CHANNEL = 'pictor_api_key_revoked';

/**
 * Tells every process on this PostgreSQL that the key no longer works. Sent inside the revoking
 * transaction: PostgreSQL delivers it when (and only if) that transaction commits.
 */
export async function announceApiKeyRevoked(tx: Queryable, keyId: string): Promise<void> {
  await tx.query('SELECT pg_notify($1, $2)', [API_KEY_REVOKED_CHANNEL, keyId]);
}

export async function findApiKey(db: Queryable, id: string): Promise<ApiKeyRecord | undefined> {
  const rows = await db.query<ApiKeyRow>('SELECT * FROM api_keys WHERE id = $1', [id]);
  return rows[0] ? apiKeyFromRow(rows[0]) : undefined;
}
