import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { ApiError, answer, client, idempotencyKey } from '../shared/api';
import { toMicros } from '../shared/decimal';
import { errorSentence } from '../shared/errors';
import { useDebounced } from '../shared/hooks';
import { useAccount } from '../shared/session';
import { parseAmount } from '../shared/validate';
import {
  type Instructions,
  type Phase,
  type Sent,
  checkWallet,
  microsText,
  sendTransfer,
  wallet,
} from './usdt-wallet';

export function useUsdtInstructions() {
  const { accountId } = useAccount();
  return useQuery({
    queryKey: ['usdt', accountId],
    queryFn: () =>
      answer(client.GET('/v1/accounts/{accountId}/top-ups/usdt', { params: { path: { accountId } } })),
  });
}

/** The amount typed, checked, and its quote (with the promotion it earns) once typing pauses. */
export function useUsdtQuote(amount: string) {
  const { accountId } = useAccount();
  const parsed = parseAmount(amount, { decimals: 2, what: 'an amount of USDT' });
  const settled = useDebounced(parsed.ok ? parsed.value : '', 300);
  const quote = useQuery({
    queryKey: ['quote', accountId, 'usdt', settled],
    queryFn: ({ signal }) =>
      answer(
        client.POST('/v1/accounts/{accountId}/top-ups/quote', {
          params: { path: { accountId } },
          body: { amount: { amount: settled, unit: 'USD' }, rail: 'usdt' },
          signal,
        }),
      ),
    enabled: settled !== '',
    staleTime: 30_000,
  });
  const inputError = !parsed.ok
    ? parsed.message
    : quote.error instanceof ApiError && quote.error.status === 400
      ? errorSentence(quote.error)
      : null;
  return { parsed, quote, inputError };
}

/**
 * Pays `amountMicros` from the connected wallet: through Pictor's relayer (the wallet signs an
 * EIP-3009 authorization) when the server has one, else by the wallet's own ERC-20 transfer.
 * One intent, one set of idempotency keys: a double click sends once.
 */
export function useUsdtPayment(instructions: Instructions | undefined) {
  const { accountId } = useAccount();
  const queryClient = useQueryClient();
  const [phase, setPhase] = useState<Phase>('connecting');
  const intent = useRef(idempotencyKey('usdt'));
  const pay = useMutation({
    mutationFn: async (micros: bigint): Promise<Sent> => {
      const info = instructions!;
      setPhase('connecting');
      const from = await checkWallet(info, micros);
      if (!info.relay) return sendTransfer(info, from, micros, setPhase);
      const relay = await answer(
        client.POST('/v1/accounts/{accountId}/top-ups/usdt/authorizations', {
          params: { path: { accountId } },
          headers: { 'idempotency-key': `${intent.current}-${microsText(micros)}-prepare` },
          body: { from, amount: { amount: microsText(micros), unit: 'USDT' } },
        }),
      );
      setPhase('signing');
      const signature = (await wallet().request({
        method: 'eth_signTypedData_v4',
        params: [from, JSON.stringify(relay.typedData)],
      })) as string;
      setPhase('sending');
      const sent = await answer(
        client.POST('/v1/accounts/{accountId}/top-ups/usdt/authorizations/{relayId}/submit', {
          params: { path: { accountId, relayId: relay.id } },
          headers: { 'idempotency-key': `${intent.current}-${relay.id}-submit` },
          body: { signature },
        }),
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
  const start = (amount: string) => pay.mutate(toMicros(amount));
  return { pay, phase, start, again };
}
