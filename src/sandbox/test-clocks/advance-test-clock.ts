import { SimulatedClock, currentTestClockId, runOnTestClock } from '../../kernel/clock.js';
import type { DueWorkRunner } from '../../kernel/jobs/due-work-runner.js';
import { nextDueAt } from '../../kernel/jobs/due-work-store.js';
import { type Result, fail, ok } from '../../kernel/result.js';
import { expireHolds } from '../../ledger/expire-holds.js';
import { scanBalanceAlerts } from '../../compute/alerts/alert-work.js';
import type { ServiceContext } from '../../server/context.js';
import { claimAdvance, findTestClock, saveTestClock } from './test-clock-store.js';
import type { TestClockRecord } from './test-clock-rules.js';

/** A jump longer than this runs in the background: the caller polls the clock until it is `ready`. */
export const LONG_JUMP_MS = 31 * 86_400_000;

export interface AdvanceOptions {
  /** Answer at once with the clock `advancing`, whatever the jump (`Prefer: respond-async`). */
  respondAsync?: boolean;
  /** Stops a background advance at its next stop (the server is closing); the clock stays `ready` there. */
  signal?: AbortSignal;
}

export interface StartedAdvance {
  clock: TestClockRecord;
  /** A background advance still running (the clock `advancing`); null when it is done. */
  running: Promise<void> | null;
}

/**
 * Moves a test clock to `to` and runs, in due order, every piece of due work of its accounts up to
 * then: the clock stops at each due time (a renewal on Feb 28 runs at Feb 28, storage hour by
 * hour), runs what is due (work a handler schedules for a time already reached runs in the same
 * stop), expires its accounts' due holds and checks their balance alerts, then goes on. A jump of
 * up to LONG_JUMP_MS answers when done; a longer one (or any, asked to respond async) answers at
 * once with the clock `advancing`, its time moving on at each stop, until it is `ready` at `to`.
 * Only one advance of a clock at a time (409 `test_clock_advancing` otherwise).
 */
export async function advanceTestClock(
  ctx: ServiceContext,
  runner: DueWorkRunner<ServiceContext>,
  id: string,
  to: Date,
  options: AdvanceOptions = {},
): Promise<Result<StartedAdvance>> {
  const found = await findTestClock(ctx.db, id);
  if (!found) return fail('test_clock_not_found', 'no such test clock', { testClockId: id });
  if (to < found.frozenTime) {
    return fail('test_clock_backwards', 'a test clock only moves forward', {
      frozenTime: found.frozenTime.toISOString(),
    });
  }
  if (!(await claimAdvance(ctx.db, id))) {
    return fail('test_clock_advancing', 'this test clock is being advanced; try again when it is ready');
  }
  const clock = new SimulatedClock(found.frozenTime);
  const run = async () => {
    try {
      await runOnTestClock({ id, clock }, () => runUntil(ctx, runner, clock, to, options.signal));
    } finally {
      await saveTestClock(ctx.db, id, clock.now(), 'ready');
    }
  };
  const jump = to.getTime() - found.frozenTime.getTime();
  if (!options.respondAsync && jump <= LONG_JUMP_MS) {
    await run();
    return ok({ clock: (await findTestClock(ctx.db, id))!, running: null });
  }
  return ok({ clock: { ...found, status: 'advancing' }, running: run() });
}

async function runUntil(
  ctx: ServiceContext,
  runner: DueWorkRunner<ServiceContext>,
  clock: SimulatedClock,
  to: Date,
  signal: AbortSignal | undefined,
): Promise<void> {
  while (!signal?.aborted) {
    const next = await nextDueAt(ctx.db);
    const stop = next && next <= to ? next : to;
    if (stop > clock.now()) clock.set(stop);
    await runner.runDue();
    await expireHolds(ctx);
    await scanBalanceAlerts(ctx);
    await saveTestClock(ctx.db, currentTestClockId(), clock.now(), 'advancing');
    if (stop.getTime() === to.getTime()) {
      const left = await nextDueAt(ctx.db);
      if (!left || left > to) return;
    }
  }
}
