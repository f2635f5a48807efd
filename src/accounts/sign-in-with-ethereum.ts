import { type Hex, getAddress, isAddress, recoverMessageAddress } from 'viem';
import { parseSiweMessage } from 'viem/siwe';
import { newId } from '../kernel/ids.js';
import { insertAccount } from './account-store.js';
import { isUniqueViolation, transactionWithRetry } from '../kernel/db/database.js';
import type { Queryable } from '../kernel/db/database.js';
import { consumeNonce, findAccountIdByAddress, insertWalletAddress } from './web3-store.js';
import { type SignedIn, openSession } from './open-session.js';
import { runAccountOpened } from './account-opened.js';
import type { AccountsContext } from './context.js';
import { type Web3Result, web3Fail, web3Ok, web3Of } from './siwe-settings.js';

/** A wallet's clock may run a little ahead of ours: `Issued At` up to this far in the future is fine. */
const CLOCK_SKEW_MS = 60_000;

export type SignInFailureCode =
  | 'siwe_message_invalid'
  | 'siwe_domain_mismatch'
  | 'siwe_chain_mismatch'
  | 'siwe_expired'
  | 'siwe_not_yet_valid'
  | 'siwe_nonce_invalid'
  | 'siwe_signature_invalid';

export interface SignInInput {
  /** The EIP-4361 message exactly as the wallet signed it. */
  message: string;
  /** The wallet's personal_sign (EIP-191) signature of it. */
  signature: Hex;
}

export type { SignedIn } from './open-session.js';

/** A message whose fields, domain, chain, validity window and signature have been checked. */
export interface VerifiedSiwe {
  wallet: `0x${string}`;
  nonce: string;
  expirationTime: Date | undefined;
}

/**
 * Checks a Sign-In with Ethereum (EIP-4361) message offline, in order: it parses with every
 * required field; its domain is ours (PICTOR_SIWE_DOMAIN) and its chain ours (PICTOR_CHAIN_ID);
 * it is within its validity window by our clock; the signature recovers to the message's address.
 * Writes nothing: the nonce is consumed by the caller, in the transaction that uses the message.
 */
export async function verifySiwe(
  ctx: AccountsContext,
  input: SignInInput,
): Promise<Web3Result<VerifiedSiwe, SignInFailureCode>> {
  const settings = web3Of(ctx);
  const fields = parseSiweMessage(input.message);
  const missing = (['domain', 'address', 'uri', 'version', 'chainId', 'nonce', 'issuedAt'] as const).filter(
    (f) => fields[f] === undefined,
  );
  if (missing.length > 0) {
    return web3Fail('siwe_message_invalid', `not an EIP-4361 message: missing ${missing.join(', ')}`, {
      field: 'message',
    });
  }
  const { domain, address, chainId, nonce, issuedAt, expirationTime, notBefore } = fields;
  if (fields.version !== '1' || !address || !isAddress(address, { strict: false })) {
    return web3Fail('siwe_message_invalid', 'not an EIP-4361 version 1 message with a valid address', {
      field: 'message',
    });
  }
  for (const [name, value] of Object.entries({ issuedAt, expirationTime, notBefore })) {
    if (value !== undefined && Number.isNaN(value.getTime())) {
      return web3Fail('siwe_message_invalid', `${name} is not an RFC 3339 date-time`, { field: 'message' });
    }
  }
  if (domain !== settings.siweDomain) {
    return web3Fail('siwe_domain_mismatch', `the message is for ${domain}, not ${settings.siweDomain}`);
  }
  if (chainId !== settings.chainId) {
    return web3Fail('siwe_chain_mismatch', `the message is for chain ${chainId}, not ${settings.chainId}`);
  }
  const window = checkWindow(ctx.clock.now(), { issuedAt: issuedAt!, expirationTime, notBefore });
  if (window) return window;
  let signer: string;
  try {
    signer = await recoverMessageAddress({ message: input.message, signature: input.signature });
  } catch {
    return web3Fail('siwe_signature_invalid', 'the signature is not a valid signature of this message');
  }
  const wallet = getAddress(address);
  if (signer !== wallet) {
    return web3Fail('siwe_signature_invalid', `the message was not signed by ${wallet}`);
  }
  return web3Ok({ wallet, nonce: nonce!, expirationTime });
}

function checkWindow(now: Date, t: { issuedAt: Date; expirationTime?: Date; notBefore?: Date }) {
  if (t.expirationTime && t.expirationTime.getTime() <= now.getTime()) {
    return web3Fail('siwe_expired', `the message expired at ${t.expirationTime.toISOString()}`);
  }
  if (t.notBefore && t.notBefore.getTime() > now.getTime()) {
    return web3Fail('siwe_not_yet_valid', `the message is not valid before ${t.notBefore.toISOString()}`);
  }
  if (t.issuedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    return web3Fail(
      'siwe_not_yet_valid',
      `the message is issued in the future (${t.issuedAt.toISOString()})`,
    );
  }
  return null;
}

/** Uses the message's nonce once (unused and unexpired), in the caller's transaction. */
export async function consumeSiweNonce(ctx: AccountsContext, tx: Queryable, nonce: string) {
  if (await consumeNonce(tx, nonce, ctx.clock.now())) return null;
  return web3Fail('siwe_nonce_invalid', 'the nonce is unknown, expired or already used; ask for a new one');
}

/**
 * Sign-In with Ethereum: the message verified (verifySiwe), then the nonce consumed (exactly once),
 * the address bound to its account (opened on a first sign-in) and a session created, in one
 * database transaction. A refused sign-in writes nothing; a forged signature does not burn the
 * legitimate user's nonce.
 */
export async function signInWithEthereum(
  ctx: AccountsContext,
  input: SignInInput,
): Promise<Web3Result<SignedIn, SignInFailureCode>> {
  const verified = await verifySiwe(ctx, input);
  if (!verified.ok) return verified;
  const { wallet, nonce, expirationTime } = verified.value;
  const signedIn = await transactionWithRetry(
    ctx.db,
    async (tx) => {
      const now = ctx.clock.now();
      const spent = await consumeSiweNonce(ctx, tx, nonce);
      if (spent) return spent;
      let accountId = await findAccountIdByAddress(tx, wallet);
      const accountCreated = accountId === undefined;
      if (!accountId) {
        accountId = newId('account');
        await insertAccount(tx, {
          id: accountId,
          name: wallet,
          email: null,
          metadata: { signUp: 'siwe', walletAddress: wallet },
          createdAt: now,
        });
        await insertWalletAddress(tx, wallet, accountId, now);
      }
      // A session never outlives the message that opened it.
      const opened = await openSession(ctx, tx, { accountId, wallet, notAfter: expirationTime });
      return web3Ok<SignedIn>({ ...opened, accountCreated });
    },
    // Two first sign-ins of one wallet at once: the loser retries and finds the winner's account.
    (error) => isUniqueViolation(error, 'wallet_addresses_pkey'),
  );
  // Keyed by the account, so granted once; asked on every sign-in in case the first stopped short.
  if (signedIn.ok) await runAccountOpened(ctx, signedIn.value.session.accountId);
  return signedIn;
}
