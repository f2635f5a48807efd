import { createHash, timingSafeEqual } from 'node:crypto';

/** Only a hash is stored; bound to the email and purpose, so a code is good for nothing else. */
export function hashSignInCode(email: string, purpose: string, code: string): string {
  return createHash('sha256').update(`${purpose}\n${email}\n${code}`).digest('hex');
}

/** Constant-time comparison of two code hashes (equal length by construction). */
export function codeHashesMatch(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}
