import {
  type AlertKind,
  type AlertSettings,
  type AlertStateRecord,
  evaluateAlert,
  isLowBalance,
  isLowRemainingTime,
  remainingHoursText,
} from './alerts-rules.js';
import { formatAmount } from '../../kernel/money.js';
import { findBalances } from '../../ledger/balance-store.js';
import { findAlertSettings, findAlertStates, lockAlertSettings, saveAlertState } from './alert-store.js';
import { type Queryable, transactionWithRetry } from '../../kernel/db/database.js';
import type { ComputeContext } from '../context.js';
import { publishEventIn } from '../../notify/publish-event.js';

/**
 * Evaluates an account's low-balance and low-remaining-time alerts against its available CREDIT
 * balance now (domain/alerts.ts: fire once per crossing, re-arm when back at or above). Called
 * after every top-up (re-arms at once) and by the periodic `alerts.scan` due work (fires after
 * charges), so the ledger's write path does no extra work. A firing records its notification in
 * the same transaction as the alert state, deduped on the crossing number: repeating a check
 * never notifies twice. Returns the alerts that fired.
 */
export async function checkBalanceAlerts(ctx: ComputeContext, accountId: string): Promise<AlertKind[]> {
  const configured = await findAlertSettings(ctx.db, accountId);
  if (!configured || (configured.lowBalanceMicros === null && configured.lowRemainingHours === null))
    return [];
  // The burn comes from the GPU fleet: asked before the transaction, never inside it.
  const burn =
    configured.lowRemainingHours !== null && ctx.burnRate
      ? await ctx.burnRate.hourlyBurnMicros(accountId)
      : null;
  return transactionWithRetry(ctx.db, async (tx) => {
    // Locks the settings row: checks of one account (scan and top-up at once) take turns.
    const settings = await lockAlertSettings(tx, accountId);
    if (!settings) return [];
    const now = ctx.clock.now();
    const states = await findAlertStates(tx, accountId);
    const credit = (await findBalances(tx, accountId, now)).find((b) => b.unit === 'CREDIT');
    if (!credit) return [];
    const available = credit.balanceMicros - credit.heldMicros;
    const fired: AlertKind[] = [];
    for (const check of alertChecks(settings, available, burn)) {
      if (await recordAlertCheck(tx, accountId, check, states.get(check.kind), now)) fired.push(check.kind);
    }
    return fired;
  });
}

/** One alert to evaluate: whether the balance is below its threshold, and what its notification says. */
interface AlertCheck {
  kind: AlertKind;
  below: boolean;
  data: () => Record<string, string>;
}

/**
 * The alerts an account has set, each against its available CREDIT now. Low remaining time needs
 * the fleet's burn rate: without one (no fleet, or no rentals) it is not checked at all.
 */
function alertChecks(settings: AlertSettings, available: bigint, burn: bigint | null): AlertCheck[] {
  const checks: AlertCheck[] = [];
  if (settings.lowBalanceMicros !== null) {
    const threshold = settings.lowBalanceMicros;
    checks.push({
      kind: 'low_balance',
      below: isLowBalance(available, threshold),
      data: () => ({
        available: formatAmount(available, 'CREDIT'),
        threshold: formatAmount(threshold, 'CREDIT'),
        unit: 'CREDIT',
      }),
    });
  }
  if (settings.lowRemainingHours !== null && burn !== null) {
    const hours = settings.lowRemainingHours;
    checks.push({
      kind: 'low_remaining_time',
      below: isLowRemainingTime(available, burn, hours),
      data: () => ({
        available: formatAmount(available, 'CREDIT'),
        hourlyBurn: formatAmount(burn, 'CREDIT'),
        remainingHours: remainingHoursText(available, burn) ?? '',
        thresholdHours: String(hours),
        unit: 'CREDIT',
      }),
    });
  }
  return checks;
}

/**
 * Saves the alert's next state when it changed (or was never stored) and, when it fires, records
 * its notification in the same transaction, deduped on the crossing number. Returns whether it fired.
 */
async function recordAlertCheck(
  tx: Queryable,
  accountId: string,
  check: AlertCheck,
  stored: AlertStateRecord | undefined,
  now: Date,
): Promise<boolean> {
  const state = stored ?? { status: 'armed' as const, crossing: 0 };
  const decision = evaluateAlert(state.status, check.below);
  if (decision.next === state.status && stored !== undefined) return false;
  const crossing = decision.fire ? state.crossing + 1 : state.crossing;
  await saveAlertState(
    tx,
    accountId,
    check.kind,
    { status: decision.next, crossing },
    decision.fire ? now : null,
    now,
  );
  if (!decision.fire) return false;
  await publishEventIn(tx, now, {
    accountId,
    type: `alert.${check.kind}`,
    at: now,
    data: check.data(),
    dedupeId: `alert:${check.kind}:${accountId}:${crossing}`,
  });
  return true;
}
