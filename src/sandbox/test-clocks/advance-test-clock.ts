import { SimulatedClock, currentTestClockId, runOnTestClock } from '../../kernel/clock.js';
import type { DueWorkRunner } from '../../kernel/jobs/due-work-runner.js';
import { nextDueAt } from '../../kernel/jobs/due-work-store.js';
import { type Result, fail, ok } from '../../kernel/result.js';
import { expireHolds } from '../../ledger/expire-holds.js';
import { scanBalanceAlerts } from '../../compute/alerts/alert-work.js';
import type { ServiceContext } from '../../server/context.js';
import { type TestClockRecord, claimAdvance, findTestClock, saveTestClock } from './test-clock-store.js';

/**
 * Moves a test clock to `to` and runs, in due order, every piece of due work of its accounts up to
 * then: the clock stops at each due time (a renewal on Feb 28 runs at Feb 28, storage hour by
 * hour), runs what is due (work a handler schedules for a time already reached runs in the same
 * stop), expires its accounts' due holds and checks their balance alerts, then goes on. Answers
 * when done. Only one advance of a clock at a time (409 `test_clock_advancing` otherwise).
 */
export async function advanceTestClock(
  ctx: ServiceContext,
  runner: DueWorkRunner<ServiceContext>,
  id: string,
  to: Date,
): Promise<Result<TestClockRecord>> {
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
  try {
    await runOnTestClock({ id, clock }, () => runUntil(ctx, runner, clock, to));
  } finally {
    await saveTestClock(ctx.db, id, clock.now(), 'ready');
  }
  return ok((await findTestClock(ctx.db, id))!);
}

async function runUntil(
  ctx: ServiceContext,
  runner: DueWorkRunner<ServiceContext>,
  clock: SimulatedClock,
  to: Date,
): Promise<void> {
  for (;;) {
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
