import { findAccount, findAccountForShare } from '../../accounts/account-store.js';
import {
  findAlertSettings,
  findVerifiedAlertEmails,
  insertVerifiedAlertEmails,
  lockAlertSettings,
  upsertAlertSettings,
} from './alert-store.js';
import { commandClaim, runKeyed } from '../../ledger/idempotent-command.js';
import type { Caller } from '../../kernel/context.js';
import type { ComputeContext } from '../context.js';
import { webhookSaveProblem } from '../../notify/webhook-target.js';
import { type Result, fail, ok } from '../../kernel/result.js';
import { alertHasNoRecipient, type AlertSettings, firstUnverifiedEmail } from './alerts-rules.js';
import type { AccountRecord } from '../../accounts/accounts-rules.js';

const NO_RECIPIENT =
  'emails: an alert needs a recipient: this account has no email, so name alert emails or a webhook (or turn the alerts off)';

/** 422 on `emails.<i>`: alerts are sent only to addresses the account proved it reads. */
function unverifiedRefusal(unverified: { index: number; email: string }) {
  return fail(
    'alert_email_unverified',
    `emails.${unverified.index}: ${unverified.email} is not verified: send it a code ` +
      '(POST …/alert-emails/code) and confirm it (POST …/alert-emails/verify) before naming it',
    { field: `emails.${unverified.index}`, email: unverified.email },
  );
}

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
  /** Each of `emails` and whether alerts are sent to it (verified for this account). */
  recipients: { email: string; verified: boolean }[];
  /** Every address verified for this account's alerts (lowercase, sorted): no code needed to name it. */
  verifiedEmails: string[];
  webhookUrl: string | null;
  webhookSecretSet: boolean;
  updatedAt: Date | null;
}

function view(
  account: AccountRecord,
  s: AlertSettings | undefined,
  verified: ReadonlySet<string>,
): AlertSettingsView {
  const emails = s?.emailRecipients ?? (account.email ? [account.email] : []);
  return {
    accountId: account.id,
    lowBalanceMicros: s?.lowBalanceMicros ?? null,
    lowRemainingHours: s?.lowRemainingHours ?? null,
    emails,
    emailSource: s?.emailRecipients ? 'settings' : 'account',
    recipients: emails.map((email) => ({ email, verified: verified.has(email.toLowerCase()) })),
    verifiedEmails: [...verified].sort(),
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
  const verified = await findVerifiedAlertEmails(ctx.db, accountId);
  return ok(view(account, await findAlertSettings(ctx.db, accountId), verified));
}

/**
 * Replaces the account's alert settings (PUT semantics: what is left out is turned off) and arms
 * every alert again. Idempotent on the caller's Idempotency-Key. A webhook URL is checked before
 * anything is written (docs/hardening.md § Webhook targets): a refused target is 422, naming the field.
 */
export async function updateAlertSettings(
  ctx: ComputeContext,
  caller: Caller,
  input: AlertSettingsInput,
  idempotencyKey: string,
): Promise<Result<AlertSettingsView>> {
  if (input.webhook) {
    const refused = await webhookSaveProblem(input.webhook.url, ctx.webhookTargets ?? 'public');
    if (refused) return fail('webhook_target_refused', refused, { field: 'webhook.url' });
  }
  const claim = commandClaim(caller, input.accountId, idempotencyKey, 'update-alert-settings', input);
  return runKeyed(ctx, claim, async (tx, now) => {
    // Share-locked: the recipient check below stands until commit (a concurrent removal of the
    // account's email, which this check may rely on, waits; alert-recipient-guard.ts).
    const account = await findAccountForShare(tx, input.accountId);
    if (!account) return fail('account_not_found', 'no such account', { accountId: input.accountId });
    const current = await lockAlertSettings(tx, input.accountId);
    const secret = input.webhook ? (input.webhook.secret ?? current?.webhookSecret ?? null) : null;
    if (input.webhook && !secret) {
      return fail('invalid_request', 'webhook.secret: required when no webhook secret is set yet', {
        field: 'webhook.secret',
      });
    }
    const settings: AlertSettings = {
      accountId: input.accountId,
      lowBalanceMicros: input.lowBalanceMicros ?? null,
      lowRemainingHours: input.lowRemainingHours ?? null,
      emailRecipients: input.emails ?? null,
      webhookUrl: input.webhook?.url ?? null,
      webhookSecret: secret,
      updatedAt: now,
    };
    const recipientless = alertHasNoRecipient({
      alertsOn: settings.lowBalanceMicros !== null || settings.lowRemainingHours !== null,
      emails: settings.emailRecipients,
      accountEmail: account.email,
      webhookUrl: settings.webhookUrl,
    });
    if (recipientless) return fail('alert_without_recipient', NO_RECIPIENT, { field: 'emails' });
    const verified = await findVerifiedAlertEmails(tx, input.accountId);
    const unverified = firstUnverifiedEmail(input.emails ?? [], verified);
    if (unverified) return unverifiedRefusal(unverified);
    await upsertAlertSettings(tx, settings, caller.id);
    // Named addresses verified as the account's own stay verified for alerts after they stop signing in.
    await insertVerifiedAlertEmails(tx, input.accountId, input.emails ?? [], 'account_email', now);
    return ok(view(account, settings, verified));
  });
}
