import type { Queryable } from '../kernel/db/database.js';
import type { SessionMethod, SessionRecord } from './accounts-rules.js';

/** The columns `sessionFromRow` reads. */
type SessionRow = {
  id: string;
  account_id: string;
  method: SessionMethod;
  address: string | null;
  email: string | null;
  created_at: Date;
  expires_at: Date;
};

function sessionFromRow(row: SessionRow): SessionRecord {
  return {
    id: row.id,
    accountId: row.account_id,
    method: row.method,
    address: row.address ?? null,
    email: row.email ?? null,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}

export async function insertSession(db: Queryable, session: SessionRecord, tokenHash: string): Promise<void> {
  await db.query(
    `INSERT INTO sessions (id, token_hash, account_id, method, address, email, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      session.id,
      tokenHash,
      session.accountId,
      session.method,
      session.address?.toLowerCase() ?? null,
      session.email,
      session.createdAt,
      session.expiresAt,
    ],
  );
}

/** A live session: not revoked, not expired at `now`. */
export async function findLiveSession(
  db: Queryable,
  tokenHash: string,
  now: Date,
): Promise<SessionRecord | undefined> {
  const rows = await db.query<SessionRow>(
    `SELECT * FROM sessions WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > $2`,
    [tokenHash, now],
  );
  return rows[0] ? sessionFromRow(rows[0]) : undefined;
}

/** An account's live sessions, newest first. */
export async function listLiveSessions(
  db: Queryable,
  accountId: string,
  now: Date,
): Promise<SessionRecord[]> {
  const rows = await db.query<SessionRow>(
    `SELECT * FROM sessions WHERE account_id = $1 AND revoked_at IS NULL AND expires_at > $2
     ORDER BY created_at DESC, id DESC`,
    [accountId, now],
  );
  return rows.map(sessionFromRow);
}

export async function findSession(db: Queryable, sessionId: string): Promise<SessionRecord | undefined> {
  const rows = await db.query<SessionRow>('SELECT * FROM sessions WHERE id = $1', [sessionId]);
  return rows[0] ? sessionFromRow(rows[0]) : undefined;
}

export async function revokeSession(db: Queryable, sessionId: string, now: Date): Promise<boolean> {
  const rows = await db.query(
    'UPDATE sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING id',
    [sessionId, now],
  );
  return rows.length === 1;
}

/**
 * Revokes an account's live sessions: all of them, or only those opened by one wallet or email.
 * Returns the ids revoked.
 */
export async function revokeAccountSessions(
  db: Queryable,
  accountId: string,
  now: Date,
  openedBy?: { kind: 'wallet' | 'email'; value: string },
): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `UPDATE sessions SET revoked_at = $2
     WHERE account_id = $1 AND revoked_at IS NULL AND expires_at > $2
       AND ($3::text IS NULL OR (method = $3 AND coalesce(address, email) = $4))
     RETURNING id`,
    [accountId, now, openedBy?.kind ?? null, openedBy ? openedBy.value.toLowerCase() : null],
  );
  return rows.map((r) => r.id);
}
