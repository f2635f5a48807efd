import { transactionWithRetry } from '../kernel/db/database.js';
import type { Caller } from '../kernel/context.js';
import type { AccountsContext } from './context.js';
import {
  type SignInFailureCode,
  type SignInInput,
  consumeSiweNonce,
  verifySiwe,
} from './sign-in-with-ethereum.js';
import { type Web3Result, web3Fail, web3Ok } from './siwe-settings.js';
import { findAccountIdByAddress, insertWalletAddress } from './web3-store.js';

/**
 * Adds a wallet to the signed-in customer's account, proven by a signed SIWE message (the same
 * checks as signing in): from then on the wallet signs in to this account and its USDT deposits
 * are credited here. A wallet already linked here answers the same again; one that belongs to
 * another account is refused (409) and its nonce is spent.
 */
export async function linkWallet(
  ctx: AccountsContext,
  caller: Caller,
  input: SignInInput,
): Promise<Web3Result<{ address: string; accountId: string }, SignInFailureCode | 'wallet_already_linked'>> {
  const accountId = caller.accountId!;
  const verified = await verifySiwe(ctx, input);
  if (!verified.ok) return verified;
  const { wallet, nonce } = verified.value;
  return transactionWithRetry(ctx.db, async (tx) => {
    const spent = await consumeSiweNonce(ctx, tx, nonce);
    if (spent) return spent;
    const owner = await findAccountIdByAddress(tx, wallet);
    if (owner === accountId) return web3Ok({ address: wallet, accountId }, true);
    if (owner) return web3Fail('wallet_already_linked', `${wallet} already signs in to another account`);
    await insertWalletAddress(tx, wallet, accountId, ctx.clock.now());
    return web3Ok({ address: wallet, accountId });
  });
}
