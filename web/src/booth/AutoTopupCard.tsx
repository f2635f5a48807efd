import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { answer, ApiError, client } from '../shared/api';
import { formatDecimal, formatMoney, isDecimal, toMicros, fromMicros } from '../shared/decimal';
import { errorSentence, isPermanent } from '../shared/errors';
import { useIntent } from '../shared/intent';
import { navigate } from '../shared/router';
import { useAccount } from '../shared/session';
import { Card, ErrorBox, Field, Spinner } from '../shared/ui';
import { cardLabel, usePaymentMethods } from './common';
import type { PaymentMethod, TokenPack } from '../shared/api-types';

type FormField = 'threshold' | 'pack' | 'maxPerDay';
interface Form {
  enabled: boolean;
  threshold: string;
  pack: string;
  maxPerDay: string;
}

/** Client checks, as sentences next to their field (the server checks the same again). */
export function validateAutoTopup(f: Form, packs: readonly TokenPack[]): Partial<Record<FormField, string>> {
  const e: Partial<Record<FormField, string>> = {};
  const t = f.threshold.trim();
  if (t.startsWith('-')) e.threshold = 'The threshold cannot be negative. Enter 0 or more tokens, e.g. 50.';
  else if (!isDecimal(t, 6) || t.length > 16) e.threshold = 'Enter a number of tokens, e.g. 50 or 12.5.';
  if (!packs.some((p) => String(p.tokens) === f.pack)) e.pack = 'Choose one of the packs.';
  if (!/^\d{1,3}$/.test(f.maxPerDay.trim()) || Number(f.maxPerDay) < 1 || Number(f.maxPerDay) > 100)
    e.maxPerDay = 'Enter a whole number of packs from 1 to 100.';
  return e;
}

/** What a server refusal means for the field it names. */
function fieldSentence(error: ApiError): [FormField, string] | null {
  const field = (error.field ?? error.errors?.[0]?.field ?? '').split('.')[0];
  if (error.code === 'auto_topup_pack_not_found')
    return ['pack', 'This pack is not sold any more. Choose another.'];
  if (field === 'threshold') return ['threshold', 'Enter 0 or more tokens, with at most 6 decimals.'];
  if (field === 'pack') return ['pack', 'Choose one of the packs.'];
  if (field === 'maxPerDay') return ['maxPerDay', 'Enter a whole number of packs from 1 to 100.'];
  return null;
}

const DISABLED_REASON: Record<string, string> = {
  token_purchase_declined: 'your default card was declined',
  card_declined: 'your default card was declined',
  no_default_payment_method: 'the account had no default card',
};

/** What the form asks the server to save. */
const autoTopupBody = (f: Form) => ({
  enabled: f.enabled,
  threshold: f.threshold.trim(),
  pack: Number(f.pack),
  maxPerDay: Number(f.maxPerDay.trim()),
});
type AutoTopupBody = ReturnType<typeof autoTopupBody>;

/** The saved settings, the form being edited, its errors and the save (client checks first). */
function useAutoTopupForm(packs: readonly TokenPack[]) {
  const { accountId } = useAccount();
  const queryClient = useQueryClient();
  const current = useQuery({
    queryKey: ['auto-top-up', accountId],
    queryFn: () =>
      answer(client.GET('/v1/accounts/{accountId}/tokens/auto-top-up', { params: { path: { accountId } } })),
  });
  const methods = usePaymentMethods();
  const [form, setForm] = useState<Form | null>(null);
  const [errors, setErrors] = useState<Partial<Record<FormField, string>>>({});
  const [saved, setSaved] = useState<string | null>(null);
  useEffect(() => {
    if (current.isSuccess && !form) {
      const s = current.data;
      setForm({
        enabled: s?.enabled ?? false,
        threshold: s ? formatDecimal(s.threshold.amount, 0).replace(/,/g, '') : '50',
        pack: String(s?.pack ?? packs[0]?.tokens ?? ''),
        maxPerDay: String(s?.maxPerDay ?? 3),
      });
    }
  }, [current.isSuccess, current.data, form, packs]);
  // One key per intended save (these exact settings): a retry after a network error or a 5xx is the
  // same request; a success, a refusal or edited settings start a new one.
  const intent = useIntent('auto-top-up');
  const save = useMutation({
    mutationFn: (body: AutoTopupBody) =>
      answer(
        client.PUT('/v1/accounts/{accountId}/tokens/auto-top-up', {
          params: { path: { accountId } },
          headers: { 'idempotency-key': intent.keyFor(JSON.stringify(body)) },
          body,
        }),
      ),
    onSettled: (_data, error) => intent.settle(!error || isPermanent(error)),
    onSuccess: (data) => {
      queryClient.setQueryData(['auto-top-up', accountId], data);
      setSaved(data.enabled ? 'Saved. Auto top-up is on.' : 'Saved. Auto top-up is off.');
    },
    onError: (error) => {
      const named = error instanceof ApiError ? fieldSentence(error) : null;
      if (named) setErrors({ [named[0]]: named[1] });
    },
  });
  const set = (patch: Partial<Form>) => {
    setForm((f) => (f ? { ...f, ...patch } : f));
    setSaved(null);
    setErrors((e) => {
      const next = { ...e };
      for (const k of Object.keys(patch)) delete next[k as FormField];
      return next;
    });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!form) return;
    const found = validateAutoTopup(form, packs);
    setErrors(found);
    setSaved(null);
    if (Object.keys(found).length === 0 && intent.begin()) save.mutate(autoTopupBody(form));
  };
  return { current, methods, form, errors, saved, save, set, submit };
}

