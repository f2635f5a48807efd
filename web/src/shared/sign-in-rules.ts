/** The sign-in page's checks and sentences, before and after the server answers. */
import { ApiError, errorText } from './api';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** What is wrong with a typed (trimmed) email address, or null to send it. */
export function emailProblem(to: string): string | null {
  if (!to) return 'Enter your email address.';
  if (!EMAIL.test(to)) return 'Enter an email address, e.g. name@example.com.';
  return null;
}

/** What is wrong with a typed code (spaces removed), or null to send it. */
export const codeProblem = (code: string): string | null =>
  /^\d{6}$/.test(code) ? null : 'Enter the 6 digits from the email.';

/**
 * Where a new session opens: the `next` the customer was on when the session ended, if it is a path
 * of this page (not another site, not sign-in itself), else the line's start.
 */
export const landingPath = (next: string | null, line: 'compute' | 'booth'): string =>
  next && /^\/(?![/\\])/.test(next) && !next.startsWith('/signin') ? next : `/${line}`;

/** The sentence beside the API key field for a refused key; null for other failures (an error box). */
export function keyProblem(error: unknown): string | null {
  if (error instanceof ApiError && error.status === 401)
    return 'This key is not valid. Check that you pasted all of it.';
  if (error instanceof ApiError && error.code === 'forbidden')
    return 'This is not a customer key. Sign in with a customer key of one account.';
  return null;
}

/** A field's own error from a problem that names it; the rest go in the section's error box. */
export const fieldError = (error: unknown, field: string) =>
  error instanceof ApiError && error.field === field ? errorText(error) : null;
export const otherError = (error: unknown, fields: string[]) =>
  error && !(error instanceof ApiError && error.field && fields.includes(error.field)) ? error : null;
