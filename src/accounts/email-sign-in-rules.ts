/** A limit on events per key: `limit` within `windowMs`, then locked for `cooldownMs`. */
export interface ThrottleRule {
  limit: number;
  windowMs: number;
  cooldownMs: number;
}

/**
 * Email sign-in by one-time code: the limits and the pure checks. A 6-digit code (not a magic link)
 * because it works when the mail is read on another device than the page, survives mail scanners
 * that follow links, and keeps the customer in the tab they started in (docs/sign-in.md).
 */
export const EMAIL_SIGN_IN = {
  codeDigits: 6,
  codeTtlMs: 10 * 60_000,
  /** Wrong codes per email and per IP (and per code) before a cool-down. */
  verify: { limit: 5, windowMs: 15 * 60_000, cooldownMs: 15 * 60_000 },
  /** Codes sent per email, and per IP, before a cool-down. */
  sendPerEmail: { limit: 5, windowMs: 15 * 60_000, cooldownMs: 15 * 60_000 },
  sendPerIp: { limit: 20, windowMs: 15 * 60_000, cooldownMs: 15 * 60_000 },
} as const;

const EMAIL = /^[^\s@"(),:;<>[\\\]]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/;

/** The email as stored and compared (trimmed, lowercase), or null when it is not an address. */
export function normalizeEmail(raw: string): string | null {
  const email = raw.trim().toLowerCase();
  if (email.length > 254 || !EMAIL.test(email) || email.split('@')[0]!.length > 64) return null;
  return email;
}

export const isWellFormedCode = (code: string) => /^[0-9]{6}$/.test(code);

/** The purpose of a code: signing in, or adding the email to a signed-in account. */
export const signInPurpose = 'sign_in';
export const linkPurpose = (accountId: string) => `link:${accountId}`;

/** Throttle keys: failures per email and per IP; codes sent per email and per IP. */
export const throttleKeys = (email: string, ip: string) => ({
  verifyEmail: `verify-email:${email}`,
  verifyIp: `verify-ip:${ip}`,
  sendEmail: `send-email:${email}`,
  sendIp: `send-ip:${ip}`,
});

export function signInCodeMail(code: string, purpose: 'sign_in' | 'link'): { subject: string; text: string } {
  const why = purpose === 'sign_in' ? 'sign in to Pictor Billing' : 'add this email to your Pictor account';
  return {
    subject: `${code} is your Pictor sign-in code`,
    text:
      `Your code to ${why} is:\n\n    ${code}\n\n` +
      'It works once, for 10 minutes. If you did not ask for it, ignore this email: nobody can sign in ' +
      'without the code.\n',
  };
}

// Entities as the stores, use cases and routes pass them around (the stores map their rows into these;
// docs/architecture.md, "Entity types").

export interface SignInCodeRecord {
  id: string;
  email: string;
  purpose: string;
  codeHash: string;
  attempts: number;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
}
