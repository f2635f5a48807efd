import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { answer, client } from '../shared/api';
import { navigate, useLocation } from '../shared/router';
import { useAccount } from '../shared/session';
import { Amount, ErrorBox, Spinner } from '../shared/ui';

/** Looks the order up by PayPal's token and captures it (the API credits it once however often). */
async function captureByToken(accountId: string, token: string) {
  const order = await answer(
    client.GET('/v1/accounts/{accountId}/top-ups/paypal-orders/by-token/{token}', {
      params: { path: { accountId, token } },
    }),
  );
  return answer(
    client.POST('/v1/accounts/{accountId}/top-ups/paypal/{orderId}/capture', {
      params: { path: { accountId, orderId: order.id } },
    }),
  );
}

/** The return URL read once: which notice is shown, the capture, and a retry of it. */
function usePayPalReturn() {
  const { accountId } = useAccount();
  const { search } = useLocation();
  const queryClient = useQueryClient();
  const [shown, setShown] = useState<'return' | 'cancel' | null>(null);
  const token = search.get('token');
  const outcome = search.get('paypal');
  const capture = useMutation({
    mutationFn: (paypalToken: string) => captureByToken(accountId, paypalToken),
    // The URL is cleaned once the payment is credited (not before: a reload while confirming asks
    // again, which the API answers with the same capture), so a later reload or Back shows nothing.
    onSuccess: () => navigate('/compute/payment', true),
    onSettled: () => void queryClient.invalidateQueries(),
  });
  const retryToken = useRef<string | null>(null);
  const handled = useRef<string | null>(null);
  useEffect(() => {
    if (outcome !== 'return' && outcome !== 'cancel') return;
    // React may run this effect twice for one URL (StrictMode); one return is one attempt.
    if (handled.current === `${outcome}:${token}`) return;
    handled.current = `${outcome}:${token}`;
    setShown(outcome);
    if (outcome === 'return' && token) {
      retryToken.current = token;
      capture.mutate(token);
    } else {
      const amount = search.get('amount');
      navigate(`/compute/payment${amount ? `?amount=${encodeURIComponent(amount)}` : ''}`, true);
    }
  }, [outcome, token, search, capture]);
  const retry = retryToken.current ? () => capture.mutate(retryToken.current!) : undefined;
  return { shown, dismiss: () => setShown(null), capture, retry };
}

/**
 * Back from PayPal (?paypal=return&token=…, in this tab or any other): the order is looked up by
 * PayPal's token through the API (so a closed tab or PayPal's phone app loses nothing), captured
 * (the API credits it once however often it is asked), and the URL is cleaned at once, so a reload
 * or Back neither repeats the message nor asks again.
 */
export function PayPalReturn() {
  const { shown, dismiss, capture, retry } = usePayPalReturn();
  const dismissButton = (
    <button type="button" className="link" onClick={dismiss}>
      Dismiss
    </button>
  );
  if (shown === 'cancel')
    return (
      <div className="notice" role="status">
        PayPal payment cancelled; nothing was charged. {dismissButton}
      </div>
    );
  if (shown !== 'return') return null;
  if (capture.isIdle)
    return (
      <div className="notice" role="status">
        PayPal sent you back without an order to confirm; nothing was charged. {dismissButton}
      </div>
    );
  if (capture.isPending)
    return (
      <div className="notice">
        <Spinner label="Confirming your PayPal payment…" />
      </div>
    );
  if (capture.isError) return <ErrorBox error={capture.error} onRetry={retry} />;
  const { payment, promotion } = capture.data;
  return (
    <div className="success" role="status" data-testid="topup-success">
      Payment received: <Amount money={payment.amount} signed /> added to your balance
      {promotion && (
        <>
          , plus a promotion bonus of <Amount money={promotion.amount} signed />
        </>
      )}
      . {dismissButton}
    </div>
  );
}
