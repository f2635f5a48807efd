import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { answer, client } from '../shared/api';
import { ConfirmDialog } from '../shared/confirm';
import { formatMoney } from '../shared/decimal';
import { useDebounced } from '../shared/hooks';
import { useIntent } from '../shared/intent';
import { useAccount } from '../shared/session';
import { Amount, Card, ErrorBox, Field, QueryView, Spinner, StatusBadge, formatTime } from '../shared/ui';
import type { Instance, InstanceType, RentalQuote } from '../shared/api-types';
import { type Action, actionText, hoursCovered, paidUntil, plural } from './instance-actions';
import { useBalances } from './queries';
import { type RentForm, type RentRequest, UNITS, asUnit, checkRentForm } from './rent-form';

/** GPU renting on the page: rent with the price before paying, then each instance's actions. */
export function InstancesTab() {
  return (
    <div className="stack">
      <RentCard />
      <InstanceList />
    </div>
  );
}

function useInstanceTypes() {
  return useQuery({
    queryKey: ['instance-types'],
    queryFn: () => answer(client.GET('/v1/gpu/instance-types')),
  });
}

/** The rent form: type, disk GB, period, auto-renew; the quote shows before the confirmation. */
function RentCard() {
  const types = useInstanceTypes();
  const offered = types.data?.data.filter((t) => t.available) ?? [];
  const [form, setForm] = useState<RentForm>({
    type: '',
    disk: '100',
    unit: 'day',
    count: '1',
    autoRenew: true,
  });
  const [confirming, setConfirming] = useState(false);
  const checked = checkRentForm(form, offered);
  const { request } = checked;
  const quote = useRentalQuote(request);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (quote.data && request) setConfirming(true);
  };
  return (
    <Card title="Rent a GPU instance">
      <QueryView query={types}>
        {() => (
          <form className="rent-form" noValidate onSubmit={submit}>
            <RentFields form={form} onChange={setForm} offered={offered} checked={checked} />
            <RentSummary quote={quote.data} pending={!!request && quote.isPending} error={quote.error} />
            <button type="submit" className="primary" disabled={!quote.data || !request}>
              {quote.data ? `Rent for ${formatMoney(quote.data.total)}` : 'Rent'}
            </button>
          </form>
        )}
      </QueryView>
      {confirming && request && quote.data && (
        <RentConfirm
          request={{ ...request, autoRenew: form.autoRenew }}
          quote={quote.data}
          onClose={() => setConfirming(false)}
        />
      )}
    </Card>
  );
}

function RentFields({
  form,
  onChange,
  offered,
  checked: { type, diskError, countError },
}: {
  form: RentForm;
  onChange: (form: RentForm) => void;
  offered: InstanceType[];
  checked: ReturnType<typeof checkRentForm>;
}) {
  return (
    <>
      <Field id="rent-type" label="Instance type">
        <select
          id="rent-type"
          value={type?.code ?? ''}
          onChange={(e) => onChange({ ...form, type: e.target.value })}
        >
          {offered.map((t) => (
            <option key={t.code} value={t.code}>
              {t.name}: {formatMoney(t.computeRatePerHour)}/h, up to {t.maxDiskGb} GB
            </option>
          ))}
        </select>
      </Field>
      <Field id="rent-disk" label="Disk (GB)" error={diskError} hint={type && `1 to ${type.maxDiskGb} GB.`}>
        <input
          id="rent-disk"
          inputMode="numeric"
          value={form.disk}
          aria-invalid={!!diskError}
          onChange={(e) => onChange({ ...form, disk: e.target.value })}
        />
      </Field>
      <RentPeriodFields form={form} onChange={onChange} countError={countError} />
      <label className="check">
        <input
          type="checkbox"
          checked={form.autoRenew}
          onChange={(e) => onChange({ ...form, autoRenew: e.target.checked })}
        />{' '}
        Auto-renew at the end of each period (if the balance covers it)
      </label>
    </>
  );
}

/** The period: how many (1 to 744) of which unit. */
function RentPeriodFields({
  form,
  onChange,
  countError,
}: {
  form: RentForm;
  onChange: (form: RentForm) => void;
  countError: string | null;
}) {
  return (
    <div className="row">
      <Field id="rent-count" label="Period length" error={countError}>
        <input
          id="rent-count"
          inputMode="numeric"
          value={form.count}
          aria-invalid={!!countError}
          onChange={(e) => onChange({ ...form, count: e.target.value })}
        />
      </Field>
      <Field id="rent-unit" label="Unit">
        <select
          id="rent-unit"
          value={form.unit}
          onChange={(e) => onChange({ ...form, unit: asUnit(e.target.value) })}
        >
          {UNITS.map((u) => (
            <option key={u} value={u}>
              {u}(s)
            </option>
          ))}
        </select>
      </Field>
    </div>
  );
}

