import {
  type Decision,
  type HoldRecord,
  type LedgerCommand,
  type LedgerEffects,
  type LedgerResult,
  type LedgerState,
  type TransactionRecord,
  type WalletState,
  decide,
  emptyEffects,
  touchedHold,
  touchedWallets,
  walletsWithHoldsNeeded,
  type AuditEntry,
  type BatchResult,
  type LedgerOutcome,
  type LedgerRequest,
  type IdempotencyClaim,
  type KeyStates,
} from './ledger-rules.js';
import type { Unit } from '../kernel/money.js';
import type { Queryable } from '../kernel/db/database.js';
import {
  KEY_INSERT_SQL,
  KEY_LOOKUP_SQL,
  type KeyRow,
  claimId,
  findKeys,
  keyRowsParam,
  keyStates,
  keysParams,
} from './idempotency-store.js';

/**
 * Applies a batch of ledger requests in the caller's transaction, each decided in order on the
 * state as the previous ones left it. One request's refusal does not affect the others.
 *
 * Two statements per batch, whatever its size (three when holds are involved): one reads earlier
 * results under the batch's idempotency keys and locks the wallets (in id order, so concurrent
 * batches cannot deadlock); one writes every effect and the new keys.
 */
export async function applyLedgerBatch(
  tx: Queryable,
  requests: readonly LedgerRequest[],
  now: Date,
): Promise<BatchResult> {
  const claims = requests.flatMap((r) => (r.idempotency ? [r.idempotency] : []));
  const { keys, state } = await lockState(
    tx,
    claims,
    requests.map((r) => r.command),
    now,
  );
  const result = await decideAndWrite(tx, requests, keys, state, now);
  return recheckRefusedKeys(tx, requests, result);
}

/**
 * The key lookup above read the snapshot its statement started with, before it waited for the
 * wallet locks. A twin request that held those locks and committed meanwhile (posting the same
 * hold, say) is invisible to it, so this request was decided on the state the twin left and
 * refused (`hold_not_pending`). Now that the locks are ours, a fresh lookup sees the twin's key:
 * such a refusal is really a replay (or a conflict). Only refusals pay for the second look.
 */
async function recheckRefusedKeys(
  tx: Queryable,
  requests: readonly LedgerRequest[],
  result: BatchResult,
): Promise<BatchResult> {
  const refused = requests.flatMap((r, i) =>
    r.idempotency && result.outcomes[i]!.status === 'rejected' ? [{ index: i, claim: r.idempotency }] : [],
  );
  if (refused.length === 0) return result;
  const fresh = await findKeys(
    tx,
    refused.map((r) => r.claim),
  );
  const outcomes = [...result.outcomes];
  for (const { index, claim } of refused) {
    const state = fresh(claim);
    if (state.seen) {
      outcomes[index] =
        'conflict' in state
          ? { status: 'idempotency_conflict' }
          : { status: 'replayed', result: state.replay as LedgerResult };
    }
  }
  return { ...result, outcomes };
}

/**
 * The same batch in one autocommitted statement, deciding on wallet states the caller remembers
 * instead of locking them first. The statement writes only if every wallet still has exactly the
 * remembered balance and held amount (a compare-and-set inside the statement); otherwise it raises
 * `isStaleState` and writes nothing. Returns undefined when the batch needs the locking path:
 * a command involving holds, a wallet not remembered, or one with funds held (holds expire with time).
 * A key that an earlier request already used fails the statement too (`isIdempotencyRace`).
 */
export async function applyLedgerBatchOptimistic(
  db: Queryable,
  requests: readonly LedgerRequest[],
  now: Date,
  remembered: (walletId: string) => WalletState | undefined,
  options: FastWriteOptions = {},
): Promise<BatchResult | undefined> {
  if (requests.some((r) => r.command.type !== 'post_transaction')) return undefined;
  const wallets = new Map<string, WalletState>();
  for (const id of requests.flatMap((r) => touchedWallets(r.command))) {
    const known = remembered(id);
    if (!known || known.heldMicros !== 0n) return undefined;
    wallets.set(id, known);
  }
  const state = { ledger: { wallets: new Map(wallets), holds: new Map() }, initial: wallets };
  // Keys are assumed new: a used one makes the write fail, unless the request was refused (a
  // refusal writes no key), so refusals look their keys up (a retry after its first try: replay).
  return recheckRefusedKeys(
    db,
    requests,
    await decideAndWrite(db, requests, keyStates([]), state, now, options),
  );
}