/** What saving will do, in one sentence: the pack, its price, the card and the most a day. */
function chargeSummary(form: Form, packs: readonly TokenPack[], card: PaymentMethod | undefined): string {
  if (!form.enabled) return 'Auto top-up is off: nothing is bought automatically.';
  if (!card) return 'Auto top-up pays with your default card, and this account has none yet.';
  const pack = packs.find((p) => String(p.tokens) === form.pack);
  if (!pack || Object.keys(validateAutoTopup(form, packs)).length > 0)
    return 'Fix the highlighted values to see what will be charged.';
  const max = Number(form.maxPerDay);
  const daily = { amount: fromMicros(toMicros(pack.price.amount) * BigInt(max)), unit: pack.price.unit };
  return (
    `When your balance falls below ${formatDecimal(form.threshold.trim(), 0)} tokens, ` +
    `${formatDecimal(String(pack.tokens), 0)} tokens are bought for ${formatMoney(pack.price)} ` +
    `with your default card, ${cardLabel(card)}: at most ${max} ${max === 1 ? 'time' : 'times'} a day ` +
    `(${formatMoney(daily)} a day at most).`
  );
}

/** The switch and the three fields, each error a sentence beside its field. */
function AutoTopupFields({
  form,
  errors,
  set,
  packs,
}: {
  form: Form;
  errors: Partial<Record<FormField, string>>;
  set: (patch: Partial<Form>) => void;
  packs: readonly TokenPack[];
}) {
  return (
    <>
      <label
        className="small"
        style={{ display: 'flex', gap: '0.5rem', alignItems: 'center', marginBottom: '0.75rem' }}
      >
        <input
          type="checkbox"
          style={{ width: 'auto', minHeight: 0 }}
          checked={form.enabled}
          onChange={(e) => set({ enabled: e.target.checked })}
        />
        Buy tokens automatically when my balance runs low
      </label>
      <div className="grid two">
        <Field id="auto-threshold" label="When my balance falls below (tokens)" error={errors.threshold}>
          <input
            id="auto-threshold"
            inputMode="decimal"
            autoComplete="off"
            value={form.threshold}
            onChange={(e) => set({ threshold: e.target.value })}
            aria-invalid={!!errors.threshold}
            aria-describedby={errors.threshold ? 'auto-threshold-error' : undefined}
          />
        </Field>
        <Field id="auto-pack" label="Buy this pack" error={errors.pack}>
          <select
            id="auto-pack"
            value={form.pack}
            onChange={(e) => set({ pack: e.target.value })}
            aria-invalid={!!errors.pack}
            aria-describedby={errors.pack ? 'auto-pack-error' : undefined}
          >
            {packs.map((p) => (
              <option key={p.tokens} value={String(p.tokens)}>
                {formatDecimal(String(p.tokens), 0)} tokens, {formatMoney(p.price)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="auto-max" label="At most this many packs a day" error={errors.maxPerDay}>
          <input
            id="auto-max"
            inputMode="numeric"
            autoComplete="off"
            value={form.maxPerDay}
            onChange={(e) => set({ maxPerDay: e.target.value })}
            aria-invalid={!!errors.maxPerDay}
            aria-describedby={errors.maxPerDay ? 'auto-max-error' : undefined}
          />
        </Field>
      </div>
    </>
  );
}

/**
 * Token auto top-up (issue 16): the customer sets a threshold, a pack and a daily limit, and turns
 * it on or off. Before saving, the card says what will be charged, to which card, and how often at
 * most; a server refusal shows as a sentence next to its field.
 */
export function AutoTopupCard({ packs }: { packs: readonly TokenPack[] }) {
  const { current, methods, form, errors, saved, save, set, submit } = useAutoTopupForm(packs);
  if (current.isError)
    return (
      <Card title="Auto top-up">
        <ErrorBox error={current.error} />
      </Card>
    );
  if (!form || methods.isPending)
    return (
      <Card title="Auto top-up">
        <Spinner />
      </Card>
    );
  const card = methods.data?.data.find((c) => c.isDefault);
  const off = current.data && !current.data.enabled && current.data.disabledReason;
  const offReason = off ? (DISABLED_REASON[off.split(':')[0]!] ?? 'a payment failed') : null;
  const serverError = save.error && !(save.error instanceof ApiError && fieldSentence(save.error));
  return (
    <Card title="Auto top-up">
      <form onSubmit={submit} noValidate aria-label="Auto top-up" data-testid="auto-top-up">
        {offReason && (
          <p className="notice" role="note" data-testid="auto-top-up-off">
            Auto top-up was turned off because {offReason}. Fix the card on the Payment tab, then save again
            to turn it back on.
          </p>
        )}
        <AutoTopupFields form={form} errors={errors} set={set} packs={packs} />
        <p className="small" aria-live="polite" data-testid="auto-top-up-summary">
          {chargeSummary(form, packs, card)}
        </p>
        {form.enabled && !card && (
          <p className="small">
            <button type="button" className="link" onClick={() => navigate('/booth/payment')}>
              Add a card on the Payment tab
            </button>
          </p>
        )}
        <button type="submit" className="secondary" disabled={save.isPending}>
          {save.isPending ? <Spinner label="Saving…" /> : 'Save auto top-up'}
        </button>
        {saved && (
          <p className="success" role="status" data-testid="auto-top-up-saved">
            {saved}
          </p>
        )}
        {serverError && (
          <p className="error small" role="alert">
            {errorSentence(save.error)}
          </p>
        )}
      </form>
    </Card>
  );
}
