import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { answer, client, idempotencyKey } from '../shared/api';
import type { TopUpQuote } from '../shared/api-types';
import { useDebounced } from '../shared/hooks';
import { navigate, useLocation } from '../shared/router';
import { useAccount } from '../shared/session';
import { parseAmount } from '../shared/validate';
import { type Limits, amountProblem, paypalReturnUrls, refusalSentence } from './paypal-topup';

/** The quote for `request` (a checked amount, or '' when there is none yet), after typing pauses. */
function useQuote(request: string, rail: 'paypal' | 'usdt') {
  const { accountId } = useAccount();
  const settled = useDebounced(request, 300);
  // What is typed now decides whether there is anything to show; the settled value is what is asked.
  const valid = request !== '';
  const quote = useQuery({
    queryKey: ['quote', accountId, rail, settled],
    queryFn: ({ signal }) =>
      answer(
        client.POST('/v1/accounts/{accountId}/top-ups/quote', {
          params: { path: { accountId } },
          body: { amount: { amount: settled, unit: 'USD' }, rail },
          signal,
        }),
      ),
    enabled: settled !== '',
    staleTime: 30_000,
  });
  return { quote, valid, settling: settled !== request, settled };
}

/** The top-up limits, once any quote has named them, so the page can say so before asking. */
function useLimits(q: TopUpQuote | undefined) {
  const [limits, setLimits] = useState<Limits | null>(null);
  useEffect(() => {
    if (q && (limits?.min !== q.minimum.amount || limits?.max !== q.maximum.amount))
      setLimits({ min: q.minimum.amount, max: q.maximum.amount });
  }, [q, limits]);
  return limits;
}

/** The amount as typed, its checked value, the quote for it and the one sentence about it. */
export function usePayPalAmount() {
  const { search } = useLocation();
  // Back from PayPal (browser Back or PayPal's cancel link) shows the amount the customer chose.
  const [amount, setAmount] = useState(() => search.get('amount') ?? '100');
  const [touched, setTouched] = useState(false);
  // Zero is let through to the limits check, which names the smallest top-up.
  const parsed = parseAmount(amount, {
    decimals: 2,
    what: 'an amount in USD',
    currency: true,
    allowZero: true,
  });
  const [lastQuote, setLastQuote] = useState<TopUpQuote | undefined>(undefined);
  const limits = useLimits(lastQuote);
  const localError = amountProblem(parsed, limits);
  const { quote, valid, settling } = useQuote(parsed.ok && !localError ? parsed.value : '', 'paypal');
  useEffect(() => {
    if (quote.data) setLastQuote(quote.data);
  }, [quote.data]);
  return {
    amount,
    setAmount,
    touched,
    touch: () => setTouched(true),
    value: parsed.ok ? parsed.value : '',
    quote,
    valid,
    settling,
    inputError: localError ?? refusalSentence(quote.error),
  };
}

/**
 * Opening the PayPal order for `value` and leaving for PayPal. One Idempotency-Key per amount: a
 * double click opens one order.
 */
export function usePayPalOrder(typed: string, value: string) {
  const { accountId } = useAccount();
  const [key] = useState(() => idempotencyKey('paypal'));
  const urls = paypalReturnUrls(location.origin, typed);
  const pay = useMutation({
    mutationFn: () =>
      answer(
        client.POST('/v1/accounts/{accountId}/top-ups/paypal', {
          params: { path: { accountId } },
          headers: { 'idempotency-key': `${key}-${value}` },
          body: {
            amount: { amount: value, unit: 'USD' },
            returnUrl: urls.returnUrl,
            cancelUrl: urls.cancelUrl,
          },
        }),
      ),
    onSuccess: ({ order }) => {
      // This history entry is what Back returns to: it keeps the amount.
      navigate(urls.backPath, true);
      location.assign(order.approveUrl);
    },
  });
  // Restored from the back/forward cache after leaving for PayPal: the button works again.
  useEffect(() => {
    const onShow = (e: PageTransitionEvent) => e.persisted && pay.reset();
    window.addEventListener('pageshow', onShow);
    return () => window.removeEventListener('pageshow', onShow);
  }, [pay]);
  return pay;
}
