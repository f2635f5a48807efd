/**
 * Alerts fire once per crossing. Each alert kind of an account is `armed` or `fired`:
 *
 * - armed, and the observed value is below its threshold: fire, and become `fired`;
 * - fired, and the value is back at or above the threshold (after a top-up): re-arm, silently;
 * - otherwise nothing changes: charges that keep the balance below the threshold fire nothing more.
 *
 * A new threshold arms the alert again (the settings changed what "crossing" means).
 */

export const ALERT_KINDS = ['low_balance', 'low_remaining_time'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
export type AlertStatus = 'armed' | 'fired';

export interface AlertDecision {
  next: AlertStatus;
  fire: boolean;
}

export function evaluateAlert(status: AlertStatus, below: boolean): AlertDecision {
  if (status === 'armed' && below) return { next: 'fired', fire: true };
  if (status === 'fired' && !below) return { next: 'armed', fire: false };
  return { next: status, fire: false };
}

/** Low balance: the available CREDIT balance is below the threshold. */
export const isLowBalance = (availableMicros: bigint, thresholdMicros: bigint): boolean =>
  availableMicros < thresholdMicros;

/**
 * Low remaining time: available ÷ hourly burn < threshold hours, computed exactly as
 * available < hours × burn. Nothing burning means unlimited time, never low.
 */
export const isLowRemainingTime = (
  availableMicros: bigint,
  burnMicrosPerHour: bigint,
  hours: number,
): boolean => burnMicrosPerHour > 0n && availableMicros < BigInt(hours) * burnMicrosPerHour;

/** Remaining hours to two decimals, rounded down ("4.50"); null when nothing burns. */
export function remainingHoursText(availableMicros: bigint, burnMicrosPerHour: bigint): string | null {
  if (burnMicrosPerHour <= 0n) return null;
  const available = availableMicros < 0n ? 0n : availableMicros;
  const hundredths = (available * 100n) / burnMicrosPerHour;
  return `${hundredths / 100n}.${String(hundredths % 100n).padStart(2, '0')}`;
}

/**
 * An alert needs someone to tell (issue 15): turning on a low-balance or low-remaining-time alert
 * requires a recipient, which is any of
 *
 * - the alert emails the settings name (at least one),
 * - or, when they name none, the account's own email (its billing and sign-in address),
 * - or a webhook.
 *
 * The in-page notification list is not a recipient: nobody is told until they look. Settings with
 * every alert off need no recipient.
 */
export function alertHasNoRecipient(settings: {
  alertsOn: boolean;
  emails: readonly string[] | null;
  accountEmail: string | null;
  webhookUrl: string | null;
}): boolean {
  if (!settings.alertsOn || settings.webhookUrl) return false;
  const emails = settings.emails ?? (settings.accountEmail ? [settings.accountEmail] : []);
  return emails.length === 0;
}

/**
 * Alert emails are verified (issue 15): an address the settings name receives alerts only once
 * the account proved it reads mail there, by the one-time code of the sign-in machinery under a
 * purpose of its own (a code for one account's alert email is good for nothing else).
 */
export const alertEmailPurpose = (accountId: string) => `alert-email:${accountId}`;

/** Codes for alert emails sent per account (beside the per-email and per-IP limits of every code). */
export const ALERT_EMAIL_CODES_PER_ACCOUNT = { limit: 10, windowMs: 15 * 60_000, cooldownMs: 15 * 60_000 };

export function alertEmailCodeMail(code: string): { subject: string; text: string } {
  return {
    subject: `${code} is your Pictor alert email code`,
    text:
      `Your code to receive Pictor low-balance and GPU termination alerts at this address is:\n\n    ${code}\n\n` +
      'It works once, for 10 minutes. If you did not ask for it, ignore this email: no alert is sent ' +
      'here without the code.\n',
  };
}

/** The first named email not in `verified` (lowercase addresses), with its position; none: all verified. */
export function firstUnverifiedEmail(
  emails: readonly string[],
  verified: ReadonlySet<string>,
): { index: number; email: string } | undefined {
  const index = emails.findIndex((e) => !verified.has(e.trim().toLowerCase()));
  return index < 0 ? undefined : { index, email: emails[index]! };
}

// Entities as the stores, use cases and routes pass them around (the stores map their rows into these;
// docs/architecture.md, "Entity types").

export interface AlertSettings {
  accountId: string;
  lowBalanceMicros: bigint | null;
  lowRemainingHours: number | null;
  /** Null: the account's email. */
  emailRecipients: string[] | null;
  webhookUrl: string | null;
  webhookSecret: string | null;
  updatedAt: Date;
}

export interface AlertStateRecord {
  status: AlertStatus;
  crossing: number;
}
