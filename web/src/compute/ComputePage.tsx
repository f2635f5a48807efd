import { useLocation } from '../shared/router';
import { Tabs } from '../shared/ui';
import { BillingTab } from './BillingTab';
import { InstancesTab } from './InstancesTab';
import { InvoiceSettingsTab } from '../shared/InvoiceSettingsTab';
import { PaymentTab } from './PaymentTab';
import { RenderJobsTab } from './RenderJobsTab';
import { TerminationBanner } from './TerminationBanner';

const TABS = [
  { id: 'payment', label: 'Payment' },
  { id: 'billing', label: 'Billing' },
  { id: 'invoice-settings', label: 'Invoice Settings' },
  { id: 'instances', label: 'GPU Instances' },
  { id: 'render-jobs', label: 'Render Jobs' },
];

/** The compute line's Payment & Billing page: Payment, Billing, Invoice Settings, then the services: GPU Instances and Render Jobs. */
export function ComputePage() {
  const { path } = useLocation();
  const tab = TABS.find((t) => path === `/compute/${t.id}`)?.id ?? 'payment';
  return (
    <div className="page">
      <div className="page-head">
        <h1>Payment &amp; Billing</h1>
      </div>
      <TerminationBanner />
      <Tabs base="/compute" tabs={TABS} current={tab} />
      <div role="tabpanel" aria-label={TABS.find((t) => t.id === tab)!.label}>
        {tab === 'payment' && <PaymentTab />}
        {tab === 'billing' && <BillingTab />}
        {tab === 'invoice-settings' && <InvoiceSettingsTab />}
        {tab === 'instances' && <InstancesTab />}
        {tab === 'render-jobs' && <RenderJobsTab />}
      </div>
    </div>
  );
}
