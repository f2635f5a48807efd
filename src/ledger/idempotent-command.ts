import type { Clock } from '../kernel/clock.js';
import { type Caller, idempotencyScope } from '../kernel/context.js';
import { type Database, type Queryable, transactionWithRetry } from '../kernel/db/database.js';
import { requestHash } from '../kernel/request-hash.js';
import { IDEMPOTENCY_CONFLICT, type Result, ok } from '../kernel/result.js';
import { findKeys, insertKeys, isIdempotencyRace } from './idempotency-store.js';
import type { IdempotencyClaim, KeyState } from './ledger-rules.js';

/**
 * The idempotent command runner (docs/idempotency.md): the first answer to a (scope, key) is stored
 * with its HTTP status and replayed byte for byte; the same key with another request hash is a
 * conflict; a twin that arrives while the first is still running waits for its answer.
 *
 * A claim is a row in `idempotency_keys` whose result is `{"pending": true}` until the owner stores
 * its answer (or releases the key, for answers that are not kept). An owner that died holding a
 * claim (a crash between claim and answer) gives it up after LEASE_MS: the next twin takes it over
 * and runs the command again (each command's own effects are idempotent underneath, so running it
 * twice writes once). The lease is PICTOR_IDEMPOTENCY_LEASE_SECONDS (default 60 s): after a crash, a key
 * that was in flight answers its retries only once the lease has passed. Rows live in the same table as the ledger's keys, in scopes of their own.
 */
export interface CommandAnswer {
  status: number;
  /** The response body exactly as first sent. */
  body: string;
  contentType: string;
}

export type Claimed =
  | { kind: 'run' }
  | { kind: 'replay'; answer: CommandAnswer }
  | { kind: 'conflict' }
  /** The first request is still running after the wait: the client should retry later. */
  | { kind: 'busy' };

export const DEFAULT_LEASE_MS = 60_000;
const POLL_MS = 20;
const DEFAULT_WAIT_MS = 30_000;

/** The stored result (jsonb): `{"pending": true}` while the owner works, then its answer. */
type StoredResult = { pending: true } | CommandAnswer;
type Row = { request_hash: string; result: StoredResult; created_at: Date };

/** Inserts the pending claim row unless the key exists; whether it did (the caller owns the key). */
export type ClaimInsert = (claim: IdempotencyClaim, now: Date) => Promise<boolean>;

export async function claimCommand(
  db: Queryable,
  claim: IdempotencyClaim,
  now: () => Date,
  waitMs = DEFAULT_WAIT_MS,
  leaseMs = DEFAULT_LEASE_MS,
  insert: ClaimInsert = async (claim, at) => (await insertClaims(db, [{ claim, at }]))[0]!,
): Promise<Claimed> {
  for (let waited = 0; ;) {
    if (await insert(claim, now())) return { kind: 'run' };
    const [row] = await db.query<Row>(
      'SELECT request_hash, result, created_at FROM idempotency_keys WHERE scope = $1 AND key = $2',
      [claim.scope, claim.key],
    );
    if (!row) continue; // released meanwhile (an answer that is not kept): claim it again
    if (row.request_hash !== claim.requestHash) return { kind: 'conflict' };
    if (!('pending' in row.result)) {
      const { status, body, contentType } = row.result;
      return { kind: 'replay', answer: { status, body, contentType } };
    }
    if (row.created_at.getTime() + leaseMs <= now().getTime() && (await takeOver(db, claim, row, now())))
      return { kind: 'run' };
    if (waited >= waitMs) return { kind: 'busy' };
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    waited += POLL_MS;
  }
}

/** Takes over a claim whose owner has not answered within the lease (compare-and-set on its time). */
async function takeOver(db: Queryable, claim: IdempotencyClaim, row: Row, now: Date): Promise<boolean> {
  const taken = await db.query(
    `UPDATE idempotency_keys SET created_at = $4
     WHERE scope = $1 AND key = $2 AND created_at = $3 AND result ? 'pending' RETURNING 1`,
    [claim.scope, claim.key, row.created_at, now],
  );
  return taken.length > 0;
}

/** Stores the owner's answer: from now on every twin and retry gets it. */
export async function completeCommand(
  db: Queryable,
  claim: IdempotencyClaim,
  answer: CommandAnswer,
): Promise<void> {
  await completeCommands(db, [{ claim, answer }]);
}

const byScopeAndKey = (a: IdempotencyClaim, b: IdempotencyClaim) =>
  a.scope < b.scope ? -1 : a.scope > b.scope ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;

/**
 * Claims several keys in one statement, each at its own time: for each claim, whether this
 * statement inserted its pending row (its caller owns the key). `lazy`: the statement must be
 * autocommitted (`db` a Database, not a transaction), and its commit does not wait for the WAL. Rows go in (scope, key) order, so
 * two such statements never wait on each other in opposite orders; a key twice in `claims` is
 * inserted for its first claim only.
 */
