import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { answer, ApiError, client } from '../shared/api';
import { isPermanent } from '../shared/errors';
import { useIntent } from '../shared/intent';
import { navigate } from '../shared/router';
import { useAccount } from '../shared/session';
import type { AlertSettings, AlertSettingsBody } from '../shared/api-types';
import { Amount, Card, ErrorBox, Spinner } from '../shared/ui';
import { type AlertErrors, checkAlertForm, emailsHint, formOf, serverFieldErrors } from './alert-form';
import { AlertFields } from './AlertFields';
import { AlertEmailChecks } from './AlertEmailChecks';
import { parseEmails } from '../shared/validate';

function useAlertSettings() {
  const { accountId } = useAccount();
  return useQuery({
    queryKey: ['alerts', accountId],
    queryFn: () =>
      answer(client.GET('/v1/accounts/{accountId}/alert-settings', { params: { path: { accountId } } })),
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
 * turning an alert on asks for one (or a webhook), and says why; the API refuses it too.
 */
export function AlertSettingsCard() {
  const settings = useAlertSettings();
  if (!settings.data)
    return <Card title="Alerts">{settings.isError ? <ErrorBox error={settings.error} /> : <Spinner />}</Card>;
  return <AlertSettingsForm saved={settings.data} />;
}

/**
 * Saving the settings: one Idempotency-Key per intended save (these exact settings), so a retry
 * after a lost answer replays the first save; a success, a refusal or edited settings start a new
 * one. Field refusals become sentences by the field.
 */
function useSaveAlerts(onFieldErrors: (errors: AlertErrors) => void) {
  const { accountId } = useAccount();
  const queryClient = useQueryClient();
  const intent = useIntent('alerts');
  const save = useMutation({
    mutationFn: (body: AlertSettingsBody) =>
      answer(
        client.PUT('/v1/accounts/{accountId}/alert-settings', {
          params: { path: { accountId } },
          headers: { 'idempotency-key': intent.keyFor(JSON.stringify(body)) },
          body,
        }),
      ),
    onSettled: (_data, error) => intent.settle(!error || isPermanent(error)),
    onSuccess: (data) => queryClient.setQueryData(['alerts', accountId], data),
    onError: (error) => onFieldErrors(serverFieldErrors(error)),
  });
  return { save, begin: intent.begin };
}

function AlertSettingsForm({ saved }: { saved: AlertSettings }) {
  const [form, setForm] = useState(() => formOf(saved));
  const [errors, setErrors] = useState<AlertErrors>({});
  const { save, begin } = useSaveAlerts(setErrors);
  const saveButton = useRef<HTMLButtonElement>(null);
  const typed = parseEmails(form.emails);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (save.isPending) return; // one save at a time (Enter pressed twice)
    save.reset();
    const checked = checkAlertForm(form, saved);
    setErrors(checked.errors);
    if (checked.body && begin()) save.mutate(checked.body);
  };
  return (
    <Card title="Low Balance and Low Remaining Time alerts">
      <form onSubmit={submit} noValidate data-testid="alert-settings">
        <p className="muted small">
          Get an email before credits run out: GPU instances are terminated (data lost) when the balance
          reaches zero.
        </p>
        <AlertFields
          form={form}
          errors={errors}
          emailsHint={emailsHint(saved)}
          onEdit={(next) => {
            save.reset(); // "Saved." describes the values that were saved; an edit makes it stale.
            setForm(next);
          }}
        />
        <AlertEmailChecks
          emails={typed.ok ? typed.value : []}
          verified={saved.verifiedEmails}
          onVerified={() => {
            // "Verify … before saving" no longer holds; the next step is saving.
            setErrors(({ emails: _verified, ...rest }) => rest);
            saveButton.current?.focus();
          }}
        />
        <button type="submit" className="primary" disabled={save.isPending} ref={saveButton}>
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
