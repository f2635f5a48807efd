import { randomBytes } from 'node:crypto';
import { deleteStaleNonces, insertNonce } from './web3-store.js';
import type { AccountsContext } from './context.js';
import { web3Of } from './siwe-settings.js';

export interface IssuedNonce {
  nonce: string;
  expiresAt: Date;
  domain: string;
  chainId: number;
}

/**
 * Issues a single-use Sign-In with Ethereum nonce (32 hex characters, 128 random bits) that
 * expires after PICTOR_SIWE_NONCE_TTL_SECONDS. Nonces past their expiry are deleted on the way, so
 * the table holds only the ones still usable however many are requested.
 */
export async function issueSiweNonce(ctx: AccountsContext): Promise<IssuedNonce> {
  const settings = web3Of(ctx);
  const now = ctx.clock.now();
  const nonce = randomBytes(16).toString('hex');
  const expiresAt = new Date(now.getTime() + settings.nonceTtlSeconds * 1000);
  await deleteStaleNonces(ctx.db, now);
  await insertNonce(ctx.db, nonce, now, expiresAt);
  return { nonce, expiresAt, domain: settings.siweDomain, chainId: settings.chainId };
}
