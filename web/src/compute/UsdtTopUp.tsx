import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { decodeFunctionResult, encodeFunctionData, getAddress, isAddressEqual, parseAbi } from 'viem';
import { ApiError, acct, api, idempotencyKey } from '../shared/api';
import type { GetAnswer, PostAnswer, TopUpQuote } from '../shared/api-types';
import { formatDecimal, toMicros } from '../shared/decimal';
import { errorSentence } from '../shared/errors';
import { useDebounced } from '../shared/hooks';
import { useAccount } from '../shared/session';
import { Amount, Field, Spinner } from '../shared/ui';
import { parseAmount } from '../shared/validate';

type Instructions = GetAnswer<'/v1/accounts/{accountId}/top-ups/usdt'>;
type Relay = PostAnswer<'/v1/accounts/{accountId}/top-ups/usdt/authorizations'>;
type DepositPage = GetAnswer<'/v1/accounts/{accountId}/deposits'>;

const TOKEN = parseAbi([
  'function balanceOf(address) view returns (uint256)',
  'function transfer(address to, uint256 value) returns (bool)',
]);

/** A problem found in the page or the wallet, already worded for the customer. */
class WalletProblem extends Error {}

/** What the wallet (EIP-1193) said, as a sentence; API problems as the page words them. */
function usdtErrorSentence(error: unknown): string {
  if (error instanceof WalletProblem) return error.message;
  if (error instanceof ApiError) {
    const sentences: Record<string, string> = {
      relay_insufficient_usdt: 'Your wallet does not hold enough USDT for this top-up. Nothing was sent.',
      relay_authorization_expired:
        'The signed transfer expired before it was sent. Nothing moved; try again.',
      relay_authorization_used:
        'This signed transfer was already used. Check your balance before trying again.',
      relay_signature_invalid:
        'Your wallet signed something other than this transfer. Nothing moved; try again.',
      wallet_not_signed_in: 'USDT is accepted only from the wallet you sign in with.',
      chain_error: 'The network did not answer. Nothing was sent; try again in a minute.',
    };
    return sentences[error.code] ?? errorSentence(error);
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 4001) return 'You declined the request in your wallet. Nothing was sent.';
  if (code === -32002)
    return 'Your wallet already has a request open. Finish or close it in the wallet, then try again.';
  if (code === 4100)
    return 'Your wallet did not allow this page to use the account. Unlock it and try again.';
  return 'Your wallet could not complete the request. Nothing was sent; try again.';
}

const short = (address: string) => `${address.slice(0, 6)}…${address.slice(-4)}`;

function wallet() {
  const eth = window.ethereum;
  if (!eth)
    throw new WalletProblem(
      'No browser wallet found. Install a wallet extension such as MetaMask, or open this page in your wallet’s browser.',
    );
  return eth;
}

/** Connects, and checks the wallet is the signed-in one, on the right chain, holding the USDT. */
async function checkWallet(instructions: Instructions, amountMicros: bigint): Promise<`0x${string}`> {
  const eth = wallet();
  const accounts = (await eth.request({ method: 'eth_requestAccounts' })) as string[];
  if (!accounts[0]) throw new WalletProblem('Your wallet shared no account. Unlock it and try again.');
  const from = getAddress(accounts[0]);
  if (instructions.fromAddresses.length === 0)
    throw new WalletProblem(
      'Sign in with your wallet first: USDT is accepted only from the wallet this account signs in with.',
    );
  if (!instructions.fromAddresses.some((a) => isAddressEqual(a as `0x${string}`, from)))
    throw new WalletProblem(
      `Your wallet is connected with ${short(from)}, but this account signs in with ${instructions.fromAddresses.map(short).join(' or ')}. Switch accounts in your wallet and try again.`,
    );
  await checkChain(instructions.chainId);
  const data = await eth.request({
    method: 'eth_call',
    params: [
      {
        to: instructions.tokenAddress,
        data: encodeFunctionData({ abi: TOKEN, functionName: 'balanceOf', args: [from] }),
      },
      'latest',
    ],
  });
  const held = decodeFunctionResult({ abi: TOKEN, functionName: 'balanceOf', data: data as `0x${string}` });
  if (held < amountMicros)
    throw new WalletProblem(
      `Your wallet holds ${formatDecimal(microsText(held))} USDT; this top-up needs ${formatDecimal(microsText(amountMicros))} USDT.`,
    );
  return from;
}

async function checkChain(chainId: number): Promise<void> {
  const eth = wallet();
  const current = Number.parseInt((await eth.request({ method: 'eth_chainId' })) as string, 16);
  if (current === chainId) return;
  try {
    await eth.request({
      method: 'wallet_switchEthereumChain',
      params: [{ chainId: `0x${chainId.toString(16)}` }],
    });
  } catch (error) {
    if ((error as { code?: unknown }).code === 4001) throw error;
  }
  const after = Number.parseInt((await eth.request({ method: 'eth_chainId' })) as string, 16);
  if (after !== chainId)
    throw new WalletProblem(
      `Your wallet is on the wrong network (chain ${after}). Switch it to chain ${chainId} and try again.`,
    );
}

