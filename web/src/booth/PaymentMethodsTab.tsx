import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type InputHTMLAttributes, useState } from 'react';
import { answer, client, idempotencyKey } from '../shared/api';
import { errorSentence } from '../shared/errors';
import { useAccount } from '../shared/session';
import { Card, ErrorBox, Field, Spinner, QueryView } from '../shared/ui';
import { NotAvailable, cardLabel, isMissingRoute, usePaymentMethods } from './common';
import { ConfirmDialog } from '../shared/confirm';
import type { PaymentMethod } from '../shared/api-types';
import { type CardForm, cardFormErrors, isFieldError, tokenizeCard } from './card-form';

/** The saved cards with their two actions: make one the default, remove one (after a confirmation). */
function useSavedCards() {
  const { accountId } = useAccount();
  const queryClient = useQueryClient();
  const list = usePaymentMethods();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['payment-methods', accountId] });
  const makeDefault = useMutation({
    mutationFn: (paymentMethodId: string) =>
      answer(
        client.POST('/v1/accounts/{accountId}/payment-methods/{paymentMethodId}/default', {
          params: { path: { accountId, paymentMethodId } },
          headers: { 'idempotency-key': idempotencyKey('default-card') },
        }),
      ),
    onSuccess: refresh,
  });
  const [removing, setRemoving] = useState<PaymentMethod | null>(null);
  const remove = useMutation({
    mutationFn: (paymentMethodId: string) =>
      answer(
        client.DELETE('/v1/accounts/{accountId}/payment-methods/{paymentMethodId}', {
          params: { path: { accountId, paymentMethodId } },
        }),
      ),
    onSuccess: () => {
      setRemoving(null);
      return refresh();
    },
  });
  const askRemove = (card: PaymentMethod) => {
    remove.reset();
    setRemoving(card);
  };
  return { list, refresh, makeDefault, remove, removing, askRemove, keep: () => setRemoving(null) };
}

type SavedCards = ReturnType<typeof useSavedCards>;

export function PaymentMethodsTab() {
  const cards = useSavedCards();
  const { list, makeDefault, removing } = cards;
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
                <SavedCardRow key={c.id} card={c} cards={cards} />
              ))}
            </ul>
          )}
        </QueryView>
        {makeDefault.isError && <ErrorBox error={makeDefault.error} />}
        {removing && <RemoveCardDialog card={removing} cards={cards} />}
      </Card>
      <AddCardCard onAdded={cards.refresh} />
    </div>
  );
}

function SavedCardRow({ card: c, cards }: { card: PaymentMethod; cards: SavedCards }) {
  return (
    <li>
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
              disabled={cards.makeDefault.isPending}
              onClick={() => cards.makeDefault.mutate(c.id)}
              aria-label={`Make ${c.brand} ending ${c.last4} the default`}
            >
              Make default
            </button>
            <button
              type="button"
              className="danger small"
              disabled={cards.remove.isPending}
              onClick={() => cards.askRemove(c)}
              aria-label={`Remove ${c.brand} ending ${c.last4}`}
            >
              Remove
            </button>
          </span>
        )}
      </div>
    </li>
  );
}

/** Removing asks first; Remove is refused while a removal runs, so a double click removes once. */
function RemoveCardDialog({ card, cards: { remove, keep } }: { card: PaymentMethod; cards: SavedCards }) {
  return (
    <ConfirmDialog
      title="Remove card"
      confirmLabel="Remove card"
      pendingLabel="Removing…"
      danger
      pending={remove.isPending}
      error={remove.error ?? undefined}
      onConfirm={() => !remove.isPending && remove.mutate(card.id)}
      onCancel={keep}
    >
      <p>
        Remove <strong>{cardLabel(card)}</strong> from this account? It will no longer be available for
        payments.
      </p>
    </ConfirmDialog>
  );
}

const EMPTY_CARD: CardForm = { number: '', expiry: '', cvc: '' };

/**
 * The Add a card form's state: the typed fields, their errors (ours before sending, the processor's
 * after), and saving: tokenize at the processor, then attach the `pm_…` id to the account.
 */
