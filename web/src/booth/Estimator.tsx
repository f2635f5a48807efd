import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { answer, ApiError, client } from '../shared/api';
import type { BoothTemplate, Estimate } from '../shared/api-types';
import { formatDecimal } from '../shared/decimal';
import { useAccount } from '../shared/session';
import { Amount, Card, ErrorBox, Field, Spinner } from '../shared/ui';
import { TIER_LABEL } from './common';
import { estimateRequest, estimatorErrors, refusedField } from './estimator-form';

const CHECKBOX_ROW = { display: 'flex', gap: '0.5rem', alignItems: 'center' } as const;
const CHECKBOX = { width: 'auto', minHeight: 0 } as const;

/** The estimator's form state, the account's templates, and the estimate asked for. */
function useEstimator() {
  const { accountId } = useAccount();
  const [chosen, setChosen] = useState<string[]>([]);
  const [hours, setHours] = useState('3');
  const [min, setMin] = useState('30');
  const [max, setMax] = useState('55');
  const [virtualBooth, setVirtualBooth] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  // The account's templates by name, each with its token cost per session (seed 002's workflow stage).
  const templates = useQuery({
    queryKey: ['booth-templates', accountId],
    queryFn: () =>
      answer(client.GET('/v1/accounts/{accountId}/booth/templates', { params: { path: { accountId } } })),
  });
  const list = useMemo(() => templates.data?.data ?? [], [templates.data]);
  const toggle = (id: string, on: boolean) =>
    setChosen((current) => (on ? [...new Set([...current, id])] : current.filter((c) => c !== id)));
  const estimate = useMutation({
    mutationFn: (body: ReturnType<typeof estimateRequest>) =>
      answer(
        client.POST('/v1/accounts/{accountId}/tokens/estimate', { params: { path: { accountId } }, body }),
      ),
    onError: (error) => {
      const refused = refusedField(error);
      if (refused) setErrors(refused);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const input = {
      templateIds: chosen.filter((id) => list.some((t) => t.id === id)),
      hours,
      min,
      max,
      virtualBooth,
    };
    const next = estimatorErrors(input);
    setErrors(next);
    if (Object.keys(next).length) return;
    estimate.mutate(estimateRequest(input));
  };
  return {
    form: { hours, min, max, virtualBooth },
    set: { setHours, setMin, setMax, setVirtualBooth },
    templates: { pending: templates.isPending, list, chosen, toggle },
    errors,
    estimate,
    submit,
  };
}

type EstimatorState = ReturnType<typeof useEstimator>;

export function Estimator({ available }: { available?: string }) {
  const state = useEstimator();
  const { estimate } = state;
  return (
    <Card title="Event cost estimator">
      <form onSubmit={state.submit} noValidate aria-label="Event cost estimator">
        <TemplatePicker templates={state.templates} error={state.errors.templateIds} />
        <EventFields state={state} />
        <button type="submit" className="secondary" disabled={estimate.isPending}>
          {estimate.isPending ? <Spinner label="Estimating…" /> : 'Estimate'}
        </button>
      </form>
      {estimate.isError && !(estimate.error instanceof ApiError && estimate.error.field) && (
        <ErrorBox error={estimate.error} />
      )}
      {estimate.data && <EstimateResult estimate={estimate.data} available={available} />}
    </Card>
  );
}

/** The account's templates to tick, each with its token cost per session and tier. */
function TemplatePicker({
  templates: { pending, list, chosen, toggle },
  error,
}: {
  templates: EstimatorState['templates'];
  error: string | undefined;
}) {
  return (
    <fieldset
      className="field"
      aria-describedby={error ? 'est-templates-error' : undefined}
      aria-invalid={!!error}
      data-testid="estimator-templates"
      style={{ border: 0, padding: 0, margin: '0 0 0.75rem' }}
    >
      <legend>Templates</legend>
      {pending ? (
        <Spinner label="Loading templates…" />
      ) : list.length === 0 ? (
        <p className="small muted">
          No templates yet: your booth app defines them (each shows its token cost per session here).
        </p>
      ) : (
        list.map((t) => (
          <TemplateOption key={t.id} template={t} checked={chosen.includes(t.id)} onToggle={toggle} />
        ))
      )}
      {error && (
        <p id="est-templates-error" className="error small" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}

function TemplateOption({
  template: t,
  checked,
  onToggle,
}: {
  template: BoothTemplate;
  checked: boolean;
  onToggle: (id: string, on: boolean) => void;
}) {
  return (
    <label className="small" style={{ ...CHECKBOX_ROW, marginBottom: '0.25rem' }}>
      <input
        type="checkbox"
        style={CHECKBOX}
        checked={checked}
        onChange={(e) => onToggle(t.id, e.target.checked)}
      />
      <span>{t.name}</span>
      <span className="muted num">
        {formatDecimal(t.costPerSession.amount, 2)} tokens/session · {TIER_LABEL[t.tier] ?? t.tier}
      </span>
    </label>
  );
}

/** Event length, sessions per hour (from – to) and the virtual booth switch. */
function EventFields({ state: { form, set, errors } }: { state: EstimatorState }) {
  return (
    <>
      <div className="grid two">
        <Field id="est-hours" label="Event length (hours)" error={errors.hours}>
          <input
            id="est-hours"
            inputMode="decimal"
            value={form.hours}
            onChange={(e) => set.setHours(e.target.value)}
            aria-invalid={!!errors.hours}
          />
        </Field>
        <Field id="est-min" label="Sessions per hour (from – to)" error={errors.sessionsPerHour}>
          <span className="qty">
            <input
              id="est-min"
              inputMode="numeric"
              value={form.min}
              onChange={(e) => set.setMin(e.target.value)}
              aria-label="Sessions per hour, from"
            />
            –
            <input
              inputMode="numeric"
              value={form.max}
              onChange={(e) => set.setMax(e.target.value)}
              aria-label="Sessions per hour, to"
            />
          </span>
        </Field>
      </div>
      <label className="small" style={{ ...CHECKBOX_ROW, marginBottom: '0.75rem' }}>
        <input
          type="checkbox"
          style={CHECKBOX}
          checked={form.virtualBooth}
          onChange={(e) => set.setVirtualBooth(e.target.checked)}
        />
        Virtual booth (1 token per session after the first 500)
      </label>
    </>
  );
}

/** Sessions and tokens as ranges, the balance and shortfall, and the cheapest packs to cover it. */
function EstimateResult({ estimate: r, available }: { estimate: Estimate; available?: string }) {
  return (
    <div className="summary" style={{ marginTop: '1rem' }} aria-live="polite" data-testid="estimate">
      <dl className="lines">
        <dt>Sessions</dt>
        <dd className="num">
          {formatDecimal(String(r.sessions.min), 0)} – {formatDecimal(String(r.sessions.max), 0)}
        </dd>
        <dt>Tokens needed</dt>
        <dd className="num">
          {formatDecimal(r.tokens.min.amount, 0)} – {formatDecimal(r.tokens.max.amount, 0)}
        </dd>
        <dt>Available</dt>
        <dd>
          <Amount money={r.available} />
        </dd>
        <dt className="total">Shortfall</dt>
        <dd className="total">
          <Amount money={r.shortfall} />
        </dd>
      </dl>
      {r.packs.items.length > 0 && (
        <p className="small">
          Cheapest packs to cover it:{' '}
          {r.packs.items.map((i) => `${i.count} × ${formatDecimal(String(i.tokens), 0)}`).join(' + ')} ={' '}
          <strong>
            <Amount money={r.packs.price} />
          </strong>{' '}
          for {formatDecimal(String(r.packs.tokens), 0)} tokens.
        </p>
      )}
      {available === undefined
        ? null
        : r.packs.items.length === 0 && <p className="small pos">Your balance covers this event.</p>}
    </div>
  );
}
