/**
 * The steps that take a booth invoice from draft to settled, shared by issuing it and by paying an
 * open one later. Each step is safe to run again after a crash at any point:
 *
 * 1. finalize (draft → open, one database transaction): the next number of the account's gapless
 *    document series (shared with its compute documents), the account credit deducted, the bill-to
 *    snapshot. The series row is locked first, which also serializes the account's credit
 *    computation across finalizations.
 * 2. card attempt: the attempt number is recorded BEFORE the processor is called, and the
 *    processor idempotency key is `<invoice id>:<attempt>`. An attempt whose outcome was never
 *    recorded (crash, timeout, 5xx) is sent again with the same key: the processor answers with the
 *    first result and never charges twice. A new attempt (new key) starts only after a decline.
 * 3. ledger: a Payment (clearing.card → wallet, what the card paid) and a Charge (wallet →
 *    revenue.booth, the total before credit), each under an idempotency key derived from the
 *    invoice id, so a repeat replays them; then the invoice is marked paid.
 */
import type { BoothInvoice, BoothInvoiceRecord } from './booth-invoice-rules.js';
import { accountCreditToApply } from './booth-invoice-rules.js';
import { revenueAccountId, systemAccountId, walletId } from '../../ledger/ledger-rules.js';
import { formatAmount } from '../../kernel/money.js';
import { lockDocumentSeries, takeDocumentNumber } from '../../accounts/document-series-store.js';
import { billToInForce } from '../../accounts/billing-profile-store.js';
import { CardProcessorRejected, CardProcessorUnavailable } from './card-processor.js';
import { newId } from '../../kernel/ids.js';
import { requestHash } from '../../kernel/request-hash.js';
import {
  availableAccountCredit,
  discardDraft,
  finalizeBoothInvoice,
  findBoothInvoice,
  lockBoothInvoice,
  markBoothInvoicePaid,
  recordCardSuccess,
  recordChargeTransaction,
  recordDecline,
  setDraftCredit,
  startPaymentAttempt,
} from './booth-invoice-store.js';
import { findCardCustomer, findDefaultPaymentMethod, findPaymentMethod } from './card-store.js';
import { transactionWithRetry } from '../../kernel/db/database.js';
import type { BoothContext } from '../context.js';
import { type Result, fail, ok } from '../../kernel/result.js';
import { fromLedger } from '../../ledger/ledger-result.js';
import { emailBoothInvoice } from './email-booth-invoice.js';

/** Idempotency scope of the ledger requests booth invoices make (keys are `<invoice id>:<step>`). */
const LEDGER_SCOPE = 'booth-invoice';
const MICROS_PER_CENT = 10_000n;

/** Strips the engine's bookkeeping: what callers and the API see. */
export function publicInvoice(row: BoothInvoiceRecord): BoothInvoice {
  const {
    requestHash: _h,
    attemptOutcome: _o,
    processorPaymentId: _p,
    paymentTransactionId: _pt,
    chargeTransactionId: _ct,
    ...invoice
  } = row;
  return invoice;
}

/** The invoice just marked paid, emailed to its billing email with its PDF. */
async function settled(ctx: BoothContext, invoiceId: string): Promise<Result<BoothInvoice>> {
  const invoice = publicInvoice((await findBoothInvoice(ctx.db, invoiceId))!);
  await emailBoothInvoice(ctx, invoice);
  return ok(invoice);
}

/**
 * A purchase (settled `charge_default_card`, void on decline) is charged while still a draft and
 * numbered only once paid: a declined purchase leaves a failed payment attempt, not a numbered
 * invoice, and the account's gapless series no gap (docs/booth.md, "Declined purchases").
 */
export function chargesBeforeNumber(invoice: Pick<BoothInvoice, 'settlement'>): boolean {
  return invoice.settlement.type === 'charge_default_card' && invoice.settlement.onDecline === 'void';
}

/**
 * A purchase draft before its first charge: the account credit it applies is set aside (under the
 * account's series lock, as at finalization, so two invoices never count the same credit).
 */
export async function prepareDraft(ctx: BoothContext, invoiceId: string): Promise<BoothInvoiceRecord> {
  return transactionWithRetry(ctx.db, async (tx) => {
    const current = await lockBoothInvoice(tx, invoiceId);
    if (!current) throw new Error(`booth invoice ${invoiceId} vanished`);
    if (current.status !== 'draft' || current.paymentAttempts > 0) return current;
    await lockDocumentSeries(tx, current.accountId);
    const s = current.settlement;
    // Its own credit (set aside by an earlier run) is counted as available to it again.
    const available = (await availableAccountCredit(tx, current.accountId)) + current.creditAppliedMicros;
    const credit =
      s.type === 'charge_default_card' && s.applyAccountCredit
        ? accountCreditToApply(current.subtotalMicros, available)
        : 0n;
    await setDraftCredit(tx, current.id, credit);
    return (await lockBoothInvoice(tx, invoiceId))!;
  });
}

