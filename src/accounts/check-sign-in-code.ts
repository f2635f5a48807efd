import { type Queryable, transactionWithRetry } from '../kernel/db/database.js';
import type { AccountsContext } from './context.js';
import { codeHashesMatch, hashSignInCode } from './sign-in-code-hash.js';
import { EMAIL_SIGN_IN, isWellFormedCode, normalizeEmail, throttleKeys } from './email-sign-in-rules.js';
import {
  clearThrottle,
  countThrottleEvent,
  findLockedUntil,
  lockLatestSignInCode,
  markSignInCodeUsed,
  recordWrongGuess,
} from './sign-in-store.js';
import { type Web3Result, web3Fail } from './siwe-settings.js';
import { tooManyAttempts } from './request-sign-in-code.js';

export type CodeFailure =
  | 'email_invalid'
  | 'sign_in_code_malformed'
  | 'sign_in_code_incorrect'
  | 'sign_in_code_expired'
  | 'sign_in_code_used'
  | 'too_many_attempts';

const GUESS_FAILURES: ReadonlySet<string> = new Set([
  'sign_in_code_incorrect',
  'sign_in_code_expired',
  'sign_in_code_used',
]);

/**
 * Exchanges an email's one-time code for `use`, which runs in the same transaction once the code
 * matched (and was spent). In order: the input is well formed (else 400, nothing counted); neither
 * the email nor the IP is cooling down (else 429); the newest code for this email and purpose is
 * unused, unexpired and matches in constant time. Every refused code counts against the email and
 * the IP, and a code takes at most 5 wrong guesses (counted on its locked row, so concurrent guesses
 * cannot exceed it). A wrong code and an email that never got one are refused alike.
 */
export async function redeemSignInCode<T, F extends string>(
  ctx: AccountsContext,
  input: { email: string; code: string; ip: string; purpose: string },
  use: (tx: Queryable, email: string) => Promise<Web3Result<T, F>>,
  retry?: (error: unknown) => boolean,
): Promise<Web3Result<T, F | CodeFailure>> {
  const email = normalizeEmail(input.email);
  if (!email) return web3Fail('email_invalid', 'not an email address', { field: 'email' });
  const code = input.code.trim();
  if (!isWellFormedCode(code))
    return web3Fail('sign_in_code_malformed', 'the code is the 6 digits from the email', { field: 'code' });
  const now = ctx.clock.now();
  const keys = throttleKeys(email, input.ip);
  const locked = await findLockedUntil(ctx.db, [keys.verifyEmail, keys.verifyIp], now);
  if (locked) return tooManyAttempts(now, locked);

  const result = await transactionWithRetry(
    ctx.db,
    async (tx): Promise<Web3Result<T, F | CodeFailure>> => {
      const latest = await lockLatestSignInCode(tx, email, input.purpose);
      const hash = hashSignInCode(email, input.purpose, code);
      if (!latest)
        return web3Fail('sign_in_code_incorrect', 'that code is not right; check it or ask for a new one');
      if (latest.usedAt)
        return web3Fail('sign_in_code_used', 'that code was already used or replaced; ask for a new one');
      if (latest.expiresAt.getTime() <= now.getTime())
        return web3Fail(
          'sign_in_code_expired',
          'that code has expired (codes last 10 minutes); ask for a new one',
        );
      if (!codeHashesMatch(latest.codeHash, hash)) {
        await recordWrongGuess(tx, latest.id, EMAIL_SIGN_IN.verify.limit, now);
        return web3Fail('sign_in_code_incorrect', 'that code is not right; check it or ask for a new one');
      }
      await markSignInCodeUsed(tx, latest.id, now);
      return use(tx, email);
    },
    retry,
  );
  if (!result.ok && GUESS_FAILURES.has(result.failure.code)) {
    await countThrottleEvent(ctx.db, [keys.verifyEmail, keys.verifyIp], now, EMAIL_SIGN_IN.verify);
  } else if (result.ok) {
    // The owner of the email got in: earlier typos no longer count against it (the IP's still do).
    await clearThrottle(ctx.db, keys.verifyEmail);
  }
  return result;
}
