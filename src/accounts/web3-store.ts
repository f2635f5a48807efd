import type { Queryable } from '../kernel/db/database.js';
import type { Checkpoint, DepositRecord, DepositStatus, SeenLog } from './accounts-rules.js';

/** Addresses are stored lowercase; callers pass any case. */
const lower = (address: string) => address.toLowerCase();

// ---------------------------------------------------------------- nonces and wallets

export async function insertNonce(db: Queryable, nonce: string, now: Date, expiresAt: Date): Promise<void> {
  await db.query('INSERT INTO siwe_nonces (nonce, created_at, expires_at) VALUES ($1, $2, $3)', [
    nonce,
    now,
    expiresAt,
  ]);
}

/** Deletes nonces that can no longer be used (expired, or used and past their expiry). */
export async function deleteStaleNonces(db: Queryable, now: Date): Promise<void> {
  await db.query('DELETE FROM siwe_nonces WHERE expires_at <= $1', [now]);
}

/**
 * Uses a nonce once: true only for the one caller that finds it unused and unexpired. Concurrent
 * attempts on the same nonce serialize on its row; the second finds `used_at` set.
 */
export async function consumeNonce(db: Queryable, nonce: string, now: Date): Promise<boolean> {
  const rows = await db.query(
    `UPDATE siwe_nonces SET used_at = $2 WHERE nonce = $1 AND used_at IS NULL AND expires_at > $2
     RETURNING nonce`,
    [nonce, now],
  );
  return rows.length === 1;
}

export async function findAccountIdByAddress(db: Queryable, address: string): Promise<string | undefined> {
  const rows = await db.query<{ account_id: string }>(
    'SELECT account_id FROM wallet_addresses WHERE address = $1',
    [lower(address)],
  );
  return rows[0]?.account_id;
}

/** The wallet addresses bound to an account (lowercase), oldest first. */
export async function findWalletAddresses(db: Queryable, accountId: string): Promise<string[]> {
  const rows = await db.query<{ address: string }>(
    'SELECT address FROM wallet_addresses WHERE account_id = $1 ORDER BY created_at, address',
    [accountId],
  );
  return rows.map((r) => r.address);
}

export async function insertWalletAddress(
  db: Queryable,
  address: string,
  accountId: string,
  now: Date,
): Promise<void> {
  await db.query('INSERT INTO wallet_addresses (address, account_id, created_at) VALUES ($1, $2, $3)', [
    lower(address),
    accountId,
    now,
  ]);
}

// ---------------------------------------------------------------- deposits

/** Columns as read: numeric as text (exact), the rest as stored. */
const DEPOSIT_COLUMNS = `id, chain_id, token_address, tx_hash, log_index, from_address, to_address,
  amount_micros::text AS amount_micros, block_number, block_hash, status, account_id, transaction_id,
  created_at, updated_at`;

/** The columns `depositFromRow` reads. */
type DepositRow = {
  id: string;
  token_address: string;
  tx_hash: string;
  from_address: string;
  to_address: string;
  amount_micros: string;
  block_number: bigint;
  block_hash: string;
  status: DepositStatus;
  account_id: string | null;
  transaction_id: string | null;
  created_at: Date;
  updated_at: Date;
  chain_id: bigint;
  log_index: number;
};

