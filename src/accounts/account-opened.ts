import type { AccountsContext } from './context.js';

/**
 * Runs the product lines' account-opened hooks (the booth's welcome tokens, say). Asked on every
 * creation, replay and sign-in, so a first attempt that stopped short is completed; each hook is
 * idempotent by the account.
 */
export async function runAccountOpened(ctx: AccountsContext, accountId: string): Promise<void> {
  for (const hook of ctx.accountOpened ?? []) await hook(accountId);
}
