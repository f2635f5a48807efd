import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { acct, api, ApiError } from '../shared/api';
import { formatDecimal, toMicros } from '../shared/decimal';
import { useAccount } from '../shared/session';
import {
  Amount,
  Card,
  ErrorBox,
  Field,
  Modal,
  Spinner,
  StatusBadge,
  formatTime,
  QueryView,
} from '../shared/ui';
import { AutoTopupCard } from './AutoTopupCard';
import { ChargeConfirm } from './ChargeConfirm';
import { NotAvailable, TIER_LABEL, isMissingRoute, useTokenWallet } from './common';
import { isPermanent } from '../shared/errors';
import { useIntent } from '../shared/intent';
import type { BoothTemplate, Estimate, TokenPack } from '../shared/api-types';

function usePacks() {
  return useQuery({
    queryKey: ['token-packs'],
    queryFn: () => api<{ data: TokenPack[] }>('GET', '/v1/booth/token-packs'),
    staleTime: 60_000,
  });
}

function useBuyTokens() {
  const { accountId } = useAccount();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ pack, quantity, key }: { pack: number; quantity: number; key: string }) =>
      api<{
        tokens: { amount: string; unit: string };
        price: { amount: string; unit: string };
        status: string;
        declineReason: string | null;
      }>('POST', `${acct(accountId)}/tokens/purchases`, { body: { pack, quantity }, idempotencyKey: key }),
    onSettled: () => void queryClient.invalidateQueries(),
  });
}

/**
 * Buying a pack: Buy opens a confirmation naming the amount and the card; Pay charges it once (one
 * Idempotency-Key per intent, re-entry refused while it runs); the outcome shows where the
 * customer is looking — a decline inside the confirmation, success next to the packs.
 */
function useTokenPurchase() {
  const buy = useBuyTokens();
  const intent = useIntent('tokens');
  const [confirming, setConfirming] = useState<TokenPack | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [notPaid, setNotPaid] = useState<string | null>(null);
  const start = (pack: TokenPack) => {
    buy.reset();
    setDone(null);
    setNotPaid(null);
    setConfirming(pack);
  };
  const confirm = () => {
    if (!confirming || !intent.begin()) return;
    const pack = confirming;
    buy.mutate(
      { pack: pack.tokens, quantity: 1, key: intent.keyFor(`pack-${pack.tokens}`) },
      {
        onSuccess: (r) => {
          intent.settle(true);
          if (r.status === 'paid') {
            setConfirming(null);
            setDone(`${formatDecimal(r.tokens.amount, 0)} tokens added.`);
          } else setNotPaid('The payment is still being processed: your tokens appear once it completes.');
        },
        onError: (error) => intent.settle(isPermanent(error)),
      },
    );
  };
  const cancel = () => {
    if (buy.isPending) return;
    intent.abandon();
    buy.reset();
    setConfirming(null);
  };
  const panel = confirming && (
    <>
      <ChargeConfirm
        what={`${formatDecimal(String(confirming.tokens), 0)} tokens`}
        amount={confirming.price}
        pending={buy.isPending}
        error={buy.error ?? undefined}
        onConfirm={confirm}
        onCancel={cancel}
      />
      {notPaid && <p className="notice">{notPaid}</p>}
    </>
  );
  const message = done && (
    <p className="success" role="status" data-testid="token-purchase-done">
      {done}
    </p>
  );
  return { start, confirming, panel, message, cancel };
}

function PackGrid({
  onBuy,
  pending,
  packs,
}: {
  onBuy: (pack: TokenPack) => void;
  pending: number | null;
  packs: TokenPack[];
}) {
  const best = packs.reduce<TokenPack | null>(
    (b, p) => (b && toMicros(b.pricePerToken.amount) <= toMicros(p.pricePerToken.amount) ? b : p),
    null,
  );
  return (
    <div className="packs" data-testid="token-packs">
      {packs.map((p) => (
        <div className="pack" key={p.tokens} data-pack={p.tokens}>
          <span className="tokens num">{formatDecimal(String(p.tokens), 0)} tokens</span>
          <span className="num">
            <Amount money={p.price} />
          </span>
          <span className="muted small num">
            <Amount money={p.pricePerToken} /> per token
            {best && best.tokens === p.tokens ? ' · best value' : ''}
          </span>
          <button
            type="button"
            className="secondary small"
            disabled={pending !== null}
            onClick={() => onBuy(p)}
          >
            {pending === p.tokens ? <Spinner label="Paying…" /> : `Buy ${formatDecimal(String(p.tokens), 0)}`}
          </button>
        </div>
      ))}
    </div>
  );
}

