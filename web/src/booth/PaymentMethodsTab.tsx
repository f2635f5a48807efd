import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { acct, api, ApiError, idempotencyKey } from '../shared/api';
import { errorSentence } from '../shared/errors';
import { useAccount } from '../shared/session';
import { Card, ErrorBox, Field, Spinner, QueryView } from '../shared/ui';
import { NotAvailable, cardLabel, isMissingRoute } from './common';
import { ConfirmDialog } from '../shared/confirm';
import type { CardProcessorInfo, PaymentMethod } from '../shared/api-types';

export function PaymentMethodsTab() {
  const { accountId } = useAccount();
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: ['payment-methods', accountId],
    queryFn: () => api<{ data: PaymentMethod[] }>('GET', `${acct(accountId)}/payment-methods`),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['payment-methods', accountId] });
  const makeDefault = useMutation({
    mutationFn: (id: string) =>
      api('POST', `${acct(accountId)}/payment-methods/${encodeURIComponent(id)}/default`, {
        idempotencyKey: idempotencyKey('default-card'),
      }),
    onSuccess: refresh,
  });
  const [removing, setRemoving] = useState<PaymentMethod | null>(null);
  const remove = useMutation({
    mutationFn: (id: string) => api('DELETE', `${acct(accountId)}/payment-methods/${encodeURIComponent(id)}`),
    onSuccess: () => {
      setRemoving(null);
      return refresh();
    },
  });
  if (list.isError && isMissingRoute(list.error)) return <NotAvailable what="Saving cards" />;
  return (
    <div className="grid two">
      <Card title="Saved cards">
        <p className="muted small">
          The default card pays everything automatically: license purchases, renewals, pro-rata charges and
          token top-ups.
        </p>
        <QueryView
          query={list}
          isEmpty={(data) => data.data.length === 0}
          empty={<p className="muted">No card saved yet.</p>}
        >
          {(data) => (
            <ul className="rows" data-testid="cards">
              {data.data.map((c) => (
                <li key={c.id}>
                  <div className="row-main">
                    <span className="ellipsis">
                      <strong style={{ textTransform: 'capitalize' }}>{c.brand}</strong> ···· {c.last4}{' '}
                      <span className="muted small">
                        expires {String(c.expMonth).padStart(2, '0')}/{c.expYear}
                      </span>
                    </span>
                    {c.isDefault ? (
                      <span className="badge badge-active">Default</span>
                    ) : (
                      <span className="form-actions">
                        <button
                          type="button"
                          className="secondary small"
                          disabled={makeDefault.isPending}
                          onClick={() => makeDefault.mutate(c.id)}
                          aria-label={`Make ${c.brand} ending ${c.last4} the default`}
                        >
                          Make default
                        </button>
                        <button
                          type="button"
                          className="danger small"
                          disabled={remove.isPending}
                          onClick={() => {
                            remove.reset();
                            setRemoving(c);
                          }}
                          aria-label={`Remove ${c.brand} ending ${c.last4}`}
                        >
                          Remove
                        </button>
                      </span>
                    )}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </QueryView>
        {makeDefault.isError && <ErrorBox error={makeDefault.error} />}
        {removing && (
          <ConfirmDialog
            title="Remove card"
            confirmLabel="Remove card"
            pendingLabel="Removing…"
            danger
            pending={remove.isPending}
            error={remove.error ?? undefined}
            onConfirm={() => !remove.isPending && remove.mutate(removing.id)}
            onCancel={() => setRemoving(null)}
          >
            <p>
              Remove <strong>{cardLabel(removing)}</strong> from this account? It will no longer be available
              for payments.
            </p>
          </ConfirmDialog>
        )}
      </Card>
      <AddCardCard onAdded={refresh} />
    </div>
  );
}

interface ProcessorError {
  error?: { message?: string; param?: string; code?: string };
}

/**
 * The card number goes straight from this form to the card processor (Stripe.js-style tokenization
 * with the publishable key); our API only ever sees the resulting `pm_…` id.
 */
function AddCardCard({ onAdded }: { onAdded: () => void }) {
  const { accountId } = useAccount();
  const [number, setNumber] = useState('');
  const [expiry, setExpiry] = useState('');
  const [cvc, setCvc] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const processor = useQuery({
    queryKey: ['card-processor'],
    queryFn: () => api<CardProcessorInfo>('GET', '/v1/card-processor'),
    staleTime: Infinity,
  });
  const add = useMutation({
    mutationFn: async () => {
      const info = processor.data!;
      const [month, year] = expiry.split('/').map((s) => s.trim());
      const form = new URLSearchParams({
        type: 'card',
        'card[number]': number.replace(/\s+/g, ''),
        'card[exp_month]': month ?? '',
        'card[exp_year]': year ?? '',
        'card[cvc]': cvc.trim(),
      });
      let res: Response;
      try {
        res = await fetch(`${info.tokenizeUrl.replace(/\/+$/, '')}/v1/payment_methods`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${info.publishableKey}`,
            'content-type': 'application/x-www-form-urlencoded',
          },
          body: form,
        });
      } catch {
        throw new ApiError(
          0,
          'processor_unreachable',
          'Could not reach the card processor. Retry in a moment.',
        );
      }
      const body = (await res.json().catch(() => ({}))) as ProcessorError & { id?: string };
      if (!res.ok || !body.id) {
        const param = body.error?.param ?? '';
        const field = param.includes('number')
          ? 'number'
          : param.includes('exp')
            ? 'expiry'
            : param.includes('cvc')
              ? 'cvc'
              : 'form';
        throw new ApiError(
          res.status,
          body.error?.code ?? 'card_error',
          body.error?.message ?? 'The card was refused.',
          field,
        );
      }
      return api<PaymentMethod>('POST', `${acct(accountId)}/payment-methods`, {
        body: { paymentMethod: body.id },
        idempotencyKey: idempotencyKey('card'),
      });
    },
    onSuccess: () => {
      setNumber('');
      setExpiry('');
      setCvc('');
      setErrors({});
      onAdded();
    },
    onError: (error) => {
      if (error instanceof ApiError && error.field && error.field !== 'form')
        setErrors({ [error.field]: errorSentence(error) });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next: Record<string, string> = {};
    if (!/^[\d ]{12,23}$/.test(number.trim())) next.number = 'Enter the card number (digits only).';
    if (!/^\d{1,2}\s*\/\s*\d{2,4}$/.test(expiry.trim())) next.expiry = 'Use MM/YY, e.g. 12/29.';
    if (!/^\d{3,4}$/.test(cvc.trim())) next.cvc = '3 digits (4 on Amex).';
    setErrors(next);
    if (Object.keys(next).length === 0) add.mutate();
  };
  if (processor.isError)
    return (
      <Card title="Add a card">
        {isMissingRoute(processor.error) ? (
          <NotAvailable what="Adding cards" />
        ) : (
          <ErrorBox error={processor.error} onRetry={() => void processor.refetch()} />
        )}
      </Card>
    );
  return (
    <Card title="Add a card">
      <form onSubmit={submit} noValidate aria-label="Add a card">
        <Field
          id="card-number"
          label="Card number"
          error={errors.number}
          hint={
            processor.data?.mode === 'sandbox'
              ? 'Sandbox: 4242 4242 4242 4242 pays; 4000 0000 0000 0002 is refused when saved; 4000 0000 0000 0341 saves, then declines.'
              : 'Sent straight to the card processor; Pictor never sees the number.'
          }
        >
          <input
            id="card-number"
            inputMode="numeric"
            autoComplete="cc-number"
            value={number}
            onChange={(e) => setNumber(e.target.value)}
            aria-invalid={!!errors.number}
          />
        </Field>
        <div className="grid two">
          <Field id="card-expiry" label="Expiry (MM/YY)" error={errors.expiry}>
            <input
              id="card-expiry"
              autoComplete="cc-exp"
              placeholder="MM/YY"
              value={expiry}
              onChange={(e) => setExpiry(e.target.value)}
              aria-invalid={!!errors.expiry}
            />
          </Field>
          <Field id="card-cvc" label="CVC" error={errors.cvc}>
            <input
              id="card-cvc"
              inputMode="numeric"
              autoComplete="cc-csc"
              value={cvc}
              onChange={(e) => setCvc(e.target.value)}
              aria-invalid={!!errors.cvc}
            />
          </Field>
        </div>
        <button type="submit" className="primary" disabled={add.isPending || processor.isPending}>
          {add.isPending ? <Spinner label="Saving card…" /> : 'Save card'}
        </button>
        {add.isError && !(add.error instanceof ApiError && add.error.field && add.error.field !== 'form') && (
          <ErrorBox error={add.error} />
        )}
        {add.isSuccess && (
          <span className="saved" role="status">
            Card saved.
          </span>
        )}
      </form>
    </Card>
  );
}
