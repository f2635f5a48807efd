import { randomBytes } from 'node:crypto';
import { type Hex, getAddress, isAddress, recoverMessageAddress } from 'viem';
import { parseSiweMessage } from 'viem/siwe';
import { newId } from '../kernel/ids.js';
import { insertAccount } from './account-store.js';
import { isUniqueViolation, transactionWithRetry } from '../kernel/db/database.js';
import {
  type SessionRecord,
  consumeNonce,
  findAccountIdByAddress,
  insertSession,
  insertWalletAddress,
} from './web3-store.js';
import { SESSION_TOKEN_PREFIX } from './authenticate-session.js';
import { runAccountOpened } from './account-opened.js';
import type { AccountsContext } from './context.js';
import { hashSecret } from './create-api-key.js';
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

export interface SignedIn {
  /** Shown once; only its hash is stored. */
  token: string;
  session: SessionRecord;
  /** True when this sign-in opened the account. */
  accountCreated: boolean;
}

/**
 * Sign-In with Ethereum (EIP-4361), verified offline. In order: the message parses with every
 * required field; its domain is ours (PICTOR_SIWE_DOMAIN) and its chain ours (PICTOR_CHAIN_ID);
 * it is within its validity window by our clock; the signature recovers to the message's address.
 * Only then is the nonce consumed (exactly once, unused and unexpired), the address bound to its
 * account (opened on a first sign-in) and a session created, in one database transaction. A
 * refused sign-in writes nothing; a forged signature does not burn the legitimate user's nonce.
 */
export async function signInWithEthereum(
  ctx: AccountsContext,
  input: SignInInput,
): Promise<Web3Result<SignedIn, SignInFailureCode>> {
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
  const now = ctx.clock.now();
  if (expirationTime && expirationTime.getTime() <= now.getTime()) {
    return web3Fail('siwe_expired', `the message expired at ${expirationTime.toISOString()}`);
  }
  if (notBefore && notBefore.getTime() > now.getTime()) {
    return web3Fail('siwe_not_yet_valid', `the message is not valid before ${notBefore.toISOString()}`);
  }
  if (issuedAt!.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    return web3Fail('siwe_not_yet_valid', `the message is issued in the future (${issuedAt!.toISOString()})`);
  }

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

  const token = `${SESSION_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const signedIn = await transactionWithRetry(
    ctx.db,
    async (tx) => {
      if (!(await consumeNonce(tx, nonce!, now))) {
        return web3Fail(
          'siwe_nonce_invalid',
          'the nonce is unknown, expired or already used; ask for a new one',
        );
      }
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
      const ttlEnd = now.getTime() + settings.sessionTtlSeconds * 1000;
      const session: SessionRecord = {
        id: newId('session'),
        accountId,
        address: wallet,
        createdAt: now,
        // A session never outlives the message that opened it.
        expiresAt: new Date(Math.min(ttlEnd, expirationTime?.getTime() ?? ttlEnd)),
      };
      await insertSession(tx, session, hashSecret(token));
      return web3Ok<SignedIn>({ token, session, accountCreated });
    },
    // Two first sign-ins of one wallet at once: the loser retries and finds the winner's account.
    (error) => isUniqueViolation(error, 'wallet_addresses_pkey'),
  );
  // Keyed by the account, so granted once; asked on every sign-in in case the first stopped short.
  if (signedIn.ok) await runAccountOpened(ctx, signedIn.value.session.accountId);
  return signedIn;
}
