import {
  type BoothInvoice,
  type BoothInvoiceLineInput,
  type BoothInvoiceSettlement,
  type BoothInvoiceSource,
  sumLines,
  validateBoothInvoiceInput,
} from './booth-invoice-rules.js';
import { newId } from '../../kernel/ids.js';
import { requestHash } from '../../kernel/request-hash.js';
import { findAccount } from '../../accounts/account-store.js';
import {
  availableAccountCredit,
  findBoothInvoiceBySource,
  insertDraftInvoice,
} from './booth-invoice-store.js';
import { findDefaultPaymentMethod } from './card-store.js';
import {
  chargesBeforeNumber,
  collect,
  finalizeDraft,
  prepareDraft,
  publicInvoice,
} from './booth-invoice-settlement.js';
import type { BoothContext } from '../context.js';
import { IDEMPOTENCY_CONFLICT, type Result, fail, ok } from '../../kernel/result.js';

export interface IssueBoothInvoiceInput {
  accountId: string;
  /** Natural id; a second call with the same source returns the same invoice (different lines → idempotency_key_reused). */
  source: BoothInvoiceSource;
  /** The list's "Description" column, e.g. "5 × Pro monthly". */
  description: string;
  /** The caller's lines; the engine adds the `account_credit` line when applying credit. */
  lines: BoothInvoiceLineInput[];
  settlement: BoothInvoiceSettlement;
}

/**
 * Issues a booth invoice and settles it as asked (see booth-invoice-settlement.ts for the steps).
 *
 * - `charge_default_card`: no default card (when the card has anything to pay) → with
 *   `onDecline: 'void'` (a purchase) fails `no_default_payment_method` and writes nothing; with
 *   `leave_open` (a renewal) the invoice is issued and left open, declined for want of a card.
 *   A renewal: draft → account credit → open with its number → the default card pays the rest →
 *   Payment + Charge in the ledger → paid. A purchase (`void`) is charged while still a draft
 *   (credit set aside first) and numbered only once paid. A decline is not a failure: the result
 *   is ok(invoice) with status open (`leave_open`, the decline recorded) or void (`void`: a
 *   purchase discarded with no number; its failed attempt is in booth_payment_attempts); callers
 *   look at the status.
 * - `credit_note`: total ≤ 0, granted to the USD wallet as account credit; paid.
 *
 * The same source again returns the same invoice, finishing whatever a crash interrupted without
 * charging the card twice; with another request (account, description, lines, settlement) it is
 * `idempotency_key_reused`. A failure before the draft is written (validation, no card, no
 * processor) writes nothing.
 */
export async function issueBoothInvoice(
  ctx: BoothContext,
  input: IssueBoothInvoiceInput,
): Promise<Result<BoothInvoice>> {
  const invalid = validateBoothInvoiceInput(input);
  if (invalid) return fail('invalid_request', invalid.message, { field: invalid.field });
  if (input.source.length === 0 || input.source.length > 200) {
    return fail('invalid_request', 'source must be 1-200 characters', { field: 'source' });
  }
  const hash = requestHash('issue-booth-invoice', {
    accountId: input.accountId,
    description: input.description,
    lines: input.lines.map((l) => ({ ...l, metadata: l.metadata ?? {} })),
    settlement: input.settlement,
  });

  let invoice = await findBoothInvoiceBySource(ctx.db, input.source);
  if (!invoice) {
    const refused = await refusal(ctx, input);
    if (refused) return refused;
    const inserted = await insertDraftInvoice(ctx.db, {
      id: newId('boothInvoice'),
      accountId: input.accountId,
      source: input.source,
      requestHash: hash,
      description: input.description,
      settlement: input.settlement,
      lines: input.lines.map((l) => ({
        kind: l.kind,
        description: l.description,
        quantity: l.quantity,
        amountMicros: l.amountMicros,
        metadata: l.metadata ?? {},
      })),
      subtotalMicros: sumLines(input.lines),
      createdAt: ctx.clock.now(),
    });
    invoice = (await findBoothInvoiceBySource(ctx.db, input.source))!;
    if (!inserted && invoice.requestHash !== hash) return IDEMPOTENCY_CONFLICT();
  } else if (invoice.requestHash !== hash) {
    return IDEMPOTENCY_CONFLICT();
  }
  const replayed =
    invoice.status === 'paid' || invoice.status === 'void' || invoice.status === 'uncollectible';
  if (replayed) return ok(publicInvoice(invoice), true);
  if (invoice.status === 'draft') {
    invoice = chargesBeforeNumber(invoice)
      ? await prepareDraft(ctx, invoice.id)
      : await finalizeDraft(ctx, invoice.id);
  }
  return collect(ctx, invoice, { newAttempt: false });
}

/** Why a new invoice cannot be issued at all (checked before anything is written). */
async function refusal(ctx: BoothContext, input: IssueBoothInvoiceInput): Promise<Result<never> | undefined> {
  if (!(await findAccount(ctx.db, input.accountId))) {
    return fail('account_not_found', 'no such account', { accountId: input.accountId });
  }
  const s = input.settlement;
  if (s.type !== 'charge_default_card') return undefined;
  const subtotal = sumLines(input.lines);
  if (subtotal <= 0n) return undefined;
  // The card is needed unless account credit covers everything (re-checked at finalization).
  if (s.applyAccountCredit && (await availableAccountCredit(ctx.db, input.accountId)) >= subtotal)
    return undefined;
  if (!ctx.cards) return fail('card_processor_not_configured', 'no card processor is configured');
  // An invoice left open on decline (a renewal) is issued without a card too, and stays open.
  if (s.onDecline === 'void' && !(await findDefaultPaymentMethod(ctx.db, input.accountId))) {
    return fail('no_default_payment_method', 'the account has no default card to charge', {
      accountId: input.accountId,
    });
  }
  return undefined;
}
