import { randomInt } from 'node:crypto';
import { newId } from '../kernel/ids.js';
import type { AccountsContext } from './context.js';
import { hashSignInCode } from './sign-in-code-hash.js';
import {
  EMAIL_SIGN_IN,
  linkPurpose,
  normalizeEmail,
  signInCodeMail,
  signInPurpose,
  type ThrottleRule,
  throttleKeys,
} from './email-sign-in-rules.js';
import {
  countThrottleEvent,
  deleteStaleSignInCodes,
  deleteStaleThrottle,
  findLockedUntil,
  insertSignInCode,
} from './sign-in-store.js';

import { type Web3Result, web3Fail, web3Ok } from './siwe-settings.js';

/** An expired code is kept this long, so that using it says "expired" rather than "not right". */
const STALE_AFTER_MS = 24 * 3600_000;

export type RequestCodeFailure =
  'email_invalid' | 'too_many_attempts' | 'email_not_configured' | 'email_delivery_failed';

export interface CodeSent {
  email: string;
  expiresAt: Date;
  /** The sandbox mail page showing the code (embedded sandbox only); null with real email. */
  previewUrl: string | null;
}

/** A refusal for a locked throttle key: when to come back. */
export function tooManyAttempts(now: Date, until: Date) {
  const retryAfterSeconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  return web3Fail(
    'too_many_attempts',
    `too many attempts; try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s)`,
    { retryAfterSeconds },
  );
}

/**
 * Sends a one-time code to an email: to sign in (`accountId` absent), or to add the email to that
 * signed-in account. The answer is the same whether or not the email has an account, and nothing
 * here looks the email up: a code goes to any well-formed address (a first sign-in opens the
 * account). Codes sent are limited per email and per IP.
 */
export async function requestSignInCode(
  ctx: AccountsContext,
  input: { email: string; ip: string; accountId?: string },
): Promise<Web3Result<CodeSent, RequestCodeFailure>> {
  return sendEmailCode(ctx, {
    email: input.email,
    ip: input.ip,
    purpose: input.accountId ? linkPurpose(input.accountId) : signInPurpose,
    mail: (code) => signInCodeMail(code, input.accountId ? 'link' : 'sign_in'),
  });
}

/** A code to send: to whom, what it proves (`purpose`, bound into its hash) and the mail saying it. */
export interface EmailCodeRequest {
  email: string;
  ip: string;
  purpose: string;
  mail: (code: string) => { subject: string; text: string };
  /** More keys counted against the codes sent (the account asking), beside the email's and the IP's. */
  sendKeys?: readonly { key: string; rule: ThrottleRule }[];
}

/**
 * The one-time code machinery, for every purpose (sign-in, linking an email, an account's alert
 * email): the same generation, hashing, expiry, per-email and per-IP send limits and SMTP path. The
 * code is redeemed with `redeemSignInCode` under the same purpose.
 */
export async function sendEmailCode(
  ctx: AccountsContext,
  request: EmailCodeRequest,
): Promise<Web3Result<CodeSent, RequestCodeFailure>> {
  const email = normalizeEmail(request.email);
  if (!email) return web3Fail('email_invalid', 'not an email address', { field: 'email' });
  if (!ctx.signInMail) return web3Fail('email_not_configured', 'email sign-in is not set up on this server');
  const now = ctx.clock.now();
  const keys = throttleKeys(email, request.ip);
  const extra = request.sendKeys ?? [];
  const locked = await findLockedUntil(
    ctx.db,
    [keys.sendEmail, keys.sendIp, ...extra.map((k) => k.key)],
    now,
  );
  if (locked) return tooManyAttempts(now, locked);
  await countThrottleEvent(ctx.db, [keys.sendEmail], now, EMAIL_SIGN_IN.sendPerEmail);
  await countThrottleEvent(ctx.db, [keys.sendIp], now, EMAIL_SIGN_IN.sendPerIp);
  for (const k of extra) await countThrottleEvent(ctx.db, [k.key], now, k.rule);

  // Housekeeping, like the SIWE nonces: codes long expired and throttle counts long over go.
  await deleteStaleSignInCodes(ctx.db, new Date(now.getTime() - STALE_AFTER_MS));
  await deleteStaleThrottle(ctx.db, new Date(now.getTime() - EMAIL_SIGN_IN.verify.windowMs), now);
  const code = randomInt(0, 10 ** EMAIL_SIGN_IN.codeDigits)
    .toString()
    .padStart(EMAIL_SIGN_IN.codeDigits, '0');
  const expiresAt = new Date(now.getTime() + EMAIL_SIGN_IN.codeTtlMs);
  await insertSignInCode(ctx.db, {
    id: newId('signInCode'),
    email,
    purpose: request.purpose,
    codeHash: hashSignInCode(email, request.purpose, code),
    attempts: 0,
    createdAt: now,
    expiresAt,
  });
  let sent: void | { previewUrl: string };
  try {
    sent = await ctx.signInMail.send({ to: email, ...request.mail(code) });
  } catch {
    return web3Fail('email_delivery_failed', 'the code could not be sent; try again in a moment');
  }
  return web3Ok({ email, expiresAt, previewUrl: sent?.previewUrl ?? null });
}