function useAddCard(onAdded: () => void) {
  const { accountId } = useAccount();
  const [fields, setFields] = useState<CardForm>(EMPTY_CARD);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const processor = useQuery({
    queryKey: ['card-processor'],
    queryFn: () => answer(client.GET('/v1/card-processor')),
    staleTime: Infinity,
  });
  const add = useMutation({
    mutationFn: async () => {
      const paymentMethod = await tokenizeCard(processor.data!, fields);
      return answer(
        client.POST('/v1/accounts/{accountId}/payment-methods', {
          params: { path: { accountId } },
          headers: { 'idempotency-key': idempotencyKey('card') },
          body: { paymentMethod },
        }),
      );
    },
    onSuccess: () => {
      setFields(EMPTY_CARD);
      setErrors({});
      onAdded();
    },
    onError: (error) => {
      if (isFieldError(error)) setErrors({ [error.field!]: errorSentence(error) });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next = cardFormErrors(fields);
    setErrors(next);
    if (Object.keys(next).length === 0) add.mutate();
  };
  const edit = (field: keyof CardForm) => (value: string) => setFields((f) => ({ ...f, [field]: value }));
  return { fields, edit, errors, processor, add, submit };
}

/**
 * The card number goes straight from this form to the card processor (Stripe.js-style tokenization
 * with the publishable key); our API only ever sees the resulting `pm_…` id.
 */
function AddCardCard({ onAdded }: { onAdded: () => void }) {
  const { fields, edit, errors, processor, add, submit } = useAddCard(onAdded);
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
        <CardFields
          fields={fields}
          edit={edit}
          errors={errors}
          sandbox={processor.data?.mode === 'sandbox'}
        />
        <button type="submit" className="primary" disabled={add.isPending || processor.isPending}>
          {add.isPending ? <Spinner label="Saving card…" /> : 'Save card'}
        </button>
        {add.isError && !isFieldError(add.error) && <ErrorBox error={add.error} />}
        {add.isSuccess && (
          <span className="saved" role="status">
            Card saved.
          </span>
        )}
      </form>
    </Card>
  );
}

type CardFieldsProps = {
  fields: CardForm;
  edit: (field: keyof CardForm) => (value: string) => void;
  errors: Record<string, string>;
};

function CardFields({ sandbox, ...form }: CardFieldsProps & { sandbox: boolean }) {
  return (
    <>
      <CardInput
        {...form}
        field="number"
        label="Card number"
        inputMode="numeric"
        autoComplete="cc-number"
        hint={
          sandbox
            ? 'Sandbox: 4242 4242 4242 4242 pays; 4000 0000 0000 0002 is refused when saved; 4000 0000 0000 0341 saves, then declines.'
            : 'Sent straight to the card processor; Pictor never sees the number.'
        }
      />
      <div className="grid two">
        <CardInput
          {...form}
          field="expiry"
          label="Expiry (MM/YY)"
          autoComplete="cc-exp"
          placeholder="MM/YY"
        />
        <CardInput {...form} field="cvc" label="CVC" inputMode="numeric" autoComplete="cc-csc" />
      </div>
    </>
  );
}

/**
 * One field of the card form (`card-<field>`): its label, the sentence under it (the error, else
 * the hint), and the input, which names that sentence so a screen reader reads it with the field.
 */
function CardInput({
  fields,
  edit,
  errors,
  field,
  label,
  hint,
  ...input
}: CardFieldsProps & {
  field: keyof CardForm;
  label: string;
  hint?: string;
} & Pick<InputHTMLAttributes<HTMLInputElement>, 'inputMode' | 'autoComplete' | 'placeholder'>) {
  const id = `card-${field}`;
  const error = errors[field];
  return (
    <Field id={id} label={label} error={error} hint={hint}>
      <input
        {...input}
        id={id}
        value={fields[field]}
        onChange={(e) => edit(field)(e.target.value)}
        aria-invalid={!!error}
        aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
      />
    </Field>
  );
}
