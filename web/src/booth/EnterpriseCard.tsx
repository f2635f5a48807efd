import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { answer, client, idempotencyKey } from '../shared/api';
import type { BoothStatus, LicenseQuote } from '../shared/api-types';
import { useAccount } from '../shared/session';
import { Amount, Card, ErrorBox, Spinner, StatusBadge, formatDate } from '../shared/ui';

const ENTITLEMENT_LABEL = {
  whiteLabel: 'White labeling',
  customDomain: 'Custom domain',
  brandedEmails: 'Branded delivery emails',
  dedicatedSupport: 'Dedicated support',
} as const;

const ENTERPRISE = { product: 'enterprise', period: 'annual', quantity: 1 } as const;

/**
 * Adding Enterprise: priced only once the customer asks (`confirming`), bought at that quote with
 * one key per card and quote, so a double click or a retry charges once.
 */
function useEnterprisePurchase() {
  const { accountId } = useAccount();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const quote = useQuery({
    queryKey: ['license-quote', accountId, ENTERPRISE],
    queryFn: ({ signal }) =>
      answer(
        client.POST('/v1/accounts/{accountId}/licenses/quote', {
          params: { path: { accountId } },
          body: ENTERPRISE,
          signal,
        }),
      ),
    enabled: confirming,
    retry: false,
  });
  const [key] = useState(() => idempotencyKey('enterprise'));
  const buy = useMutation({
    mutationFn: (q: LicenseQuote) =>
      answer(
        client.POST('/v1/accounts/{accountId}/licenses', {
          params: { path: { accountId } },
          headers: { 'idempotency-key': `${key}-${q.total.amount}-${q.pricedAt}` },
          body: {
            ...ENTERPRISE,
            expectedTotal: { amount: q.total.amount, unit: 'USD' },
            pricedAt: q.pricedAt,
          },
        }),
      ),
    onSuccess: () => {
      setConfirming(false);
      void queryClient.invalidateQueries();
    },
  });
  return { confirming, setConfirming, quote, buy };
}

type EnterprisePurchase = ReturnType<typeof useEnterprisePurchase>;

/** The Enterprise add-on: its state and renewal date, or a purchase at the quoted price. */
export function EnterpriseCard({ status }: { status: BoothStatus | undefined }) {
  const purchase = useEnterprisePurchase();
  const ent = status?.enterprise;
  if (!ent) return null;
  return (
    <Card title="Enterprise add-on">
      <div data-testid="enterprise">
        <EnterpriseState enterprise={ent} />
        {status?.entitlements && ent.status !== 'none' && <Entitlements granted={status.entitlements} />}
        {ent.status === 'none' && !purchase.confirming && (
          <button type="button" className="primary" onClick={() => purchase.setConfirming(true)}>
            Add Enterprise
          </button>
        )}
        {ent.status === 'none' && purchase.confirming && <EnterpriseConfirm purchase={purchase} />}
      </div>
    </Card>
  );
}

function EnterpriseState({ enterprise: ent }: { enterprise: BoothStatus['enterprise'] }) {
  if (ent.status === 'none')
    return (
      <p className="small">
        White labeling, a custom domain, branded delivery emails and dedicated support for the whole account,
        $1,500 a year. It needs an active Basic, Pro or Premium license.
      </p>
    );
  return (
    <p className="small">
      <StatusBadge
        status={ent.status === 'active' ? 'active' : 'expired'}
        label={ent.status === 'active' ? 'Active' : 'Suspended'}
      />{' '}
      {ent.status === 'active'
        ? ent.renewsAt
          ? `Renews ${formatDate(ent.renewsAt)}.`
          : 'Does not renew.'
        : 'It needs an active Basic, Pro or Premium license: buy or renew one to resume it.'}
    </p>
  );
}

function Entitlements({ granted }: { granted: BoothStatus['entitlements'] }) {
  return (
    <ul className="small">
      {(Object.keys(ENTITLEMENT_LABEL) as (keyof typeof ENTITLEMENT_LABEL)[]).map((k) => (
        <li key={k}>
          {ENTITLEMENT_LABEL[k]}: {granted[k] ? 'on' : 'off'}
        </li>
      ))}
    </ul>
  );
}

/** The quoted price and the card it is charged to; Buy stays off until priced and while it runs. */
function EnterpriseConfirm({ purchase: { quote, buy, setConfirming } }: { purchase: EnterprisePurchase }) {
  return (
    <div className="stack">
      {quote.isPending && <Spinner label="Pricing…" />}
      {quote.isError && <ErrorBox error={quote.error} />}
      {quote.data && (
        <p className="small">
          Enterprise add-on, 1 year: <Amount money={quote.data.total} />, charged to your default card.
        </p>
      )}
      {buy.isError && <ErrorBox error={buy.error} />}
      <span className="form-actions">
        <button
          type="button"
          className="primary"
          disabled={!quote.data || buy.isPending}
          onClick={() => quote.data && buy.mutate(quote.data)}
        >
          {buy.isPending ? <Spinner label="Buying…" /> : 'Buy Enterprise'}
        </button>
        <button type="button" className="secondary" onClick={() => setConfirming(false)}>
          Not now
        </button>
      </span>
    </div>
  );
}