function useRentalQuote(request: RentRequest | null) {
  const { accountId } = useAccount();
  // Asked once typing pauses; the key is the request as text, so an equal request is not asked again.
  const settled = useDebounced(request ? JSON.stringify(request) : '', 250);
  return useQuery({
    queryKey: ['rental-quote', accountId, settled],
    queryFn: ({ signal }) =>
      answer(
        client.POST('/v1/accounts/{accountId}/instance-quote', {
          params: { path: { accountId } },
          body: JSON.parse(settled) as RentRequest,
          signal,
        }),
      ),
    enabled: settled !== '',
  });
}

function RentSummary({ quote, pending, error }: { quote?: RentalQuote; pending: boolean; error: unknown }) {
  if (error) return <ErrorBox error={error} />;
  if (pending) return <Spinner label="Pricing…" />;
  if (!quote) return null;
  const short = quote.availableAfter.amount.startsWith('-');
  return (
    <div className="summary" aria-live="polite" data-testid="rent-summary">
      <dl className="lines">
        <dt>Compute ({quote.hours} h)</dt>
        <dd>
          <Amount money={quote.compute} />
        </dd>
        <dt>Storage ({quote.hours} h)</dt>
        <dd>
          <Amount money={quote.storage} />
        </dd>
        <dt className="total">Charged now</dt>
        <dd className="total" data-testid="rent-total">
          <Amount money={quote.total} />
        </dd>
        <dt>Balance after</dt>
        <dd data-testid="rent-balance-after">
          <Amount money={quote.availableAfter} />
        </dd>
      </dl>
      {short && (
        <p className="field-error" role="alert">
          Your available balance (<Amount money={quote.available} />) does not cover this period: top up
          first.
        </p>
      )}
    </div>
  );
}

/**
 * One instance action by its own typed route (a path built from `action` would not be checked). The
 * answers differ per action and the page reads none of them: it refetches the list.
 */
function postInstanceAction(
  accountId: string,
  instance: Instance,
  action: Action,
  key: string,
): Promise<unknown> {
  const init = {
    params: { path: { accountId, instanceId: instance.id } },
    headers: { 'idempotency-key': key },
  };
  switch (action) {
    case 'stop':
      return answer(client.POST('/v1/accounts/{accountId}/instances/{instanceId}/stop', init));
    case 'start':
      return answer(client.POST('/v1/accounts/{accountId}/instances/{instanceId}/start', init));
    case 'terminate':
      return answer(client.POST('/v1/accounts/{accountId}/instances/{instanceId}/terminate', init));
    case 'auto-renew':
      return answer(
        client.POST('/v1/accounts/{accountId}/instances/{instanceId}/auto-renew', {
          ...init,
          body: { autoRenew: !instance.autoRenew },
        }),
      );
  }
}

function RentConfirm({
  request,
  quote,
  onClose,
}: {
  request: RentRequest & { autoRenew: boolean };
  quote: RentalQuote;
  onClose: () => void;
}) {
  const { accountId } = useAccount();
  const queryClient = useQueryClient();
  const intent = useIntent('rent');
  const rent = useMutation({
    mutationFn: () =>
      answer(
        client.POST('/v1/accounts/{accountId}/instances', {
          params: { path: { accountId } },
          headers: { 'idempotency-key': intent.keyFor(JSON.stringify(request)) },
          body: request,
        }),
      ),
    onSettled: (_d, error) => {
      intent.settle(!error);
      void queryClient.invalidateQueries();
    },
    onSuccess: onClose,
  });
  return (
    <ConfirmDialog
      title="Rent this instance?"
      confirmLabel={`Pay ${formatMoney(quote.total)} and rent`}
      pendingLabel="Renting…"
      pending={rent.isPending}
      error={rent.error}
      onConfirm={() => intent.begin() && rent.mutate()}
      onCancel={() => {
        intent.abandon();
        onClose();
      }}
    >
      <p>
        {request.instanceType} with a {request.diskGb} GB disk for{' '}
        {plural(request.period.count, request.period.unit)} (until {formatTime(quote.periodEnd)}):{' '}
        <strong>
          <Amount money={quote.total} />
        </strong>{' '}
        is charged now from your Credit Balance (compute <Amount money={quote.compute} />, storage{' '}
        <Amount money={quote.storage} />
        ).{' '}
        {request.autoRenew
          ? 'It renews at the end of each period while the balance covers it.'
          : 'It stops at the end of the period.'}
      </p>
    </ConfirmDialog>
  );
}

