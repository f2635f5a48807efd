import type { Queryable } from '../kernel/db/database.js';
import type { SignInCodeRecord } from './email-sign-in-rules.js';

// ---------------------------------------------------------------- emails as ways in

/** The account a verified email signs in to (emails are stored lowercase). */
export async function findAccountIdByEmail(db: Queryable, email: string): Promise<string | undefined> {
  const rows = await db.query<{ account_id: string }>(
    'SELECT account_id FROM account_emails WHERE email = $1',
    [email],
  );
  return rows[0]?.account_id;
}

/**
 * An account opened before email sign-in whose contact email is this one and that has no email way
 * in yet (an operator opened it with the customer's address): the oldest such account.
 */
export async function findClaimableAccountId(db: Queryable, email: string): Promise<string | undefined> {
  const rows = await db.query<{ id: string }>(
    `SELECT a.id FROM accounts a
     WHERE lower(a.email) = $1 AND NOT EXISTS (SELECT 1 FROM account_emails e WHERE e.account_id = a.id)
     ORDER BY a.created_at, a.id LIMIT 1`,
    [email],
  );
  return rows[0]?.id;
}

/** Adds an email way in and makes it the account's contact (billing and notification) address. */
export async function insertAccountEmail(
  db: Queryable,
  email: string,
  accountId: string,
  now: Date,
): Promise<void> {
  await db.query(
    `WITH e AS (INSERT INTO account_emails (email, account_id, created_at) VALUES ($1, $2, $3))
     UPDATE accounts SET email = $1 WHERE id = $2`,
    [email, accountId, now],
  );
}

export async function findAccountEmails(db: Queryable, accountId: string): Promise<string[]> {
  const rows = await db.query<{ email: string }>(
    'SELECT email FROM account_emails WHERE account_id = $1 ORDER BY created_at, email',
    [accountId],
  );
  return rows.map((r) => r.email);
}

/**
 * Locks the account's ways in (its account row) so that two removals at once cannot leave it
 * with none, then counts them.
 */
export async function lockAndCountWaysIn(db: Queryable, accountId: string): Promise<number> {
  const rows = await db.query<{ n: bigint }>(
    `WITH a AS (SELECT id FROM accounts WHERE id = $1 FOR UPDATE)
     SELECT ((SELECT count(*) FROM wallet_addresses WHERE account_id = (SELECT id FROM a))
           + (SELECT count(*) FROM account_emails WHERE account_id = (SELECT id FROM a)))::int8 AS n`,
    [accountId],
  );
  return Number(rows[0]!.n);
}

export async function deleteWayIn(
  db: Queryable,
  accountId: string,
  way: { kind: 'wallet' | 'email'; value: string },
): Promise<boolean> {
  const rows =
    way.kind === 'wallet'
      ? await db.query('DELETE FROM wallet_addresses WHERE account_id = $1 AND address = $2 RETURNING 1', [
          accountId,
          way.value.toLowerCase(),
        ])
      : await db.query('DELETE FROM account_emails WHERE account_id = $1 AND email = $2 RETURNING 1', [
          accountId,
          way.value,
        ]);
  return rows.length === 1;
}

/**
 * The account's contact email, and the one it would have without `removed`: the most recently
 * linked email left (as linking makes the newest the contact), or none. `changes` is false when
 * the removed email was not the contact (an operator-given address stays as it is).
 */
export async function contactEmailWithout(
  db: Queryable,
  accountId: string,
  removed: string,
): Promise<{ changes: boolean; next: string | null }> {
  const rows = await db.query<{ current: string | null; next: string | null }>(
    `SELECT a.email AS current,
            (SELECT e.email FROM account_emails e WHERE e.account_id = a.id AND e.email <> $2
             ORDER BY e.created_at DESC, e.email DESC LIMIT 1) AS next
     FROM accounts a WHERE a.id = $1`,
    [accountId, removed],
  );
  const row = rows[0];
  if (!row || row.current === null || row.current.toLowerCase() !== removed)
    return { changes: false, next: null };
  return { changes: true, next: row.next ?? null };
}

export async function setContactEmail(db: Queryable, accountId: string, email: string | null): Promise<void> {
  await db.query('UPDATE accounts SET email = $2 WHERE id = $1', [accountId, email]);
}

// ---------------------------------------------------------------- one-time codes

/** The columns `codeFromRow` reads. */
type CodeRow = {
  id: string;
  email: string;
  purpose: string;
  code_hash: string;
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
  attempts: number;
};

function codeFromRow(row: CodeRow): SignInCodeRecord {
  return {
    id: row.id,
    email: row.email,
    purpose: row.purpose,
    codeHash: row.code_hash,
    attempts: Number(row.attempts),
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    usedAt: row.used_at ?? null,
  };
}

