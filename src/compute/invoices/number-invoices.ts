import type { InvoiceRecord } from './invoice-rules.js';
import { transactionWithRetry } from '../../kernel/db/database.js';
import {
  type NumberingPosition,
  findInvoice,
  lockForNumbering,
  numberInvoicesThrough,
} from './invoice-store.js';
import type { ComputeContext } from '../context.js';

/** Transactions numbered per database transaction, so one numbering step never runs long. */
const NUMBERING_CHUNK = 500;

/**
 * Gives a transaction its invoice number, if it has none yet, and returns its invoice.
 *
 * Numbers are assigned lazily rather than by the ledger, so that the ledger's write path has no
 * counter row to update. Every step runs under one advisory lock and numbers, in (created_at, seq)
 * order, every credit transaction not numbered yet up to this one (the compute line's invoices;
 * the booth line has its own series); so numbers are gapless, every
 * transaction keeps the number it first got, and asking again (or concurrently) changes nothing.
 */
export async function ensureInvoiceNumbered(
  ctx: ComputeContext,
  transactionId: string,
  position: NumberingPosition,
): Promise<InvoiceRecord> {
  // The common case, an invoice fetched again, takes no lock.
  const existing = await findInvoice(ctx.db, transactionId);
  if (existing) return existing;
  for (;;) {
    const invoice = await transactionWithRetry(ctx.db, async (tx) => {
      await lockForNumbering(tx);
      const numbered = await findInvoice(tx, transactionId);
      if (numbered) return numbered;
      const count = await numberInvoicesThrough(tx, position, ctx.clock.now(), NUMBERING_CHUNK);
      if (count === 0) throw new Error(`transaction ${transactionId} could not be numbered`);
      // Undefined when more than one chunk lay before it: the next step continues.
      return findInvoice(tx, transactionId);
    });
    if (invoice) return invoice;
  }
}
