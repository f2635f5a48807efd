import { findDunning, insertDunning, recordDunningAttempt, endDunning } from './dunning-store.js';
import {
  DEFAULT_DUNNING_RETRY_DAYS,
  nextRetryAt,
  retrySchedule,
  type DunningRecord,
} from './dunning-rules.js';
import { findBoothInvoice } from '../billing/booth-invoice-store.js';
import { changeOperatorStatus } from '../billing/mark-booth-invoice-uncollectible.js';
import { payOpenInvoice } from '../billing/pay-open-invoice.js';
import { pauseEventsIfLocked } from '../events/pause-events-if-locked.js';
import { formatMoneyWithUnit } from '../../kernel/format-rules.js';
import { scheduleWork } from '../../kernel/jobs/due-work-store.js';
import { transactionWithRetry } from '../../kernel/db/database.js';
import { publishEventIn } from '../../notify/publish-event.js';
import type { BoothContext } from '../context.js';
import type { BoothInvoiceRecord } from '../billing/booth-invoice-rules.js';
import type { RenewalRecord } from './licensing-rules.js';

/** Due work: one retry of a failed renewal invoice; subject = invoice id, period = the retry number. */
export const DUNNING_RETRY_WORK = 'booth.dunning_retry';
const DUNNING_CALLER = { id: 'dunning', role: 'service' as const, accountId: null };
/** Failures that are the card's answer (retried on the next date); anything else is retried soon. */
const DECLINES = new Set(['card_declined', 'no_default_payment_method']);

/**
 * A renewal invoice was left open (card declined, or no card): starts its dunning, once per
 * invoice. The retries are scheduled on the clock at the schedule's days after the billing date,
 * and the customer is told (`booth.renewal_failed`, with the first retry date). Safe to call again.
 */
export async function startDunning(
  ctx: BoothContext,
  renewal: RenewalRecord,
  retryDays: readonly number[] = DEFAULT_DUNNING_RETRY_DAYS,
): Promise<void> {
  const invoiceId = renewal.invoiceId;
  if (renewal.status !== 'open' || !invoiceId) return;
  const invoice = await findBoothInvoice(ctx.db, invoiceId);
  if (!invoice || (invoice.status !== 'open' && invoice.status !== 'uncollectible')) return;
  const { accountId, billingDate } = renewal;
  const dates = retrySchedule(billingDate, retryDays);
  await transactionWithRetry(ctx.db, async (tx) => {
    const now = ctx.clock.now();
    if (!(await insertDunning(tx, { invoiceId, accountId, billingDate, retryDays }, now))) return;
    await scheduleWork(
      tx,
      dates.map((dueAt, i) => ({
        kind: DUNNING_RETRY_WORK,
        subject: invoiceId,
        period: String(i + 1),
        dueAt,
      })),
    );
    await publishEventIn(tx, now, {
      accountId,
      type: 'booth.renewal_failed',
      at: now,
      data: {
        ...invoiceFacts(invoice),
        billingDate: billingDate.toISOString(),
        declineCode: invoice.lastDeclineCode ?? '',
        retries: String(dates.length),
        nextRetryAt: dates[0]!.toISOString(),
      },
      dedupeId: `booth.renewal_failed:${invoiceId}`,
    });
  });
}

/**
 * Retry `attempt` of a dunning (due work, idempotent per (invoice, retry)): charges the account's
 * default card as it is now. Paid → the expired licenses come back and the events the lock paused
 * resume (payOpenInvoice), `booth.dunning_paid`. Declined → `booth.dunning_retry_failed` with the
 * next date; after the last retry the invoice is marked uncollectible (it stays payable), the
 * account stays locked with its events paused, and `booth.dunning_exhausted` says so. An invoice
 * the customer paid meanwhile ends the dunning without a charge. An unknown outcome throws (the
 * runner retries the same retry, with the processor's idempotency key).
 */