/** How the fast path's one statement is written. */
export interface FastWriteOptions {
  /** Another context's writes, joined into the statement. */
  part?: BatchStatementPart;
  /**
   * Its commit does not wait for the WAL (`TransactionOptions.lazyCommit`, for background batches),
   * set inside the autocommitted statement itself: one round trip, where a transaction with
   * `SET LOCAL` takes three.
   */
  lazyCommit?: boolean;
}

/**
 * What another context writes with the transactions a batch records, as part of the batch's one
 * statement (so the fast path stays one autocommitted round trip; compute numbers its documents
 * this way). Its WITH items come after the batch's own and may read `txns`: the rows the batch
 * inserted (id, account_id, kind, unit, created_at, seq). When `ready` is false the statement
 * writes nothing and the batch takes its locking path, where the context writes in the batch's
 * transaction instead (`LedgerWriter.withinBatch`).
 */
export interface BatchStatementPart {
  /** Names the prepared statement it makes with the batch's: one part (one text) per name. */
  name: string;
  /** Its WITH items and a boolean expression over them, its parameters numbered from `firstParam`. */
  sql(firstParam: number): { ctes: string; ready: string };
  /** Its parameters, in order, for the transactions the batch inserts and the batch's time. */
  params(inserted: readonly TransactionRecord[], at: Date): unknown[];
}

/** A statement part was not ready (`BatchStatementPart.ready`): nothing was written. */
export function isPartNotReady(error: unknown): boolean {
  return (
    (error as { code?: unknown; message?: unknown })?.code === '40001' &&
    String((error as Error).message).includes(PART_NOT_READY)
  );
}
const PART_NOT_READY = 'a part of the batch statement needs the locking path';

/** A compare-and-set in the optimistic write found a wallet changed since it was remembered. */
export function isStaleState(error: unknown): boolean {
  return (
    (error as { code?: unknown; message?: unknown })?.code === '40001' &&
    String((error as Error).message).includes(STALE)
  );
}
const STALE = 'wallet state changed since it was read';

async function decideAndWrite(
  q: Queryable,
  requests: readonly LedgerRequest[],
  keys: KeyStates,
  state: { ledger: LedgerState; initial: Map<string, WalletState> },
  now: Date,
  /** Set on the fast path: every wallet is checked to be as remembered, and written so. */
  fast?: FastWriteOptions,
): Promise<BatchResult> {
  const verifyUnchanged = fast !== undefined;
  const outcomes: (LedgerOutcome | undefined)[] = new Array(requests.length);
  // The first request carrying a key owns it; a later one in the same batch shares its fate.
  const owner = new Map<string, number>();
  const effects = emptyEffects();
  const audits: AuditEntry[] = [];
  const done: { claim: IdempotencyClaim; result: LedgerResult }[] = [];

  requests.forEach((request, index) => {
    const claim = request.idempotency;
    if (claim) {
      const earlier = keys(claim);
      const first = owner.get(claimId(claim));
      if (earlier.seen) {
        outcomes[index] =
          'conflict' in earlier
            ? { status: 'idempotency_conflict' }
            : { status: 'replayed', result: earlier.replay as LedgerResult };
        return;
      }
      if (first !== undefined) {
        const firstOutcome = outcomes[first]!;
        outcomes[index] =
          requests[first]!.idempotency!.requestHash !== claim.requestHash
            ? { status: 'idempotency_conflict' }
            : firstOutcome.status === 'applied'
              ? { status: 'replayed', result: firstOutcome.result }
              : firstOutcome;
        return;
      }
      owner.set(claimId(claim), index);
    }
    const decision: Decision = decide(state.ledger, request.command, effects);
    if (decision.ok) {
      outcomes[index] = { status: 'applied', result: decision.result };
      if (request.audit) audits.push(request.audit);
      if (claim) done.push({ claim, result: decision.result });
    } else {
      // A refused request leaves no key behind: the same key may be tried again later.
      outcomes[index] = { status: 'rejected', error: decision.error };
    }
  });

  const touched = [...state.ledger.wallets].map(([id, after]) => ({
    id,
    before: state.initial.get(id)!,
    after,
  }));
  const changed = touched.filter((w) => !sameState(w.before, w.after));
  // A changed wallet alone is not the test: effects may net to zero on every wallet (a hold placed
  // as an equal one lapses, a charge and an equal credit) and must still be written. A wallet can
  // also change with no effect (holds expired lazily above, then a refusal). Decisions that changed
  // nothing (refusals) still rest on the remembered state when optimistic.
  if (changed.length > 0 || hasEffects(effects, audits, done) || (verifyUnchanged && touched.length > 0)) {
    await writeEffects(q, effects, verifyUnchanged ? touched : changed, audits, done, now, fast);
  }
  return { outcomes: outcomes as LedgerOutcome[], wallets: state.ledger.wallets };
}

