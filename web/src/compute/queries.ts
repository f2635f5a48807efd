import { answer, client } from '../shared/api';
import { useQuery } from '@tanstack/react-query';
import { useAccount } from '../shared/session';
import type { TerminationPreview } from '../shared/api-types';

export function useBalances() {
  const { accountId } = useAccount();
  return useQuery({
    queryKey: ['balances', accountId],
    queryFn: () =>
      answer(client.GET('/v1/accounts/{accountId}/balances', { params: { path: { accountId } } })),
  });
}

export function useRunway() {
  const { accountId } = useAccount();
  return useQuery({
    queryKey: ['runway', accountId],
    queryFn: () => answer(client.GET('/v1/accounts/{accountId}/runway', { params: { path: { accountId } } })),
  });
}

export function useOverview() {
  const { accountId } = useAccount();
  return useQuery({
    queryKey: ['overview', accountId],
    queryFn: () =>
      answer(
        client.GET('/v1/accounts/{accountId}/billing-overview', {
          params: { path: { accountId }, query: { unit: 'CREDIT', days: 30 } },
        }),
      ),
  });
}

export type { TerminationPreview };

/** Which instances would be terminated, and when, at the current burn (refreshed every minute). */
export function useTerminationPreview() {
  const { accountId } = useAccount();
  return useQuery({
    queryKey: ['termination-preview', accountId],
    queryFn: () =>
      answer(client.GET('/v1/accounts/{accountId}/termination-preview', { params: { path: { accountId } } })),
    refetchInterval: 60_000,
  });
}
