import type { InvoiceRecord } from './invoice-rules.js';
import type { TransactionRecord } from '../../ledger/ledger-rules.js';
import { hasOwnComputeDocument } from '../../ledger/document-links.js';
import { transactionWithRetry } from '../../kernel/db/database.js';
import { advanceDocumentSeries, lockDocumentSeries } from '../../accounts/document-series-store.js';
import { findInvoice, numberTransactions } from './invoice-store.js';
import type { ComputeContext } from '../context.js';

type NumberingContext = Pick<ComputeContext, 'db' | 'clock'>;

/**
 * Numbers the compute documents of transactions just recorded (the ledger writer calls this after
 * each batch commits, before answering its callers): each account's in one database transaction,
 * under the account's series row lock, continuing its gapless series (shared with its booth
 * invoices) in (created_at, seq) order. Finalization order is therefore number order; a
 * transaction already numbered is skipped, so running it again changes nothing.
 */
export async function numberRecordedTransactions(
  ctx: NumberingContext,
  transactions: readonly TransactionRecord[],
): Promise<void> {
  const byAccount = new Map<string, string[]>();
  for (const t of transactions) {
    if (!hasOwnComputeDocument(t)) continue;
    byAccount.set(t.accountId, [...(byAccount.get(t.accountId) ?? []), t.id]);
  }
  for (const [accountId, ids] of byAccount) await numberForAccount(ctx, accountId, ids);
}

async function numberForAccount(ctx: NumberingContext, accountId: string, ids: string[]): Promise<void> {
  await transactionWithRetry(ctx.db, async (tx) => {
    const series = await lockDocumentSeries(tx, accountId);
    const count = await numberTransactions(tx, accountId, ids, series, ctx.clock.now());
    await advanceDocumentSeries(tx, accountId, count);
  });
}

/**
 * A transaction's invoice. Normally numbered when it was recorded; one recorded but not numbered
 * (a crash between the ledger's commit and the numbering step, or recorded before per-account
 * series existed and never fetched) takes the account's next number now.
 */
export async function ensureInvoiceNumbered(
  ctx: NumberingContext,
  transaction: TransactionRecord,
): Promise<InvoiceRecord> {
  // The common case, an invoice fetched again, takes no lock.
  const existing = await findInvoice(ctx.db, transaction.id);
  if (existing) return existing;
  await numberForAccount(ctx, transaction.accountId, [transaction.id]);
  const numbered = await findInvoice(ctx.db, transaction.id);
  if (!numbered) throw new Error(`transaction ${transaction.id} could not be numbered`);
  return numbered;
}
