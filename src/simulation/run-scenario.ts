import type { TransactionRecord } from '../ledger/ledger-rules.js';
import { formatAmount, parsePositiveAmount } from '../kernel/money.js';
import { startEngine } from '../server/engine.js';
import { SimulatedClock } from '../kernel/clock.js';
import { registerComputeWork } from '../compute/rentals/rental-work.js';
import { DueWorkRunner } from '../kernel/jobs/due-work-runner.js';
import { completeRenderTask } from '../compute/rendering/complete-render-task.js';
import type { Caller } from '../server/context.js';
import { createAccount } from '../accounts/create-account.js';
import { getBalances } from '../ledger/get-balances.js';
import { listTransactions } from '../ledger/list-transactions.js';
import { recordTopUp } from '../compute/topups/record-top-up.js';
import { rentInstance } from '../compute/rentals/rent-instance.js';
import { startInstance } from '../compute/rentals/start-instance.js';
import { startRenderTask } from '../compute/rendering/start-render-task.js';
import { stopInstance } from '../compute/rentals/stop-instance.js';
import { openPglite } from '../kernel/db/pglite.js';
import type { Scenario, ScenarioAction } from './scenario.js';
import { SimulatedFleet } from './sim-fleet.js';

export interface SimulationEvent {
  at: Date;
  customer: string;
  type: string;
  detail: string;
}

export interface SimulationReport {
  scenario: string;
  customers: {
    key: string;
    name: string;
    balanceMicros: bigint;
    transactions: TransactionRecord[];
  }[];
  events: SimulationEvent[];
  fleetCalls: { operation: string; fleetId: string }[];
}

type Render = Extract<ScenarioAction, { do: 'render' }> & {
  next: number;
  running?: { task: string; since: Date };
};

/** The operator the simulation acts as; simulation writes are keyed under its id. */
const SIMULATION: Caller = { id: 'key_simulation', role: 'operator', accountId: null };

/**
 * Runs a scenario on the real engine (embedded PGlite in memory, the real services, the real
 * scheduler handlers) under a simulated clock, step by step: due actions, the render farm's
 * starts and completion reports, then every piece of due work (renewals, storage hours,
 * terminations). Only the outside world is simulated: the GPU fleet, the farm, top-up rails.
 */