const hasEffects = (effects: LedgerEffects, audits: readonly AuditEntry[], keys: readonly unknown[]) =>
  effects.transactions.length > 0 ||
  effects.transfers.length > 0 ||
  effects.newHolds.length > 0 ||
  effects.resolvedHolds.length > 0 ||
  audits.length > 0 ||
  keys.length > 0;

const sameState = (a: WalletState, b: WalletState) =>
  a.balanceMicros === b.balanceMicros && a.heldMicros === b.heldMicros;

interface LockedWallet {
  id: string;
  balance: string;
  held: string;
}

async function lockState(
  tx: Queryable,
  claims: readonly IdempotencyClaim[],
  commands: readonly LedgerCommand[],
  now: Date,
): Promise<{
  keys: KeyStates;
  state: { ledger: LedgerState; initial: Map<string, WalletState> };
}> {
  const walletIds = [...new Set(commands.flatMap(touchedWallets))];
  const holdIds = [...new Set(commands.flatMap((c) => touchedHold(c) ?? []))];
  // Wallets of referenced holds are found through the hold's immutable wallet_id. int8 travels
  // as text inside JSON so no amount passes through a float.
  const [row] = await tx.query<{ keys: KeyRow[]; wallets: LockedWallet[] }>(
    `WITH keys AS (${KEY_LOOKUP_SQL}),
     locked AS (
       SELECT ledger_account_id AS id, balance_micros::text AS balance, held_micros::text AS held
       FROM wallet_balances
       WHERE ledger_account_id = ANY($3::text[] || ARRAY(SELECT wallet_id FROM holds WHERE id = ANY($4::text[])))
       ORDER BY ledger_account_id FOR UPDATE)
     SELECT (SELECT COALESCE(json_agg(keys), '[]') FROM keys) AS keys,
            (SELECT COALESCE(json_agg(locked), '[]') FROM locked) AS wallets`,
    [...keysParams(claims), walletIds, holdIds],
    'ledger_lock_state',
  );
  const wallets = new Map<string, WalletState>(
    row!.wallets.map((w) => [w.id, { balanceMicros: BigInt(w.balance), heldMicros: BigInt(w.held) }]),
  );
  const initial = new Map(wallets);
  const holds = new Map<string, HoldRecord>();
  const withHolds = [...wallets].filter(([, w]) => w.heldMicros > 0n).map(([id]) => id);
  // A debit paid before holds may shrink any pending hold of its wallet: load them all.
  const shrinkable = [...new Set(commands.flatMap(walletsWithHoldsNeeded))].filter((id) =>
    withHolds.includes(id),
  );
  if (withHolds.length > 0 || holdIds.length > 0) {
    // Holds past their expiry stop reserving funds now, even if the sweeper has not reached them.
    const holdRows = await tx.query<HoldRow & { just_expired: boolean }>(
      `WITH expired AS (
         UPDATE holds SET status = 'expired', resolved_at = expires_at
         WHERE wallet_id = ANY($1::text[]) AND status = 'pending' AND expires_at <= $2
         RETURNING *)
       SELECT e.*, true AS just_expired FROM expired e
       UNION ALL
       SELECT h.*, false FROM holds h
       WHERE (h.id = ANY($3::text[]) OR (h.wallet_id = ANY($4::text[]) AND h.status = 'pending'))
         AND h.id NOT IN (SELECT id FROM expired)`,
      [withHolds, now, holdIds, shrinkable],
    );
    for (const holdRow of holdRows) {
      const hold = holdFromRow(holdRow);
      if (holdRow.just_expired) {
        const wallet = wallets.get(hold.walletId)!;
        wallets.set(hold.walletId, { ...wallet, heldMicros: wallet.heldMicros - hold.amountMicros });
      }
      holds.set(hold.id, hold);
    }
  }
  return { keys: keyStates(row!.keys), state: { ledger: { wallets, holds }, initial } };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const str = (n: bigint | null) => (n === null ? null : n.toString());

type WalletWrite = { id: string; before: WalletState; after: WalletState };

/**
 * Everything a batch writes, in one statement: data-modifying CTEs run together, FKs are checked at
 * its end. A key a concurrent twin committed first fails the insert; a wallet that is not as the
 * decision saw it fails the guard. Either way the statement, and so the batch, writes nothing.
 *
 * Prepared once per connection, it runs on PostgreSQL's generic plan, which does not know how many
 * rows the arrays hold: every join against a large table also filters on `= ANY($ids)` so that
 * plan is an index lookup, never a scan of all wallets (measured: a scan per batch made 10,000
 * accounts several times slower than 200).
 */
const writeEffectsSql = (part?: { ctes: string; ready: string }, lazyCommit = false) => `WITH
     txns AS (
       INSERT INTO transactions (id, account_id, kind, unit, amount_micros, description, metadata, hold_id, created_at)
       SELECT id, account_id, kind, unit, amount_micros, description, metadata, hold_id, created_at
       FROM jsonb_to_recordset($1::jsonb) AS t(id text, account_id text, kind text, unit text, amount_micros int8,
         description text, metadata jsonb, hold_id text, created_at timestamptz)
       ${part ? 'RETURNING id, account_id, kind, unit, created_at, seq' : ''}),
     xfers AS (
       INSERT INTO transfers (id, transaction_id, debit_account_id, credit_account_id, unit, amount_micros, created_at)
       SELECT id, transaction_id, debit_account_id, credit_account_id, unit, amount_micros, created_at
       FROM jsonb_to_recordset($2::jsonb) AS t(id text, transaction_id text, debit_account_id text,
         credit_account_id text, unit text, amount_micros int8, created_at timestamptz)),
     new_holds AS (
       INSERT INTO holds (id, account_id, unit, wallet_id, credit_account_id, amount_micros, status, posted_micros,
         transaction_id, description, metadata, created_at, expires_at, resolved_at)
       SELECT * FROM jsonb_to_recordset($3::jsonb) AS h(id text, account_id text, unit text, wallet_id text,
         credit_account_id text, amount_micros int8, status text, posted_micros int8, transaction_id text,
         description text, metadata jsonb, created_at timestamptz, expires_at timestamptz, resolved_at timestamptz)),
     resolved_holds AS (
       UPDATE holds SET status = h.status, posted_micros = h.posted_micros, transaction_id = h.transaction_id,
         resolved_at = h.resolved_at, amount_micros = h.amount_micros
       FROM unnest($4::text[], $8::text[], $9::int8[], $10::text[], $11::timestamptz[], $17::int8[])
         AS h(id, status, posted_micros, transaction_id, resolved_at, amount_micros)
       WHERE holds.id = ANY($4::text[]) AND holds.id = h.id AND holds.status = 'pending'),
     audit AS (
       INSERT INTO audit_log (id, actor, action, subject, reason, details, created_at)
       SELECT * FROM jsonb_to_recordset($6::jsonb) AS a(id text, actor text, action text, subject text, reason text,
         details jsonb, created_at timestamptz)),
     keys AS (${KEY_INSERT_SQL.replace('$KEYS', '$7')}),
     expected AS (
       SELECT * FROM unnest($5::text[], $14::int8[], $15::int8[], $12::int8[], $13::int8[])
         AS v(id, old_balance, old_held, new_balance, new_held)),
     moved AS (
       UPDATE wallet_balances w SET balance_micros = v.new_balance, held_micros = v.new_held
       FROM expected v
       WHERE w.ledger_account_id = ANY($5::text[]) AND w.ledger_account_id = v.id
         AND w.balance_micros = v.old_balance AND w.held_micros = v.old_held
         AND (v.new_balance, v.new_held) IS DISTINCT FROM (v.old_balance, v.old_held)
       RETURNING 1),
     unchanged AS (
       SELECT 1 FROM expected v JOIN wallet_balances w ON w.ledger_account_id = v.id
       WHERE w.ledger_account_id = ANY($5::text[]) AND (v.new_balance, v.new_held) = (v.old_balance, v.old_held)
         AND w.balance_micros = v.old_balance AND w.held_micros = v.old_held)
     ${part ? `, ${part.ctes}` : ''}
     -- Every wallet must be as the decision saw it; if not, nothing of this statement is kept.
     SELECT ledger_guard((SELECT count(*) FROM moved) + (SELECT count(*) FROM unchanged) = $16, '${STALE}')
     ${part ? `, ledger_guard(${part.ready}, '${PART_NOT_READY}')` : ''}
     ${lazyCommit ? `, set_config('synchronous_commit', 'off', true)` : ''}`;
const WRITE_EFFECTS_PARAMS = 17;
/** Each variant of the statement, made once under its name (a prepared text never changes). */
const writeEffectsVariants = new Map<string, string>();
function writeEffectsStatement(fast: FastWriteOptions = {}): { name: string; sql: string } {
  const { part, lazyCommit = false } = fast;
  const name = `ledger_write_effects${part ? `_${part.name}` : ''}${lazyCommit ? '_lazy' : ''}`;
  let sql = writeEffectsVariants.get(name);
  if (!sql) {
    sql = writeEffectsSql(part?.sql(WRITE_EFFECTS_PARAMS + 1), lazyCommit);
    writeEffectsVariants.set(name, sql);
  }
  return { name, sql };
}

/** Writes a decided batch with `WRITE_EFFECTS_SQL`; the parameters are numbered as that statement reads them. */
async function writeEffects(
  q: Queryable,
  effects: LedgerEffects,
  wallets: WalletWrite[],
  audits: AuditEntry[],
  keys: { claim: IdempotencyClaim; result: LedgerResult }[],
  now: Date,
  fast?: FastWriteOptions,
): Promise<void> {
  const { inserted, updated } = holdsToWrite(effects);
  const params = [
    JSON.stringify(effects.transactions.map(transactionJson)),
    JSON.stringify(effects.transfers.map(transferJson)),
    JSON.stringify(inserted.map(holdJson)),
    updated.map((h) => h.id),
    wallets.map((w) => w.id),
    JSON.stringify(audits.map(auditJson)),
    keyRowsParam(keys, now),
    updated.map((h) => h.status),
    updated.map((h) => str(h.postedMicros)),
    updated.map((h) => h.transactionId),
    updated.map((h) => iso(h.resolvedAt)),
    wallets.map((w) => w.after.balanceMicros.toString()),
    wallets.map((w) => w.after.heldMicros.toString()),
    wallets.map((w) => w.before.balanceMicros.toString()),
    wallets.map((w) => w.before.heldMicros.toString()),
    wallets.length,
    updated.map((h) => h.amountMicros.toString()),
  ];
  const { name, sql } = writeEffectsStatement(fast);
  const part = fast?.part;
  await q.query(sql, part ? [...params, ...part.params(effects.transactions, now)] : params, name);
}

/**
 * Which holds are inserted and which updated. A hold placed and resolved in the same batch is
 * inserted in its final state; a hold changed twice (shrunk, then posted) is written once, as it
 * ended (the last entry of its id).
 */
function holdsToWrite(effects: LedgerEffects): { inserted: HoldRecord[]; updated: HoldRecord[] } {
  const resolvedById = new Map(effects.resolvedHolds.map((h) => [h.id, h]));
  const inserted = effects.newHolds.map((h) => resolvedById.get(h.id) ?? h);
  const newIds = new Set(effects.newHolds.map((h) => h.id));
  const updated = [...resolvedById.values()].filter((h) => !newIds.has(h.id));
  return { inserted, updated };
}

const transactionJson = (t: TransactionRecord) => ({
  id: t.id,
  account_id: t.accountId,
  kind: t.kind,
  unit: t.unit,
  amount_micros: str(t.amountMicros),
  description: t.description,
  metadata: t.metadata,
  hold_id: t.holdId,
  created_at: iso(t.createdAt),
});

const transferJson = (t: LedgerEffects['transfers'][number]) => ({
  id: t.id,
  transaction_id: t.transactionId,
  debit_account_id: t.debitAccountId,
  credit_account_id: t.creditAccountId,
  unit: t.unit,
  amount_micros: str(t.amountMicros),
  created_at: iso(t.createdAt),
});

const holdJson = (h: HoldRecord) => ({
  id: h.id,
  account_id: h.accountId,
  unit: h.unit,
  wallet_id: h.walletId,
  credit_account_id: h.creditAccountId,
  amount_micros: str(h.amountMicros),
  status: h.status,
  posted_micros: str(h.postedMicros),
  transaction_id: h.transactionId,
  description: h.description,
  metadata: h.metadata,
  created_at: iso(h.createdAt),
  expires_at: iso(h.expiresAt),
  resolved_at: iso(h.resolvedAt),
});

const auditJson = (a: AuditEntry) => ({
  id: a.id,
  actor: a.actor,
  action: a.action,
  subject: a.subject,
  reason: a.reason,
  details: a.details,
  created_at: iso(a.createdAt),
});

/** The columns `holdFromRow` reads. */
export type HoldRow = {
  id: string;
  account_id: string;
  unit: Unit;
  wallet_id: string;
  credit_account_id: string;
  amount_micros: bigint;
  status: HoldRecord['status'];
  posted_micros: bigint | null;
  transaction_id: string | null;
  description: string;
  metadata: Record<string, string>;
  created_at: Date;
  expires_at: Date;
  resolved_at: Date | null;
};

export function holdFromRow(row: HoldRow): HoldRecord {
  return {
    id: row.id,
    accountId: row.account_id,
    unit: row.unit,
    walletId: row.wallet_id,
    creditAccountId: row.credit_account_id,
    amountMicros: row.amount_micros,
    status: row.status,
    postedMicros: row.posted_micros ?? null,
    transactionId: row.transaction_id ?? null,
    description: row.description,
    metadata: row.metadata,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    resolvedAt: row.resolved_at ?? null,
  };
}

/** The columns `transactionFromRow` reads. */
export type TransactionRow = {
  id: string;
  account_id: string;
  kind: TransactionRecord['kind'];
  unit: Unit;
  amount_micros: bigint;
  description: string;
  metadata: Record<string, string>;
  hold_id: string | null;
  created_at: Date;
  /** Its place in history order (with created_at: the cursor of every listing). */
  seq: bigint;
};

export function transactionFromRow(row: TransactionRow): TransactionRecord {
  return {
    id: row.id,
    accountId: row.account_id,
    kind: row.kind,
    unit: row.unit,
    amountMicros: row.amount_micros,
    description: row.description,
    metadata: row.metadata,
    holdId: row.hold_id ?? null,
    createdAt: row.created_at,
  };
}
