import { useState } from 'react';
import { useLocation } from '../shared/router';
import { Amount, Spinner, Tabs } from '../shared/ui';
import { isMissingRoute, useTokenWallet } from './common';
import { ActivityCard } from './ActivityCard';
import { InvoicesTab } from './InvoicesTab';
import { InvoiceSettingsTab } from '../shared/InvoiceSettingsTab';
import { LicensesTab } from './LicensesTab';
import { PaymentMethodsTab } from './PaymentMethodsTab';
import { TokenTopUpModal, TokensTab } from './TokensTab';

const TABS = [
  { id: 'licenses', label: 'Licenses' },
  { id: 'payment', label: 'Payment' },
  { id: 'invoices', label: 'Invoices' },
  { id: 'tokens', label: 'Tokens' },
  { id: 'invoice-settings', label: 'Invoice Settings' },
];

/** The booth line's Billing area: tabs Licenses, Payment, Invoices, Tokens, Invoice Settings (the account's one billing profile, shared with Compute); tokens + Top Up always top right. */
export function BoothPage() {
  const { path } = useLocation();
  const tab = TABS.find((t) => path === `/booth/${t.id}`)?.id ?? 'licenses';
  const [topUp, setTopUp] = useState(false);
  return (
    <div className="page">
      <div className="page-head">
        <h1>Billing</h1>
        <TokenCorner onTopUp={() => setTopUp(true)} />
      </div>
      <Tabs base="/booth" tabs={TABS} current={tab} />
      <div role="tabpanel" aria-label={TABS.find((t) => t.id === tab)!.label}>
        {tab === 'licenses' && <LicensesTab />}
        {tab === 'payment' && <PaymentMethodsTab />}
        {tab === 'invoices' && (
          <div className="stack">
            <InvoicesTab />
            <ActivityCard />
          </div>
        )}
        {tab === 'tokens' && <TokensTab onTopUp={() => setTopUp(true)} />}
        {tab === 'invoice-settings' && <InvoiceSettingsTab />}
      </div>
      {topUp && <TokenTopUpModal onClose={() => setTopUp(false)} />}
    </div>
  );
}

function TokenCorner({ onTopUp }: { onTopUp: () => void }) {
  const wallet = useTokenWallet();
  return (
    <div className="token-corner" aria-label="Token balance">
      <span className="muted small">Tokens</span>
      <span data-testid="token-balance">
        {wallet.isPending ? (
          <Spinner label="" />
        ) : wallet.isError ? (
          <span className="muted small">{isMissingRoute(wallet.error) ? 'n/a' : 'unavailable'}</span>
        ) : (
          <Amount money={wallet.data.available} />
        )}
      </span>
      <button type="button" className="primary small" onClick={onTopUp}>
        Top Up
      </button>
    </div>
  );
}
