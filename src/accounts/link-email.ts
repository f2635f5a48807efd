import type { Caller } from '../kernel/context.js';
import { type CodeFailure, redeemSignInCode } from './check-sign-in-code.js';
import type { AccountsContext } from './context.js';
import { linkPurpose } from './email-sign-in-rules.js';
import { findAccountIdByEmail, insertAccountEmail } from './sign-in-store.js';
import { type Web3Result, web3Fail, web3Ok } from './siwe-settings.js';

/**
 * Adds a verified email to the signed-in customer's account (the code came from
 * requestSignInCode with the account): a new way in, and the account's billing and notification
 * address from now on. Linking an email the account already has answers the same again; one that
 * is another account's way in is refused (409).
 */
export async function linkEmail(
  ctx: AccountsContext,
  caller: Caller,
  input: { email: string; code: string; ip: string },
): Promise<Web3Result<{ email: string; accountId: string }, CodeFailure | 'email_already_linked'>> {
  const accountId = caller.accountId!;
  return redeemSignInCode<{ email: string; accountId: string }, 'email_already_linked'>(
    ctx,
    { ...input, purpose: linkPurpose(accountId) },
    async (tx, email) => {
      const owner = await findAccountIdByEmail(tx, email);
      if (owner === accountId) return web3Ok({ email, accountId }, true);
      if (owner) return web3Fail('email_already_linked', 'this email already signs in to another account');
      await insertAccountEmail(tx, email, accountId, ctx.clock.now());
      return web3Ok({ email, accountId });
    },
  );
}
