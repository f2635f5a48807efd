import { acct, api } from '../shared/api';
import { useQuery } from '@tanstack/react-query';
import { useAccount } from '../shared/session';
import type { Balance, Overview, Runway, TerminationPreview } from '../shared/api-types';

export function useBalances() {
  const { accountId } = useAccount();
  return useQuery({
    queryKey: ['balances', accountId],
    queryFn: () => api<{ balances: Balance[] }>('GET', `${acct(accountId)}/balances`),
  });
}

export function useRunway() {
  const { accountId } = useAccount();
  return useQuery({
    queryKey: ['runway', accountId],
    queryFn: () => api<Runway>('GET', `${acct(accountId)}/runway`),
  });
}

export function useOverview() {
  const { accountId } = useAccount();
  return useQuery({
    queryKey: ['overview', accountId],
    queryFn: () => api<Overview>('GET', `${acct(accountId)}/billing-overview?unit=CREDIT&days=30`),
  });
}

export type { TerminationPreview };

/** Which instances would be terminated, and when, at the current burn (refreshed every minute). */
export function useTerminationPreview() {
  const { accountId } = useAccount();
  return useQuery({
    queryKey: ['termination-preview', accountId],
    queryFn: () => api<TerminationPreview>('GET', `${acct(accountId)}/termination-preview`),
    refetchInterval: 60_000,
  });
}
