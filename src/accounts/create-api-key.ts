import { createHash, randomBytes } from 'node:crypto';
import { newId } from '../kernel/ids.js';
import { findAccount } from './account-store.js';
import { insertApiKey } from './api-key-store.js';
import type { AccountsContext } from './context.js';
import { type Result, fail, ok } from '../kernel/result.js';
import type { ApiKeyRecord, Role } from './accounts-rules.js';

/** Only a hash of the secret is stored; the secret is shown once, at creation. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function newSecret(): string {
  return `pk_${randomBytes(24).toString('base64url')}`;
}

export interface CreateApiKeyInput {
  role: Role;
  accountId?: string;
  label?: string;
  /** A chosen secret (bootstrap from configuration); a random one otherwise. */
  secret?: string;
}

/** Issues an API key: operators and services act on any account, a customer key on its own only. */
export async function createApiKey(
  ctx: AccountsContext,
  input: CreateApiKeyInput,
): Promise<Result<{ key: ApiKeyRecord; secret: string }>> {
  if ((input.role === 'customer') !== (input.accountId !== undefined)) {
    return fail('invalid_request', 'a customer key needs an account; other roles must not have one');
  }
  if (input.accountId && !(await findAccount(ctx.db, input.accountId))) {
    return fail('account_not_found', 'no such account', { accountId: input.accountId });
  }
  const secret = input.secret ?? newSecret();
  const key: ApiKeyRecord = {
    id: newId('apiKey'),
    role: input.role,
    accountId: input.accountId ?? null,
    label: input.label ?? '',
    createdAt: ctx.clock.now(),
  };
  await insertApiKey(ctx.db, key, hashSecret(secret));
  return ok({ key, secret });
}