/**
 * draft → open. Returns the invoice as it is after (already open: unchanged). A purchase draft
 * keeps the credit set aside before its charge.
 */
export async function finalizeDraft(ctx: BoothContext, invoiceId: string): Promise<BoothInvoiceRecord> {
  return transactionWithRetry(ctx.db, async (tx) => {
    const current = await lockBoothInvoice(tx, invoiceId);
    if (!current) throw new Error(`booth invoice ${invoiceId} vanished`);
    if (current.status !== 'draft') return current;
    const at = ctx.clock.now();
    // The account's series lock comes first: its finalizations run one at a time from here, so
    // the credit read below cannot be counted by two invoices.
    const number = await takeDocumentNumber(tx, current.accountId);
    const s = current.settlement;
    const credit = chargesBeforeNumber(current)
      ? current.creditAppliedMicros
      : s.type === 'charge_default_card' && s.applyAccountCredit
        ? accountCreditToApply(current.subtotalMicros, await availableAccountCredit(tx, current.accountId))
        : 0n;
    await finalizeBoothInvoice(tx, current, {
      creditMicros: credit,
      number,
      billTo: await billToInForce(tx, current.accountId, at),
      at,
    });
    return (await lockBoothInvoice(tx, invoiceId))!;
  });
}

/**
 * Settles an open (or uncollectible) invoice: charges the card what is due unless it already paid,
 * writes the ledger, marks it paid. `newAttempt`: after a recorded decline, try the default card
 * again (paying an open invoice); otherwise a declined invoice is returned as it is (a repeated
 * issue must not charge again).
 */
export async function collect(
  ctx: BoothContext,
  invoice: BoothInvoiceRecord,
  options: { newAttempt: boolean },
): Promise<Result<BoothInvoice>> {
  return oneAtATime(invoice.id, async () =>
    collectNow(ctx, (await findBoothInvoice(ctx.db, invoice.id)) ?? invoice, options),
  );
}

/**
 * Settlements of one invoice run one at a time in this process (a later one sees what the earlier
 * did). Across processes the keys do the work: the processor's idempotency key and the ledger's.
 */
const settling = new Map<string, Promise<unknown>>();

async function oneAtATime<T>(invoiceId: string, work: () => Promise<T>): Promise<T> {
  const run = (settling.get(invoiceId) ?? Promise.resolve()).catch(() => undefined).then(work);
  settling.set(invoiceId, run);
  try {
    return await run;
  } finally {
    if (settling.get(invoiceId) === run) settling.delete(invoiceId);
  }
}

async function collectNow(
  ctx: BoothContext,
  invoice: BoothInvoiceRecord,
  options: { newAttempt: boolean },
): Promise<Result<BoothInvoice>> {
  const chargeable =
    invoice.status === 'open' ||
    invoice.status === 'uncollectible' ||
    (invoice.status === 'draft' && chargesBeforeNumber(invoice));
  if (!chargeable) return ok(publicInvoice(invoice));
  if (invoice.settlement.type === 'credit_note') return grantCreditNote(ctx, invoice);
  const due = invoice.totalMicros;
  let current = invoice;
  if (due > 0n && current.attemptOutcome !== 'succeeded') {
    const inFlight = current.paymentAttempts > 0 && current.attemptOutcome === null;
    if (!inFlight) {
      if (current.paymentAttempts > 0 && !options.newAttempt) return ok(publicInvoice(current));
      if (!ctx.cards) return fail('card_processor_not_configured', 'no card processor is configured');
      const card = await findDefaultPaymentMethod(ctx.db, current.accountId);
      if (!card && current.paymentAttempts === 0 && !options.newAttempt && !voidsOnDecline(current)) {
        // A renewal with no card to charge is a failed payment like a decline: the invoice stays
        // open for the customer to pay once a card is added.
        if (await startPaymentAttempt(ctx.db, current.id, 0, null, ctx.clock.now())) {
          const decline = { code: 'no_default_payment_method', voidIt: false };
          const message = 'the account has no default card to charge';
          await recordDecline(ctx.db, current.id, 1, { ...decline, message }, ctx.clock.now());
        }
        return ok(publicInvoice((await findBoothInvoice(ctx.db, current.id))!));
      }
      if (!card) {
        const draft = current.status === 'draft';
        if (draft) await discardDraft(ctx.db, current.id, ctx.clock.now());
        // A discarded draft is no invoice: its id is not given out (nothing could be done with it).
        return fail(
          'no_default_payment_method',
          'the account has no default card to charge',
          draft ? { accountId: current.accountId } : { invoiceId: current.id },
        );
      }
      const started = await startPaymentAttempt(
        ctx.db,
        current.id,
        current.paymentAttempts,
        card.id,
        ctx.clock.now(),
      );
      if (!started) {
        return fail('booth_invoice_payment_pending', 'another payment of this invoice is under way', {
          invoiceId: current.id,
        });
      }
      current = (await findBoothInvoice(ctx.db, current.id))!;
    }
    const charged = await chargeCard(ctx, current, due);
    if (!charged.ok) return charged;
    current = charged.value;
    if (current.attemptOutcome !== 'succeeded') return ok(publicInvoice(current));
  }
  // A purchase draft takes its number now that it is paid (or needed no card).
  if (current.status === 'draft') current = await finalizeDraft(ctx, current.id);
  return writeLedger(ctx, current, due);
}

