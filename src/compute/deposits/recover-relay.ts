import { type Hex, type PublicClient, isAddressEqual, parseAbi, parseAbiItem } from 'viem';
import type { UsdtRelayConfig } from '../../kernel/config.js';
import type { ComputeContext } from '../context.js';
import type { RelayRecord } from './relay-rules.js';
import { findRelay, markRelayFailed, markRelaySubmitted } from './relay-store.js';

/** Longer than any send takes (simulate + send, each with a 10 s RPC timeout); older is a crash's. */
export const STALE_SUBMITTING_MS = 60_000;

/** Widest eth_getLogs range asked for at once while looking for the authorization's use. */
const LOG_WINDOW_BLOCKS = 2_000n;

const AUTHORIZATION_USED = parseAbiItem(
  'event AuthorizationUsed(address indexed authorizer, bytes32 indexed nonce)',
);
const AUTHORIZATION_STATE = parseAbi([
  'function authorizationState(address authorizer, bytes32 nonce) view returns (bool)',
]);

export const isStaleSubmitting = (r: RelayRecord, now: Date): boolean =>
  r.status === 'submitting' && now.getTime() - r.updatedAt.getTime() > STALE_SUBMITTING_MS;

/**
 * A relay left `submitting` by a crash between sending its transaction and recording the hash
 * (docs/usdt-relay.md § Recovery). The chain says what happened, since the token records each
 * authorization's use:
 * - used, by a transaction of Pictor's relayer: `submitted` with that transaction's hash (its
 *   `AuthorizationUsed` log names it), so the gas is recorded when the watcher credits it;
 * - used by someone else's transaction: `failed` (submit would have refused it; the transfer
 *   itself is credited by the watcher as usual);
 * - not used, and the relayer has nothing pending (its pending nonce equals its mined nonce): the
 *   transaction was never sent or was dropped, so `failed`, and the customer may submit again;
 * - not used while the relayer has pending transactions: it may still be mined; left as it is.
 * Chain errors leave it as it is too: the next lookup tries again.
 */
export async function recoverStaleRelay(
  ctx: ComputeContext,
  client: PublicClient,
  relay: UsdtRelayConfig & { address: Hex },
  r: RelayRecord,
): Promise<RelayRecord> {
  if (!isStaleSubmitting(r, ctx.clock.now())) return r;
  try {
    const outcome = await chainOutcome(client, relay, r);
    if (outcome.kind === 'sent') await markRelaySubmitted(ctx.db, r.id, outcome.txHash, ctx.clock.now());
    if (outcome.kind === 'failed') await markRelayFailed(ctx.db, r.id, outcome.reason, ctx.clock.now());
  } catch {
    return r;
  }
  return (await findRelay(ctx.db, r.accountId, r.id)) ?? r;
}

type Outcome = { kind: 'sent'; txHash: string } | { kind: 'failed'; reason: string } | { kind: 'pending' };

async function chainOutcome(
  client: PublicClient,
  relay: UsdtRelayConfig & { address: Hex },
  r: RelayRecord,
): Promise<Outcome> {
  const from = r.fromAddress as Hex;
  const nonce = r.nonce as Hex;
  const used = await client.readContract({
    address: r.tokenAddress as Hex,
    abi: AUTHORIZATION_STATE,
    functionName: 'authorizationState',
    args: [from, nonce],
  });
  if (used) {
    const txHash = await findAuthorizationUse(client, r, BigInt(relay.validitySeconds));
    if (!txHash) return { kind: 'pending' };
    const tx = await client.getTransaction({ hash: txHash });
    return isAddressEqual(tx.from, relay.address)
      ? { kind: 'sent', txHash: txHash.toLowerCase() }
      : { kind: 'failed', reason: 'the authorization was used by another sender’s transaction' };
  }
  const [mined, pending] = await Promise.all([
    client.getTransactionCount({ address: relay.address, blockTag: 'latest' }),
    client.getTransactionCount({ address: relay.address, blockTag: 'pending' }),
  ]);
  return pending > mined
    ? { kind: 'pending' }
    : { kind: 'failed', reason: 'not sent: the relayer stopped before sending it; submit it again' };
}

/**
 * The transaction whose AuthorizationUsed log is this authorization's, searched backwards from
 * the head a window at a time, down to the block where the authorization was prepared (chain
 * time validBefore − validity: it cannot have been used earlier).
 */
async function findAuthorizationUse(
  client: PublicClient,
  r: RelayRecord,
  validitySeconds: bigint,
): Promise<Hex | undefined> {
  const preparedAt = r.validBefore - validitySeconds;
  let to = await client.getBlockNumber({ cacheTime: 0 });
  for (;;) {
    const from = to >= LOG_WINDOW_BLOCKS ? to - LOG_WINDOW_BLOCKS + 1n : 0n;
    const logs = await client.getLogs({
      address: r.tokenAddress as Hex,
      event: AUTHORIZATION_USED,
      args: { authorizer: r.fromAddress as Hex, nonce: r.nonce as Hex },
      fromBlock: from,
      toBlock: to,
    });
    const found = logs.find((l) => !l.removed && l.transactionHash);
    if (found?.transactionHash) return found.transactionHash;
    if (from === 0n || (await client.getBlock({ blockNumber: from })).timestamp < preparedAt)
      return undefined;
    to = from - 1n;
  }
}
