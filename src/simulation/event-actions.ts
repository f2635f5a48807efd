import { formatAmount } from '../kernel/money.js';
import { endBoothSession } from '../booth/events/end-booth-session.js';
import { endEvent } from '../booth/events/end-event.js';
import { registerEvent } from '../booth/events/register-event.js';
import { type OutputResult, reportOutputs } from '../booth/events/report-outputs.js';
import { startEvent } from '../booth/events/start-event.js';
import type { ActionOf } from './scenario.js';
import { SIMULATION, type SimWorld, accountOf, labelled, note } from './sim-world.js';

/** The booth app reports at most this many outputs in one request. */
const OUTPUT_BATCH = 1000;

/**
 * The booth app's side: events registered and started (taking a license), outputs charged in
 * tokens, sessions ending (a virtual booth's sessions after the first 500 cost a token), events
 * ended. Outputs belong to the sessions that end next: `outputs` of 40 then `sessions` of 100 are
 * 100 sessions of which the first 40 had an output each.
 */
export const eventActions = {
  async event(w: SimWorld, action: ActionOf<'event'>, key: string) {
    const accountId = accountOf(w, action.customer);
    const { features, virtualBooth } = action;
    const input = { accountId, name: action.event, features, templateIds: [], virtualBooth };
    const registered = await registerEvent(w.ctx, SIMULATION, input, key);
    const r = registered.ok
      ? await startEvent(w.ctx, { accountId, eventId: registered.value.id })
      : registered;
    if (registered.ok)
      w.events.set(action.event, {
        accountId,
        id: registered.value.id,
        customer: action.customer,
        outputs: 0,
        sessions: 0,
      });
    const outcome = r.ok ? `${r.value.status} (${r.value.tag})` : r.failure.code;
    note(w, action.customer, 'event', `${action.event}: ${outcome}`);
  },

  async endEvent(w: SimWorld, action: ActionOf<'endEvent'>) {
    const event = labelled(w, w.events, 'end event', action.event);
    if (!event) return;
    const r = await endEvent(w.ctx, { accountId: event.accountId, eventId: event.id });
    note(w, event.customer, 'end event', `${action.event}: ${r.ok ? r.value.status : r.failure.code}`);
  },

  async outputs(w: SimWorld, action: ActionOf<'outputs'>) {
    const event = labelled(w, w.events, 'outputs', action.event);
    if (!event) return;
    const results: OutputResult[] = [];
    let charged = 0n;
    for (let done = 0; done < action.count; done += OUTPUT_BATCH) {
      const outputs = Array.from({ length: Math.min(OUTPUT_BATCH, action.count - done) }, () => {
        const n = ++event.outputs;
        return {
          outputId: `${action.event}-o${n}`,
          sessionId: `${action.event}-s${event.sessions + n}`,
          kind: action.kind,
        };
      });
      const r = await reportOutputs(w.ctx, { accountId: event.accountId, eventId: event.id, outputs });
      if (!r.ok) return note(w, event.customer, 'outputs', `${action.event}: ${r.failure.code}`);
      results.push(...r.value.results);
      charged += r.value.chargedMicros;
    }
    note(
      w,
      event.customer,
      'outputs',
      `${action.event}: ${action.count} × ${action.kind}: ${tally(results)}, ${formatAmount(charged, 'TOKEN')} TOKEN`,
    );
  },

  async sessions(w: SimWorld, action: ActionOf<'sessions'>) {
    const event = labelled(w, w.events, 'sessions', action.event);
    if (!event) return;
    const refused = new Map<string, number>();
    for (let i = 0; i < action.count; i++) {
      const sessionId = `${action.event}-s${++event.sessions}`;
      const r = await endBoothSession(w.ctx, { accountId: event.accountId, eventId: event.id, sessionId });
      if (!r.ok) refused.set(r.failure.code, (refused.get(r.failure.code) ?? 0) + 1);
    }
    const refusals = [...refused].map(([code, n]) => `, ${n} ${code}`).join('');
    note(
      w,
      event.customer,
      'sessions',
      `${action.event}: ${action.count} ended (${event.sessions} so far)${refusals}`,
    );
  },
};

/** "38 recorded, 2 refused (insufficient_tokens)". */
function tally(results: OutputResult[]): string {
  const recorded = results.filter((r) => r.status === 'recorded').length;
  const codes = [...new Set(results.flatMap((r) => (r.code ? [r.code] : [])))];
  const refused = results.length - recorded;
  return `${recorded} recorded` + (refused > 0 ? `, ${refused} refused (${codes.join(', ')})` : '');
}
