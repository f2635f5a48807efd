import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { acct, api, ApiError, idempotencyKey } from '../shared/api';
import { formatDecimal, formatMoney, toMicros } from '../shared/decimal';
import { errorSentence } from '../shared/errors';
import { parseAmount } from '../shared/validate';
import { useDebounced } from '../shared/hooks';
import { navigate, useLocation } from '../shared/router';
import { useAccount } from '../shared/session';
import type { TopUpOrder, TopUpQuote } from '../shared/api-types';
import { Amount, Card, ErrorBox, Field, Spinner, QueryView } from '../shared/ui';
import { useBalances, useRunway } from './queries';
import { AlertsSummaryCard } from './AlertSettingsCard';
import { PayPalReturn } from './PayPalReturn';
import { TopUpSummary } from './TopUpSummary';
import { UsdtFeeNote, UsdtTopUp } from './UsdtTopUp';

export function PaymentTab() {
  return (
    <div className="grid two">
      <div className="stack">
        <BalanceCard />
        <PayPalReturn />
        <TopUpCard />
      </div>
      <div className="stack">
        <AlertsSummaryCard />
        <Card title="Payment methods">
          <ul className="plain">
            <li>
              <strong>Crypto (USDT)</strong> from the wallet you signed in with. 1 USDT = 1 credit;{' '}
              <UsdtFeeNote />
            </li>
            <li>
              <strong>Fiat (USD) via PayPal.</strong> PayPal charges 4.4% of the amount + $0.30, added to what
              you pay.
            </li>
          </ul>
        </Card>
      </div>
    </div>
  );
}

export function BalanceCard() {
  const balances = useBalances();
  const runway = useRunway();
  const credit = balances.data?.balances.find((b) => b.unit === 'CREDIT');
  return (
    <Card title="Credits balance">
      <QueryView query={balances}>
        {() => (
          <>
            <p className="big-number" data-testid="credit-balance">
              <Amount money={{ amount: credit?.balance ?? '0', unit: 'CREDIT' }} />
            </p>
            {credit && credit.held !== '0.000000' && (
              <p className="muted small">
                <Amount money={{ amount: credit.held, unit: 'CREDIT' }} /> reserved for running render tasks;
                available <Amount money={{ amount: credit.available, unit: 'CREDIT' }} />.
              </p>
            )}
          </>
        )}
      </QueryView>
      {runway.data && (
        <p className="runway" data-testid="runway">
          {runway.data.remainingHours === null ? (
            'No GPU instance is drawing credits right now.'
          ) : (
            <>
              About{' '}
              <strong className="num">
                {formatDecimal(runway.data.remainingHours.split('.')[0]!, 0)} hours
              </strong>{' '}
              left at the current rate (<Amount money={runway.data.hourlyBurn} /> per hour).
            </>
          )}
        </p>
      )}
    </Card>
  );
}

function TopUpCard() {
  const [method, setMethod] = useState<'fiat' | 'crypto'>('fiat');
  return (
    <Card title="Top up credits">
      <div className="segmented" role="radiogroup" aria-label="Payment method">
        <button type="button" role="radio" aria-checked={method === 'fiat'} onClick={() => setMethod('fiat')}>
          Fiat payment (USD · PayPal)
        </button>
        <button
          type="button"
          role="radio"
          aria-checked={method === 'crypto'}
          onClick={() => setMethod('crypto')}
        >
          Crypto payment (USDT)
        </button>
      </div>
      {method === 'fiat' ? <PayPalTopUp /> : <UsdtTopUp />}
    </Card>
  );
}

/** The quote for `request` (a checked amount, or '' when there is none yet), after typing pauses. */
function useQuote(request: string, rail: 'paypal' | 'usdt') {
  const { accountId } = useAccount();
  const settled = useDebounced(request, 300);
  // What is typed now decides whether there is anything to show; the settled value is what is asked.
  const valid = request !== '';
  const quote = useQuery({
    queryKey: ['quote', accountId, rail, settled],
    queryFn: ({ signal }) =>
      api<TopUpQuote>('POST', `${acct(accountId)}/top-ups/quote`, {
        body: { amount: { amount: settled, unit: 'USD' }, rail },
        signal,
      }),
    enabled: settled !== '',
    staleTime: 30_000,
  });
  return { quote, valid, settling: settled !== request, settled };
}

/** The top-up limits, once any quote has named them, so the page can say so before asking. */
function useLimits(q: TopUpQuote | undefined) {
  const [limits, setLimits] = useState<{ min: string; max: string } | null>(null);
  useEffect(() => {
    if (q && (limits?.min !== q.minimum.amount || limits?.max !== q.maximum.amount))
      setLimits({ min: q.minimum.amount, max: q.maximum.amount });
  }, [q, limits]);
  return limits;
}

