import {
  type InvoiceSettingsInput,
  type InvoiceSettingsVersion,
  normalizeInvoiceSettings,
} from './billing-profile-rules.js';
import { findAccount } from './account-store.js';
import { commandClaim, runKeyed } from '../ledger/idempotent-command.js';
import {
  insertInvoiceSettingsVersion,
  isSettingsVersionRace,
  lockForSettingsChange,
} from './billing-profile-store.js';
import type { Caller } from '../kernel/context.js';
import type { AccountsContext } from './context.js';
import { type Result, fail, ok } from '../kernel/result.js';

export interface UpdateInvoiceSettingsInput extends InvoiceSettingsInput {
  accountId: string;
}

/**
 * Records a new version of the account's invoice settings, in force from now on. Earlier versions
 * stay as they were: invoices of earlier transactions keep showing the version of their time.
 */
export async function updateInvoiceSettings(
  ctx: AccountsContext,
  caller: Caller,
  input: UpdateInvoiceSettingsInput,
  idempotencyKey: string,
): Promise<Result<InvoiceSettingsVersion>> {
  const { accountId, ...given } = input;
  const normalized = normalizeInvoiceSettings(given);
  if (!normalized.ok) {
    const { field, message } = normalized.error;
    return fail('invalid_request', `${field}: ${message}`, { field });
  }
  const settings = normalized.value;
  const claim = commandClaim(caller, accountId, idempotencyKey, 'update-invoice-settings', {
    accountId,
    ...settings,
  });
  return runKeyed(
    ctx,
    claim,
    async (tx) => {
      if (!(await findAccount(tx, accountId)))
        return fail('account_not_found', 'no such account', { accountId });
      await lockForSettingsChange(tx, accountId);
      // Read after the lock: no numbering step is running now, so every transaction it numbered
      // was recorded before this instant and keeps the version it had.
      const now = ctx.clock.now();
      return ok(await insertInvoiceSettingsVersion(tx, accountId, settings, now, caller.id));
    },
    { alsoRetry: isSettingsVersionRace },
  );
}
