import type { ContactEmailRefusal } from '../../accounts/context.js';
import type { Queryable } from '../../kernel/db/database.js';
import { formatMoneyWithUnit } from '../../kernel/format-rules.js';
import { formatAmount } from '../../kernel/money.js';
import { findVerifiedAlertEmails, lockAlertSettings } from './alert-store.js';
import { alertHasNoRecipient } from './alerts-rules.js';

/**
 * The compute alerts' answer before the account's contact email goes (a customer removes it):
 * refused while an alert is on and that address is its only recipient (no alert emails named, no
 * webhook, no other email left to become the contact). Alerts turned off quietly instead would
 * leave a customer who counts on them without the low-balance and termination-risk warnings that
 * protect their data; so the customer decides (docs/compute.md "Removing the last recipient").
 * The settings row is locked, so a concurrent change of the alerts takes its turn.
 */
export async function alertsLosingRecipient(
  tx: Queryable,
  change: { accountId: string; removed: string; next: string | null },
): Promise<ContactEmailRefusal | undefined> {
  const settings = await lockAlertSettings(tx, change.accountId);
  if (!settings) return undefined;
  const alerts = [
    ...(settings.lowBalanceMicros !== null
      ? [
          {
            kind: 'low_balance',
            below: { amount: formatAmount(settings.lowBalanceMicros, 'CREDIT'), unit: 'CREDIT' },
          },
        ]
      : []),
    ...(settings.lowRemainingHours !== null
      ? [{ kind: 'low_remaining_time', hours: settings.lowRemainingHours }]
      : []),
  ];
  // Only verified alert emails are recipients (the sender skips the others); the contact email is
  // the one going, so it is left out, and the removed way in is already gone in this transaction.
  const verified = await findVerifiedAlertEmails(tx, change.accountId, false);
  const verifiedNamed = settings.emailRecipients?.filter((e) => verified.has(e.toLowerCase())) ?? [];
  const orphaned = alertHasNoRecipient({
    alertsOn: alerts.length > 0,
    emails: verifiedNamed.length ? verifiedNamed : null,
    accountEmail: change.next,
    webhookUrl: settings.webhookUrl,
  });
  if (!orphaned) return undefined;
  const named = [
    ...(settings.lowBalanceMicros !== null
      ? [`the low-balance alert (below ${formatMoneyWithUnit(settings.lowBalanceMicros, 'CREDIT')})`]
      : []),
    ...(settings.lowRemainingHours !== null
      ? [`the low-remaining-time alert (${settings.lowRemainingHours} hours)`]
      : []),
  ].join(' and ');
  return {
    code: 'alerts_need_recipient',
    detail:
      `${named} ${alerts.length > 1 ? 'are' : 'is'} sent only to ${change.removed}: name alert emails ` +
      'or a webhook in the alert settings, or turn the alerts off, before removing it',
    extra: { email: change.removed, alerts },
  };
}
