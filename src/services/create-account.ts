import { newId } from '../platform/ids.js';
import { requestHash } from '../platform/request-hash.js';
import { type AccountRecord, insertAccount } from '../store/account-store.js';
import { transactionWithRetry } from '../store/database.js';
import { claimId, findKeys, insertKeys, isIdempotencyRace } from '../store/idempotency-store.js';
import type { Caller, ServiceContext } from './context.js';
import { IDEMPOTENCY_CONFLICT, type Result, ok } from './result.js';

export interface CreateAccountInput {
  name: string;
  email?: string;
  metadata?: Record<string, string>;
}

/** Opens a customer account with an empty wallet per unit. */
export async function createAccount(
  ctx: ServiceContext,
  caller: Caller,
  input: CreateAccountInput,
  idempotencyKey: string,
): Promise<Result<AccountRecord>> {
  const claim = { scope: caller.id, key: idempotencyKey, requestHash: requestHash('create-account', input) };
  return transactionWithRetry(
    ctx.db,
    async (tx) => {
      const now = ctx.clock.now();
      const state = (await findKeys(tx, [claim])).get(claimId(claim))!;
      if (state.seen)
        return 'conflict' in state ? IDEMPOTENCY_CONFLICT() : ok(state.replay as AccountRecord, true);
      const account: AccountRecord = {
        id: newId('account'),
        name: input.name,
        email: input.email ?? null,
        metadata: input.metadata ?? {},
        createdAt: now,
      };
      await insertAccount(tx, account);
      await insertKeys(tx, [{ claim, result: account }], now);
      return ok(account);
    },
    isIdempotencyRace,
  );
}
