import { findAccount } from '../../accounts/account-store.js';
import { type CodeFailure, redeemSignInCode } from '../../accounts/check-sign-in-code.js';
import {
  type CodeSent,
  type RequestCodeFailure,
  sendEmailCode,
} from '../../accounts/request-sign-in-code.js';
import { type Web3Result, web3Fail, web3Ok } from '../../accounts/siwe-settings.js';
import type { Caller } from '../../kernel/context.js';
import { commandClaim, lookUpKeyed } from '../../ledger/idempotent-command.js';
import { insertKeys, isIdempotencyRace } from '../../ledger/idempotency-store.js';
import type { IdempotencyClaim } from '../../ledger/ledger-rules.js';
import type { ComputeContext } from '../context.js';
import { insertVerifiedAlertEmails } from './alert-store.js';
import { ALERT_EMAIL_CODES_PER_ACCOUNT, alertEmailCodeMail, alertEmailPurpose } from './alerts-rules.js';

export interface AlertEmailVerified {
  accountId: string;
  email: string;
  /** ISO time (kept as text: the answer is stored for replays as it was first given). */
  verifiedAt: string;
}

const NO_ACCOUNT = () => web3Fail('account_not_found', 'no such account');

/**
 * Sends a one-time code to an address the account wants its alerts sent to, through the sign-in
 * code machinery (same code, hash, expiry, SMTP path and per-email and per-IP limits) under the
 * purpose `alert-email:<account>`, plus a limit per account. Sending again supersedes the earlier code.
 */
export async function requestAlertEmailCode(
  ctx: ComputeContext,
  input: { accountId: string; email: string; ip: string },
): Promise<Web3Result<CodeSent, RequestCodeFailure | 'account_not_found'>> {
  if (!(await findAccount(ctx.db, input.accountId))) return NO_ACCOUNT();
  return sendEmailCode(ctx, {
    email: input.email,
    ip: input.ip,
    purpose: alertEmailPurpose(input.accountId),
    mail: alertEmailCodeMail,
    sendKeys: [{ key: `send-account:${input.accountId}`, rule: ALERT_EMAIL_CODES_PER_ACCOUNT }],
  });
}

type ConfirmFailure = CodeFailure | 'account_not_found' | 'idempotency_key_reused';

/**
 * Confirms an alert email with the code sent to it: from then on the account's alert settings may
 * name it and alerts are sent to it. The code is checked exactly as a sign-in code (wrong, expired,
 * used, 5 wrong guesses per code, cool-downs per email and IP). Idempotent on the caller's key: the
 * verification and the key's answer commit together, and a retry (or a twin that lost the race
 * for the code) replays that answer. Confirming an address already verified changes nothing.
 */
export async function confirmAlertEmail(
  ctx: ComputeContext,
  caller: Caller,
  input: { accountId: string; email: string; code: string; ip: string },
  idempotencyKey: string,
): Promise<Web3Result<AlertEmailVerified, ConfirmFailure>> {
  const asked = { accountId: input.accountId, email: input.email, code: input.code };
  const claim = commandClaim(caller, input.accountId, idempotencyKey, 'confirm-alert-email', asked);
  const earlier = await replayOf(ctx, claim);
  if (earlier) return earlier;
  if (!(await findAccount(ctx.db, input.accountId))) return NO_ACCOUNT();
  const result = await redeemSignInCode<AlertEmailVerified, never>(
    ctx,
    { email: input.email, code: input.code, ip: input.ip, purpose: alertEmailPurpose(input.accountId) },
    async (tx, email) => {
      const now = ctx.clock.now();
      await insertVerifiedAlertEmails(tx, input.accountId, [email], 'code', now);
      const value = { accountId: input.accountId, email, verifiedAt: now.toISOString() };
      await insertKeys(tx, [{ claim, result: value }], now);
      return web3Ok(value);
    },
    isIdempotencyRace,
  );
  // A twin with the same key spent the code first: its answer is this request's too.
  if (!result.ok && result.failure.code === 'sign_in_code_used')
    return (await replayOf(ctx, claim)) ?? result;
  return result;
}

async function replayOf(
  ctx: ComputeContext,
  claim: IdempotencyClaim,
): Promise<Web3Result<AlertEmailVerified, ConfirmFailure> | null> {
  const stored = await lookUpKeyed<AlertEmailVerified>(ctx.db, claim);
  if (!stored) return null;
  if (!stored.ok)
    return web3Fail(
      'idempotency_key_reused',
      'this Idempotency-Key was already used with a different request',
    );
  return web3Ok(stored.value, true);
}