/** Stores a new code; any earlier unused code for the same email and purpose stops working. */
export async function insertSignInCode(db: Queryable, code: Omit<SignInCodeRecord, 'usedAt'>): Promise<void> {
  await db.query(
    `WITH old AS (UPDATE sign_in_codes SET used_at = $6
                  WHERE email = $2 AND purpose = $3 AND used_at IS NULL)
     INSERT INTO sign_in_codes (id, email, purpose, code_hash, attempts, created_at, expires_at)
     VALUES ($1, $2, $3, $4, 0, $6, $5)`,
    [code.id, code.email, code.purpose, code.codeHash, code.expiresAt, code.createdAt],
  );
}

/** The newest code for an email and purpose, locked: guesses at one code take turns. */
export async function lockLatestSignInCode(
  db: Queryable,
  email: string,
  purpose: string,
): Promise<SignInCodeRecord | undefined> {
  const rows = await db.query<CodeRow>(
    `SELECT * FROM sign_in_codes WHERE email = $1 AND purpose = $2
     ORDER BY created_at DESC, id DESC LIMIT 1 FOR UPDATE`,
    [email, purpose],
  );
  return rows[0] ? codeFromRow(rows[0]) : undefined;
}

/** Counts a wrong guess; the code is spent (`used_at`) once it has had `maxAttempts` of them. */
export async function recordWrongGuess(
  db: Queryable,
  id: string,
  maxAttempts: number,
  now: Date,
): Promise<void> {
  await db.query(
    `UPDATE sign_in_codes SET attempts = attempts + 1,
       used_at = CASE WHEN attempts + 1 >= $2 THEN $3 ELSE used_at END
     WHERE id = $1`,
    [id, maxAttempts, now],
  );
}

export async function markSignInCodeUsed(db: Queryable, id: string, now: Date): Promise<void> {
  await db.query('UPDATE sign_in_codes SET used_at = $2 WHERE id = $1', [id, now]);
}

export async function deleteStaleSignInCodes(db: Queryable, before: Date): Promise<void> {
  await db.query('DELETE FROM sign_in_codes WHERE expires_at <= $1', [before]);
}

// ---------------------------------------------------------------- throttle

/** The latest `locked_until` among `keys` that is still in the future, if any. */
export async function findLockedUntil(
  db: Queryable,
  keys: readonly string[],
  now: Date,
): Promise<Date | null> {
  const rows = await db.query<{ until: Date | null }>(
    'SELECT max(locked_until) AS until FROM sign_in_throttle WHERE key = ANY($1::text[]) AND locked_until > $2',
    [keys, now],
  );
  return rows[0]?.until ?? null;
}

/**
 * Counts one event (a failure, or a code sent) against each key. Within `windowMs` of a key's first
 * event the count grows; the event that reaches `limit` locks the key for `cooldownMs`. A key whose
 * window or lock has passed starts again at 1. Atomic per key (one upsert), so concurrent requests
 * cannot slip past the limit.
 */
export async function countThrottleEvent(
  db: Queryable,
  keys: readonly string[],
  now: Date,
  rule: { limit: number; windowMs: number; cooldownMs: number },
): Promise<void> {
  const windowStart = new Date(now.getTime() - rule.windowMs);
  const lockUntil = new Date(now.getTime() + rule.cooldownMs);
  await db.query(
    `INSERT INTO sign_in_throttle AS t (key, failures, window_start, locked_until)
     SELECT k, 1, $2, CASE WHEN 1 >= $4 THEN $5::timestamptz END FROM unnest($1::text[]) AS k
     ON CONFLICT (key) DO UPDATE SET
       failures = CASE WHEN t.window_start <= $3 OR t.locked_until <= $2 THEN 1 ELSE t.failures + 1 END,
       window_start = CASE WHEN t.window_start <= $3 OR t.locked_until <= $2 THEN $2 ELSE t.window_start END,
       locked_until = CASE
         WHEN t.window_start <= $3 OR t.locked_until <= $2 THEN CASE WHEN 1 >= $4 THEN $5::timestamptz END
         WHEN t.failures + 1 >= $4 THEN $5::timestamptz
         ELSE t.locked_until END
     WHERE t.locked_until IS NULL OR t.locked_until <= $2`,
    [[...keys].sort(), now, windowStart, rule.limit, lockUntil],
  );
}

/** Throttle rows whose window started before `windowStart` and that are not locked at `now`. */
export async function deleteStaleThrottle(db: Queryable, windowStart: Date, now: Date): Promise<void> {
  await db.query(
    'DELETE FROM sign_in_throttle WHERE window_start <= $1 AND (locked_until IS NULL OR locked_until <= $2)',
    [windowStart, now],
  );
}

export async function clearThrottle(db: Queryable, key: string): Promise<void> {
  await db.query('DELETE FROM sign_in_throttle WHERE key = $1', [key]);
}
