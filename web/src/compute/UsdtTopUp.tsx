import { type FormEvent, useState } from 'react';
import { ApiError } from '../shared/api';
import { formatDecimal, formatMoney } from '../shared/decimal';
import { errorSentence } from '../shared/errors';
import { Field, Spinner } from '../shared/ui';
import { TopUpSummary } from './TopUpSummary';
import { DepositProgress } from './UsdtDepositProgress';
import { type Instructions, type Phase, usdtErrorSentence } from './usdt-wallet';
import { useUsdtInstructions, useUsdtPayment, useUsdtQuote } from './useUsdtTopUp';

/**
 * A USDT top-up from the signed-in wallet. With Pictor's relayer (instructions.relay), the wallet
 * signs an EIP-3009 transfer authorization and Pictor sends it, paying the network fee; without,
 * the wallet sends an ordinary ERC-20 transfer and pays it. Then the deposit is followed until the
 * credits arrive (UsdtDepositProgress).
 */
export function UsdtTopUp() {
  const instructions = useUsdtInstructions();
  if (instructions.isPending) return <Spinner />;
  if (instructions.isError) return <UsdtUnavailable error={instructions.error} />;
  return <UsdtTopUpForm info={instructions.data} />;
}

function UsdtUnavailable({ error }: { error: Error }) {
  return error instanceof ApiError && error.code === 'usdt_not_configured' ? (
    <p className="notice" role="note">
      USDT top-ups are not available on this server. Use PayPal instead.
    </p>
  ) : (
    <div className="error-box" role="alert">
      {errorSentence(error)}
    </div>
  );
}

function UsdtTopUpForm({ info }: { info: Instructions }) {
  const [amount, setAmount] = useState('100');
  const [touched, setTouched] = useState(false);
  const { parsed, quote, inputError } = useUsdtQuote(amount);
  const { pay, phase, start, again } = useUsdtPayment(info);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (!inputError && parsed.ok && !pay.isPending && !pay.isSuccess) start(parsed.value);
  };
  return (
    <form onSubmit={submit} noValidate className="topup-form" data-testid="usdt-topup">
      <Field
        id="usdt-amount"
        label="Amount (USDT) — 1 USDT = 1 credit, no fee"
        error={touched || amount !== '100' ? inputError : null}
      >
        <input
          id="usdt-amount"
          inputMode="decimal"
          autoComplete="off"
          value={amount}
          disabled={pay.isPending || pay.isSuccess}
          onChange={(e) => setAmount(e.target.value)}
          onBlur={() => setTouched(true)}
          aria-invalid={!!inputError}
          aria-describedby="usdt-amount-error"
        />
      </Field>
      <div className="summary" aria-live="polite" data-testid="usdt-summary">
        {parsed.ok && quote.data && !inputError ? (
          <TopUpSummary
            quote={quote.data}
            fee={{
              label: 'Network fee',
              value: info.relay
                ? 'Paid by Pictor'
                : info.networkFeeRefund
                  ? `Paid by your wallet, refunded as credits (up to ${formatMoney(info.networkFeeRefund.cap)})`
                  : 'Paid by your wallet (gas)',
              testId: 'usdt-network-fee',
            }}
            total={{ label: 'You send', value: `${formatDecimal(parsed.value)} USDT` }}
          />
        ) : null}
      </div>
      <UsdtFeeLine info={info} />
      {!pay.isSuccess && (
        <PayButton
          pending={pay.isPending}
          phase={phase}
          amount={parsed.ok ? parsed.value : null}
          blocked={!!inputError}
        />
      )}
      {pay.isError && (
        <div className="error-box" role="alert" data-testid="usdt-error">
          {usdtErrorSentence(pay.error)}
        </div>
      )}
      {pay.isSuccess && (
        <DepositProgress sent={pay.data} confirmations={info.confirmations} onAgain={again} />
      )}
    </form>
  );
}

function UsdtFeeLine({ info }: { info: Instructions }) {
  return (
    <p className="muted small">
      {info.relay
        ? 'Your wallet signs the transfer; Pictor sends it and pays the network fee. No ETH needed.'
        : info.networkFeeRefund
          ? `Your wallet sends the transfer and pays the network fee (gas); Pictor refunds it as credits when the deposit is credited, up to ${formatMoney(info.networkFeeRefund.cap)} per deposit.`
          : 'Your wallet sends the transfer and pays the network fee (gas).'}{' '}
      Credits arrive after {info.confirmations} confirmations.
    </p>
  );
}

function PayButton({
  pending,
  phase,
  amount,
  blocked,
}: {
  pending: boolean;
  phase: Phase;
  amount: string | null;
  blocked: boolean;
}) {
  return (
    <button type="submit" className="primary" disabled={pending || blocked || amount === null}>
      {pending ? (
        <Spinner label={PHASE_LABEL[phase]} />
      ) : amount !== null ? (
        `Pay ${formatDecimal(amount)} USDT from your wallet`
      ) : (
        'Pay with USDT'
      )}
    </button>
  );
}

const PHASE_LABEL: Record<Phase, string> = {
  connecting: 'Waiting for your wallet…',
  signing: 'Sign the transfer in your wallet…',
  sending: 'Sending your transfer…',
  confirming: 'Confirm the transaction in your wallet…',
};

/** Who pays a USDT top-up's network fee on this server, stated only as it is. */
export function UsdtFeeNote() {
  const instructions = useUsdtInstructions();
  if (instructions.isPending) return null;
  if (!instructions.data) return <>not available on this server.</>;
  const { relay, networkFeeRefund } = instructions.data;
  if (relay) return <>Pictor pays the network fee: your wallet signs, Pictor sends the transaction.</>;
  if (networkFeeRefund) {
    return (
      <>
        your wallet pays the network fee (gas) and Pictor refunds it as credits, up to{' '}
        {formatMoney(networkFeeRefund.cap)} per deposit.
      </>
    );
  }
  return <>your wallet pays the network fee (gas).</>;
}
