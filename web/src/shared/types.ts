import type { Money } from './decimal';

export interface Balance {
  unit: string;
  balance: string;
  held: string;
  available: string;
}

export interface Transaction {
  id: string;
  accountId: string;
  kind: 'payment' | 'charge' | 'promotion' | 'refund' | 'other';
  amount: Money;
  description: string;
  metadata: Record<string, string>;
  createdAt: string;
  /** invoice: the PDF of the document covering the row; null when no document does. */
  links: { invoice: string | null; explorer: string | null };
}

export interface TransactionPage {
  data: Transaction[];
  nextCursor: string | null;
}

export interface TopUpQuote {
  amount: Money;
  fee: Money;
  total: Money;
  credits: Money;
  promotion: { id: string; name: string; bonus: Money } | null;
  minimum: Money;
  maximum: Money;
}

export interface TopUpOrder {
  id: string;
  status: string;
  statusDetail: string | null;
  amount: Money;
  fee: Money;
  total: Money;
  credits: Money;
  paypalOrderId: string;
  approveUrl: string;
}

export interface Overview {
  balance: string;
  available: string;
  used: string;
  toppedUp: string;
  promotions: string;
  refunded: string;
  usagePercent: string | null;
  days: { day: string; used: string; toppedUp: string }[];
}

export interface InvoiceSettings {
  source: 'invoice_settings' | 'account';
  version: number | null;
  name: string | null;
  email: string | null;
  address: string | null;
  taxInformation: string | null;
  effectiveAt: string | null;
}

export interface AlertSettings {
  lowBalance: Money | null;
  lowRemainingHours: number | null;
  emails: string[];
  emailSource: 'settings' | 'account';
  webhook: { url: string; secretSet: boolean } | null;
  updatedAt: string | null;
}

export interface Instance {
  id: string;
  instanceType: string;
  diskGb: number;
  status: 'running' | 'stopped' | 'terminated';
  autoRenew: boolean;
  computeRatePerHour: Money;
  hourlyStorageFee: Money;
  currentPeriodEnd: string;
  terminatedAt: string | null;
  stoppedAt: string | null;
}

export interface RenderJob {
  id: string;
  jobId: string;
  status: string;
  statusLabel: string;
  pauseReason: string | null;
  required: Money | null;
  tasks: { running: number; completed: number; failed: number };
  updatedAt: string;
}

export interface Runway {
  available: Money;
  hourlyBurn: Money;
  remainingHours: string | null;
}