const microsText = (micros: bigint) =>
  `${micros / 1_000_000n}.${(micros % 1_000_000n).toString().padStart(6, '0')}`;

type Sent = { txHash: string; explorerUrl: string | null; sponsored: boolean };
type Phase = 'connecting' | 'signing' | 'sending' | 'confirming';

/**
 * A USDT top-up from the signed-in wallet. With Pictor's relayer (instructions.relay), the wallet
 * signs an EIP-3009 transfer authorization and Pictor sends it, paying the network fee; without,
 * the wallet sends an ordinary ERC-20 transfer and pays it. Then the deposit is followed until the
 * credits arrive. One intent, one set of idempotency keys: a double click sends once.
 */
export function UsdtTopUp() {
  const { accountId } = useAccount();
  const queryClient = useQueryClient();
  const [amount, setAmount] = useState('100');
  const [touched, setTouched] = useState(false);
  const [phase, setPhase] = useState<Phase>('connecting');
  const intent = useRef(idempotencyKey('usdt'));
  const parsed = parseAmount(amount, { decimals: 2, what: 'an amount of USDT' });
  const settled = useDebounced(parsed.ok ? parsed.value : '', 300);
  const quote = useQuery({
    queryKey: ['quote', accountId, 'usdt', settled],
    queryFn: ({ signal }) =>
      api<TopUpQuote>('POST', `${acct(accountId)}/top-ups/quote`, {
        body: { amount: { amount: settled, unit: 'USD' }, rail: 'usdt' },
        signal,
      }),
    enabled: settled !== '',
    staleTime: 30_000,
  });
  const instructions = useUsdtInstructions();
  const inputError = !parsed.ok
    ? parsed.message
    : quote.error instanceof ApiError && quote.error.status === 400
      ? errorSentence(quote.error)
      : null;

  const pay = useMutation({
    mutationFn: async (): Promise<Sent> => {
      const info = instructions.data!;
      const micros = toMicros(parsed.ok ? parsed.value : '0');
      setPhase('connecting');
      const from = await checkWallet(info, micros);
      if (!info.relay) return sendTransfer(info, from, micros, setPhase);
      const relay = await api<Relay>('POST', `${acct(accountId)}/top-ups/usdt/authorizations`, {
        idempotencyKey: `${intent.current}-${microsText(micros)}-prepare`,
        body: { from, amount: { amount: microsText(micros), unit: 'USDT' } },
      });
      setPhase('signing');
      const signature = (await wallet().request({
        method: 'eth_signTypedData_v4',
        params: [from, JSON.stringify(relay.typedData)],
      })) as string;
      setPhase('sending');
      const sent = await api<Relay>(
        'POST',
        `${acct(accountId)}/top-ups/usdt/authorizations/${encodeURIComponent(relay.id)}/submit`,
        { idempotencyKey: `${intent.current}-${relay.id}-submit`, body: { signature } },
      );
      return { txHash: sent.txHash!, explorerUrl: sent.explorerUrl, sponsored: true };
    },
    onError: (error) => {
      // A spent or expired authorization cannot be sent again: the next attempt prepares a new one.
      if (error instanceof ApiError && error.code.startsWith('relay_authorization'))
        intent.current = idempotencyKey('usdt');
    },
  });
  const again = () => {
    intent.current = idempotencyKey('usdt');
    pay.reset();
    void queryClient.invalidateQueries();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (!inputError && parsed.ok && instructions.data && !pay.isPending && !pay.isSuccess) pay.mutate();
  };

  if (instructions.isPending) return <Spinner />;
  if (instructions.isError)
    return instructions.error instanceof ApiError && instructions.error.code === 'usdt_not_configured' ? (
      <p className="notice" role="note">
        USDT top-ups are not available on this server. Use PayPal instead.
      </p>
    ) : (
      <div className="error-box" role="alert">
        {errorSentence(instructions.error)}
      </div>
    );
  const info = instructions.data;
  const q = quote.data;
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
        {parsed.ok && q && !inputError ? (
          <dl className="lines">
            <dt>Credits</dt>
            <dd>
              <Amount money={q.credits} />
            </dd>
            <dt>Network fee</dt>
            <dd data-testid="usdt-network-fee">
              {info.relay ? 'Paid by Pictor' : 'Paid by your wallet (gas)'}
            </dd>
            {q.promotion && (
              <>
                <dt>
                  Promotion: <span className="ellipsis">{q.promotion.name}</span>
                </dt>
                <dd className="pos">
                  <Amount money={q.promotion.bonus} signed />
                </dd>
              </>
            )}
            <dt className="total">You send</dt>
            <dd className="total">{formatDecimal(parsed.value)} USDT</dd>
          </dl>
        ) : null}
      </div>
      <p className="muted small">
        {info.relay
          ? 'Your wallet signs the transfer; Pictor sends it and pays the network fee. No ETH needed.'
          : 'Your wallet sends the transfer and pays the network fee (gas).'}{' '}
        Credits arrive after {info.confirmations} confirmations.
      </p>
      {!pay.isSuccess && (
        <button type="submit" className="primary" disabled={pay.isPending || !!inputError || !parsed.ok}>
          {pay.isPending ? (
            <Spinner label={PHASE_LABEL[phase]} />
          ) : parsed.ok ? (
            `Pay ${formatDecimal(parsed.value)} USDT from your wallet`
          ) : (
            'Pay with USDT'
          )}
        </button>
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
  return instructions.data.relay ? (
    <>Pictor pays the network fee: your wallet signs, Pictor sends the transaction.</>
  ) : (
    <>your wallet pays the network fee (gas).</>
  );
}

export function useUsdtInstructions() {
  const { accountId } = useAccount();
  return useQuery({
    queryKey: ['usdt', accountId],
    queryFn: () => api<Instructions>('GET', `${acct(accountId)}/top-ups/usdt`),
  });
}

/** Without a relayer: the wallet sends the ERC-20 transfer itself (and pays the gas). */
async function sendTransfer(
  info: Instructions,
  from: `0x${string}`,
  micros: bigint,
  setPhase: (p: Phase) => void,
): Promise<Sent> {
  setPhase('confirming');
  const txHash = (await wallet().request({
    method: 'eth_sendTransaction',
    params: [
      {
        from,
        to: info.tokenAddress,
        data: encodeFunctionData({
          abi: TOKEN,
          functionName: 'transfer',
          args: [info.depositAddress as `0x${string}`, micros],
        }),
      },
    ],
  })) as string;
  return { txHash, explorerUrl: null, sponsored: false };
}

/** Who paid the gas, as the receipt says it: Pictor's relayer (with the ETH it paid) or the wallet. */
function feeSentence(fee: DepositPage['data'][number]['networkFee']): string {
  if (!fee) return 'Your wallet paid the network fee (gas).';
  if (!fee.amount) return 'Network fee paid by Pictor.';
  return `Network fee paid by Pictor: ${fee.amount.amount.replace(/\.?0+$/, '')} ETH.`;
}

/** "Seen on chain: 2 of 3 confirmations." as the watcher last counted them (never more than required). */
function seenSentence(counted: DepositPage['data'][number]['confirmations'], configured: number): string {
  const required = counted.required ?? configured;
  if (counted.count === null) return `Seen on chain. Credits arrive after ${required} confirmations.`;
  return `Seen on chain: ${Math.min(counted.count, required)} of ${required} confirmations.`;
}

/** Follows the deposit of `sent.txHash`: submitted → seen → n of N confirmations → credited. */
function DepositProgress({
  sent,
  confirmations,
  onAgain,
}: {
  sent: Sent;
  confirmations: number;
  onAgain: () => void;
}) {
  const { accountId } = useAccount();
  const queryClient = useQueryClient();
  const deposits = useQuery({
    queryKey: ['deposits', accountId, sent.txHash],
    queryFn: () => api<DepositPage>('GET', `${acct(accountId)}/deposits?limit=20`),
    refetchInterval: (query) =>
      query.state.data?.data.some((d) => d.txHash === sent.txHash.toLowerCase() && d.status === 'credited')
        ? false
        : 2_000,
  });
  const deposit = deposits.data?.data.find((d) => d.txHash.toLowerCase() === sent.txHash.toLowerCase());
  const credited = deposit?.status === 'credited';
  useEffect(() => {
    if (credited) void queryClient.invalidateQueries();
  }, [credited, queryClient]);
  const link = sent.explorerUrl ?? deposit?.explorerUrl;
  return (
    <div className={credited ? 'success' : 'notice'} role="status" data-testid="usdt-progress">
      {credited && deposit.credit ? (
        <p data-testid="usdt-credited">
          <Amount money={deposit.credit} signed /> arrived in your balance. {feeSentence(deposit.networkFee)}
        </p>
      ) : deposit?.status === 'held_for_review' ? (
        <p>Your transfer arrived from a wallet we could not match; our team will review it.</p>
      ) : deposit ? (
        <p data-testid="usdt-confirmations">{seenSentence(deposit.confirmations, confirmations)}</p>
      ) : (
        <p>
          Transfer submitted{sent.sponsored ? ' by Pictor (network fee paid by Pictor)' : ''}. Waiting for it
          to appear on chain.
        </p>
      )}
      <p className="small">
        Transaction{' '}
        {link ? (
          <a href={link} target="_blank" rel="noreferrer" className="mono wrap" data-testid="usdt-tx">
            {sent.txHash}
          </a>
        ) : (
          <code className="wrap" data-testid="usdt-tx">
            {sent.txHash}
          </code>
        )}
      </p>
      {credited && (
        <button type="button" className="link" onClick={onAgain}>
          Top up again
        </button>
      )}
    </div>
  );
}
