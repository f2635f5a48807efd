import { type InvoiceDocument, buildInvoiceDocument } from './invoice-rules.js';
import { formatDocumentNumber } from '../../accounts/document-number-rules.js';
import { type DocumentFacts, documentDetails } from './document-rules.js';
import { findRelaysByTxHash } from '../deposits/relay-store.js';
import { type TransactionRecord, walletId } from '../../ledger/ledger-rules.js';
import { hasOwnComputeDocument } from '../../ledger/document-links.js';
import { findAccount } from '../../accounts/account-store.js';
import {
  findAccountTransaction,
  findNetworkFeeRefundsOfPayments,
  findPromotionOfPayment,
  findRentalChargeOfPeriod,
  findWalletMovements,
} from './invoice-store.js';
import { findJob, findRates, findTask } from '../rendering/rendering-store.js';
import { findInstance } from '../rentals/rental-store.js';
import type { ComputeContext } from '../context.js';
import { ensureInvoiceNumbered } from './number-invoices.js';
import { SAMPLE_SELLER } from '../../kernel/documents/seller-rules.js';
import { type Result, fail, ok } from '../../kernel/result.js';

export interface GetInvoiceInput {
  accountId: string;
  transactionId: string;
}

/**
 * The document of one of the account's credit transactions (receipt, invoice, credit note or
 * adjustment note), numbered on first request. Built only from stored rows: the transaction, its
 * transfers on the customer's wallet, the bill-to details snapshotted from the settings version in
 * force at the transaction's time, and the facts its details need (the promotion a payment earned,
 * the usage a charge billed, the document a refund refers to).
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
  const { transaction } = found;
  if (!hasOwnComputeDocument(transaction)) {
    // Booth money (USD, tokens) is documented by booth invoices and token statements; a promotion
    // by the receipt of the payment that earned it (or by nothing): see ledger/document-links.ts.
    return fail('invoice_not_found', 'this transaction has no compute document of its own; see its links', {
      transactionId: input.transactionId,
    });
  }
  const invoice = await ensureInvoiceNumbered(ctx, transaction);
  const movements = await findWalletMovements(
    ctx.db,
    transaction.id,
    walletId(transaction.accountId, transaction.unit),
  );
  const details = documentDetails(transaction, await documentFacts(ctx, transaction));
  return ok(buildInvoiceDocument(invoice, transaction, movements, ctx.seller ?? SAMPLE_SELLER, details));
}

/** Looks up what the transaction's details refer to, by its kind and metadata. */
async function documentFacts(ctx: ComputeContext, t: TransactionRecord): Promise<DocumentFacts> {
  const m = t.metadata;
  const facts: DocumentFacts = {};
  if (t.kind === 'payment') facts.promotion = await findPromotionOfPayment(ctx.db, t);
  if (t.kind === 'payment' && m.rail === 'usdt' && m.txHash) {
    facts.relay = (await findRelaysByTxHash(ctx.db, [m.txHash])).get(m.txHash.toLowerCase());
    facts.networkFeeRefund = (
      await findNetworkFeeRefundsOfPayments(ctx.db, [{ accountId: t.accountId, paymentId: t.id }])
    ).get(t.id);
  }
  if (t.kind === 'refund') {
    const original = m.paymentId
      ? (await findAccountTransaction(ctx.db, t.accountId, m.paymentId))?.transaction
      : m.instanceId && m.periodStart
        ? await findRentalChargeOfPeriod(ctx.db, t.accountId, m.instanceId, m.periodStart)
        : undefined;
    if (original) {
      const numbered = await ensureInvoiceNumbered(ctx, original);
      facts.original = {
        transaction: original,
        number: formatDocumentNumber(numbered.prefix, numbered.number),
      };
    }
  }
  if (t.kind === 'charge' && m.renderJob && m.renderTask) {
    const job = await findJob(ctx.db, t.accountId, m.renderJob);
    const task = job ? await findTask(ctx.db, job.id, m.renderTask) : undefined;
    const rates = job ? await findRates(ctx.db, job.rateCardVersion) : undefined;
    if (task?.usage && rates) facts.renderTask = { usage: task.usage, rates };
  }
  if (t.kind === 'charge' && m.instanceId && !m.computeMicrosPerHour) {
    // Renewals and restarts record the period's amounts, not the type and rates: the instance has them.
    const instance = await findInstance(ctx.db, m.instanceId);
    if (instance) facts.instance = instance;
  }
  return facts;
}
