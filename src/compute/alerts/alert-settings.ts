import { requestHash } from '../../kernel/request-hash.js';
import { type AccountRecord, findAccount } from '../../accounts/account-store.js';
import {
  type AlertSettings,
  findAlertSettings,
  lockAlertSettings,
  upsertAlertSettings,
} from './alert-store.js';
import { transactionWithRetry } from '../../kernel/db/database.js';
import { findKeys, insertKeys, isIdempotencyRace } from '../../ledger/idempotency-store.js';
import { type Caller, idempotencyScope } from '../../kernel/context.js';
import type { ComputeContext } from '../context.js';
import { IDEMPOTENCY_CONFLICT, type Result, fail, ok } from '../../kernel/result.js';

export interface AlertSettingsInput {
  accountId: string;
  /** CREDIT micros; null or absent: no low-balance alert. */
  lowBalanceMicros?: bigint | null;
  lowRemainingHours?: number | null;
  /** Absent or null: the account's email. */
  emails?: string[] | null;
  /** The secret may be left out to keep the one already set. */
  webhook?: { url: string; secret?: string } | null;
}

/** The settings as shown: the webhook secret is write-only, never returned nor stored in replays. */
export interface AlertSettingsView {
  accountId: string;
  lowBalanceMicros: bigint | null;
  lowRemainingHours: number | null;
  emails: string[];
  emailSource: 'settings' | 'account';
  webhookUrl: string | null;
  webhookSecretSet: boolean;
  updatedAt: Date | null;
}

function view(account: AccountRecord, s: AlertSettings | undefined): AlertSettingsView {
  return {
    accountId: account.id,
    lowBalanceMicros: s?.lowBalanceMicros ?? null,
    lowRemainingHours: s?.lowRemainingHours ?? null,
    emails: s?.emailRecipients ?? (account.email ? [account.email] : []),
    emailSource: s?.emailRecipients ? 'settings' : 'account',
    webhookUrl: s?.webhookUrl ?? null,
    webhookSecretSet: Boolean(s?.webhookSecret),
    updatedAt: s?.updatedAt ?? null,
  };
}

export async function getAlertSettings(
  ctx: ComputeContext,
  accountId: string,
): Promise<Result<AlertSettingsView>> {
  const account = await findAccount(ctx.db, accountId);
  if (!account) return fail('account_not_found', 'no such account', { accountId });
  return ok(view(account, await findAlertSettings(ctx.db, accountId)));
}

/**
 * Replaces the account's alert settings (PUT semantics: what is left out is turned off) and arms
 * every alert again. Idempotent on the caller's Idempotency-Key.
 */
export async function updateAlertSettings(
  ctx: ComputeContext,
  caller: Caller,
  input: AlertSettingsInput,
  idempotencyKey: string,
): Promise<Result<AlertSettingsView>> {
  const claim = {
    scope: idempotencyScope(caller, input.accountId),
    key: idempotencyKey,
    requestHash: requestHash('update-alert-settings', input),
  };
  return transactionWithRetry(
    ctx.db,
    async (tx) => {
      const state = (await findKeys(tx, [claim]))(claim);
      if (state.seen) {
        return 'conflict' in state ? IDEMPOTENCY_CONFLICT() : ok(state.replay as AlertSettingsView, true);
      }
      const account = await findAccount(tx, input.accountId);
      if (!account) return fail('account_not_found', 'no such account', { accountId: input.accountId });
      const current = await lockAlertSettings(tx, input.accountId);
      const secret = input.webhook ? (input.webhook.secret ?? current?.webhookSecret ?? null) : null;
      if (input.webhook && !secret) {
        return fail('invalid_request', 'webhook.secret: required when no webhook secret is set yet', {
          field: 'webhook.secret',
        });
      }
      const now = ctx.clock.now();
      const settings: AlertSettings = {
        accountId: input.accountId,
        lowBalanceMicros: input.lowBalanceMicros ?? null,
        lowRemainingHours: input.lowRemainingHours ?? null,
        emailRecipients: input.emails ?? null,
        webhookUrl: input.webhook?.url ?? null,
        webhookSecret: secret,
        updatedAt: now,
      };
      await upsertAlertSettings(tx, settings, caller.id);
      const result = view(account, settings);
      await insertKeys(tx, [{ claim, result }], now);
      return ok(result);
    },
    isIdempotencyRace,
  );
}