export async function runDunningRetry(ctx: BoothContext, invoiceId: string, attempt: number): Promise<void> {
  const dunning = await findDunning(ctx.db, invoiceId);
  if (dunning?.status === 'uncollectible') return finishExhausted(ctx, dunning);
  if (!dunning || dunning.status !== 'retrying') return;
  if (dunning.attempts.some((a) => a.attempt === attempt)) return;
  const before = await findBoothInvoice(ctx.db, invoiceId);
  if (!before || before.status === 'void') return;
  if (before.status === 'paid') {
    await endDunning(ctx.db, invoiceId, 'paid', ctx.clock.now());
    return;
  }
  const paid = await payOpenInvoice(ctx, dunning.accountId, invoiceId, { byDunning: true });
  if (!paid.ok && !DECLINES.has(paid.failure.code)) {
    throw new Error(`dunning ${invoiceId}#${attempt}: ${paid.failure.code}: ${paid.failure.detail}`);
  }
  const after = (await findBoothInvoice(ctx.db, invoiceId))!;
  if (after.status === 'paid') return settlePaid(ctx, dunning, after, attempt);
  const declineCode = paid.ok ? (after.lastDeclineCode ?? 'card_declined') : paid.failure.code;
  return recordDecline(ctx, dunning, after, attempt, declineCode);
}

function invoiceFacts(invoice: BoothInvoiceRecord): Record<string, string> {
  return {
    invoiceId: invoice.id,
    invoiceNumber: invoice.formattedNumber ?? '',
    amount: formatMoneyWithUnit(invoice.totalMicros, 'USD'),
  };
}

async function settlePaid(
  ctx: BoothContext,
  dunning: DunningRecord,
  invoice: BoothInvoiceRecord,
  attempt: number,
) {
  await transactionWithRetry(ctx.db, async (tx) => {
    const now = ctx.clock.now();
    const entry = { attempt, at: now.toISOString(), outcome: 'paid' as const, declineCode: null };
    if (!(await recordDunningAttempt(tx, invoice.id, entry, 'paid', now))) return;
    await publishEventIn(tx, now, {
      accountId: dunning.accountId,
      type: 'booth.dunning_paid',
      at: now,
      data: { ...invoiceFacts(invoice), attempt: String(attempt), retries: String(dunning.retryDays.length) },
      dedupeId: `booth.dunning_paid:${invoice.id}`,
    });
  });
}

async function recordDecline(
  ctx: BoothContext,
  dunning: DunningRecord,
  invoice: BoothInvoiceRecord,
  attempt: number,
  declineCode: string,
): Promise<void> {
  const next = nextRetryAt(dunning.billingDate, dunning.retryDays, attempt);
  const last = next === null;
  const recorded = await transactionWithRetry(ctx.db, async (tx) => {
    const now = ctx.clock.now();
    const entry = { attempt, at: now.toISOString(), outcome: 'declined' as const, declineCode };
    if (!(await recordDunningAttempt(tx, invoice.id, entry, last ? 'uncollectible' : 'retrying', now))) {
      return false;
    }
    const type = last ? 'booth.dunning_exhausted' : 'booth.dunning_retry_failed';
    await publishEventIn(tx, now, {
      accountId: dunning.accountId,
      type,
      at: now,
      data: {
        ...invoiceFacts(invoice),
        attempt: String(attempt),
        retries: String(dunning.retryDays.length),
        declineCode,
        nextRetryAt: next?.toISOString() ?? '',
      },
      dedupeId: `${type}:${invoice.id}:${attempt}`,
    });
    return true;
  });
  if (recorded && last) await finishExhausted(ctx, dunning);
}

/**
 * After the last declined retry (again after a crash): the invoice is marked uncollectible (still
 * payable; paying it reactivates) and the account's events stay paused while it is locked.
 */
async function finishExhausted(ctx: BoothContext, dunning: DunningRecord): Promise<void> {
  const invoice = await findBoothInvoice(ctx.db, dunning.invoiceId);
  if (invoice?.status === 'open') {
    const retries = dunning.retryDays.length;
    const marked = await changeOperatorStatus(
      ctx,
      DUNNING_CALLER,
      {
        accountId: dunning.accountId,
        invoiceId: invoice.id,
        reason: `dunning: the last of ${retries} retries was declined`,
      },
      'uncollectible',
    );
    if (!marked.ok) throw new Error(`dunning ${invoice.id}: ${marked.failure.code}`);
  }
  await pauseEventsIfLocked(ctx, dunning.accountId);
}
