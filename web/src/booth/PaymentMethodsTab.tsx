import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type InputHTMLAttributes, useRef, useState } from 'react';
import { answer, client } from '../shared/api';
import { errorSentence, isPermanent } from '../shared/errors';
import { useIntent } from '../shared/intent';
import { useAccount } from '../shared/session';
import { Card, ErrorBox, Field, Spinner, QueryView } from '../shared/ui';
import { NotAvailable, cardLabel, isMissingRoute, usePaymentMethods } from './common';
import { ConfirmDialog } from '../shared/confirm';
import type { CardProcessorInfo, PaymentMethod } from '../shared/api-types';
import { type CardForm, cardFormErrors, isFieldError, tokenizeCard } from './card-form';

/** The saved cards with their two actions: make one the default, remove one (after a confirmation). */
function useSavedCards() {
  const { accountId } = useAccount();
  const queryClient = useQueryClient();
  const list = usePaymentMethods();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['payment-methods', accountId] });
  // One key per intended default (this card): a retry after a lost answer replays; a success or a
  // refusal ends the intent, so making it the default again later is a new request.
  const defaultIntent = useIntent('default-card');
  const makeDefault = useMutation({
    mutationFn: (paymentMethodId: string) =>
      answer(
        client.POST('/v1/accounts/{accountId}/payment-methods/{paymentMethodId}/default', {
          params: { path: { accountId, paymentMethodId } },
          headers: { 'idempotency-key': defaultIntent.keyFor(paymentMethodId) },
        }),
      ),
    onSettled: (_data, error) => defaultIntent.settle(!error || isPermanent(error)),
    onSuccess: refresh,
  });
  const setDefault = (paymentMethodId: string) =>
    defaultIntent.begin() && makeDefault.mutate(paymentMethodId);
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
  return {
    list,
    refresh,
    makeDefault,
    setDefault,
    remove,
    removing,
    askRemove,
    keep: () => setRemoving(null),
  };
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
              onClick={() => cards.setDefault(c.id)}
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
 * Saving the typed card: tokenize at the processor, then attach the `pm_…` id to the account. One
 * intent per typed card: its Idempotency-Key and its `pm_…` are kept, so a retry after a lost answer
 * sends the same request and the server replays it (tokenizing again would make another `pm_…`, a
 * second card). A success or a refusal ends the intent; an edited card is another one.
 */
function useSaveCard(processor: { data?: CardProcessorInfo }) {
  const { accountId } = useAccount();
  const intent = useIntent('card');
  const tokenized = useRef<{ typed: string; paymentMethod: string } | null>(null);
  const save = async (fields: CardForm) => {
    const typed = JSON.stringify(fields);
    const key = intent.keyFor(typed);
    if (tokenized.current?.typed !== typed)
      tokenized.current = { typed, paymentMethod: await tokenizeCard(processor.data!, fields) };
    return answer(
      client.POST('/v1/accounts/{accountId}/payment-methods', {
        params: { path: { accountId } },
        headers: { 'idempotency-key': key },
        body: { paymentMethod: tokenized.current.paymentMethod },
      }),
    );
  };
  const settle = (error: unknown) => {
    const finished = !error || isPermanent(error);
    if (finished) tokenized.current = null;
    intent.settle(finished);
  };
  return { save, settle, begin: intent.begin };
}

/**
 * The Add a card form's state: the typed fields, their errors (ours before sending, the processor's
 * after), and saving ({@link useSaveCard}).
 */
function useAddCard(onAdded: () => void) {
  const [fields, setFields] = useState<CardForm>(EMPTY_CARD);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const processor = useQuery({
    queryKey: ['card-processor'],
    queryFn: () => answer(client.GET('/v1/card-processor')),
    staleTime: Infinity,
  });
  const saveCard = useSaveCard(processor);
  const add = useMutation({
    mutationFn: saveCard.save,
    onSettled: (_data, error) => saveCard.settle(error),
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
    if (Object.keys(next).length === 0 && saveCard.begin()) add.mutate(fields);
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
