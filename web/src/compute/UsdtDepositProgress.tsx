import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { answer, client } from '../shared/api';
import type { GetAnswer } from '../shared/api-types';
import { useAccount } from '../shared/session';
import { Amount } from '../shared/ui';
import { formatMoney } from '../shared/format';
import type { Sent } from './usdt-wallet';

type DepositPage = GetAnswer<'/v1/accounts/{accountId}/deposits'>;

/**
 * Who paid the gas, as the receipt says it: Pictor's relayer (with the ETH it paid), or the
 * wallet, refunded as credits ("Network fee sponsored") or not.
 */
function feeSentence(fee: DepositPage['data'][number]['networkFee']): string {
  if (fee.paidBy === 'sender') {
    return fee.refund
      ? `Network fee sponsored: ${formatMoney(fee.refund.credits)} refunded.`
      : 'Your wallet paid the network fee (gas).';
  }
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
export function DepositProgress({
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
    queryFn: () =>
      answer(
        client.GET('/v1/accounts/{accountId}/deposits', {
          params: { path: { accountId }, query: { limit: 20 } },
        }),
      ),
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