/** Sends attempt `paymentAttempts` to the processor (same key on a resend) and records its outcome. */
async function chargeCard(
  ctx: BoothContext,
  invoice: BoothInvoiceRecord,
  due: bigint,
): Promise<Result<BoothInvoiceRecord>> {
  if (!ctx.cards) return fail('card_processor_not_configured', 'no card processor is configured');
  const attempt = invoice.paymentAttempts;
  const card = invoice.paymentMethodId
    ? await findPaymentMethod(ctx.db, invoice.accountId, invoice.paymentMethodId)
    : undefined;
  const customer = await findCardCustomer(ctx.db, invoice.accountId);
  if (!card || !customer) throw new Error(`booth invoice ${invoice.id}: attempt ${attempt} has no card`);
  try {
    const outcome = await ctx.cards.charge({
      customerId: customer,
      paymentMethodId: card.processorPaymentMethodId,
      amountCents: due / MICROS_PER_CENT,
      idempotencyKey: `${invoice.id}:${attempt}`,
      description: invoice.formattedNumber
        ? `${invoice.formattedNumber}: ${invoice.description}`
        : invoice.description,
      metadata: {
        boothInvoiceId: invoice.id,
        invoiceNumber: invoice.formattedNumber ?? '',
        accountId: invoice.accountId,
      },
    });
    if (outcome.status === 'succeeded') {
      await recordCardSuccess(ctx.db, invoice.id, attempt, outcome.paymentId, ctx.clock.now());
    } else {
      await recordDecline(
        ctx.db,
        invoice.id,
        attempt,
        {
          code: outcome.declineCode ?? outcome.code,
          message: outcome.message,
          voidIt: voidsOnDecline(invoice),
        },
        ctx.clock.now(),
      );
    }
  } catch (error) {
    if (error instanceof CardProcessorUnavailable) {
      return fail(
        'card_processor_error',
        'the card processor did not answer; the charge is retried safely with the same request',
        { invoiceId: invoice.id, attempt },
      );
    }
    if (!(error instanceof CardProcessorRejected)) throw error;
    // The processor refused the payment method itself (detached, unknown): a decline of this attempt.
    await recordDecline(
      ctx.db,
      invoice.id,
      attempt,
      { code: error.code, message: error.message, voidIt: voidsOnDecline(invoice) },
      ctx.clock.now(),
    );
  }
  return ok((await findBoothInvoice(ctx.db, invoice.id))!);
}

function voidsOnDecline(invoice: BoothInvoiceRecord): boolean {
  return invoice.settlement.type === 'charge_default_card' && invoice.settlement.onDecline === 'void';
}

/** Payment (what the card paid) then Charge (the total before credit), then paid. */
async function writeLedger(
  ctx: BoothContext,
  invoice: BoothInvoiceRecord,
  due: bigint,
): Promise<Result<BoothInvoice>> {
  const at = ctx.clock.now();
  const payment = due > 0n ? await postCardPayment(ctx, invoice, due, at) : ok(null);
  if (!payment.ok) return payment;
  const charge = invoice.subtotalMicros > 0n ? await postInvoiceCharge(ctx, invoice, due, at) : ok(null);
  if (!charge.ok) return charge;
  if (charge.value !== null) await recordChargeTransaction(ctx.db, invoice.id, charge.value);
  await markBoothInvoicePaid(ctx.db, invoice.id, {
    amountPaidMicros: due > 0n ? due : 0n,
    paymentTransactionId: payment.value,
    chargeTransactionId: charge.value,
    at,
  });
  return settled(ctx, invoice.id);
}