function depositFromRow(row: DepositRow): DepositRecord {
  return {
    id: row.id,
    chainId: Number(row.chain_id),
    tokenAddress: row.token_address,
    txHash: row.tx_hash,
    logIndex: Number(row.log_index),
    fromAddress: row.from_address,
    toAddress: row.to_address,
    amountMicros: BigInt(row.amount_micros),
    blockNumber: BigInt(row.block_number),
    blockHash: row.block_hash,
    status: row.status,
    accountId: row.account_id ?? null,
    transactionId: row.transaction_id ?? null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * Records Transfer logs as seen deposits, each with its sender's account when the wallet is known.
 * A log already recorded is left alone, except that one whose block was replaced (its row `seen`
 * with another block hash, or `reorged`) takes the new block: the same transfer, re-mined. Any
 * number of watchers may record the same logs at once; (tx_hash, log_index) keeps one row each.
 */
export async function recordSeenLogs(db: Queryable, logs: readonly SeenLog[], now: Date): Promise<void> {
  if (logs.length === 0) return;
  await db.query(
    `INSERT INTO usdt_deposits (id, chain_id, token_address, tx_hash, log_index, from_address, to_address,
       amount_micros, block_number, block_hash, status, account_id, created_at, updated_at)
     SELECT l.id, l.chain_id, l.token_address, l.tx_hash, l.log_index, l.from_address, l.to_address,
       l.amount_micros::numeric, l.block_number, l.block_hash, 'seen',
       (SELECT w.account_id FROM wallet_addresses w WHERE w.address = l.from_address), $2, $2
     FROM jsonb_to_recordset($1::jsonb) AS l(id text, chain_id int8, token_address text, tx_hash text,
       log_index int4, from_address text, to_address text, amount_micros text, block_number int8,
       block_hash text)
     ORDER BY l.tx_hash, l.log_index
     ON CONFLICT (tx_hash, log_index) DO UPDATE
       SET block_number = EXCLUDED.block_number, block_hash = EXCLUDED.block_hash, status = 'seen',
           updated_at = EXCLUDED.updated_at
       WHERE usdt_deposits.status IN ('seen', 'reorged') AND usdt_deposits.block_hash <> EXCLUDED.block_hash`,
    [
      JSON.stringify(
        logs.map((l) => ({
          id: l.id,
          chain_id: l.chainId,
          token_address: lower(l.tokenAddress),
          tx_hash: lower(l.txHash),
          log_index: l.logIndex,
          from_address: lower(l.fromAddress),
          to_address: lower(l.toAddress),
          amount_micros: l.amountMicros.toString(),
          block_number: l.blockNumber.toString(),
          block_hash: lower(l.blockHash),
        })),
      ),
      now,
    ],
  );
}

/**
 * One watcher's seen deposits (its chain, token and deposit address), oldest block first: those it
 * still has to confirm, credit or drop.
 */
export async function findSeenDeposits(
  db: Queryable,
  watched: { chainId: number; tokenAddress: string; depositAddress: string },
  limit: number,
): Promise<DepositRecord[]> {
  const rows = await db.query<DepositRow>(
    `SELECT ${DEPOSIT_COLUMNS} FROM usdt_deposits
     WHERE status = 'seen' AND chain_id = $1 AND token_address = $2 AND to_address = $3
     ORDER BY block_number, id LIMIT $4`,
    [watched.chainId, lower(watched.tokenAddress), lower(watched.depositAddress), limit],
  );
  return rows.map(depositFromRow);
}

/**
 * Takes a lease on a seen deposit so that one watcher at a time checks and
 * credits it. Returns the row as claimed, or nothing when another holds a live lease or the
 * deposit moved on. A lease left by a crashed watcher lapses at `until`.
 */
export async function claimDeposit(
  db: Queryable,
  id: string,
  now: Date,
  until: Date,
): Promise<DepositRecord | undefined> {
  const rows = await db.query<DepositRow>(
    `UPDATE usdt_deposits SET claimed_until = $3
     WHERE id = $1 AND status = 'seen'
       AND (claimed_until IS NULL OR claimed_until <= $2)
     RETURNING ${DEPOSIT_COLUMNS}`,
    [id, now, until],
  );
  return rows[0] ? depositFromRow(rows[0]) : undefined;
}

export async function releaseDeposit(db: Queryable, id: string): Promise<void> {
  await db.query('UPDATE usdt_deposits SET claimed_until = NULL WHERE id = $1', [id]);
}

/** Moves a seen deposit to `held_for_review` or `reorged` (never a credited one), releasing the lease. */
export async function settleUncredited(
  db: Queryable,
  id: string,
  status: 'held_for_review' | 'reorged',
  now: Date,
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE usdt_deposits SET status = $2, claimed_until = NULL, updated_at = $3
     WHERE id = $1 AND status = 'seen' RETURNING id`,
    [id, status, now],
  );
  return rows.length === 1;
}

/** Marks a deposit credited by `transactionId` (idempotent: a credited row stays as it was). */
export async function markCredited(
  db: Queryable,
  id: string,
  accountId: string,
  transactionId: string,
  now: Date,
): Promise<void> {
  await db.query(
    `UPDATE usdt_deposits SET status = 'credited', account_id = $2, transaction_id = $3,
       claimed_until = NULL, updated_at = $4
     WHERE id = $1 AND status IN ('seen', 'held_for_review')`,
    [id, accountId, transactionId, now],
  );
}

export async function findDeposit(db: Queryable, id: string): Promise<DepositRecord | undefined> {
  const rows = await db.query<DepositRow>(`SELECT ${DEPOSIT_COLUMNS} FROM usdt_deposits WHERE id = $1`, [id]);
  return rows[0] ? depositFromRow(rows[0]) : undefined;
}

/** Locks a deposit row for an operator's decision. */
export async function lockDeposit(db: Queryable, id: string): Promise<DepositRecord | undefined> {
  const rows = await db.query<DepositRow>(
    `SELECT ${DEPOSIT_COLUMNS} FROM usdt_deposits WHERE id = $1 FOR UPDATE`,
    [id],
  );
  return rows[0] ? depositFromRow(rows[0]) : undefined;
}

/** Binds a held deposit to the account an operator chose (it stays held until credited). */
export async function assignDepositToAccount(
  db: Queryable,
  id: string,
  accountId: string,
  now: Date,
): Promise<void> {
  await db.query(
    `UPDATE usdt_deposits SET account_id = $2, updated_at = $3
     WHERE id = $1 AND status = 'held_for_review' AND account_id IS NULL`,
    [id, accountId, now],
  );
}

/** Newest first; `before` is the last id of the previous page (ids sort by creation). */
export async function listDeposits(
  db: Queryable,
  query: { accountId?: string; status?: DepositStatus; before?: string; limit: number },
): Promise<{ deposits: DepositRecord[]; next: string | null }> {
  const rows = await db.query<DepositRow>(
    `SELECT ${DEPOSIT_COLUMNS} FROM usdt_deposits
     WHERE ($1::text IS NULL OR account_id = $1)
       AND ($2::text IS NULL OR status = $2)
       AND ($3::text IS NULL OR id < $3)
     ORDER BY id DESC LIMIT $4`,
    [query.accountId ?? null, query.status ?? null, query.before ?? null, query.limit + 1],
  );
  const page = rows.slice(0, query.limit).map(depositFromRow);
  return {
    deposits: page,
    next: rows.length > query.limit ? (page[page.length - 1]?.id ?? null) : null,
  };
}

// ---------------------------------------------------------------- watcher checkpoint

export async function findCheckpoint(db: Queryable, id: string): Promise<Checkpoint | undefined> {
  const rows = await db.query<{ block_number: bigint; block_hash: string }>(
    'SELECT block_number, block_hash FROM usdt_watcher_checkpoints WHERE id = $1',
    [id],
  );
  const row = rows[0];
  return row ? { blockNumber: BigInt(row.block_number), blockHash: row.block_hash } : undefined;
}

/**
 * Moves the checkpoint forward (never back: of two watchers, the one further along wins), or, with
 * `rewind`, to exactly this block (after a reorg deeper than the confirmations).
 */
export async function saveCheckpoint(
  db: Queryable,
  id: string,
  checkpoint: Checkpoint,
  now: Date,
  rewind = false,
): Promise<void> {
  await db.query(
    `INSERT INTO usdt_watcher_checkpoints (id, block_number, block_hash, updated_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (id) DO UPDATE SET block_number = EXCLUDED.block_number, block_hash = EXCLUDED.block_hash,
       updated_at = EXCLUDED.updated_at
     WHERE $5::boolean OR usdt_watcher_checkpoints.block_number < EXCLUDED.block_number`,
    [id, checkpoint.blockNumber, lower(checkpoint.blockHash), now, rewind],
  );
}

// ---------------------------------------------------------------- the head each watcher last saw

/** The watcher of (chain, token, deposit address): the id of its checkpoint and of its head. */
export const watcherId = (chainId: number, tokenAddress: string, depositAddress: string): string =>
  `${chainId}:${lower(tokenAddress)}:${lower(depositAddress)}`;

/** What a watcher pass saw: the head, and the confirmations that watcher requires. */
export interface WatcherHead {
  blockNumber: bigint;
  confirmations: number;
}

/** Records the head a watcher pass read (the latest pass wins, also after a reorg shortened the chain). */
export async function saveWatcherHead(
  db: Queryable,
  id: string,
  head: WatcherHead,
  now: Date,
): Promise<void> {
  await db.query(
    `INSERT INTO usdt_watcher_heads (id, block_number, confirmations, seen_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (id) DO UPDATE SET block_number = EXCLUDED.block_number,
       confirmations = EXCLUDED.confirmations, seen_at = EXCLUDED.seen_at`,
    [id, head.blockNumber, head.confirmations, now],
  );
}

/** The heads the watchers of these ids last saw, by id (absent: no pass yet). */
export async function findWatcherHeads(db: Queryable, ids: string[]): Promise<Map<string, WatcherHead>> {
  if (ids.length === 0) return new Map();
  const rows = await db.query<{ id: string; block_number: bigint; confirmations: number }>(
    'SELECT id, block_number, confirmations FROM usdt_watcher_heads WHERE id = ANY($1::text[])',
    [[...new Set(ids)]],
  );
  return new Map(
    rows.map((r) => [r.id, { blockNumber: BigInt(r.block_number), confirmations: Number(r.confirmations) }]),
  );
}
