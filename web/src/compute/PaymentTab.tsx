import { type FormEvent, useState } from 'react';
import type { TopUpQuote } from '../shared/api-types';
import { formatDecimal, formatMoney } from '../shared/decimal';
import { Amount, Card, ErrorBox, Field, Spinner, QueryView } from '../shared/ui';
import { AlertsSummaryCard } from './AlertSettingsCard';
import { PayPalReturn } from './PayPalReturn';
import { isAmountRefusal } from './paypal-topup';
import { useBalances, useRunway } from './queries';
import { TopUpSummary } from './TopUpSummary';
import { usePayPalAmount, usePayPalOrder } from './usePayPalTopUp';
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

function PayPalTopUp() {
  const entry = usePayPalAmount();
  const { quote, settling, inputError } = entry;
  const pay = usePayPalOrder(entry.amount, entry.value);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    entry.touch();
    if (!inputError && quote.data && !settling) pay.mutate();
  };
  const q = quote.data;
  const opening = pay.isPending || pay.isSuccess;
  return (
    <form onSubmit={submit} noValidate className="topup-form">
      <UsdAmountField
        amount={entry.amount}
        onChange={entry.setAmount}
        onBlur={entry.touch}
        error={entry.touched || entry.amount !== '100' ? inputError : null}
        quote={q}
      />
      <PayPalOrderSummary entry={entry} />
      <button type="submit" className="primary" disabled={opening || !q || settling || !!inputError}>
        {opening ? (
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

/** The amount in USD, with the limits as a hint once a quote has named them. */
function UsdAmountField(props: {
  amount: string;
  onChange: (amount: string) => void;
  onBlur: () => void;
  error: string | null;
  quote: TopUpQuote | undefined;
}) {
  const q = props.quote;
  return (
    <Field
      id="topup-amount"
      label="Amount (USD) — 1 USD buys 1 credit"
      error={props.error}
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
          value={props.amount}
          onChange={(e) => props.onChange(e.target.value)}
          onBlur={props.onBlur}
          aria-invalid={!!props.error}
          aria-describedby="topup-amount-error topup-amount-hint"
        />
      </div>
    </Field>
  );
}

/** The fee and total before paying; when there are none, why (nothing typed, or a mistake to fix). */
function PayPalOrderSummary({ entry }: { entry: ReturnType<typeof usePayPalAmount> }) {
  const { quote, valid, settling, inputError } = entry;
  const q = quote.data;
  return (
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
      ) : quote.isError && !isAmountRefusal(quote.error) ? (
        <ErrorBox error={quote.error} onRetry={() => void quote.refetch()} />
      ) : q ? (
        <TopUpSummary
          quote={q}
          fee={{ label: 'PayPal fee (4.4% + $0.30)', value: <Amount money={q.fee} />, testId: 'topup-fee' }}
          total={{ label: 'You pay', value: <Amount money={q.total} />, testId: 'topup-total' }}
        />
      ) : null}
    </div>
  );
}
