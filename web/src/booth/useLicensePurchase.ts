import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { answer, ApiError, client, idempotencyKey } from '../shared/api';
import type { LicenseQuote, Period, Purchased, Tier } from '../shared/api-types';
import { useDebounced } from '../shared/hooks';
import { useAccount } from '../shared/session';
import {
  type LicenseChoice,
  couponRefused,
  couponStatus,
  isValidQuantity,
  parseQuantity,
  quotePrices,
  sameChoice,
} from './license-purchase';

/** The live order summary: asked again once the choice has stopped changing for 250 ms. */
function useLicenseQuote(accountId: string, request: LicenseChoice) {
  return useQuery({
    queryKey: ['license-quote', accountId, request],
    queryFn: ({ signal }) =>
      answer(
        client.POST('/v1/accounts/{accountId}/licenses/quote', {
          params: { path: { accountId } },
          body: request,
          signal,
        }),
      ),
    enabled: isValidQuantity(request.quantity),
    placeholderData: (previous) => previous,
  });
}

/**
 * Buying licenses at the quoted total: the key names the intent and the exact quote, so a double
 * click or a retry of the same quote charges once, and a new quote is a new purchase. A changed or
 * expired price asks for the quote again.
 */
function useBuyLicenses(
  accountId: string,
  request: LicenseChoice,
  { onDone, onStaleQuote }: { onDone: (p: Purchased) => void; onStaleQuote: () => void },
) {
  const queryClient = useQueryClient();
  const [key] = useState(() => idempotencyKey('licenses'));
  return useMutation({
    mutationFn: (q: LicenseQuote) =>
      answer(
        client.POST('/v1/accounts/{accountId}/licenses', {
          params: { path: { accountId } },
          headers: {
            'idempotency-key': `${key}-${q.product}-${q.period}-${q.quantity}-${request.couponCode ?? ''}-${q.total.amount}-${q.pricedAt}`,
          },
          body: { ...request, expectedTotal: { amount: q.total.amount, unit: 'USD' }, pricedAt: q.pricedAt },
        }),
      ),
    onSuccess: (p) => {
      void queryClient.invalidateQueries();
      onDone(p);
    },
    onError: (error) => {
      if (error instanceof ApiError && (error.code === 'price_changed' || error.code === 'quote_expired'))
        onStaleQuote();
    },
  });
}

/**
 * The purchase dialog's state: the choice, its quote, the purchase, and whether the quote on screen
 * prices what is chosen now (`freshQuote`; only then can the customer pay).
 */
export function useLicensePurchase(onDone: (p: Purchased) => void) {
  const { accountId } = useAccount();
  const [period, setPeriod] = useState<Period>('monthly');
  const [tier, setTier] = useState<Tier>('pro');
  const [quantityText, setQuantityText] = useState('1');
  const [coupon, setCoupon] = useState('');
  const quantity = parseQuantity(quantityText);
  const couponCode = coupon.trim() || undefined;
  // One object per distinct choice: a fresh literal each render would restart useDebounced's wait and,
  // 250 ms later, set its state to an equal but new object: a re-render every 250 ms, forever.
  const choice = useMemo<LicenseChoice>(
    () => ({ product: tier, period, quantity, couponCode }),
    [tier, period, quantity, couponCode],
  );
  const request = useDebounced(choice, 250);
  const quote = useLicenseQuote(accountId, request);
  const retryQuote = () => void quote.refetch();
  const purchase = useBuyLicenses(accountId, request, { onDone, onStaleQuote: retryQuote });
  const q = quote.data;
  const settled = sameChoice(request, choice) && !quote.isFetching;
  const freshQuote = q && settled && quotePrices(q, choice) ? q : undefined;
  return {
    choice: { period, tier, quantityText, coupon },
    choose: { setPeriod, setTier, setQuantityText, setCoupon },
    validQuantity: isValidQuantity(quantity),
    quote,
    retryQuote,
    freshQuote,
    couponStatus: couponStatus(coupon, freshQuote),
    couponRefused: couponRefused(coupon, freshQuote),
    purchase,
  };
}

export type LicensePurchase = ReturnType<typeof useLicensePurchase>;
