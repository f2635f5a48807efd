import type { ReactNode } from 'react';
import { type Money, formatMoney } from '../shared/decimal';
import { navigate } from '../shared/router';
import { ConfirmPanel } from '../shared/confirm';
import { Spinner } from '../shared/ui';
import { cardLabel, usePaymentMethods } from './common';

/**
 * The confirmation before a saved card is charged: what is bought, the amount and the card that
 * pays it. Without a default card it says so and leads to the Payment tab instead.
 */
export function ChargeConfirm({
  what,
  amount,
  pending,
  error,
  onConfirm,
  onCancel,
}: {
  what: ReactNode;
  amount: Money;
  pending: boolean;
  error?: unknown;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const methods = usePaymentMethods();
  if (methods.isPending) return <Spinner />;
  const card = methods.data?.data.find((c) => c.isDefault);
  const price = formatMoney(amount);
  if (!card)
    return (
      <ConfirmPanel confirmLabel="" pending={false} onCancel={onCancel}>
        <p>
          {what} costs {price}, paid with your default card, and this account has none yet.{' '}
          <button type="button" className="link" onClick={() => navigate('/booth/payment')}>
            Add a card on the Payment tab
          </button>
        </p>
      </ConfirmPanel>
    );
  return (
    <ConfirmPanel
      confirmLabel={`Pay ${price}`}
      pendingLabel="Charging your card…"
      pending={pending}
      error={error}
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      <p data-testid="charge-summary">
        {what} for <strong className="num">{price}</strong>. Your default card,{' '}
        <strong>{cardLabel(card)}</strong>, will be charged <strong className="num">{price}</strong> now.
      </p>
    </ConfirmPanel>
  );
}
