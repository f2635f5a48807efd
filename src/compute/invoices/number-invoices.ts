import type { InvoiceRecord } from './invoice-rules.js';
import type { TransactionRecord } from '../../ledger/ledger-rules.js';
import { hasOwnComputeDocument } from '../../ledger/document-links.js';
import { type Queryable, transactionWithRetry } from '../../kernel/db/database.js';
import { lockDocumentSeriesOf } from '../../accounts/document-series-store.js';
import { findInvoice, numberingInBatchStatement, numberTransactions } from './invoice-store.js';
import type { BatchStatementPart } from '../../ledger/ledger-store.js';
import type { ComputeContext } from '../context.js';

type NumberingContext = Pick<ComputeContext, 'db' | 'clock'>;

/**
 * Numbers the compute documents of the transactions a ledger batch records, inside that batch's
 * own database transaction (the ledger writer calls it before committing: `withinBatch`), so a
 * transaction and its document number commit together. Each account's new documents continue its
 * gapless series (shared with its booth invoices) in (created_at, seq) order, under the account's
 * series row lock; finalization order is therefore number order. A transaction already numbered
 * is skipped. One statement per batch, whatever its accounts (two more for an account that has no
 * series yet).
 */
export async function numberRecordedTransactions(
  tx: Queryable,
  transactions: readonly TransactionRecord[],
  at: Date,
): Promise<void> {
  const ids = transactions.filter(hasOwnComputeDocument);
  if (ids.length === 0) return;
  await numberInTransaction(
    tx,
    [...new Set(ids.map((t) => t.accountId))],
    ids.map((t) => t.id),
    at,
  );
}

/**
 * `numberRecordedTransactions` as part of the ledger batch's one statement, so a charge on the
 * ledger's fast path is still one autocommitted round trip (the ledger writer takes both:
 * `withinBatch`). The batch's time is each document's numbered_at, as above.
 */
export const numberInBatchStatement: BatchStatementPart = {
  name: 'numbering',
  sql: numberingInBatchStatement,
  params: (inserted, at) => [
    [...new Set(inserted.filter(hasOwnComputeDocument).map((t) => t.accountId))],
    at,
  ],
};

async function numberInTransaction(
  tx: Queryable,
  accountIds: string[],
  ids: string[],
  at: Date,
): Promise<void> {
  const locked = await numberTransactions(tx, ids, accountIds, at);
  const withoutSeries = accountIds.filter((id) => !locked.has(id));
  if (withoutSeries.length === 0) return;
  // An account's first document: its series is created (and locked), then its documents numbered.
  await lockDocumentSeriesOf(tx, withoutSeries);
  await numberTransactions(tx, ids, withoutSeries, at);
}

async function numberForAccounts(ctx: NumberingContext, accountIds: string[], ids: string[]): Promise<void> {
  await transactionWithRetry(ctx.db, (tx) => numberInTransaction(tx, accountIds, ids, ctx.clock.now()));
}

/**
 * A transaction's invoice. Normally numbered when it was recorded; one recorded but not numbered
 * (recorded before documents were numbered with their ledger batch, or before per-account series
 * existed, and never fetched) takes the account's next number now.
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
