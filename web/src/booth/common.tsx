import { useQuery } from '@tanstack/react-query';
import { answer, ApiError, client } from '../shared/api';
import { useAccount } from '../shared/session';
import type { PaymentMethod } from '../shared/api-types';

/** A 404 naming the route itself (not a resource) means this server has no such endpoint yet. */
export const isMissingRoute = (error: unknown) =>
  error instanceof ApiError && error.status === 404 && error.code === 'route_not_found';

export function NotAvailable({ what }: { what: string }) {
  return (
    <p className="notice" role="note">
      {what} is not available on this server yet (its API answers “no such route”). Everything else on this
      page works.
    </p>
  );
}

export function useTokenWallet() {
  const { accountId } = useAccount();
  return useQuery({
    queryKey: ['tokens', accountId],
    queryFn: () => answer(client.GET('/v1/accounts/{accountId}/tokens', { params: { path: { accountId } } })),
  });
}

export const TIER_LABEL: Record<string, string> = {
  basic: 'Basic',
  pro: 'Pro',
  premium: 'Premium',
  enterprise: 'Enterprise add-on',
};
export const PERIOD_LABEL: Record<string, string> = { monthly: 'Monthly', annual: 'Annual' };

/** The saved cards (shared with the Payment tab's list), and the one that pays. */
export function usePaymentMethods() {
  const { accountId } = useAccount();
  return useQuery({
    queryKey: ['payment-methods', accountId],
    queryFn: () =>
      answer(client.GET('/v1/accounts/{accountId}/payment-methods', { params: { path: { accountId } } })),
  });
}

export const cardLabel = (c: Pick<PaymentMethod, 'brand' | 'last4'>) =>
  `${c.brand.charAt(0).toUpperCase()}${c.brand.slice(1)} ···· ${c.last4}`;
