import { findPack, type AutoTopupRecord } from './booth-usage-rules.js';
import { findAccount } from '../../accounts/account-store.js';
import { scheduleWork } from '../../kernel/jobs/due-work-store.js';
import { publishEventIn } from '../../notify/publish-event.js';
import { getBalances } from '../../ledger/get-balances.js';
import {
  AUTO_TOPUP_KEY,
  autoPurchasesSince,
  disableAutoTopup,
  findAutoTopup,
  observeBalance,
  saveAutoTopup,
} from './auto-topup-store.js';
import { buyTokenPack } from './buy-token-pack.js';
import type { BoothContext } from '../context.js';
import { type Result, fail, ok } from '../../kernel/result.js';

/** Due work: one pack per (account, crossing); subject = account id, period = the crossing number. */
export const AUTO_TOPUP_WORK = 'booth.auto_topup';
const AUTO_CALLER = { id: 'auto-topup', role: 'service' as const, accountId: null };

/** The customer sets (or changes, or turns off) auto top-up; saving re-arms it. */
export async function setAutoTopup(
  ctx: BoothContext,
  input: {
    accountId: string;
    enabled: boolean;
    thresholdMicros: bigint;
    packTokens: number;
    maxPerDay: number;
  },
): Promise<Result<AutoTopupRecord>> {
  if (!findPack(input.packTokens)) {
    return fail('auto_topup_pack_not_found', `no pack of ${input.packTokens} tokens`, { field: 'pack' });
  }
  if (!(await findAccount(ctx.db, input.accountId))) {
    return fail('account_not_found', 'no such account', { accountId: input.accountId });
  }
  const saved = await saveAutoTopup(ctx.db, input, ctx.clock.now());
  await checkAutoTopup(ctx, input.accountId);
  return ok((await findAutoTopup(ctx.db, input.accountId)) ?? saved);
}

export async function getAutoTopup(
  ctx: BoothContext,
  accountId: string,
): Promise<Result<AutoTopupRecord | null>> {
  if (!(await findAccount(ctx.db, accountId)))
    return fail('account_not_found', 'no such account', { accountId });
  return ok((await findAutoTopup(ctx.db, accountId)) ?? null);
}

/**
 * Called after tokens are spent (and after a pack is bought): a fall below the threshold while
 * armed schedules one purchase for that crossing (due work, so a report never waits on a card);
 * a balance back at or above the threshold re-arms it.
 */
export async function checkAutoTopup(ctx: BoothContext, accountId: string, availableMicros?: bigint) {
  let available = availableMicros;
  if (available === undefined) {
    const balances = await getBalances(ctx, accountId);
    if (!balances.ok) return;
    available = balances.value.find((b) => b.unit === 'TOKEN')?.availableMicros ?? 0n;
  }
  const crossed = await observeBalance(ctx.db, accountId, available);
  if (!crossed) return;
  const now = ctx.clock.now();
  await scheduleWork(ctx.db, [
    { kind: AUTO_TOPUP_WORK, subject: accountId, period: String(crossed.crossing), dueAt: now },
  ]);
}

/**
 * The purchase of one crossing (due work, idempotent: the key is the crossing): at most
 * `maxPerDay` per UTC day, with the default card; bought → notified and re-checked (re-armed when
 * the balance is back above); declined → notified and turned off until the customer saves it again.
 * A crossing the day's limit blocks is tried again at the start of the next UTC day (`deferred`),
 * unless by then the balance is back at or above the threshold (re-armed) or a later crossing began.
 */
export async function runAutoTopup(
  ctx: BoothContext,
  accountId: string,
  crossing: number,
  deferred = false,
): Promise<void> {
  // Deferred: the balance is looked at again first (back at or above the threshold → re-armed).
  if (deferred) await checkAutoTopup(ctx, accountId);
  const settings = await findAutoTopup(ctx.db, accountId);
  if (!settings?.enabled) return;
  if (deferred && (settings.armed || settings.crossings !== crossing)) return;
  const now = ctx.clock.now();
  const dayStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const nextDay = new Date(dayStart.getTime() + 86_400_000);
  const notify = (type: string, data: Record<string, string>) =>
    ctx.db.transaction((tx) =>
      publishEventIn(tx, now, {
        accountId,
        type,
        at: now,
        data,
        dedupeId: `${type}:${accountId}:${crossing}`,
      }),
    );
  if ((await autoPurchasesSince(ctx.db, accountId, dayStart)) >= settings.maxPerDay) {
    await notify('booth.auto_topup_limit_reached', {
      maxPerDay: String(settings.maxPerDay),
      retryAt: nextDay.toISOString(),
    });
    // The same crossing, again tomorrow (period "<crossing>:<day>": once per crossing and day).
    await scheduleWork(ctx.db, [
      {
        kind: AUTO_TOPUP_WORK,
        subject: accountId,
        period: `${crossing}:${nextDay.toISOString().slice(0, 10)}`,
        dueAt: nextDay,
      },
    ]);
    return;
  }
  const bought = await buyTokenPack(
    ctx,
    AUTO_CALLER,
    { accountId, packTokens: settings.packTokens, quantity: 1 },
    `${AUTO_TOPUP_KEY}${crossing}`,
  );
  if (bought.ok) {
    await notify('booth.auto_topup', { pack: String(settings.packTokens), purchaseId: bought.value.id });
    await checkAutoTopup(ctx, accountId);
    return;
  }
  const code = bought.failure.code;
  if (
    code === 'token_purchase_declined' ||
    code === 'no_default_payment_method' ||
    code === 'card_declined'
  ) {
    await disableAutoTopup(ctx.db, accountId, `${code}: ${bought.failure.detail}`, now);
    await notify('booth.auto_topup_disabled', { reason: code });
    return;
  }
  throw new Error(`auto top-up ${accountId}#${crossing}: ${code}`); // unknown outcome: retried
}
