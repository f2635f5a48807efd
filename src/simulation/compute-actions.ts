import { parsePositiveAmount } from '../kernel/money.js';
import { updateAlertSettings } from '../compute/alerts/alert-settings.js';
import { insertVerifiedAlertEmails } from '../compute/alerts/alert-store.js';
import { completeRenderTask } from '../compute/rendering/complete-render-task.js';
import { startRenderTask } from '../compute/rendering/start-render-task.js';
import { rentInstance } from '../compute/rentals/rent-instance.js';
import { startInstance } from '../compute/rentals/start-instance.js';
import { stopInstance } from '../compute/rentals/stop-instance.js';
import { recordTopUp } from '../compute/topups/record-top-up.js';
import type { ActionOf } from './scenario.js';
import { type Render, SIMULATION, type SimWorld, accountOf, labelled, note } from './sim-world.js';

/** The compute line's actions: credits, GPU instances, render jobs, alert settings. */
export const computeActions = {
  async topUp(w: SimWorld, action: ActionOf<'topUp'>, key: string) {
    const r = await recordTopUp(w.ctx, {
      accountId: accountOf(w, action.customer),
      rail: 'sandbox',
      amountMicros: credits(action.amount),
      sourceId: key,
      description: 'Top-up',
    });
    note(w, action.customer, 'top-up', r.ok ? `+${action.amount}` : r.failure.detail);
  },

  async rent(w: SimWorld, action: ActionOf<'rent'>, key: string) {
    const accountId = accountOf(w, action.customer);
    const { type, diskGb, period, autoRenew } = action;
    const r = await rentInstance(
      w.ctx,
      SIMULATION,
      { accountId, instanceType: type, diskGb, period, autoRenew },
      key,
    );
    if (r.ok)
      w.instances.set(action.instance, { accountId, id: r.value.instance.id, customer: action.customer });
    const outcome = r.ok ? 'running' : r.failure.code;
    note(w, action.customer, 'rent', `${action.instance} (${type}, ${diskGb} GB): ${outcome}`);
  },

  async stop(w: SimWorld, action: ActionOf<'stop'>) {
    const instance = labelled(w, w.instances, 'stop', action.instance);
    if (!instance) return;
    const r = await stopInstance(w.ctx, instance.accountId, instance.id);
    note(w, instance.customer, 'stop', `${action.instance}: ${r.ok ? 'done' : r.failure.code}`);
  },

  async start(w: SimWorld, action: ActionOf<'start'>) {
    const instance = labelled(w, w.instances, 'start', action.instance);
    if (!instance) return;
    const r = await startInstance(w.ctx, SIMULATION, instance.accountId, instance.id);
    note(w, instance.customer, 'start', `${action.instance}: ${r.ok ? 'done' : r.failure.code}`);
  },

  async render(w: SimWorld, action: ActionOf<'render'>) {
    accountOf(w, action.customer);
    w.renders.push({ ...action, next: 1 });
  },

  async alerts(w: SimWorld, action: ActionOf<'alerts'>, key: string) {
    const accountId = accountOf(w, action.customer);
    // The simulated customer typed each emailed code (docs/simulation.md): the addresses are verified.
    await insertVerifiedAlertEmails(w.ctx.db, accountId, action.emails ?? [], 'code', w.clock.now());
    const r = await updateAlertSettings(
      w.ctx,
      SIMULATION,
      {
        accountId,
        lowBalanceMicros: action.lowBalance === null ? null : credits(action.lowBalance),
        lowRemainingHours: action.lowRemainingHours,
        emails: action.emails ?? null,
      },
      key,
    );
    const set = `low balance ${action.lowBalance ?? 'off'}, low remaining ${action.lowRemainingHours ?? 'off'} h`;
    note(w, action.customer, 'alerts', r.ok ? set : r.failure.code);
  },
};

function credits(amount: string): bigint {
  const parsed = parsePositiveAmount(amount, 'CREDIT');
  if (!parsed.ok) throw new Error(`bad amount ${amount}`);
  return parsed.micros;
}

/** The render farm: reports a finished task, then asks to start the next one (again, while paused). */
export async function renderTick(w: SimWorld, render: Render): Promise<void> {
  const accountId = accountOf(w, render.customer);
  const now = w.clock.now();
  if (render.running && now.getTime() - render.running.since.getTime() >= render.usedSeconds * 1000) {
    const done = await completeRenderTask(w.ctx, {
      accountId,
      jobExternalId: render.job,
      taskExternalId: render.running.task,
      usage: { seconds: render.usedSeconds, ...render.resources },
    });
    if (!done.ok)
      note(w, render.customer, 'render', `${render.job}/${render.running.task}: ${done.failure.code}`);
    render.running = undefined;
  }
  if (render.running || render.next > render.tasks || Date.parse(render.at) > now.getTime()) return;
  const task = `t${render.next}`;
  const started = await startRenderTask(w.ctx, {
    accountId,
    jobExternalId: render.job,
    taskExternalId: task,
    limits: render.resources,
    timeLimitSeconds: render.timeLimitSeconds,
  });
  if (started.ok) {
    render.running = { task, since: now };
    render.next++;
  }
}