export async function insertClaims(
  db: Queryable,
  claims: readonly { claim: IdempotencyClaim; at: Date }[],
  commit: 'durable' | 'lazy' = 'durable',
): Promise<boolean[]> {
  const id = (c: IdempotencyClaim) => `${c.scope}\n${c.key}`;
  const firsts = new Map<string, (typeof claims)[number]>();
  for (const c of claims) if (!firsts.has(id(c.claim))) firsts.set(id(c.claim), c);
  const rows = [...firsts.values()].sort((a, b) => byScopeAndKey(a.claim, b.claim));
  const inserted = await db.query<{ scope: string; key: string }>(
    `INSERT INTO idempotency_keys (scope, key, request_hash, result, created_at)
     SELECT c.scope, c.key, c.request_hash, '{"pending": true}', c.created_at
     FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[]) WITH ORDINALITY
       AS c(scope, key, request_hash, created_at, n)${commit === 'lazy' ? LAZY_COMMIT : ''}
     ORDER BY c.n
     ON CONFLICT DO NOTHING RETURNING scope, key`,
    [
      rows.map((r) => r.claim.scope),
      rows.map((r) => r.claim.key),
      rows.map((r) => r.claim.requestHash),
      rows.map((r) => r.at),
    ],
  );
  const won = new Set(inserted.map((r) => `${r.scope}\n${r.key}`));
  return claims.map((c) => firsts.get(id(c.claim)) === c && won.has(id(c.claim)));
}

/**
 * Joined into an autocommitted statement, makes its own commit lazy (`synchronous_commit = off`
 * for that statement's implicit transaction only): one round trip, no wait for the WAL flush.
 * Never inside an explicit transaction, whose whole commit it would make lazy.
 */
const LAZY_COMMIT = `, (SELECT set_config('synchronous_commit', 'off', true)) AS lazy_commit`;

/** Stores several owners' answers in one statement ((scope, key) order, as `insertClaims`). */
export async function completeCommands(
  db: Queryable,
  answers: readonly { claim: IdempotencyClaim; answer: CommandAnswer }[],
): Promise<void> {
  const rows = [...answers].sort((a, b) => byScopeAndKey(a.claim, b.claim));
  await db.query(
    `UPDATE idempotency_keys k SET result = c.result::jsonb
     FROM unnest($1::text[], $2::text[], $3::text[]) AS c(scope, key, result)
     WHERE k.scope = c.scope AND k.key = c.key`,
    [rows.map((r) => r.claim.scope), rows.map((r) => r.claim.key), rows.map((r) => JSON.stringify(r.answer))],
  );
}

/** Frees the key without an answer (one that is not kept): the next request with it runs anew. */
export async function releaseCommand(db: Queryable, claim: IdempotencyClaim): Promise<void> {
  await db.query(`DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2 AND result ? 'pending'`, [
    claim.scope,
    claim.key,
  ]);
}

/**
 * Which answers are kept and replayed, the same for every endpoint: every success (below 400), and
 * 402, a decline (a card or PayPal was asked and said no: retrying the key must not ask again).
 * Other 4xx answers are refusals that changed nothing (invalid input, not found, insufficient funds,
 * a state conflict): the key stays free, so the same key succeeds once the cause is fixed. 5xx
 * answers (a provider down, overload) are transient: the retry runs again.
 */
export const isKeptAnswer = (status: number) => status < 400 || status === 402;

/**
 * The claim of a use case acting for `caller` under a client's key: the caller's scope for the
 * account (docs/idempotency.md § Scope) and a hash of the operation and its input.
 */
export function commandClaim(
  caller: Caller,
  accountId: string | null,
  key: string,
  operation: string,
  input: unknown,
): IdempotencyClaim {
  return { scope: idempotencyScope(caller, accountId), key, requestHash: requestHash(operation, input) };
}

/** What a committed key says to a claim: its stored result (replayed), a conflict, or nothing yet. */
function answerOf<T>(state: KeyState, revive: (stored: unknown) => T): Result<T> | null {
  if (!state.seen) return null;
  return 'conflict' in state ? IDEMPOTENCY_CONFLICT() : ok(revive(state.replay), true);
}

const asIs = <T>(stored: unknown) => stored as T;

/**
 * The runner's transactional half, the one way a use case is idempotent on a key of its own: in
 * one transaction, look the key up (its result → replayed; another request hash → 409), else do
 * the work and store its result under the key beside its effects. A crash can never separate the
 * effect from its key, and a direct call (CLI, simulation, a retried HTTP request whose stored
 * answer was lost) replays as well as an HTTP one. A twin committing the same key first makes the
 * insert fail on the key; the transaction is retried and replays it. A failed result stores nothing.
 */
export async function runKeyed<T>(
  ctx: { db: Database; clock: Clock },
  claim: IdempotencyClaim,
  work: (tx: Queryable, now: Date) => Promise<Result<T>>,
  options: { alsoRetry?: (error: unknown) => boolean; revive?: (stored: unknown) => T } = {},
): Promise<Result<T>> {
  const revive = options.revive ?? asIs<T>;
  return transactionWithRetry(
    ctx.db,
    async (tx) => {
      const answered = answerOf((await findKeys(tx, [claim]))(claim), revive);
      if (answered) return answered;
      const now = ctx.clock.now();
      const result = await work(tx, now);
      if (result.ok) await insertKeys(tx, [{ claim, result: result.value }], now);
      return result;
    },
    (error) => isIdempotencyRace(error) || (options.alsoRetry?.(error) ?? false),
  );
}

/** The stored answer to a claim, outside any transaction (to skip calling a provider for a replay). */
export async function lookUpKeyed<T>(
  db: Queryable,
  claim: IdempotencyClaim,
  revive: (stored: unknown) => T = asIs<T>,
): Promise<Result<T> | null> {
  return answerOf((await findKeys(db, [claim]))(claim), revive);
}
