import type { Queryable } from '../../kernel/db/database.js';
import type { RelayRecord, RelayStatus } from './relay-rules.js';

const COLUMNS = `id, account_id, chain_id, token_address, from_address, to_address,
  amount_micros::text AS amount_micros, valid_after, valid_before, nonce, relayer_address, status,
  signature, tx_hash, failure, gas_used::text AS gas_used,
  effective_gas_price::text AS effective_gas_price, created_at, updated_at`;

type Row = {
  id: string;
  account_id: string;
  chain_id: bigint;
  token_address: string;
  from_address: string;
  to_address: string;
  amount_micros: string;
  valid_after: bigint;
  valid_before: bigint;
  nonce: string;
  relayer_address: string;
  status: RelayStatus;
  signature: string | null;
  tx_hash: string | null;
  failure: string | null;
  gas_used: string | null;
  effective_gas_price: string | null;
  created_at: Date;
  updated_at: Date;
};

function fromRow(r: Row): RelayRecord {
  return {
    id: r.id,
    accountId: r.account_id,
    chainId: Number(r.chain_id),
    tokenAddress: r.token_address,
    fromAddress: r.from_address,
    toAddress: r.to_address,
    amountMicros: BigInt(r.amount_micros),
    validAfter: BigInt(r.valid_after),
    validBefore: BigInt(r.valid_before),
    nonce: r.nonce,
    relayerAddress: r.relayer_address,
    status: r.status,
    signature: r.signature ?? null,
    txHash: r.tx_hash ?? null,
    failure: r.failure ?? null,
    gasUsed: r.gas_used === null ? null : BigInt(r.gas_used),
    effectiveGasPrice: r.effective_gas_price === null ? null : BigInt(r.effective_gas_price),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function insertRelay(db: Queryable, r: RelayRecord): Promise<void> {
  await db.query(
    `INSERT INTO usdt_relays (id, account_id, chain_id, token_address, from_address, to_address,
       amount_micros, valid_after, valid_before, nonce, relayer_address, status, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'prepared', $12, $12)`,
    [
      r.id,
      r.accountId,
      r.chainId,
      r.tokenAddress,
      r.fromAddress,
      r.toAddress,
      r.amountMicros.toString(),
      r.validAfter,
      r.validBefore,
      r.nonce,
      r.relayerAddress,
      r.createdAt,
    ],
  );
}

export async function findRelay(
  db: Queryable,
  accountId: string,
  id: string,
): Promise<RelayRecord | undefined> {
  const rows = await db.query<Row>(`SELECT ${COLUMNS} FROM usdt_relays WHERE id = $1 AND account_id = $2`, [
    id,
    accountId,
  ]);
  return rows[0] ? fromRow(rows[0]) : undefined;
}

/**
 * Takes a prepared authorization (or a failed one, to try again) for submission with its
 * signature: one request at a time. Nothing when another request holds it or it was submitted.
 */
export async function claimRelay(
  db: Queryable,
  id: string,
  signature: string,
  now: Date,
): Promise<RelayRecord | undefined> {
  const rows = await db.query<Row>(
    `UPDATE usdt_relays SET status = 'submitting', signature = $2, failure = NULL, updated_at = $3
     WHERE id = $1 AND status IN ('prepared', 'failed') RETURNING ${COLUMNS}`,
    [id, signature, now],
  );
  return rows[0] ? fromRow(rows[0]) : undefined;
}

export async function markRelaySubmitted(
  db: Queryable,
  id: string,
  txHash: string,
  now: Date,
): Promise<void> {
  await db.query(
    `UPDATE usdt_relays SET status = 'submitted', tx_hash = $2, updated_at = $3
     WHERE id = $1 AND status = 'submitting'`,
    [id, txHash, now],
  );
}

/** Gives a claimed authorization back: `failed` with the reason (it may be tried again). */
export async function markRelayFailed(db: Queryable, id: string, failure: string, now: Date): Promise<void> {
  await db.query(
    `UPDATE usdt_relays SET status = 'failed', failure = $2, updated_at = $3
     WHERE id = $1 AND status = 'submitting'`,
    [id, failure, now],
  );
}

/** The gas of a relayed transaction, from its receipt (once; later receipts of it change nothing). */
export async function recordRelayGas(
  db: Queryable,
  txHash: string,
  gasUsed: bigint,
  effectiveGasPrice: bigint,
  now: Date,
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE usdt_relays SET gas_used = $2, effective_gas_price = $3, updated_at = $4
     WHERE tx_hash = $1 AND gas_used IS NULL RETURNING id`,
    [txHash.toLowerCase(), gasUsed.toString(), effectiveGasPrice.toString(), now],
  );
  return rows.length === 1;
}

/** The relays of these transactions, by tx hash (to show who paid the gas of a deposit). */
export async function findRelaysByTxHash(
  db: Queryable,
  txHashes: readonly string[],
): Promise<Map<string, RelayRecord>> {
  if (txHashes.length === 0) return new Map();
  const rows = await db.query<Row>(`SELECT ${COLUMNS} FROM usdt_relays WHERE tx_hash = ANY($1::text[])`, [
    txHashes.map((h) => h.toLowerCase()),
  ]);
  return new Map(rows.map((r) => [r.tx_hash!, fromRow(r)]));
}

/** Relays `submitting` since before `updatedBefore` (a crash's, once past a send's time), oldest first. */
export async function findStaleSubmittingRelays(
  db: Queryable,
  updatedBefore: Date,
  limit: number,
): Promise<RelayRecord[]> {
  const rows = await db.query<Row>(
    `SELECT ${COLUMNS} FROM usdt_relays WHERE status = 'submitting' AND updated_at < $1
     ORDER BY updated_at, id LIMIT $2`,
    [updatedBefore, limit],
  );
  return rows.map(fromRow);
}
