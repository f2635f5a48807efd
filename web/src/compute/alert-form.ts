import type { AlertSettings, AlertSettingsBody } from '../shared/api-types';
import { ApiError } from '../shared/api';
import { formatDecimal } from '../shared/decimal';
import { errorSentence } from '../shared/errors';
import { parseAmount, parseEmails } from '../shared/validate';

/** The alerts form as typed: thresholds and recipients, as text. */
export interface AlertForm {
  lowBalance: string;
  hours: string;
  emails: string;
}

export type AlertErrors = Partial<Record<'lowBalance' | 'lowRemainingHours' | 'emails', string>>;

export const NO_RECIPIENT =
  'Enter at least one email address: this account has none, so an alert would reach no one (it would only appear under Notifications).';

const FIELD_PROBLEM: Record<string, string> = {
  lowBalance: 'Enter a positive number of credits, or leave it empty to turn this alert off.',
  lowRemainingHours: 'Enter whole hours, or leave it empty to turn this alert off.',
  emails: 'Enter email addresses separated by commas (name@example.com).',
};

/** The form filled from the saved settings. */
export const formOf = (s: AlertSettings): AlertForm => ({
  lowBalance: s.lowBalance ? formatDecimal(s.lowBalance.amount).replace(/,/g, '') : '',
  hours: s.lowRemainingHours?.toString() ?? '',
  emails: s.emailSource === 'settings' ? s.emails.join(', ') : '',
});

const EMPTY = { ok: true, value: '' } as const;

/**
 * Checks the form as the API would (docs/compute.md "An alert needs a recipient"): the errors to
 * show next to each field, or the PUT body.
 */
export function checkAlertForm(
  form: AlertForm,
  saved: AlertSettings,
): { errors: AlertErrors; body?: AlertSettingsBody } {
  const errors: AlertErrors = {};
  const balance = form.lowBalance.trim()
    ? parseAmount(form.lowBalance, { decimals: 6, what: 'a number of credits' })
    : EMPTY;
  if (!balance.ok) errors.lowBalance = `${balance.message} Leave it empty to turn this alert off.`;
  const hours = form.hours.trim()
    ? parseAmount(form.hours, { decimals: 0, what: 'a number of hours' })
    : EMPTY;
  if (!hours.ok) errors.lowRemainingHours = `${hours.message} Leave it empty to turn this alert off.`;
  else if (hours.value.length > 4) errors.lowRemainingHours = 'At most 9999 hours.';
  const emails = parseEmails(form.emails);
  if (!emails.ok) errors.emails = emails.message;
  const alertsOn = (balance.ok && balance.value) || (hours.ok && hours.value);
  const accountEmails = saved.emailSource === 'account' ? saved.emails : [];
  if (emails.ok && alertsOn && !emails.value.length && !saved.webhook && !accountEmails.length)
    errors.emails = NO_RECIPIENT;
  const unverified = emails.ok ? unverifiedEmails(emails.value, saved) : [];
  if (unverified.length) errors.emails = verifyFirst(unverified[0]!);
  if (!balance.ok || !hours.ok || !emails.ok || Object.keys(errors).length) return { errors };
  return {
    errors,
    body: {
      lowBalance: balance.value ? { amount: balance.value, unit: 'CREDIT' } : null,
      lowRemainingHours: hours.value ? Number(hours.value) : null,
      emails: emails.value.length ? emails.value : null,
      ...(saved.webhook ? { webhook: { url: saved.webhook.url } } : {}),
    },
  };
}

/** The typed addresses that alerts may not be sent to yet (docs/compute.md "Alert emails are verified"). */
export const unverifiedEmails = (emails: string[], saved: AlertSettings): string[] =>
  emails.filter((e) => !saved.verifiedEmails.includes(e.toLowerCase()));

const verifyFirst = (email: string) =>
  `Verify ${email} before saving: send it a code (below) and enter the code from the email.`;

/** A refusal from the server, as the sentence next to its field (none when it names no field). */
export function serverFieldErrors(error: unknown): AlertErrors {
  if (!(error instanceof ApiError) || !error.field) return {};
  const field = error.field.split('.')[0]!;
  if (error.code === 'alert_without_recipient') return { emails: NO_RECIPIENT };
  if (error.code === 'alert_email_unverified' && typeof error.extra.email === 'string')
    return { emails: verifyFirst(error.extra.email) };
  return { [field]: FIELD_PROBLEM[field] ?? errorSentence(error) };
}

/** The hint under "Send alerts to": whom an empty field means. */
export function emailsHint(s: AlertSettings): string {
  if (s.emailSource !== 'account')
    return 'Comma-separated. Alerts are sent only to verified addresses: a new one gets a code first.';
  return s.emails.length
    ? `Empty: the account's email (${s.emails.join(', ')}).`
    : 'Required to turn an alert on: this account has no email yet (comma-separated addresses).';
}