export async function runScenario(
  scenario: Scenario,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<SimulationReport> {
  const clock = new SimulatedClock(scenario.start);
  const engine = await startEngine(await openPglite(), clock);
  const fleet = new SimulatedFleet();
  const accounts = new Map<string, string>();
  const customerOf = new Map<string, string>();
  const events: SimulationEvent[] = [];
  const ctx = {
    ...engine,
    fleet,
    events: {
      async publish(accountId: string, e: { type: string; at: Date; data: Record<string, string> }) {
        const { dedupeId: _dedupe, ...data } = e.data;
        events.push({
          at: e.at,
          customer: customerOf.get(accountId) ?? accountId,
          type: e.type,
          detail: describe(data),
        });
      },
    },
  };
  const note = (customer: string, type: string, detail: string) =>
    void events.push({ at: clock.now(), customer, type, detail });
  const runner = registerComputeWork(new DueWorkRunner(ctx));
  const instances = new Map<string, { accountId: string; id: string; customer: string }>();
  const accountOf = (key: string) => {
    const id = accounts.get(key);
    if (!id) throw new Error(`the scenario names an unknown customer: ${key}`);
    return id;
  };
  const renders: Render[] = [];

  try {
    for (const customer of scenario.customers) {
      const created = await createAccount(
        ctx,
        SIMULATION,
        { name: customer.name },
        `sim-account-${customer.key}`,
      );
      if (!created.ok) throw new Error(`opening ${customer.key}: ${created.failure.detail}`);
      accounts.set(customer.key, created.value.id);
      customerOf.set(created.value.id, customer.key);
    }

    const pending = [...scenario.actions].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    const stepMs = scenario.stepMinutes * 60_000;
    const steps = Math.ceil((scenario.days * 86_400_000) / stepMs);
    for (let step = 0; step <= steps; step++) {
      if (step > 0) clock.advance(stepMs);
      while (pending.length > 0 && Date.parse(pending[0]!.at) <= clock.now().getTime()) {
        const action = pending.shift()!;
        await apply(action);
      }
      for (const render of renders) await renderTick(render);
      await runner.runDue();
      onProgress(step, steps);
    }

    const customers = [];
    for (const customer of scenario.customers) {
      const accountId = accountOf(customer.key);
      const balances = await getBalances(ctx, accountId);
      const history = await listTransactions(ctx, { accountId, unit: 'CREDIT', limit: 100_000 });
      if (!balances.ok || !history.ok) throw new Error('reading the books failed');
      customers.push({
        key: customer.key,
        name: customer.name,
        balanceMicros: balances.value.find((b) => b.unit === 'CREDIT')!.balanceMicros,
        transactions: [...history.value.transactions].reverse(),
      });
    }
    return { scenario: scenario.name, customers, events, fleetCalls: fleet.calls };
  } finally {
    await engine.close();
  }

  async function apply(action: ScenarioAction): Promise<void> {
    const key = `sim-${action.do}-${action.at}-${'instance' in action ? action.instance : 'job' in action ? action.job : action.customer}`;
    switch (action.do) {
      case 'topUp': {
        const parsed = parsePositiveAmount(action.amount, 'CREDIT');
        if (!parsed.ok) throw new Error(`bad amount ${action.amount}`);
        const r = await recordTopUp(ctx, {
          accountId: accountOf(action.customer),
          rail: 'sandbox',
          amountMicros: parsed.micros,
          sourceId: key,
          description: 'Top-up',
        });
        note(action.customer, 'top-up', r.ok ? `+${action.amount}` : r.failure.detail);
        return;
      }
      case 'rent': {
        const accountId = accountOf(action.customer);
        const r = await rentInstance(
          ctx,
          SIMULATION,
          {
            accountId,
            instanceType: action.type,
            diskGb: action.diskGb,
            period: action.period,
            autoRenew: action.autoRenew,
          },
          key,
        );
        if (r.ok)
          instances.set(action.instance, { accountId, id: r.value.instance.id, customer: action.customer });
        note(
          action.customer,
          'rent',
          `${action.instance} (${action.type}, ${action.diskGb} GB): ${r.ok ? 'running' : r.failure.code}`,
        );
        return;
      }
      case 'stop':
      case 'start': {
        const instance = instances.get(action.instance);
        if (!instance) return note('-', action.do, `${action.instance}: never rented`);
        const r =
          action.do === 'stop'
            ? await stopInstance(ctx, instance.accountId, instance.id)
            : await startInstance(ctx, SIMULATION, instance.accountId, instance.id);
        note(instance.customer, action.do, `${action.instance}: ${r.ok ? 'done' : r.failure.code}`);
        return;
      }
      case 'render':
        accountOf(action.customer);
        renders.push({ ...action, next: 1 });
        return;
    }
  }

  /** The render farm: reports a finished task, then asks to start the next one (again, while paused). */
  async function renderTick(render: Render): Promise<void> {
    const accountId = accounts.get(render.customer)!;
    const now = clock.now();
    if (render.running && now.getTime() - render.running.since.getTime() >= render.usedSeconds * 1000) {
      const done = await completeRenderTask(ctx, {
        accountId,
        jobExternalId: render.job,
        taskExternalId: render.running.task,
        usage: { seconds: render.usedSeconds, ...render.resources },
      });
      if (!done.ok)
        note(render.customer, 'render', `${render.job}/${render.running.task}: ${done.failure.code}`);
      render.running = undefined;
    }
    if (render.running || render.next > render.tasks || Date.parse(render.at) > now.getTime()) return;
    const task = `t${render.next}`;
    const started = await startRenderTask(ctx, {
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
}

function describe(data: Record<string, string>): string {
  return Object.entries(data)
    .filter(([k]) => !/Id$/.test(k) || k === 'jobId')
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
}

/** The report as text: each customer's ledger (no ids: the same scenario prints the same books). */
export function formatReport(report: SimulationReport): string {
  const lines = [`Scenario: ${report.scenario}`, ''];
  for (const c of report.customers) {
    lines.push(`${c.name} (${c.key}): balance ${formatAmount(c.balanceMicros, 'CREDIT')} CREDIT`);
    for (const t of c.transactions) {
      const amount = formatAmount(t.amountMicros, t.unit);
      lines.push(
        `  ${t.createdAt.toISOString().slice(0, 16).replace('T', ' ')}  ${t.kind.padEnd(9)} ${amount.padStart(14)}  ${t.description}`,
      );
    }
    lines.push('');
  }
  lines.push('Events:');
  for (const e of report.events) {
    lines.push(
      `  ${e.at.toISOString().slice(0, 16).replace('T', ' ')}  ${e.customer}  ${e.type}  ${e.detail}`,
    );
  }
  const terminations = report.fleetCalls.filter((c) => c.operation === 'terminate').length;
  lines.push('', `Fleet calls: ${report.fleetCalls.length} (${terminations} terminations)`);
  return lines.join('\n');
}
