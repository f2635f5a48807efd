import { currentTestClockId } from '../kernel/clock.js';
import { newId } from '../kernel/ids.js';
import { requestHash } from '../kernel/request-hash.js';
import { type AccountRecord, insertAccount } from './account-store.js';
import { transactionWithRetry } from '../kernel/db/database.js';
import { findKeys, insertKeys, isIdempotencyRace } from '../ledger/idempotency-store.js';
import { type Caller, idempotencyScope } from '../kernel/context.js';
import type { AccountsContext } from './context.js';
import { runAccountOpened } from './account-opened.js';
import { IDEMPOTENCY_CONFLICT, type Result, fail, ok } from '../kernel/result.js';

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
  const claim = {
    scope: idempotencyScope(caller, null),
    key: idempotencyKey,
    requestHash: requestHash('create-account', input),
  };
  const result = await transactionWithRetry(
    ctx.db,
    async (tx) => {
      const now = ctx.clock.now();
      const state = (await findKeys(tx, [claim]))(claim);
      if (state.seen)
        return 'conflict' in state ? IDEMPOTENCY_CONFLICT() : ok(state.replay as AccountRecord, true);
      const account: AccountRecord = {
        id: newId('account'),
        name: input.name,
        email: input.email ?? null,
        metadata: input.metadata ?? {},
        createdAt: now,
        testClockId: input.testClockId ?? null,
      };
      await insertAccount(tx, account);
      await insertKeys(tx, [{ claim, result: account }], now);
      return ok(account);
    },
    isIdempotencyRace,
  );
  // First-use grants (welcome tokens), keyed by the account: a replay completes a first attempt
  // that stopped short.
  if (result.ok) await runAccountOpened(ctx, result.value.id);
  return result;
}
