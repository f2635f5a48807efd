import type { InvoiceRecord } from './invoice-rules.js';
import type { TransactionRecord } from '../../ledger/ledger-rules.js';
import { hasOwnComputeDocument } from '../../ledger/document-links.js';
import { transactionWithRetry } from '../../kernel/db/database.js';
import { advanceDocumentSeriesOf, lockDocumentSeriesOf } from '../../accounts/document-series-store.js';
import { findInvoice, numberTransactions } from './invoice-store.js';
import type { ComputeContext } from '../context.js';

type NumberingContext = Pick<ComputeContext, 'db' | 'clock'>;

/**
 * Numbers the compute documents of transactions just recorded (the ledger writer calls this after
 * each batch commits, before answering its callers): in one database transaction for the whole
 * batch, under each account's series row lock, continuing each account's gapless series (shared
 * with its booth invoices) in (created_at, seq) order. Finalization order is therefore number
 * order; a transaction already numbered is skipped, so running it again changes nothing.
 * Four statements per batch (lock, number, advance, commit after BEGIN), whatever its accounts.
 */
export async function numberRecordedTransactions(
  ctx: NumberingContext,
  transactions: readonly TransactionRecord[],
): Promise<void> {
  const ids = transactions.filter(hasOwnComputeDocument);
  if (ids.length === 0) return;
  await numberForAccounts(
    ctx,
    [...new Set(ids.map((t) => t.accountId))],
    ids.map((t) => t.id),
  );
}

async function numberForAccounts(ctx: NumberingContext, accountIds: string[], ids: string[]): Promise<void> {
  await transactionWithRetry(ctx.db, async (tx) => {
    const series = await lockDocumentSeriesOf(tx, accountIds);
    const counts = await numberTransactions(tx, ids, series, ctx.clock.now());
    await advanceDocumentSeriesOf(tx, counts);
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
  await numberForAccounts(ctx, [transaction.accountId], [transaction.id]);
  const numbered = await findInvoice(ctx.db, transaction.id);
  if (!numbered) throw new Error(`transaction ${transaction.id} could not be numbered`);
  return numbered;
}
