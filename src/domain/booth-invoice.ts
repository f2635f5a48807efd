/**
 * Booth invoices: the documents of the booth line. Unlike compute invoices (one per ledger
 * transaction, numbered lazily), a booth invoice is an object with a lifecycle, as card billing
 * expects: draft → open (finalized: it gets its number) → paid | void | uncollectible.
 *
 * Numbers come from their own gapless series ("BTH-000001"), assigned at finalization: a draft
 * has no number, so a draft that is thrown away leaves no gap. A numbered invoice is never
 * deleted; one that should not be collected is voided.
 *
 * Amounts are USD micros in whole cents (money.ts). A line's amount is signed: discounts, coupons,
 * account credit and credits granted are negative. total = sum of lines, always.
 */

export const BOOTH_INVOICE_STATUSES = ['draft', 'open', 'paid', 'void', 'uncollectible'] as const;
export type BoothInvoiceStatus = (typeof BOOTH_INVOICE_STATUSES)[number];

export const BOOTH_INVOICE_LINE_KINDS = [
  'purchase',
  'renewal',
  'pro_rata',
  'volume_discount',
  'coupon',
  'account_credit',
  'cancellation_credit',
  'volume_discount_adjustment',
  'token_top_up',
] as const;
export type BoothInvoiceLineKind = (typeof BOOTH_INVOICE_LINE_KINDS)[number];

export interface BoothInvoiceLineInput {
  kind: BoothInvoiceLineKind;
  description: string;
  /** How many of the thing (licenses, packs); 1 for adjustments. */
  quantity: number;
  /** Signed, whole cents, in USD micros. */
  amountMicros: bigint;
  metadata?: Record<string, string>;
}

/** What the invoice is for, once: at most one invoice per source (e.g. `order:ord_x`, `renewal:acct_x:2027-02-01T00:00:00Z`, `tokens:tp_x`). */
export type BoothInvoiceSource = string;

/**
 * How the invoice is settled when it is issued:
 * - `charge_default_card`: the account's USD credit (if `applyAccountCredit`) is applied first as
 *   an `account_credit` line, then the default card pays the rest; declined → `onDecline`;
 * - `credit_note`: the total is ≤ 0 and is granted to the account as USD account credit; status paid.
 */
export type BoothInvoiceSettlement =
  | { type: 'charge_default_card'; applyAccountCredit: boolean; onDecline: 'leave_open' | 'void' }
  | { type: 'credit_note' };
