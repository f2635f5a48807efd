import type { Scenario, ScenarioAction } from './scenario.js';
import { nextDueAt } from '../kernel/jobs/due-work-store.js';
import { expireHolds } from '../ledger/expire-holds.js';
import { scanBalanceAlerts } from '../compute/alerts/alert-work.js';
import { boothActions } from './booth-actions.js';
import { computeActions, renderTick } from './compute-actions.js';
import { eventActions } from './event-actions.js';
import { type SimulationReport, collectReport } from './sim-report.js';
import { type SimWorld, openWorld } from './sim-world.js';

export { formatReport, type SimulationReport } from './sim-report.js';
export type { SimulationEvent } from './sim-world.js';

type Handler = (w: SimWorld, action: never, key: string) => Promise<void>;
const HANDLERS: Record<ScenarioAction['do'], Handler> = {
  ...computeActions,
  ...boothActions,
  ...eventActions,
};

/**
 * Runs a scenario on the real engine (embedded PGlite in memory, the real use cases, every due job
 * of both lines on one runner) under one simulated clock, step by step: the actions due, the render
 * farm's starts and completion reports, then every piece of due work (license renewals, rental
 * periods, storage hours, alert scans, auto top-ups, hold expiry, notifications). Only the outside
 * world is simulated: the GPU fleet, the render farm, the card processor, top-up rails.
 */
export async function runScenario(
  scenario: Scenario,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<SimulationReport> {
  const world = await openWorld(scenario);
  try {
    const pending = scenario.actions
      .map((action, index) => ({ action, key: `sim-${index}-${action.do}` }))
      .sort((a, b) => Date.parse(a.action.at) - Date.parse(b.action.at));
    const startMs = Date.parse(scenario.start);
    const stepMs = scenario.stepMinutes * 60_000;
    const endMs = startMs + scenario.days * 86_400_000;
    const steps = Math.ceil((endMs - startMs) / stepMs);
    for (let step = 0; step <= steps; step++) {
      await runStep(world, pending, Math.min(startMs + step * stepMs, endMs));
      onProgress(step, steps);
    }
    return await collectReport(world, scenario);
  } finally {
    await world.engine.close();
  }
}

/**
 * One step, up to `untilMs`: each action due by then at its own instant, then the render farm and
 * the periodic checks (hold expiry, balance alerts) at the step's end. Time moves as a test clock
 * does: the clock stops at each due time on the way (a renewal due at 09:00 runs at 09:00, and
 * before an action at that instant).
 */
async function runStep(world: SimWorld, pending: { action: ScenarioAction; key: string }[], untilMs: number) {
  while (pending.length > 0 && Date.parse(pending[0]!.action.at) <= untilMs) {
    const { action, key } = pending.shift()!;
    await advanceTo(world, Date.parse(action.at));
    await (HANDLERS[action.do] as (w: SimWorld, a: ScenarioAction, k: string) => Promise<void>)(
      world,
      action,
      key,
    );
  }
  await advanceTo(world, untilMs);
  for (const render of world.renders) await renderTick(world, render);
  await expireHolds(world.ctx);
  await scanBalanceAlerts(world.ctx);
  await world.runner.runDue();
}

/** Moves the clock to `toMs` (never back), stopping at each due time on the way to run what is due. */
async function advanceTo(world: SimWorld, toMs: number) {
  for (;;) {
    const next = (await nextDueAt(world.ctx.db))?.getTime();
    const stop = next !== undefined && next <= toMs ? next : toMs;
    if (stop > world.clock.now().getTime()) world.clock.set(new Date(stop));
    await world.runner.runDue();
    if (stop === toMs) {
      const left = (await nextDueAt(world.ctx.db))?.getTime();
      if (left === undefined || left > toMs) return;
    }
  }
}
