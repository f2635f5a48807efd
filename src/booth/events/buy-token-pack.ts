import { type TokenPack, findPack, type TokenPurchaseRecord } from './booth-usage-rules.js';
import { MICROS_PER_UNIT } from '../../kernel/money.js';
import { newId } from '../../kernel/ids.js';
import { requestHash } from '../../kernel/request-hash.js';
import { findAccount } from '../../accounts/account-store.js';
import { claimTokenPurchase, forgetTokenPurchase, settleTokenPurchase } from './token-store.js';
import { postTokens } from './booth-tokens.js';
import { type Caller, idempotencyScope } from '../../kernel/context.js';
import type { BoothContext } from '../context.js';
import { type IssueBoothInvoiceInput, issueBoothInvoice } from '../billing/issue-booth-invoice.js';
import type { BoothInvoice } from '../billing/booth-invoice-rules.js';
import { IDEMPOTENCY_CONFLICT, type Result, fail, ok } from '../../kernel/result.js';

export interface BuyTokenPackInput {
  accountId: string;
  /** The pack, by its size in tokens (100, 500, 1,000, 2,000, 5,000, 10,000, 20,000). */
  packTokens: number;
  quantity: number;
}

const thousands = (n: number) => n.toLocaleString('en-US');

/**
 * Buys token packs with the default card: a booth invoice with one "token top-up" line, charged at
 * once (account credit not applied, a declined card voids the invoice). The tokens are credited
 * the moment the invoice is paid, as a Payment in TOKEN issued from `sales.tokens`, keyed by the
 * purchase: a repeat with the same Idempotency-Key finds the same purchase and the same invoice
 * (source `tokens:<purchase>`), so neither the card nor the wallet moves twice, and a crash between
 * the two is finished by the repeat.
 */
export async function buyTokenPack(
  ctx: BoothContext,
  caller: Caller,
  input: BuyTokenPackInput,
  idempotencyKey: string,
  issue: typeof issueBoothInvoice = issueBoothInvoice,
): Promise<Result<TokenPurchaseRecord>> {
  const pack = findPack(input.packTokens);
  if (!pack) return fail('invalid_request', `no pack of ${input.packTokens} tokens`, { field: 'pack' });
  if (!(await findAccount(ctx.db, input.accountId))) {
    return fail('account_not_found', 'no such account', { accountId: input.accountId });
  }
  const { purchase, inserted } = await claimPurchase(ctx, caller, input, pack, idempotencyKey);
  if (purchase.requestHash !== requestHash('buy-token-pack', input)) return IDEMPOTENCY_CONFLICT();
  if (purchase.status === 'paid') return ok(purchase, true);
  if (purchase.status === 'declined') return declined(purchase);

  const label = `${input.quantity > 1 ? `${input.quantity} × ` : ''}${thousands(pack.tokens)} tokens`;
  const invoice = await issue(ctx, tokenPackInvoice(input, pack, purchase, label));
  if (!invoice.ok) {
    // Nothing was charged: a retry under the same key starts over instead of finding this purchase.
    if (inserted) await forgetTokenPurchase(ctx.db, purchase.id);
    return invoice;
  }
  const at = ctx.clock.now();
  if (invoice.value.status !== 'paid') return declined(await recordUnpaid(ctx, purchase, invoice.value, at));
  const settled = await creditPaidTokens(ctx, purchase, invoice.value, label, at);
  return ok(settled, !inserted);
}

/** The purchase row for this Idempotency-Key: a new one, or the one an earlier try claimed. */
function claimPurchase(
  ctx: BoothContext,
  caller: Caller,
  input: BuyTokenPackInput,
  pack: TokenPack,
  idempotencyKey: string,
): ReturnType<typeof claimTokenPurchase> {
  return claimTokenPurchase(
    ctx.db,
    {
      id: newId('tokenPurchase'),
      accountId: input.accountId,
      packTokens: pack.tokens,
      quantity: input.quantity,
      tokenMicros: BigInt(pack.tokens * input.quantity) * MICROS_PER_UNIT,
      priceMicros: pack.priceMicros * BigInt(input.quantity),
      requestHash: requestHash('buy-token-pack', input),
      createdAt: ctx.clock.now(),
    },
    idempotencyScope(caller, input.accountId),
    idempotencyKey,
  );
}

/** One "token top-up" line charged to the default card at once; a decline voids it. */
function tokenPackInvoice(
  input: BuyTokenPackInput,
  pack: TokenPack,
  purchase: TokenPurchaseRecord,
  label: string,
): IssueBoothInvoiceInput {
  return {
    accountId: input.accountId,
    source: `tokens:${purchase.id}`,
    description: `Token top-up: ${label}`,
    lines: [
      {
        kind: 'token_top_up',
        description: `Token top-up: ${thousands(pack.tokens)} tokens`,
        quantity: input.quantity,
        amountMicros: purchase.priceMicros,
        metadata: { purchaseId: purchase.id, packTokens: String(pack.tokens) },
      },
    ],
    settlement: { type: 'charge_default_card', applyAccountCredit: false, onDecline: 'void' },
  };
}

/** The card did not pay: the purchase is declined (invoice void) or stays pending (to be retried). */
function recordUnpaid(
  ctx: BoothContext,
  purchase: TokenPurchaseRecord,
  invoice: BoothInvoice,
  at: Date,
): Promise<TokenPurchaseRecord> {
  const reason = invoice.lastDeclineMessage ?? invoice.lastDeclineCode ?? `invoice ${invoice.status}`;
  return settleTokenPurchase(ctx.db, purchase.id, {
    status: invoice.status === 'void' ? 'declined' : 'pending',
    invoiceId: invoice.id,
    transactionId: null,
    declineReason: reason,
    at,
  });
}

/** Paid: the tokens are usable now (keyed by the purchase, so a repeat never credits twice). */
async function creditPaidTokens(
  ctx: BoothContext,
  purchase: TokenPurchaseRecord,
  invoice: BoothInvoice,
  label: string,
  at: Date,
): Promise<TokenPurchaseRecord> {
  const credited = await postTokens(ctx, {
    accountId: purchase.accountId,
    key: `purchase:${purchase.id}`,
    kind: 'payment',
    amountMicros: purchase.tokenMicros,
    description: `Token top-up: ${label}`,
    metadata: { purchaseId: purchase.id, invoiceId: invoice.id },
  });
  if (credited.status !== 'applied' && credited.status !== 'replayed') {
    throw new Error(`token purchase ${purchase.id}: crediting tokens ${credited.status}`);
  }
  return settleTokenPurchase(ctx.db, purchase.id, {
    status: 'paid',
    invoiceId: invoice.id,
    transactionId: credited.result.transaction?.id ?? null,
    declineReason: null,
    at,
  });
}

function declined(p: TokenPurchaseRecord): Result<never> {
  return fail(
    'token_purchase_declined',
    `the default card was not charged: ${p.declineReason ?? 'declined'}`,
    // No invoiceId: the declined pack's draft invoice was discarded (docs/booth.md "Declined purchases").
    { purchaseId: p.id },
  );
}