export function TokenTopUpModal({ onClose }: { onClose: () => void }) {
  const packs = usePacks();
  const purchase = useTokenPurchase();
  return (
    <Modal title={purchase.confirming ? 'Confirm payment' : 'Top up tokens'} onClose={onClose} wide>
      {purchase.confirming ? (
        purchase.panel
      ) : (
        <>
          <p className="muted small">
            Paid with your default card. Tokens never expire and are usable the moment payment succeeds.
          </p>
          {purchase.message}
          {packs.isPending ? (
            <Spinner />
          ) : packs.isError ? (
            isMissingRoute(packs.error) ? (
              <NotAvailable what="Buying tokens" />
            ) : (
              <ErrorBox error={packs.error} />
            )
          ) : (
            <PackGrid packs={packs.data.data} pending={null} onBuy={purchase.start} />
          )}
        </>
      )}
    </Modal>
  );
}

export function TokensTab({ onTopUp }: { onTopUp: () => void }) {
  const wallet = useTokenWallet();
  const packs = usePacks();
  const purchase = useTokenPurchase();
  if (wallet.isError && isMissingRoute(wallet.error)) return <NotAvailable what="The token wallet" />;
  return (
    <div className="stack">
      <div className="grid two">
        <Card
          title="Token balance"
          actions={
            <button type="button" className="primary small" onClick={onTopUp}>
              Top Up
            </button>
          }
        >
          <QueryView query={wallet}>
            {(data) => (
              <>
                <p className="big-number">
                  <Amount money={data.available} />
                </p>
                <p className="muted small">
                  Tokens pay for AI outputs: AI image 1–2, AI video 5–15, premium background removal 1. They
                  never expire.
                </p>
              </>
            )}
          </QueryView>
        </Card>
        <Estimator available={wallet.data?.available.amount} />
      </div>
      <Card title="Token packs">
        {purchase.message}
        <QueryView query={packs}>
          {(data) => <PackGrid packs={data.data} pending={null} onBuy={purchase.start} />}
        </QueryView>
        {purchase.confirming && (
          <Modal title="Confirm payment" onClose={purchase.cancel}>
            {purchase.panel}
          </Modal>
        )}
      </Card>
      {packs.data && <AutoTopupCard packs={packs.data.data} />}
      <Card title="Recent token purchases">
        {wallet.data && wallet.data.recentPurchases.length === 0 ? (
          <p className="muted">No token purchases yet.</p>
        ) : (
          <ul className="rows">
            {wallet.data?.recentPurchases.map((p) => (
              <li key={p.id}>
                <div className="row-main">
                  <span className="num">
                    {formatDecimal(p.tokens.amount, 0)} tokens · <Amount money={p.price} />
                  </span>
                  <StatusBadge status={p.status} />
                </div>
                <div className="muted small">
                  {formatTime(p.createdAt)}
                  {p.declineReason ? ` · ${p.declineReason}` : ''}
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}

function Estimator({ available }: { available?: string }) {
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
    queryFn: () => api<{ data: BoothTemplate[] }>('GET', `${acct(accountId)}/booth/templates`),
  });
  const list = useMemo(() => templates.data?.data ?? [], [templates.data]);
  const toggle = (id: string, on: boolean) =>
    setChosen((current) => (on ? [...new Set([...current, id])] : current.filter((c) => c !== id)));
  const estimate = useMutation({
    mutationFn: (body: unknown) => api<Estimate>('POST', `${acct(accountId)}/tokens/estimate`, { body }),
    onError: (error) => {
      if (error instanceof ApiError && error.field)
        setErrors({
          [error.field.split('.')[0]!]:
            error.code === 'template_not_found'
              ? 'No template with this name exists. Check the template ids.'
              : 'Check this value.',
        });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const ids = chosen.filter((id) => list.some((t) => t.id === id));
    const next: Record<string, string> = {};
    if (ids.length === 0) next.templateIds = 'Choose at least one template.';
    if (!/^\d{1,3}(\.\d{1,2})?$/.test(hours.trim()) || Number(hours) <= 0)
      next.hours = 'Hours, e.g. 3 or 2.5.';
    if (!/^\d{1,5}$/.test(min) || !/^\d{1,5}$/.test(max) || Number(min) > Number(max))
      next.sessionsPerHour = 'Two whole numbers, the first not above the second.';
    setErrors(next);
    if (Object.keys(next).length) return;
    estimate.mutate({
      templateIds: ids,
      hours: Number(hours),
      sessionsPerHour: { min: Number(min), max: Number(max) },
      virtualBooth,
    });
  };
  const r = estimate.data;
  return (
    <Card title="Event cost estimator">
      <form onSubmit={submit} noValidate aria-label="Event cost estimator">
        <fieldset
          className="field"
          aria-describedby={errors.templateIds ? 'est-templates-error' : undefined}
          aria-invalid={!!errors.templateIds}
          data-testid="estimator-templates"
          style={{ border: 0, padding: 0, margin: '0 0 0.75rem' }}
        >
          <legend>Templates</legend>
          {templates.isPending ? (
            <Spinner label="Loading templates…" />
          ) : list.length === 0 ? (
            <p className="small muted">
              No templates yet: your booth app defines them (each shows its token cost per session here).
            </p>
          ) : (
            list.map((t) => (
              <label
                key={t.id}
                className="small"
                style={{ display: 'flex', gap: '0.5rem', alignItems: 'center', marginBottom: '0.25rem' }}
              >
                <input
                  type="checkbox"
                  style={{ width: 'auto', minHeight: 0 }}
                  checked={chosen.includes(t.id)}
                  onChange={(e) => toggle(t.id, e.target.checked)}
                />
                <span>{t.name}</span>
                <span className="muted num">
                  {formatDecimal(t.costPerSession.amount, 2)} tokens/session · {TIER_LABEL[t.tier] ?? t.tier}
                </span>
              </label>
            ))
          )}
          {errors.templateIds && (
            <p id="est-templates-error" className="error small" role="alert">
              {errors.templateIds}
            </p>
          )}
        </fieldset>
        <div className="grid two">
          <Field id="est-hours" label="Event length (hours)" error={errors.hours}>
            <input
              id="est-hours"
              inputMode="decimal"
              value={hours}
              onChange={(e) => setHours(e.target.value)}
              aria-invalid={!!errors.hours}
            />
          </Field>
          <Field id="est-min" label="Sessions per hour (from – to)" error={errors.sessionsPerHour}>
            <span className="qty">
              <input
                id="est-min"
                inputMode="numeric"
                value={min}
                onChange={(e) => setMin(e.target.value)}
                aria-label="Sessions per hour, from"
              />
              –
              <input
                inputMode="numeric"
                value={max}
                onChange={(e) => setMax(e.target.value)}
                aria-label="Sessions per hour, to"
              />
            </span>
          </Field>
        </div>
        <label
          className="small"
          style={{ display: 'flex', gap: '0.5rem', alignItems: 'center', marginBottom: '0.75rem' }}
        >
          <input
            type="checkbox"
            style={{ width: 'auto', minHeight: 0 }}
            checked={virtualBooth}
            onChange={(e) => setVirtualBooth(e.target.checked)}
          />
          Virtual booth (1 token per session after the first 500)
        </label>
        <button type="submit" className="secondary" disabled={estimate.isPending}>
          {estimate.isPending ? <Spinner label="Estimating…" /> : 'Estimate'}
        </button>
      </form>
      {estimate.isError && !(estimate.error instanceof ApiError && estimate.error.field) && (
        <ErrorBox error={estimate.error} />
      )}
      {r && (
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
      )}
    </Card>
  );
}
