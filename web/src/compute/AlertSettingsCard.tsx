import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { acct, api, ApiError, idempotencyKey } from '../shared/api';
import { formatDecimal } from '../shared/decimal';
import { errorSentence } from '../shared/errors';
import { navigate } from '../shared/router';
import { parseAmount, parseEmails } from '../shared/validate';
import { useAccount } from '../shared/session';
import type { AlertSettings } from '../shared/api-types';
import { Amount, Card, ErrorBox, Field, Spinner } from '../shared/ui';

const NO_RECIPIENT =
  'Enter at least one email address: this account has none, so an alert would reach no one (it would only appear under Notifications).';

/** The account's own email, when the settings name no recipients of their own. */
const accountEmails = (s: AlertSettings) => (s.emailSource === 'account' ? s.emails : []);

function useAlertSettings() {
  const { accountId } = useAccount();
  return useQuery({
    queryKey: ['alerts', accountId],
    queryFn: () => api<AlertSettings>('GET', `${acct(accountId)}/alert-settings`),
  });
}

/** On the Payment tab: what the alerts are, and the way to the settings page where they are set. */
export function AlertsSummaryCard() {
  const settings = useAlertSettings();
  const s = settings.data;
  return (
    <Card title="Alerts">
      {s ? (
        <p data-testid="alerts-summary">
          Low balance:{' '}
          {s.lowBalance ? (
            <>
              below <Amount money={s.lowBalance} />
            </>
          ) : (
            'off'
          )}
          ; low remaining time: {s.lowRemainingHours !== null ? `below ${s.lowRemainingHours} hours` : 'off'}
          {s.emails.length ? `; to ${s.emails.join(', ')}` : ''}.
        </p>
      ) : settings.isError ? (
        <ErrorBox error={settings.error} />
      ) : (
        <Spinner />
      )}
      <p className="muted small">GPU instances are terminated (data lost) when the balance reaches zero.</p>
      <a
        href="/account"
        onClick={(e) => {
          e.preventDefault();
          navigate('/account');
        }}
      >
        Set alerts in Account settings
      </a>
    </Card>
  );
}

/**
 * The seed's "Low Balance and Low Remaining Time alerts in the account settings page": the
 * thresholds and who is told. An alert needs a recipient: a wallet account has no email, so
 * turning an alert on asks for one (or a webhook), and says why.
 */
