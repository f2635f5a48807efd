import { currentTestClockId } from '../kernel/clock.js';
import { newId } from '../kernel/ids.js';
import { insertAccount } from './account-store.js';
import { commandClaim, runKeyed } from '../ledger/idempotent-command.js';
import type { Caller } from '../kernel/context.js';
import type { AccountsContext } from './context.js';
import { runAccountOpened } from './account-opened.js';
import { type Result, fail, ok } from '../kernel/result.js';
import type { AccountRecord } from './accounts-rules.js';

export interface CreateAccountInput {
  name: string;
  email?: string;
  metadata?: Record<string, string>;
  /** Sandbox: the test clock to open it on; the request must run on that clock (the API sees to it). */
  testClockId?: string;
}

/** Opens a customer account with a wallet per unit, and grants the booth's welcome tokens once. */
export async function createAccount(
  ctx: AccountsContext,
  caller: Caller,
  input: CreateAccountInput,
  idempotencyKey: string,
): Promise<Result<AccountRecord>> {
  // The API runs a request naming a test clock on that clock; anything else names an unknown clock.
  if (input.testClockId !== undefined && currentTestClockId() !== input.testClockId)
    return fail('test_clock_not_found', 'no such test clock', { testClockId: input.testClockId });
  const claim = commandClaim(caller, null, idempotencyKey, 'create-account', input);
  const result = await runKeyed(ctx, claim, async (tx, now) => {
    const account: AccountRecord = {
      id: newId('account'),
      name: input.name,
      email: input.email ?? null,
      metadata: input.metadata ?? {},
      createdAt: now,
      testClockId: input.testClockId ?? null,
    };
    await insertAccount(tx, account);
    return ok(account);
  });
  // First-use grants (welcome tokens), keyed by the account: a replay completes a first attempt
  // that stopped short.
  if (result.ok) await runAccountOpened(ctx, result.value.id);
  return result;
}
