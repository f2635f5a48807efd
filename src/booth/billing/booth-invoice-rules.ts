/**
 * Booth invoices: the documents of the booth line. Unlike compute invoices (one per ledger
 * transaction), a booth invoice is an object with a lifecycle, as card billing
 * expects: draft → open (finalized: it gets its number) → paid | void | uncollectible.
 *
 * Numbers come from the account's gapless document series ("7KQ2MZ4X-000001", shared with its
 * compute documents; docs/documents.md), assigned at finalization: a draft
 * has no number, so a draft that is thrown away leaves no gap. A numbered invoice is never
 * deleted; one that should not be collected is voided.
 *
 * Amounts are USD micros in whole cents (money.ts). A line's amount is signed: discounts, coupons
 * and credits granted are negative. subtotal = sum of lines, always; account credit is not a line
 * but one deduction in the totals: total = subtotal − credit applied (docs/documents.md).
 */
import type { BillTo } from '../../accounts/billing-profile-rules.js';

export const BOOTH_INVOICE_STATUSES = ['draft', 'open', 'paid', 'void', 'uncollectible'] as const;
export type BoothInvoiceStatus = (typeof BOOTH_INVOICE_STATUSES)[number];

export const BOOTH_INVOICE_LINE_KINDS = [
  'purchase',
  'renewal',
  'pro_rata',
  'volume_discount',
  'coupon',
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
 *   a deduction from the subtotal, then the default card pays the rest; declined → `onDecline`;
 * - `credit_note`: the total is ≤ 0 and is granted to the account as USD account credit; status paid.
 */
export type BoothInvoiceSettlement =
  | { type: 'charge_default_card'; applyAccountCredit: boolean; onDecline: 'leave_open' | 'void' }
  | { type: 'credit_note' };

/** One line as stored: the caller's lines in order (account credit is not a line, see `creditAppliedMicros`). */
export interface BoothInvoiceLine {
  position: number;
  kind: BoothInvoiceLineKind;
  description: string;
  quantity: number;
  /** Signed, whole cents, in USD micros. */
  amountMicros: bigint;
  metadata: Record<string, string>;
}

/** Who the invoice is addressed to: the invoice settings version in force at finalization (or the account's own details when none). */
/** The buyer block: the account's billing profile in force at finalization (accounts slice). */
export type BoothInvoiceBillTo = BillTo;

export const BOOTH_DUNNING_STATUSES = ['retrying', 'paid', 'uncollectible', 'voided'] as const;

/**
 * Where the dunning of a failed renewal invoice stands (docs/dunning.md): `retrying` until a retry
 * pays (`paid`, also when the customer pays it), the last retry declines (`uncollectible`) or the
 * invoice is voided (`voided`).
 */
export interface BoothInvoiceDunning {
  status: (typeof BOOTH_DUNNING_STATUSES)[number];
  billingDate: Date;
  /** Retries in its schedule (3 for days 1, 3 and 5). */
  retries: number;
  /** Retries that ran so far. */
  retriesMade: number;
  lastRetryAt: Date | null;
  /** The next scheduled retry while `retrying`; null once it ended. */
  nextRetryAt: Date | null;
}

/**
 * One card attempt of a booth invoice: what was charged, when, on which card, how it ended. A
 * declined purchase leaves only this (its invoice was never numbered: `invoiceNumber` null).
 */
export interface BoothPaymentAttempt {
  invoiceId: string;
  invoiceNumber: string | null;
  /** 1, 2, …: the processor idempotency key is `<invoice id>:<attempt>`. */
  attempt: number;
  accountId: string;
  paymentMethodId: string | null;
  /** The card as it was when charged; null when there was no default card to charge. */
  card: { brand: string; last4: string } | null;
  amountMicros: bigint;
  /** The invoice's description, e.g. "Token top-up: 500 tokens". */
  description: string;
  attemptedAt: Date;
  /** null while the processor's answer is unknown. */
  outcome: 'succeeded' | 'declined' | null;
  declineCode: string | null;
  declineMessage: string | null;
  settledAt: Date | null;
}

/** Why a card attempt failed, as a sentence for the customer (chosen by code, never the processor's text). */
export function declineSentence(code: string | null): string {
  switch (code) {
    case null:
      return 'The card was not charged.';
    case 'insufficient_funds':
      return 'The card was declined for insufficient funds.';
    case 'expired_card':
      return 'The card has expired.';
    case 'incorrect_cvc':
      return 'The card’s security code was wrong.';
    case 'no_default_payment_method':
      return 'There was no default card to charge.';
    case 'processing_error':
      return 'The card processor could not charge the card; try again.';
    case 'generic_decline':
    case 'card_declined':
    case 'do_not_honor':
      return 'The card was declined by its bank.';
    default:
      return `The card was declined (${code.replace(/_/g, ' ')}).`;
  }
}

/** A booth invoice as the engine and the other booth use cases see it. */
export interface BoothInvoice {
  id: string;
  accountId: string;
  source: BoothInvoiceSource;
  /** null until finalized. */
  number: bigint | null;
  /** "7KQ2MZ4X-000001" (older invoices: "BTH-000001"); null until finalized. */
  formattedNumber: string | null;
  status: BoothInvoiceStatus;
  description: string;
  settlement: BoothInvoiceSettlement;
  lines: BoothInvoiceLine[];
  /** Sum of the lines (before account credit). */
  subtotalMicros: bigint;
  /** Account credit applied (≥ 0): deducted once from the subtotal, never a line. */
  creditAppliedMicros: bigint;
  /** Subtotal − credit applied: what the card is charged (≤ 0 for a credit note). */
  totalMicros: bigint;
  /** What the card paid (0 until paid, and for credit notes). */
  amountPaidMicros: bigint;
  billTo: BoothInvoiceBillTo | null;
  /** Card charge attempts so far; the processor idempotency key is `<invoice id>:<attempt>`. */
  paymentAttempts: number;
  paymentMethodId: string | null;
  lastDeclineCode: string | null;
  lastDeclineMessage: string | null;
  createdAt: Date;
  finalizedAt: Date | null;
  paidAt: Date | null;
  voidedAt: Date | null;
  markedUncollectibleAt: Date | null;
  /** The dunning of a failed renewal invoice; null for every other invoice. */
  dunning: BoothInvoiceDunning | null;
}

const USD_CENT_MICROS = 10_000n;

/** Sum of signed line amounts. */
export function sumLines(lines: readonly Pick<BoothInvoiceLineInput, 'amountMicros'>[]): bigint {
  return lines.reduce((sum, line) => sum + line.amountMicros, 0n);
}

/** The status changes a booth invoice may make; everything else is refused. */
const TRANSITIONS: Record<BoothInvoiceStatus, readonly BoothInvoiceStatus[]> = {
  draft: ['open'],
  open: ['paid', 'void', 'uncollectible'],
  // Written off, but a late payment is still welcome (and voiding stays possible).
  uncollectible: ['paid', 'void'],
  paid: [],
  void: [],
};

export function canTransition(from: BoothInvoiceStatus, to: BoothInvoiceStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** The account credit a charge applies: all of the positive total that the available credit covers. */
export function accountCreditToApply(subtotalMicros: bigint, availableCreditMicros: bigint): bigint {
  if (subtotalMicros <= 0n || availableCreditMicros <= 0n) return 0n;
  const credit = availableCreditMicros < subtotalMicros ? availableCreditMicros : subtotalMicros;
  return credit - (credit % USD_CENT_MICROS); // credit moves in whole cents
}

export type BoothInvoiceInputError = { field: string; message: string };

const MAX_LINES = 200;
const MAX_LINE_MICROS = 10n ** 9n * 1_000_000n;

/**
 * Checks what a caller asks to invoice: at least one line of a known kind, every amount in whole
 * cents, and a total of the right sign for the settlement
 * (a card charge ≥ 0, a credit note ≤ 0).
 */
export function validateBoothInvoiceInput(input: {
  description: string;
  lines: readonly BoothInvoiceLineInput[];
  settlement: BoothInvoiceSettlement;
}): BoothInvoiceInputError | undefined {
  if (input.description.trim().length === 0 || input.description.length > 500) {
    return { field: 'description', message: 'a description of 1-500 characters is required' };
  }
  if (input.lines.length === 0) return { field: 'lines', message: 'an invoice needs at least one line' };
  if (input.lines.length > MAX_LINES) return { field: 'lines', message: `at most ${MAX_LINES} lines` };
  for (const [i, line] of input.lines.entries()) {
    if (!(BOOTH_INVOICE_LINE_KINDS as readonly string[]).includes(line.kind)) {
      return { field: `lines.${i}.kind`, message: 'unknown line kind' };
    }
    if (line.description.trim().length === 0 || line.description.length > 500) {
      return { field: `lines.${i}.description`, message: 'a description of 1-500 characters is required' };
    }
    if (!Number.isSafeInteger(line.quantity) || line.quantity < 1) {
      return { field: `lines.${i}.quantity`, message: 'quantity must be a positive integer' };
    }
    if (line.amountMicros % USD_CENT_MICROS !== 0n) {
      return { field: `lines.${i}.amountMicros`, message: 'amounts are whole cents' };
    }
    if (line.amountMicros > MAX_LINE_MICROS || line.amountMicros < -MAX_LINE_MICROS) {
      return { field: `lines.${i}.amountMicros`, message: 'amount out of range' };
    }
  }
  const total = sumLines(input.lines);
  if (input.settlement.type === 'charge_default_card' && total < 0n) {
    return { field: 'lines', message: 'a card charge needs a total of zero or more; use a credit note' };
  }
  if (input.settlement.type === 'credit_note' && total > 0n) {
    return { field: 'lines', message: 'a credit note has a total of zero or less' };
  }
  return undefined;
}

// Entities as the stores, use cases and routes pass them around (the stores map their rows into these;
// docs/architecture.md, "Entity types").

/** The stored invoice with what only the engine needs (request fingerprint, attempt state, ledger ids). */
export interface BoothInvoiceRecord extends BoothInvoice {
  requestHash: string;
  attemptOutcome: 'succeeded' | 'declined' | null;
  processorPaymentId: string | null;
  paymentTransactionId: string | null;
  chargeTransactionId: string | null;
}

export interface DraftInvoice {
  id: string;
  accountId: string;
  source: string;
  requestHash: string;
  description: string;
  settlement: BoothInvoiceSettlement;
  lines: Omit<BoothInvoiceLine, 'position'>[];
  subtotalMicros: bigint;
  createdAt: Date;
}

export interface BoothInvoiceCursor {
  createdAt: Date;
  id: string;
}

/** A saved card: what the processor holds it under and what the page shows. Never the number. */
export interface PaymentMethodRecord {
  id: string;
  accountId: string;
  processorPaymentMethodId: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
  isDefault: boolean;
  createdAt: Date;
  removedAt: Date | null;
}