function InstanceList() {
  const { accountId } = useAccount();
  const instances = useQuery({
    queryKey: ['instances', accountId],
    queryFn: () =>
      answer(client.GET('/v1/accounts/{accountId}/instances', { params: { path: { accountId } } })),
  });
  const balances = useBalances();
  const available = balances.data?.balances.find((b) => b.unit === 'CREDIT')?.available ?? '0';
  return (
    <Card title="Your instances">
      <QueryView
        query={instances}
        isEmpty={(d) => d.data.length === 0}
        empty={<p className="muted">No instances yet: rent one above.</p>}
      >
        {(d) => (
          <table className="table stackable" data-testid="instances">
            <thead>
              <tr>
                <th scope="col">Instance</th>
                <th scope="col">Status</th>
                <th scope="col">Paid until</th>
                <th scope="col">Rates per hour</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {d.data.map((i) => (
                <InstanceRow key={i.id} instance={i} available={available} />
              ))}
            </tbody>
          </table>
        )}
      </QueryView>
    </Card>
  );
}

function InstanceRow({ instance: i, available }: { instance: Instance; available: string }) {
  return (
    <tr data-testid={`instance-${i.id}`}>
      <td data-label="Instance">
        <strong>{i.instanceType}</strong> <span className="muted">{i.diskGb} GB disk</span>
        <div className="muted small">{i.id}</div>
      </td>
      <td data-label="Status">
        <StatusBadge status={i.status} />
        {i.status === 'running' && <div className="muted small">auto-renew {i.autoRenew ? 'on' : 'off'}</div>}
      </td>
      <td data-label="Paid until" className="nowrap">
        {paidUntil(i)}
      </td>
      <td data-label="Rates per hour">
        {i.status !== 'terminated' && (
          <>
            compute <Amount money={i.computeRatePerHour} />, storage <Amount money={i.hourlyStorageFee} />
            {i.status === 'stopped' && (
              <div className="small" data-testid="stopped-storage">
                Stopped: <Amount money={i.hourlyStorageFee} /> per hour for storage; your balance lasts about{' '}
                {hoursCovered(available, i.hourlyStorageFee.amount)} hours.
              </div>
            )}
          </>
        )}
      </td>
      <td data-label="Actions" className="actions">
        <InstanceActions instance={i} />
      </td>
    </tr>
  );
}

/** The buttons the instance's status allows; each asks first (InstanceAction) before anything moves. */
function InstanceActions({ instance: i }: { instance: Instance }) {
  const [action, setAction] = useState<Action | null>(null);
  const label = `${i.instanceType} · ${i.diskGb} GB`;
  const button = (to: Action, text: string, ariaLabel: string, className = 'secondary small') => (
    <button type="button" className={className} onClick={() => setAction(to)} aria-label={ariaLabel}>
      {text}
    </button>
  );
  const renew = i.autoRenew ? 'off' : 'on';
  return (
    <>
      {i.status === 'running' && (
        <>
          {button('stop', 'Stop', `Stop ${label}`)}
          {button('auto-renew', `Auto-renew ${renew}`, `Turn auto-renew ${renew} for ${label}`)}
        </>
      )}
      {i.status === 'stopped' && button('start', 'Start', `Start ${label}`)}
      {i.status !== 'terminated' && button('terminate', 'Terminate', `Terminate ${label}`, 'danger small')}
      {action && <InstanceAction instance={i} action={action} onClose={() => setAction(null)} />}
    </>
  );
}

function InstanceAction({
  instance: i,
  action,
  onClose,
}: {
  instance: Instance;
  action: Action;
  onClose: () => void;
}) {
  const { accountId } = useAccount();
  const queryClient = useQueryClient();
  const intent = useIntent(action);
  const text = actionText(i, action);
  const run = useMutation({
    mutationFn: () => postInstanceAction(accountId, i, action, intent.keyFor(`${action}:${i.id}`)),
    onSettled: (_d, error) => {
      intent.settle(!error);
      void queryClient.invalidateQueries();
    },
    onSuccess: onClose,
  });
  return (
    <ConfirmDialog
      title={text.title}
      confirmLabel={text.confirm}
      danger={action === 'terminate'}
      pending={run.isPending}
      error={run.error}
      onConfirm={() => intent.begin() && run.mutate()}
      onCancel={() => {
        intent.abandon();
        onClose();
      }}
    >
      <p data-testid="action-text">{text.text}</p>
    </ConfirmDialog>
  );
}
