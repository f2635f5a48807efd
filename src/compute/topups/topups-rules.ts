/**
 * The top-ups' entities as their store, use cases and routes pass them around (docs/architecture.md,
 * "Entity types"). Pure: no I/O.
 */

export type TopUpOrderStatus = 'created' | 'approved' | 'captured' | 'declined' | 'pending';

export type OrderRail = 'paypal' | 'sandbox';

/** A PayPal (or sandbox PayPal) top-up order: A credits bought for A + fee USD. */
export interface TopUpOrderRecord {
  id: string;
  accountId: string;
  rail: OrderRail;
  amountMicros: bigint;
  feeMicros: bigint;
  totalMicros: bigint;
  currency: 'USD';
  providerOrderId: string;
  approveUrl: string;
  status: TopUpOrderStatus;
  statusDetail: string | null;
  captureId: string | null;
  captureAttempt: number;
  createdAt: Date;
  updatedAt: Date;
}