/** One ledger step of an invoice: its key, what it posts, and what the request hash covers. */
interface InvoiceTransaction {
  /** The step (`<invoice id>:<step>` in scope booth-invoice) and the request hash's name. */
  step: 'payment' | 'charge' | 'credit';
  /** What the step's request hash covers: a repeat with other figures is refused, never posted. */
  hashed: Record<string, unknown>;
  kind: 'payment' | 'charge' | 'other';
  description: string;
  /** Beside the invoice's id and number. */
  metadata?: Record<string, string>;
  debitAccountId: string;
  creditAccountId: string;
  amountMicros: bigint;
  at: Date;
}

/**
 * Posts one USD transaction of the invoice (a single transfer), keyed so that a repeat is a
 * replay; answers its transaction id. The card payment, the charge and a credit note's grant.
 */
async function postInvoiceTransaction(
  ctx: BoothContext,
  invoice: BoothInvoiceRecord,
  t: InvoiceTransaction,
): Promise<Result<string>> {
  const number = invoice.formattedNumber!;
  const posted = await ctx.ledger.submit({
    idempotency: {
      scope: LEDGER_SCOPE,
      key: `${invoice.id}:${t.step}`,
      requestHash: requestHash(`booth-invoice-${t.step}`, t.hashed),
    },
    command: {
      type: 'post_transaction',
      transaction: {
        id: newId('transaction'),
        accountId: invoice.accountId,
        kind: t.kind,
        unit: 'USD',
        description: t.description,
        metadata: { boothInvoiceId: invoice.id, invoiceNumber: number, ...t.metadata },
        createdAt: t.at,
      },
      transfers: [
        {
          id: newId('transfer'),
          debitAccountId: t.debitAccountId,
          creditAccountId: t.creditAccountId,
          amountMicros: t.amountMicros,
        },
      ],
    },
  });
  return fromLedger(posted, (r) => r.transaction!.id);
}

/** What the card paid, clearing.card → the customer's USD wallet; answers its transaction id. */
function postCardPayment(
  ctx: BoothContext,
  invoice: BoothInvoiceRecord,
  due: bigint,
  at: Date,
): Promise<Result<string>> {
  return postInvoiceTransaction(ctx, invoice, {
    step: 'payment',
    hashed: { id: invoice.id, due },
    kind: 'payment',
    description: `Card payment for invoice ${invoice.formattedNumber!}`,
    metadata: { processorPaymentId: invoice.processorPaymentId ?? '' },
    debitAccountId: systemAccountId('clearing.card', 'USD'),
    creditAccountId: walletId(invoice.accountId, 'USD'),
    amountMicros: due,
    at,
  });
}

/**
 * The invoice's subtotal (before account credit), the customer's USD wallet → revenue.booth;
 * answers its transaction id. Its metadata says how much came from credit and how much from the card.
 */
function postInvoiceCharge(
  ctx: BoothContext,
  invoice: BoothInvoiceRecord,
  due: bigint,
  at: Date,
): Promise<Result<string>> {
  return postInvoiceTransaction(ctx, invoice, {
    step: 'charge',
    hashed: { id: invoice.id, total: invoice.subtotalMicros },
    kind: 'charge',
    description: `Invoice ${invoice.formattedNumber!}: ${invoice.description}`,
    metadata: {
      creditApplied: formatAmount(invoice.creditAppliedMicros, 'USD'),
      paidByCard: formatAmount(due > 0n ? due : 0n, 'USD'),
    },
    debitAccountId: walletId(invoice.accountId, 'USD'),
    creditAccountId: revenueAccountId('booth', 'USD'),
    amountMicros: invoice.subtotalMicros,
    at,
  });
}

/**
 * A credit note: the absolute total is granted to the customer's USD wallet as account credit, an
 * Other transaction debiting revenue.booth (a credit note gives back revenue), then paid.
 */
async function grantCreditNote(
  ctx: BoothContext,
  invoice: BoothInvoiceRecord,
): Promise<Result<BoothInvoice>> {
  const amount = -invoice.totalMicros;
  let grantId: string | null = null;
  if (amount > 0n) {
    const granted = await postInvoiceTransaction(ctx, invoice, {
      step: 'credit',
      hashed: { id: invoice.id, amount },
      kind: 'other',
      description: `Account credit from credit note ${invoice.formattedNumber!}: ${invoice.description}`,
      debitAccountId: revenueAccountId('booth', 'USD'),
      creditAccountId: walletId(invoice.accountId, 'USD'),
      amountMicros: amount,
      at: ctx.clock.now(),
    });
    if (!granted.ok) return granted;
    grantId = granted.value;
  }
  await markBoothInvoicePaid(ctx.db, invoice.id, {
    amountPaidMicros: 0n,
    paymentTransactionId: grantId,
    chargeTransactionId: null,
    at: ctx.clock.now(),
  });
  return settled(ctx, invoice.id);
}
