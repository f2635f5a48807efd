import type { InvoiceSettingsVersion } from './billing-profile-rules.js';
import { findAccount } from './account-store.js';
import { findCurrentInvoiceSettings } from './billing-profile-store.js';
import type { AccountsContext } from './context.js';
import { type Result, fail, ok } from '../kernel/result.js';

/**
 * What the next invoice would be drawn with: the latest settings version, or, for an account that
 * never set any, its own name and email (the same fallback invoices use).
 */
export type CurrentInvoiceSettings =
  | { source: 'invoice_settings'; settings: InvoiceSettingsVersion }
  | { source: 'account'; accountId: string; name: string; email: string | null };

export async function getInvoiceSettings(
  ctx: AccountsContext,
  accountId: string,
): Promise<Result<CurrentInvoiceSettings>> {
  const account = await findAccount(ctx.db, accountId);
  if (!account) return fail('account_not_found', 'no such account', { accountId });
  const settings = await findCurrentInvoiceSettings(ctx.db, accountId);
  return ok(
    settings
      ? { source: 'invoice_settings', settings }
      : { source: 'account', accountId, name: account.name, email: account.email },
  );
}
