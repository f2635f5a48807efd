import type { TransactionRecord } from './ledger-rules.js';

/**
 * Which document covers a history row, as the path that serves its PDF; null when none does (the
 * row then carries no link). The one place this is decided: the history, the CSV export and the
 * document routes all follow it (docs/documents.md).
 *
 * - CREDIT rows: their own compute document (receipt, invoice, credit note, adjustment note), except
 *   a promotion, which is shown on the receipt of the payment that earned it, and a standalone
 *   promotion (operator grant), which has no document at all.
 * - USD and TOKEN rows: the booth invoice that billed them (card payments and charges, credit-note
 *   credit, token packs); token usage (outputs, virtual booth sessions) is covered by the account's
 *   monthly token usage statement. Welcome tokens and other standalone grants have no document.
 */
export function documentPath(t: TransactionRecord): string | null {
  const base = `/v1/accounts/${t.accountId}`;
  if (t.unit === 'CREDIT') {
    if (t.kind !== 'promotion') return `${base}/transactions/${t.id}/invoice.pdf`;
    const payment = t.metadata.paymentTransactionId;
    return payment ? `${base}/transactions/${payment}/invoice.pdf` : null;
  }
  const boothInvoice = t.metadata.boothInvoiceId ?? t.metadata.invoiceId;
  if (boothInvoice) return `${base}/booth-invoices/${boothInvoice}.pdf`;
  if (t.unit === 'TOKEN' && t.kind === 'charge') {
    return `${base}/token-statements/${statementMonth(t.createdAt)}.pdf`;
  }
  return null;
}

/** "2027-01": the calendar month (UTC) whose statement lists a token movement. */
export function statementMonth(at: Date): string {
  return at.toISOString().slice(0, 7);
}

/** True when the compute document route serves this transaction's own document. */
export function hasOwnComputeDocument(t: TransactionRecord): boolean {
  return t.unit === 'CREDIT' && t.kind !== 'promotion';
}