export function AlertSettingsCard() {
  const { accountId } = useAccount();
  const queryClient = useQueryClient();
  const settings = useAlertSettings();
  const [form, setForm] = useState<{ lowBalance: string; hours: string; emails: string } | null>(null);
  useEffect(() => {
    if (settings.data && !form)
      setForm({
        lowBalance: settings.data.lowBalance
          ? formatDecimal(settings.data.lowBalance.amount).replace(/,/g, '')
          : '',
        hours: settings.data.lowRemainingHours?.toString() ?? '',
        emails: settings.data.emailSource === 'settings' ? settings.data.emails.join(', ') : '',
      });
  }, [settings.data, form]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: (body: unknown) =>
      api<AlertSettings>('PUT', `${acct(accountId)}/alert-settings`, {
        body,
        idempotencyKey: idempotencyKey('alerts'),
      }),
    onSuccess: (data) => {
      queryClient.setQueryData(['alerts', accountId], data);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.field)
        setErrors({
          [error.field.split('.')[0]!]:
            ALERT_FIELD_PROBLEM[error.field.split('.')[0]!] ?? errorSentence(error),
        });
    },
  });
  const edit = (next: NonNullable<typeof form>) => {
    // "Saved." describes the values that were saved; an edit makes it stale.
    save.reset();
    setForm(next);
  };
  if (settings.isPending || settings.isError || !form)
    return <Card title="Alerts">{settings.isError ? <ErrorBox error={settings.error} /> : <Spinner />}</Card>;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.reset();
    const next: Record<string, string> = {};
    const balance = form.lowBalance.trim()
      ? parseAmount(form.lowBalance, { decimals: 6, what: 'a number of credits' })
      : ({ ok: true, value: '' } as const);
    if (!balance.ok) next.lowBalance = `${balance.message} Leave it empty to turn this alert off.`;
    const hours = form.hours.trim()
      ? parseAmount(form.hours, { decimals: 0, what: 'a number of hours' })
      : ({ ok: true, value: '' } as const);
    if (!hours.ok) next.lowRemainingHours = `${hours.message} Leave it empty to turn this alert off.`;
    else if (hours.value.length > 4) next.lowRemainingHours = 'At most 9999 hours.';
    const emails = parseEmails(form.emails);
    if (!emails.ok) next.emails = emails.message;
    else if (
      (balance.ok && balance.value) || (hours.ok && hours.value)
        ? emails.value.length === 0 && !settings.data.webhook && accountEmails(settings.data).length === 0
        : false
    )
      next.emails = NO_RECIPIENT;
    setErrors(next);
    if (!balance.ok || !hours.ok || !emails.ok || Object.keys(next).length) return;
    save.mutate({
      lowBalance: balance.value ? { amount: balance.value, unit: 'CREDIT' } : null,
      lowRemainingHours: hours.value ? Number(hours.value) : null,
      emails: emails.value.length ? emails.value : null,
      ...(settings.data.webhook ? { webhook: { url: settings.data.webhook.url } } : {}),
    });
  };
  return (
    <Card title="Low Balance and Low Remaining Time alerts">
      <form onSubmit={submit} noValidate data-testid="alert-settings">
        <p className="muted small">
          Get an email before credits run out: GPU instances are terminated (data lost) when the balance
          reaches zero.
        </p>
        <Field
          id="alert-balance"
          label="Low balance: alert below (credits)"
          error={errors.lowBalance}
          hint="Empty: off."
        >
          <input
            id="alert-balance"
            inputMode="decimal"
            value={form.lowBalance}
            onChange={(e) => edit({ ...form, lowBalance: e.target.value })}
            aria-invalid={!!errors.lowBalance}
          />
        </Field>
        <Field
          id="alert-hours"
          label="Low remaining time: alert below (hours)"
          error={errors.lowRemainingHours}
          hint="Empty: off."
        >
          <input
            id="alert-hours"
            inputMode="numeric"
            value={form.hours}
            onChange={(e) => edit({ ...form, hours: e.target.value })}
            aria-invalid={!!errors.lowRemainingHours}
          />
        </Field>
        <Field
          id="alert-emails"
          label="Send alerts to"
          error={errors.emails}
          hint={
            settings.data.emailSource === 'account'
              ? settings.data.emails.length
                ? `Empty: the account's email (${settings.data.emails.join(', ')}).`
                : 'Required to turn an alert on: this account has no email yet (comma-separated addresses).'
              : 'Comma-separated.'
          }
        >
          <input
            id="alert-emails"
            type="text"
            value={form.emails}
            onChange={(e) => edit({ ...form, emails: e.target.value })}
            aria-invalid={!!errors.emails}
          />
        </Field>
        <button type="submit" className="primary" disabled={save.isPending}>
          {save.isPending ? <Spinner label="Saving…" /> : 'Save alerts'}
        </button>
        {save.isSuccess && (
          <span className="saved" role="status">
            Saved.
          </span>
        )}
        {save.isError && !(save.error instanceof ApiError && save.error.field) && (
          <ErrorBox error={save.error} />
        )}
      </form>
    </Card>
  );
}

const ALERT_FIELD_PROBLEM: Record<string, string> = {
  lowBalance: 'Enter a positive number of credits, or leave it empty to turn this alert off.',
  lowRemainingHours: 'Enter whole hours, or leave it empty to turn this alert off.',
  emails: 'Enter email addresses separated by commas (name@example.com).',
};
