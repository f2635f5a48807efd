import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { acct, api, ApiError, idempotencyKey } from './api';
import { useAccount } from './session';
import type { InvoiceSettings } from './api-types';
import { Card, ErrorBox, Field, Spinner, formatTime } from './ui';

type Form = { name: string; email: string; address: string; taxInformation: string };
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const LIMITS = { name: 200, email: 320, address: 1000, taxInformation: 500 };

/**
 * The account's one billing profile (its invoice settings), the same tab in Compute and in Booth:
 * both read and write `/invoice-settings`, and both lines' documents take their buyer block from it.
 */
export function InvoiceSettingsTab() {
  const { accountId } = useAccount();
  const queryClient = useQueryClient();
  const current = useQuery({
    queryKey: ['invoice-settings', accountId],
    queryFn: () => api<InvoiceSettings>('GET', `${acct(accountId)}/invoice-settings`),
  });
  const [form, setForm] = useState<Form | null>(null);
  const [errors, setErrors] = useState<Partial<Record<keyof Form, string>>>({});
  useEffect(() => {
    if (current.data && !form)
      setForm({
        name: current.data.name ?? '',
        email: current.data.email ?? '',
        address: current.data.address ?? '',
        taxInformation: current.data.taxInformation ?? '',
      });
  }, [current.data, form]);
  const save = useMutation({
    mutationFn: (f: Form) =>
      api<InvoiceSettings>('PUT', `${acct(accountId)}/invoice-settings`, {
        idempotencyKey: idempotencyKey('invoice-settings'),
        body: {
          email: f.email.trim(),
          ...(f.name.trim() ? { name: f.name.trim() } : {}),
          ...(f.address.trim() ? { address: f.address.trim() } : {}),
          ...(f.taxInformation.trim() ? { taxInformation: f.taxInformation.trim() } : {}),
        },
      }),
    onSuccess: (data) => queryClient.setQueryData(['invoice-settings', accountId], data),
    onError: (error) => {
      if (error instanceof ApiError && error.field)
        setErrors({
          [error.field]:
            error.field === 'email'
              ? 'Enter a valid email address (name@example.com).'
              : 'This is too long or contains characters invoices cannot show. Shorten or simplify it.',
        });
    },
  });

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

  const validate = (f: Form) => {
    const e: Partial<Record<keyof Form, string>> = {};
    if (!f.email.trim()) e.email = 'Email is required: invoices are addressed to it.';
    else if (!EMAIL.test(f.email.trim())) e.email = 'Enter an email address such as billing@company.com.';
    for (const k of Object.keys(LIMITS) as (keyof Form)[])
      if (f[k].trim().length > LIMITS[k]) e[k] = `At most ${LIMITS[k]} characters.`;
    return e;
  };
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const e = validate(form);
    setErrors(e);
    if (Object.keys(e).length === 0) save.mutate(form);
    else document.getElementById(`inv-${Object.keys(e)[0]}`)?.focus();
  };
  const set = (k: keyof Form) => (ev: { target: { value: string } }) => {
    setForm({ ...form, [k]: ev.target.value });
    if (errors[k]) setErrors({ ...errors, [k]: undefined });
  };
  const c = current.data;
  return (
    <Card title="Invoice settings">
      <p className="notice" role="note">
        One billing profile serves Compute and Booth: these details appear on the receipts, invoices and
        statements of both. Changes apply only to documents generated from now on; documents already issued
        keep the details of their time.
      </p>
      <form onSubmit={submit} noValidate className="form narrow" aria-label="Invoice settings">
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