function limitProblem(value: string, limits: { min: string; max: string } | null): string | null {
  if (!limits) return null;
  const micros = toMicros(value);
  if (micros < toMicros(limits.min))
    return `The smallest top-up is ${formatMoney({ amount: limits.min, unit: 'USD' })}.`;
  if (micros > toMicros(limits.max))
    return `The largest top-up is ${formatMoney({ amount: limits.max, unit: 'USD' })}.`;
  return null;
}

function PayPalTopUp() {
  const { accountId } = useAccount();
  const { search } = useLocation();
  // Back from PayPal (browser Back or PayPal's cancel link) shows the amount the customer chose.
  const [amount, setAmount] = useState(() => search.get('amount') ?? '100');
  const [touched, setTouched] = useState(false);
  // Zero is let through to the limits check, which names the smallest top-up.
  const parsed = parseAmount(amount, {
    decimals: 2,
    what: 'an amount in USD',
    currency: true,
    allowZero: true,
  });
  const [lastQuote, setLastQuote] = useState<TopUpQuote | undefined>(undefined);
  const limits = useLimits(lastQuote);
  const localError = parsed.ok
    ? limitProblem(parsed.value, limits)
    : parsed.tooLarge && limits
      ? limitProblem(limits.max + '1', limits)
      : parsed.message;
  const { quote, valid, settling } = useQuote(parsed.ok && !localError ? parsed.value : '', 'paypal');
  useEffect(() => {
    if (quote.data) setLastQuote(quote.data);
  }, [quote.data]);
  const [key] = useState(() => idempotencyKey('paypal'));
  const inputError =
    localError ??
    (quote.error instanceof ApiError && quote.error.status === 400 ? errorSentence(quote.error) : null);
  const pay = useMutation({
    mutationFn: () =>
      api<{ order: TopUpOrder }>('POST', `${acct(accountId)}/top-ups/paypal`, {
        idempotencyKey: `${key}-${parsed.ok ? parsed.value : ''}`,
        body: {
          amount: { amount: parsed.ok ? parsed.value : '', unit: 'USD' },
          returnUrl: `${location.origin}/compute/payment?paypal=return`,
          cancelUrl: `${location.origin}/compute/payment?paypal=cancel&amount=${encodeURIComponent(amount.trim())}`,
        },
      }),
    onSuccess: ({ order }) => {
      // This history entry is what Back returns to: it keeps the amount.
      navigate(`/compute/payment?amount=${encodeURIComponent(amount.trim())}`, true);
      location.assign(order.approveUrl);
    },
  });
  // Restored from the back/forward cache after leaving for PayPal: the button works again.
  useEffect(() => {
    const onShow = (e: PageTransitionEvent) => e.persisted && pay.reset();
    window.addEventListener('pageshow', onShow);
    return () => window.removeEventListener('pageshow', onShow);
  }, [pay]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (!inputError && quote.data && !settling) pay.mutate();
  };
  const q = quote.data;
  return (
    <form onSubmit={submit} noValidate className="topup-form">
      <Field
        id="topup-amount"
        label="Amount (USD) — 1 USD buys 1 credit"
        error={touched || amount !== '100' ? inputError : null}
        hint={
          q
            ? `Between ${formatMoney({ amount: q.minimum.amount, unit: 'USD' })} and ${formatMoney({ amount: q.maximum.amount, unit: 'USD' })}.`
            : undefined
        }
      >
        <div className="input-prefix">
          <span aria-hidden="true">$</span>
          <input
            id="topup-amount"
            inputMode="decimal"
            autoComplete="off"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            onBlur={() => setTouched(true)}
            aria-invalid={!!inputError}
            aria-describedby="topup-amount-error topup-amount-hint"
          />
        </div>
      </Field>
      <div className="summary" aria-live="polite" data-testid="topup-summary">
        <h3>Order summary</h3>
        {!valid ? (
          <p className="muted">
            {inputError
              ? 'The fee and total appear once the amount above is corrected.'
              : 'Enter an amount to see the fee and total.'}
          </p>
        ) : quote.isPending || settling ? (
          <Spinner label="Updating…" />
        ) : quote.isError && !(quote.error instanceof ApiError && quote.error.status === 400) ? (
          <ErrorBox error={quote.error} onRetry={() => void quote.refetch()} />
        ) : q ? (
          <TopUpSummary
            quote={q}
            fee={{ label: 'PayPal fee (4.4% + $0.30)', value: <Amount money={q.fee} />, testId: 'topup-fee' }}
            total={{ label: 'You pay', value: <Amount money={q.total} />, testId: 'topup-total' }}
          />
        ) : null}
      </div>
      <button
        type="submit"
        className="primary"
        disabled={pay.isPending || pay.isSuccess || !q || settling || !!inputError}
      >
        {pay.isPending || pay.isSuccess ? (
          <Spinner label="Opening PayPal…" />
        ) : q ? (
          `Pay ${formatMoney(q.total)} with PayPal`
        ) : (
          'Pay with PayPal'
        )}
      </button>
      {pay.isError && <ErrorBox error={pay.error} />}
    </form>
  );
}
