import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { answer, ApiError, client } from './api';
import { isPermanent } from './errors';
import { useIntent } from './intent';
import {
  type InvoiceSettingsErrors,
  type InvoiceSettingsForm,
  checkInvoiceSettings,
  formFromSettings,
  invoiceSettingsBody,
  refusedFieldSentence,
} from './invoice-settings-form';
import { useAccount } from './session';
import { Card, ErrorBox, Field, Spinner, formatTime } from './ui';

type SetField = (k: keyof InvoiceSettingsForm) => (ev: { target: { value: string } }) => void;

/**
 * The saved settings, the form (filled once from them, then the customer's) with its errors, and
 * the save. A refused submit focuses the first field named; a field's error clears as it is edited.
 */
function useInvoiceSettings() {
  const { accountId } = useAccount();
  const queryClient = useQueryClient();
  const current = useQuery({
    queryKey: ['invoice-settings', accountId],
    queryFn: () =>
      answer(client.GET('/v1/accounts/{accountId}/invoice-settings', { params: { path: { accountId } } })),
  });
  const [form, setForm] = useState<InvoiceSettingsForm | null>(null);
  const [errors, setErrors] = useState<InvoiceSettingsErrors>({});
  useEffect(() => {
    if (current.data && !form) setForm(formFromSettings(current.data));
  }, [current.data, form]);
  // One key per intended save (these exact details): a retry after a lost answer replays the first
  // save (one version, not two); a success, a refusal or edited details start a new one.
  const intent = useIntent('invoice-settings');
  const save = useMutation({
    mutationFn: (f: InvoiceSettingsForm) => {
      const body = invoiceSettingsBody(f);
      return answer(
        client.PUT('/v1/accounts/{accountId}/invoice-settings', {
          params: { path: { accountId } },
          headers: { 'idempotency-key': intent.keyFor(JSON.stringify(body)) },
          body,
        }),
      );
    },
    onSettled: (_data, error) => intent.settle(!error || isPermanent(error)),
    onSuccess: (data) => queryClient.setQueryData(['invoice-settings', accountId], data),
    onError: (error) => {
      if (error instanceof ApiError && error.field)
        setErrors({ [error.field]: refusedFieldSentence(error.field) });
    },
  });
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    if (!form) return;
    const found = checkInvoiceSettings(form);
    setErrors(found);
    if (Object.keys(found).length === 0) {
      if (intent.begin()) save.mutate(form);
    } else document.getElementById(`inv-${Object.keys(found)[0]}`)?.focus();
  };
  const set: SetField = (k) => (ev) => {
    if (form) setForm({ ...form, [k]: ev.target.value });
    if (errors[k]) setErrors({ ...errors, [k]: undefined });
  };
  return { current, form, errors, save, submit, set };
}

function InvoiceSettingsFields({
  form,
  errors,
  set,
}: {
  form: InvoiceSettingsForm;
  errors: InvoiceSettingsErrors;
  set: SetField;
}) {
  return (
    <>
      <Field id="inv-name" label="Name (person or company)" error={errors.name}>
        <input
          id="inv-name"
          value={form.name}
          onChange={set('name')}
          autoComplete="organization"
          aria-invalid={!!errors.name}
        />
      </Field>
      <Field id="inv-email" label="Email (required)" error={errors.email}>
        <input
          id="inv-email"
          type="email"
          required
          value={form.email}
          onChange={set('email')}
          autoComplete="email"
          aria-invalid={!!errors.email}
          aria-describedby={errors.email ? 'inv-email-error' : undefined}
        />
      </Field>
      <Field id="inv-address" label="Address" error={errors.address}>
        <textarea
          id="inv-address"
          rows={3}
          value={form.address}
          onChange={set('address')}
          autoComplete="street-address"
          aria-invalid={!!errors.address}
        />
      </Field>
      <Field
        id="inv-taxInformation"
        label="Tax information (VAT number, tax id …)"
        error={errors.taxInformation}
      >
        <input
          id="inv-taxInformation"
          value={form.taxInformation}
          onChange={set('taxInformation')}
          aria-invalid={!!errors.taxInformation}
        />
      </Field>
    </>
  );
}

/**
 * The account's one billing profile (its invoice settings), the same tab in Compute and in Booth:
 * both read and write `/invoice-settings`, and both lines' documents take their buyer block from it.
 */
export function InvoiceSettingsTab() {
  const { current, form, errors, save, submit, set } = useInvoiceSettings();
  if (current.isPending || current.isError || !form)
    return (
      <Card title="Invoice settings">
        {current.isError ? (
          <ErrorBox error={current.error} onRetry={() => void current.refetch()} />
        ) : (
          <Spinner />
        )}
      </Card>
    );

  const c = current.data;
  return (
    <Card title="Invoice settings">
      <p className="notice" role="note">
        One billing profile serves Compute and Booth: these details appear on the receipts, invoices and
        statements of both. Changes apply only to documents generated from now on; documents already issued
        keep the details of their time.
      </p>
      <form onSubmit={submit} noValidate className="form narrow" aria-label="Invoice settings">
        <InvoiceSettingsFields form={form} errors={errors} set={set} />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={save.isPending}>
            {save.isPending ? <Spinner label="Saving…" /> : 'Save invoice settings'}
          </button>
          {save.isSuccess && (
            <span className="saved" role="status" data-testid="settings-saved">
              Saved. Documents of Compute and Booth from now on use these details.
            </span>
          )}
        </div>
        {save.isError && !(save.error instanceof ApiError && save.error.field) && (
          <ErrorBox error={save.error} />
        )}
      </form>
      <p className="muted small">
        {c.source === 'account'
          ? "No invoice settings yet: invoices use the account's name and email."
          : `Version ${c.version}, in force since ${formatTime(c.effectiveAt!)}.`}
      </p>
    </Card>
  );
}
