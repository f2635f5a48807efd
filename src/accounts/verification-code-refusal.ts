import type { CodeFailure } from './check-sign-in-code.js';
import type { Web3Result } from './siwe-settings.js';

/**
 * A signed-in customer's wrong, expired or used-up code, as the flows that are already signed in
 * answer it (linking an email, confirming an alert email). The code machinery names them for
 * sign-in, where 401 is right: the caller is not signed in. Here the caller is, so a 401 would
 * tell clients that the session ended (and some sign out on it) over a typo: it is a refusal of
 * the `code` field instead, 422, changing nothing. Malformed (400) and cool-downs (429) stay.
 */
const AS_INPUT_REFUSAL = {
  sign_in_code_incorrect: 'verification_code_incorrect',
  sign_in_code_expired: 'verification_code_expired',
  sign_in_code_used: 'verification_code_used',
} as const satisfies Partial<Record<CodeFailure, string>>;

type SignInOnly = keyof typeof AS_INPUT_REFUSAL;
export type VerificationCodeRefusal = (typeof AS_INPUT_REFUSAL)[SignInOnly];

const isSignInOnly = (code: string): code is SignInOnly => Object.hasOwn(AS_INPUT_REFUSAL, code);

/** `result` with the sign-in-only refusals renamed for a signed-in flow (field `code`). */
export function asVerificationRefusal<T, F extends string>(
  result: Web3Result<T, F>,
): Web3Result<T, Exclude<F, SignInOnly> | VerificationCodeRefusal> {
  if (result.ok || !isSignInOnly(result.failure.code)) return result as Web3Result<T, Exclude<F, SignInOnly>>;
  const { code, detail, extra } = result.failure;
  return {
    ok: false,
    failure: { code: AS_INPUT_REFUSAL[code], detail, extra: { ...extra, field: 'code' } },
  };
}
