import { isUniqueViolation } from '../kernel/db/database.js';
import { newId } from '../kernel/ids.js';
import { runAccountOpened } from './account-opened.js';
import { insertAccount } from './account-store.js';
import { type CodeFailure, redeemSignInCode } from './check-sign-in-code.js';
import type { AccountsContext } from './context.js';
import { signInPurpose } from './email-sign-in-rules.js';
import { type SignedIn, openSession } from './open-session.js';
import { findAccountIdByEmail, findClaimableAccountId, insertAccountEmail } from './sign-in-store.js';
import { type Web3Result, web3Ok } from './siwe-settings.js';

/**
 * Signs in with an email and the code sent to it (requestSignInCode). The account is the one the
 * email is a way into; else one opened earlier with this contact email and no email way in yet
 * (an operator opened it for the customer), which the email now becomes a way into; else a new
 * account (booth customers sign up this way), which gets the account-opened grants (welcome tokens).
 */
export async function signInWithEmail(
  ctx: AccountsContext,
  input: { email: string; code: string; ip: string },
): Promise<Web3Result<SignedIn, CodeFailure>> {
  const signedIn = await redeemSignInCode<SignedIn, never>(
    ctx,
    { ...input, purpose: signInPurpose },
    async (tx, email) => {
      const now = ctx.clock.now();
      let accountId = await findAccountIdByEmail(tx, email);
      let accountCreated = false;
      if (!accountId) {
        accountId = await findClaimableAccountId(tx, email);
        if (!accountId) {
          accountId = newId('account');
          accountCreated = true;
          await insertAccount(tx, {
            id: accountId,
            name: email,
            email,
            metadata: { signUp: 'email' },
            createdAt: now,
          });
        }
        await insertAccountEmail(tx, email, accountId, now);
      }
      const opened = await openSession(ctx, tx, { accountId, email });
      return web3Ok<SignedIn>({ ...opened, accountCreated });
    },
    // Two first sign-ins of one email at once: the loser retries and finds the winner's account.
    (error) => isUniqueViolation(error, 'account_emails_pkey'),
  );
  if (signedIn.ok) await runAccountOpened(ctx, signedIn.value.session.accountId);
  return signedIn;
}
