import { acct, api } from '../shared/api';
import { useQuery } from '@tanstack/react-query';
import { useAccount } from '../shared/session';
import type { Balance, Overview, Runway } from '../shared/api-types';

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

export interface TerminationPreview {
  asOf: string;
  terminatesAt: string | null;
  balance: { amount: string; unit: string };
  hourlyStorageFee: { amount: string; unit: string };
  instances: {
    instanceId: string;
    instanceType: string;
    status: 'running' | 'stopped';
    diskGb: number;
    terminatesAt: string;
    reason: string;
  }[];
}

/** Which instances would be terminated, and when, at the current burn (refreshed every minute). */
export function useTerminationPreview() {
  const { accountId } = useAccount();
  return useQuery({
    queryKey: ['termination-preview', accountId],
    queryFn: () => api<TerminationPreview>('GET', `${acct(accountId)}/termination-preview`),
    refetchInterval: 60_000,
  });
}
