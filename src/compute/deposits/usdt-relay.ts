import { randomBytes } from 'node:crypto';
import {
  type Hex,
  type PublicClient,
  BaseError,
  ContractFunctionRevertedError,
  createPublicClient,
  createWalletClient,
  getAddress,
  http,
  isAddressEqual,
  parseAbi,
  parseSignature,
  recoverTypedDataAddress,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import type { UsdtChainConfig, UsdtRelayConfig } from '../../kernel/config.js';
import { MAX_AMOUNT_MICROS, formatAmount } from '../../kernel/money.js';
import { newId } from '../../kernel/ids.js';
import { findAccount } from '../../accounts/account-store.js';
import { findWalletAddresses } from '../../accounts/web3-store.js';
import { type Web3Result, web3Fail, web3Ok } from '../../accounts/siwe-settings.js';
import type { ComputeContext } from '../context.js';
import { topUpPolicy } from '../topups/quote-top-up.js';
import {
  type Authorization,
  type RelayRecord,
  authorizationLive,
  authorizationTypedData,
} from './relay-rules.js';
import { STALE_SUBMITTING_MS, isStaleSubmitting, recoverStaleRelay } from './recover-relay.js';
import {
  claimRelay,
  findRelay,
  findStaleSubmittingRelays,
  insertRelay,
  markRelayFailed,
  markRelaySubmitted,
} from './relay-store.js';

export const RELAY_TOKEN_ABI = parseAbi([
  'function transferWithAuthorization(address from, address to, uint256 value, uint256 validAfter, uint256 validBefore, bytes32 nonce, uint8 v, bytes32 r, bytes32 s)',
  'function authorizationState(address authorizer, bytes32 nonce) view returns (bool)',
  'function balanceOf(address) view returns (uint256)',
]);

/** A submitted authorization must leave the relayer this long (chain time) to get it mined. */
const SUBMIT_MARGIN_SECONDS = 30n;

type RelayCode =
  | 'usdt_relay_not_configured'
  | 'account_not_found'
  | 'wallet_not_signed_in'
  | 'topup_below_minimum'
  | 'topup_above_maximum'
  | 'usdt_relay_not_found'
  | 'relay_signature_invalid'
  | 'relay_authorization_expired'
  | 'relay_authorization_used'
  | 'relay_already_submitted'
  | 'relay_in_progress'
  | 'relay_insufficient_usdt'
  | 'relay_rejected'
  | 'chain_error';
type RelayResult<T> = Web3Result<T, RelayCode>;

type Relaying = { chain: UsdtChainConfig; relay: UsdtRelayConfig };

function relayingOf(ctx: ComputeContext): Relaying | undefined {
  const chain = ctx.web3?.chain;
  return chain?.relay ? { chain, relay: chain.relay } : undefined;
}

const NOT_CONFIGURED = () =>
  web3Fail(
    'usdt_relay_not_configured' as const,
    'this server does not sponsor USDT network fees: send an ordinary USDT transfer instead',
  );

const clients = new Map<string, PublicClient>();
function clientFor(rpcUrl: string): PublicClient {
  let client = clients.get(rpcUrl);
  if (!client) {
    client = createPublicClient({ transport: http(rpcUrl, { retryCount: 1 }) }) as PublicClient;
    clients.set(rpcUrl, client);
  }
  return client;
}

export const relayerAddress = (relay: UsdtRelayConfig) => privateKeyToAccount(relay.privateKey).address;

/** The authorization a relay row stands for, as the token will check it. */
export function authorizationOf(r: RelayRecord, relay: UsdtRelayConfig): Authorization {
  return {
    chainId: r.chainId,
    tokenAddress: getAddress(r.tokenAddress),
    tokenName: relay.tokenName,
    tokenVersion: relay.tokenVersion,
    from: getAddress(r.fromAddress),
    to: getAddress(r.toAddress),
    amountMicros: r.amountMicros,
    validAfter: r.validAfter,
    validBefore: r.validBefore,
    nonce: r.nonce as Hex,
  };
}

async function chainTime(client: PublicClient): Promise<bigint> {
  return (await client.getBlock({ blockTag: 'latest' })).timestamp;
}

/**
 * Prepares a sponsored USDT top-up: the EIP-3009 authorization for `amountMicros` from the
 * customer's signed-in wallet to Pictor's deposit address, with a fresh random nonce, valid from
 * now until `validitySeconds` later in chain time (the token checks block time). Nothing moves
 * until the customer signs it and it is submitted.
 */
export async function prepareRelay(
  ctx: ComputeContext,
  input: { accountId: string; from: string; amountMicros: bigint },
): Promise<RelayResult<RelayRecord>> {
  const relaying = relayingOf(ctx);
  if (!relaying) return NOT_CONFIGURED();
  const { chain, relay } = relaying;
  if (!(await findAccount(ctx.db, input.accountId)))
    return web3Fail('account_not_found', 'no such account', { accountId: input.accountId });
  const wallets = await findWalletAddresses(ctx.db, input.accountId);
  if (!wallets.includes(input.from.toLowerCase())) {
    return web3Fail(
      'wallet_not_signed_in',
      'USDT is accepted only from a wallet this account signed in with',
      {
        field: 'from',
      },
    );
  }
  const policy = topUpPolicy(ctx);
  if (input.amountMicros < policy.minMicros)
    return web3Fail(
      'topup_below_minimum',
      `the smallest top-up is ${formatAmount(policy.minMicros, 'USD')} USDT`,
      {
        field: 'amount.amount',
      },
    );
  if (input.amountMicros > policy.maxMicros || input.amountMicros > MAX_AMOUNT_MICROS)
    return web3Fail(
      'topup_above_maximum',
      `the largest top-up is ${formatAmount(policy.maxMicros, 'USD')} USDT`,
      {
        field: 'amount.amount',
      },
    );
  let now: bigint;
  try {
    now = await chainTime(clientFor(chain.rpcUrl));
  } catch (error) {
    return web3Fail('chain_error', `the chain did not answer: ${messageOf(error)}`);
  }
  const record: RelayRecord = {
    id: newId('usdtRelay'),
    accountId: input.accountId,
    chainId: chain.chainId,
    tokenAddress: chain.usdtAddress.toLowerCase(),
    fromAddress: input.from.toLowerCase(),
    toAddress: chain.depositAddress.toLowerCase(),
    amountMicros: input.amountMicros,
    validAfter: 0n,
    validBefore: now + BigInt(relay.validitySeconds),
    nonce: `0x${randomBytes(32).toString('hex')}`,
    relayerAddress: relayerAddress(relay).toLowerCase(),
    status: 'prepared',
    signature: null,
    txHash: null,
    failure: null,
    gasUsed: null,
    effectiveGasPrice: null,
    createdAt: ctx.clock.now(),
    updatedAt: ctx.clock.now(),
  };
  await insertRelay(ctx.db, record);
  return web3Ok(record);
}

export async function getRelay(
  ctx: ComputeContext,
  accountId: string,
  relayId: string,
): Promise<RelayResult<RelayRecord>> {
  const found = await findRelay(ctx.db, accountId, relayId);
  return found
    ? web3Ok(await recovered(ctx, found))
    : web3Fail('usdt_relay_not_found', 'no such USDT authorization on this account');
}

/** A relay a crash left `submitting`, settled from what the chain says (recover-relay.ts). */
async function recovered(ctx: ComputeContext, r: RelayRecord): Promise<RelayRecord> {
  const relaying = relayingOf(ctx);
  if (!relaying || !isStaleSubmitting(r, ctx.clock.now())) return r;
  const { chain, relay } = relaying;
  return recoverStaleRelay(ctx, clientFor(chain.rpcUrl), { ...relay, address: relayerAddress(relay) }, r);
}

/** What one recovery sweep did: relays settled (submitted or failed) and those still in doubt. */
export interface RelaySweep {
  settled: string[];
  left: string[];
}

/**
 * Settles every relay a crash left `submitting` (past STALE_SUBMITTING_MS) from the chain, with
 * nobody asking: the due-work sweep (relay-recovery-work.ts). At most `limit` per pass, oldest
 * first; one whose chain call fails stays as it is for the next pass. Nothing without a relayer.
 */
export async function recoverStaleRelays(ctx: ComputeContext, limit = 100): Promise<RelaySweep> {
  const sweep: RelaySweep = { settled: [], left: [] };
  if (!relayingOf(ctx)) return sweep;
  const before = new Date(ctx.clock.now().getTime() - STALE_SUBMITTING_MS);
  for (const stale of await findStaleSubmittingRelays(ctx.db, before, limit)) {
    const after = await recovered(ctx, stale);
    (after.status === 'submitting' ? sweep.left : sweep.settled).push(after.id);
  }
  return sweep;
}

/**
 * Submits a signed authorization: Pictor's relayer sends transferWithAuthorization and pays the
 * gas; the Transfer it makes (from the customer's wallet to the deposit address) is credited by
 * the deposit watcher like any other. Refused, with nothing sent: a signature that is not the
 * wallet's over exactly this authorization, an authorization past its deadline (chain time) or
 * whose nonce the token already used, a wallet without the USDT. Submitting the same signature
 * again answers the first submission (the same transaction), never a second one.
 */
export async function submitRelay(
  ctx: ComputeContext,
  input: { accountId: string; relayId: string; signature: Hex },
): Promise<RelayResult<RelayRecord>> {
  const relaying = relayingOf(ctx);
  if (!relaying) return NOT_CONFIGURED();
  const stored = await findRelay(ctx.db, input.accountId, input.relayId);
  if (!stored) return web3Fail('usdt_relay_not_found', 'no such USDT authorization on this account');
  const found = await recovered(ctx, stored);
  const earlier = alreadyHandled(found, input.signature);
  if (earlier) return earlier;
  const authorization = authorizationOf(found, relaying.relay);
  if (!(await signedBy(authorization, input.signature))) {
    return web3Fail(
      'relay_signature_invalid',
      'the signature is not the wallet’s signature of this authorization',
      { field: 'signature' },
    );
  }
  const refused = await chainRefusal(clientFor(relaying.chain.rpcUrl), authorization);
  if (refused) return refused;
  const claimed = await claimRelay(ctx.db, found.id, input.signature.toLowerCase(), ctx.clock.now());
  if (!claimed) {
    const now = await findRelay(ctx.db, input.accountId, input.relayId);
    return (
      alreadyHandled(now!, input.signature) ??
      web3Fail('relay_in_progress', 'this authorization is being submitted')
    );
  }
  return send(ctx, relaying, claimed, authorization, input.signature);
}

/** A submitted (or submitting) authorization answers a resubmission without touching the chain. */
function alreadyHandled(r: RelayRecord, signature: Hex): RelayResult<RelayRecord> | undefined {
  if (r.status === 'submitting')
    return web3Fail('relay_in_progress', 'this authorization is being submitted; ask again in a moment');
  if (r.status !== 'submitted') return undefined;
  return r.signature === signature.toLowerCase()
    ? web3Ok(r, true)
    : web3Fail('relay_already_submitted', 'this authorization was already submitted', { txHash: r.txHash });
}

async function signedBy(a: Authorization, signature: Hex): Promise<boolean> {
  try {
    const signer = await recoverTypedDataAddress({ ...authorizationTypedData(a), signature });
    return isAddressEqual(signer, a.from);
  } catch {
    return false;
  }
}

/** What the token would refuse, asked before sending (so that a refusal costs no gas). */
async function chainRefusal(client: PublicClient, a: Authorization): Promise<RelayResult<never> | undefined> {
  try {
    const now = await chainTime(client);
    if (!authorizationLive(a, now, SUBMIT_MARGIN_SECONDS))
      return web3Fail(
        'relay_authorization_expired',
        'this authorization is past its deadline: start the top-up again',
        {
          validBefore: a.validBefore.toString(),
          chainTime: now.toString(),
        },
      );
    const read = { address: a.tokenAddress, abi: RELAY_TOKEN_ABI } as const;
    if (await client.readContract({ ...read, functionName: 'authorizationState', args: [a.from, a.nonce] }))
      return web3Fail('relay_authorization_used', 'the token already used this authorization');
    const balance = await client.readContract({ ...read, functionName: 'balanceOf', args: [a.from] });
    if (balance < a.amountMicros)
      return web3Fail(
        'relay_insufficient_usdt',
        `the wallet holds ${formatAmount(balance, 'CREDIT')} USDT, less than ${formatAmount(a.amountMicros, 'CREDIT')}`,
        {
          field: 'amount.amount',
          balance: formatAmount(balance, 'CREDIT'),
        },
      );
    return undefined;
  } catch (error) {
    return web3Fail('chain_error', `the chain did not answer: ${messageOf(error)}`);
  }
}

/** One relayer transaction at a time per process, so that two never take the same account nonce. */
let sending: Promise<unknown> = Promise.resolve();

async function send(
  ctx: ComputeContext,
  { chain, relay }: Relaying,
  claimed: RelayRecord,
  a: Authorization,
  signature: Hex,
): Promise<RelayResult<RelayRecord>> {
  const account = privateKeyToAccount(relay.privateKey);
  const client = clientFor(chain.rpcUrl);
  const wallet = createWalletClient({ account, transport: http(chain.rpcUrl, { retryCount: 0 }) });
  const { r, s, v, yParity } = parseSignature(signature);
  const args = [
    a.from,
    a.to,
    a.amountMicros,
    a.validAfter,
    a.validBefore,
    a.nonce,
    Number(v ?? BigInt(yParity + 27)),
    r,
    s,
  ] as const;
  const attempt = sending.then(async () => {
    const { request } = await client.simulateContract({
      account,
      address: a.tokenAddress,
      abi: RELAY_TOKEN_ABI,
      functionName: 'transferWithAuthorization',
      args,
    });
    return wallet.writeContract({ ...request, chain: null });
  });
  sending = attempt.catch(() => undefined);
  try {
    const txHash = (await attempt).toLowerCase();
    await markRelaySubmitted(ctx.db, claimed.id, txHash, ctx.clock.now());
    return web3Ok({ ...claimed, status: 'submitted', txHash, signature: signature.toLowerCase() });
  } catch (error) {
    const reverted =
      error instanceof BaseError ? error.walk((e) => e instanceof ContractFunctionRevertedError) : null;
    const reason =
      reverted instanceof ContractFunctionRevertedError
        ? (reverted.reason ?? reverted.shortMessage)
        : messageOf(error);
    await markRelayFailed(ctx.db, claimed.id, reason, ctx.clock.now());
    return reverted
      ? web3Fail('relay_rejected', `the token refused the authorization: ${reason}`)
      : web3Fail('chain_error', `the relayer could not send the transaction: ${reason}`);
  }
}

function messageOf(error: unknown): string {
  if (error instanceof BaseError) return error.shortMessage;
  return error instanceof Error ? error.message : String(error);
}
