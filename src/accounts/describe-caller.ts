import { findAccount } from './account-store.js';
import type { Caller } from '../kernel/context.js';
import type { AccountsContext } from './context.js';
import { type Result, ok } from '../kernel/result.js';
import type { AccountRecord } from './accounts-rules.js';

export interface CallerDescription {
  role: Caller['role'];
  /** A customer key's or session's account; null for operator and service keys. */
  account: AccountRecord | null;
}

/**
 * Who the presented key or session is: what the billing page asks after a sign-in with a pasted API
 * key (which names no account) to learn the account it may show.
 */
export async function describeCaller(
  ctx: AccountsContext,
  caller: Caller,
): Promise<Result<CallerDescription>> {
  const account = caller.accountId ? await findAccount(ctx.db, caller.accountId) : null;
  return ok({ role: caller.role, account: account ?? null });
}
