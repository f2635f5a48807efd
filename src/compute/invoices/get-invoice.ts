import { type InvoiceDocument, buildInvoiceDocument } from './invoice-rules.js';
import { walletId } from '../../ledger/ledger-rules.js';
import { findAccount } from '../../accounts/account-store.js';
import { findAccountTransaction, findWalletMovements } from './invoice-store.js';
import type { ComputeContext } from '../context.js';
import { ensureInvoiceNumbered } from './number-invoices.js';
import { type Result, fail, ok } from '../../kernel/result.js';

export interface GetInvoiceInput {
  accountId: string;
  transactionId: string;
}

/**
 * The invoice document of one of the account's transactions, numbered on first request. Built
 * only from stored rows: the transaction, its transfers on the customer's wallet, and the bill-to
 * details the invoice row snapshotted from the settings version in force at the transaction's time.
 */
export async function getInvoice(
  ctx: ComputeContext,
  input: GetInvoiceInput,
): Promise<Result<InvoiceDocument>> {
  const found = await findAccountTransaction(ctx.db, input.accountId, input.transactionId);
  if (!found) {
    if (!(await findAccount(ctx.db, input.accountId))) {
      return fail('account_not_found', 'no such account', { accountId: input.accountId });
    }
    return fail('transaction_not_found', 'no such transaction on this account', {
      transactionId: input.transactionId,
    });
  }
  const { transaction, position } = found;
  if (transaction.unit !== 'CREDIT') {
    // The compute line invoices each credit transaction; the booth line's money (USD, tokens) is
    // invoiced by booth invoices, so its ledger transactions take no number from this series.
    return fail('invoice_not_found', 'only credit transactions have a compute invoice; see booth-invoices', {
      transactionId: input.transactionId,
    });
  }
  const invoice = await ensureInvoiceNumbered(ctx, transaction.id, position);
  const movements = await findWalletMovements(
    ctx.db,
    transaction.id,
    walletId(transaction.accountId, transaction.unit),
  );
  return ok(buildInvoiceDocument(invoice, transaction, movements));
}
