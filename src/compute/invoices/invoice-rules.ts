/**
 * Invoices, without I/O: the invoice document built from stored rows (the billing profile a
 * customer gives is the accounts slice's, accounts/billing-profile-rules.ts). The document is computed once here; the PDF and the
 * JSON only present it, so both always show the same lines and totals.
 */
import type { TransactionKind, TransactionRecord } from '../../ledger/ledger-rules.js';
import { type Unit } from '../../kernel/money.js';
import type { Seller } from '../../kernel/documents/seller-rules.js';
import type { DocumentDetails } from './document-rules.js';
import { formatDocumentNumber } from '../../accounts/document-number-rules.js';

/** The stored invoice row: its number and the bill-to details snapshotted when it was numbered. */
export interface InvoiceRecord {
  transactionId: string;
  accountId: string;
  /** The account's document prefix, or "PB" for an invoice numbered in the old shared series. */
  prefix: string;
  number: bigint;
  /** null: no settings were in force at the transaction's time; the account's details were used. */
  settingsVersion: number | null;
  billTo: BillTo;
  numberedAt: Date;
}

export interface BillTo {
  name: string;
  email: string | null;
  address: string | null;
  taxInformation: string | null;
}

/** A transfer of the transaction that moved the customer's wallet. */
export interface WalletMovement {
  /** The wallet is the transfer's debit side (money left it) or its credit side. */
  walletSide: 'debit' | 'credit';
  amountMicros: bigint;
  counterpartyAccountId: string;
}

export type LineEffect = 'deducted' | 'added';

export interface InvoiceLine {
  description: string;
  effect: LineEffect;
  /** Always positive; `effect` says which way it moved the wallet. */
  amountMicros: bigint;
}

export interface InvoiceDocument {
  number: string;
  /** Receipt (payment), Invoice (charge), Credit note (refund), Adjustment note (other). */
  title: DocumentDetails['title'];
  /** The seller's legal name. */
  issuer: string;
  seller: Seller;
  /** The transaction's time: the invoice documents that event. */
  date: Date;
  transactionId: string;
  accountId: string;
  kind: TransactionKind;
  kindLabel: string;
  unit: Unit;
  billTo: BillTo;
  settingsVersion: number | null;
  settingsSource: 'invoice_settings' | 'account';
  lines: InvoiceLine[];
  details: DocumentDetails;
  totals: {
    deductedMicros: bigint;
    addedMicros: bigint;
    /** added - deducted: equals the transaction's signed amount. */
    netMicros: bigint;
    /** The net effect in words: "Credits deducted" or "Credits added". */
    label: string;
    /** |net|, shown under `label`. */
    amountMicros: bigint;
  };
}

const KIND_LABELS: Record<TransactionKind, string> = {
  payment: 'Payment',
  charge: 'Charge',
  promotion: 'Promotion',
  refund: 'Refund',
  other: 'Other',
};

const UNIT_NOUNS: Record<Unit, string> = { CREDIT: 'Credits', TOKEN: 'Tokens', USD: 'USD' };

/** "Credits deducted", "Tokens added": the sign of a movement in words, so amounts stay positive. */
export function effectLabel(unit: Unit, effect: LineEffect): string {
  return `${UNIT_NOUNS[unit]} ${effect}`;
}

/**
 * The invoice document of one transaction, from its stored rows. Each transfer that moved the
 * customer's wallet is a line; a transaction that never touched a wallet (none today) gets one
 * line from its own signed amount. The lines must add up to the transaction's amount exactly:
 * anything else means the stored data is inconsistent, and no document is better than a wrong one.
 */
export function buildInvoiceDocument(
  invoice: InvoiceRecord,
  transaction: TransactionRecord,
  movements: readonly WalletMovement[],
  seller: Seller,
  details: DocumentDetails,
): InvoiceDocument {
  if (invoice.transactionId !== transaction.id) {
    throw new Error(`invoice ${invoice.transactionId} drawn for transaction ${transaction.id}`);
  }
  const lines: InvoiceLine[] =
    movements.length === 0
      ? [
          {
            description: transaction.description,
            effect: transaction.amountMicros < 0n ? 'deducted' : 'added',
            amountMicros:
              transaction.amountMicros < 0n ? -transaction.amountMicros : transaction.amountMicros,
          },
        ]
      : movements.map((m) => ({
          description:
            movements.length === 1
              ? transaction.description
              : `${transaction.description} (${counterpartyLabel(m.counterpartyAccountId)})`,
          effect: m.walletSide === 'debit' ? 'deducted' : 'added',
          amountMicros: m.amountMicros,
        }));
  let deductedMicros = 0n;
  let addedMicros = 0n;
  for (const line of lines) {
    if (line.amountMicros < 0n) throw new Error('an invoice line amount is never negative');
    if (line.effect === 'deducted') deductedMicros += line.amountMicros;
    else addedMicros += line.amountMicros;
  }
  const netMicros = addedMicros - deductedMicros;
  if (netMicros !== transaction.amountMicros) {
    throw new Error(
      `invoice lines of ${transaction.id} sum to ${netMicros} micros, the transaction to ${transaction.amountMicros}`,
    );
  }
  const netEffect: LineEffect = netMicros < 0n ? 'deducted' : 'added';
  return {
    number: formatDocumentNumber(invoice.prefix, invoice.number),
    title: details.title,
    issuer: seller.legalName,
    seller,
    date: transaction.createdAt,
    transactionId: transaction.id,
    accountId: transaction.accountId,
    kind: transaction.kind,
    kindLabel: KIND_LABELS[transaction.kind],
    unit: transaction.unit,
    billTo: invoice.billTo,
    settingsVersion: invoice.settingsVersion,
    settingsSource: invoice.settingsVersion === null ? 'account' : 'invoice_settings',
    lines,
    details,
    totals: {
      deductedMicros,
      addedMicros,
      netMicros,
      label: effectLabel(transaction.unit, netEffect),
      amountMicros: netMicros < 0n ? -netMicros : netMicros,
    },
  };
}

/** `system:revenue.compute:CREDIT` → "revenue compute": enough to tell two lines apart. */
function counterpartyLabel(ledgerAccountId: string): string {
  const [kind, code] = ledgerAccountId.split(':');
  return kind === 'system' && code ? code.replace(/[._]/g, ' ') : 'wallet';
}

// Entities as the stores, use cases and routes pass them around (the stores map their rows into these;
// docs/architecture.md, "Entity types").

/** Where a transaction sits in numbering order: (created_at, seq), like the history's cursor. */
export interface NumberingPosition {
  createdAt: Date;
  seq: bigint;
}

/** A compute document in the invoices export. */
export interface ComputeDocumentRecord {
  id: string;
  createdAt: Date;
  seq: bigint;
  kind: TransactionKind;
  description: string;
  amountMicros: bigint;
  prefix: string | null;
  number: bigint | null;
}
