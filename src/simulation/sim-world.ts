import { SimulatedClock } from '../kernel/clock.js';
import { openPglite } from '../kernel/db/pglite.js';
import type { DueWorkRunner } from '../kernel/jobs/due-work-runner.js';
import { createAccount } from '../accounts/create-account.js';
import { allWorkRunner } from '../server/all-work.js';
import type { Caller, ServiceContext } from '../server/context.js';
import { type Engine, startEngine } from '../server/engine.js';
import type { Scenario, ScenarioAction } from './scenario.js';
import { SimulatedCards } from './sim-cards.js';
import { SimulatedFleet } from './sim-fleet.js';

/** The operator the simulation acts as; simulation writes are keyed under its id. */
export const SIMULATION: Caller = { id: 'key_simulation', role: 'operator', accountId: null };

/** Hold expiry and the alert scan run at every step's end (not as recurring due work). */
const SCAN_SECONDS = 3600;

export interface SimulationEvent {
  at: Date;
  customer: string;
  type: string;
  detail: string;
}

export type Render = Extract<ScenarioAction, { do: 'render' }> & {
  next: number;
  running?: { task: string; since: Date };
};

/** Something the scenario names by a label (an instance, a license, an event) and whose it is. */
export interface Owned {
  accountId: string;
  id: string;
  customer: string;
}

/**
 * One simulation's state: the real engine on a simulated clock, the simulated outside world (GPU
 * fleet, card processor), every due job of both lines on one runner, and what the scenario's
 * labels stand for.
 */
export interface SimWorld {
  ctx: ServiceContext;
  engine: Engine;
  clock: SimulatedClock;
  runner: DueWorkRunner<ServiceContext>;
  fleet: SimulatedFleet;
  cards: SimulatedCards;
  accounts: Map<string, string>;
  customerOf: Map<string, string>;
  instances: Map<string, Owned>;
  licenses: Map<string, Owned>;
  events: Map<string, Owned & { outputs: number; sessions: number }>;
  renders: Render[];
  notes: SimulationEvent[];
}

export async function openWorld(scenario: Scenario): Promise<SimWorld> {
  const clock = new SimulatedClock(scenario.start);
  const cards = new SimulatedCards();
  const engine = await startEngine(await openPglite(), clock, { cards, notifications: true });
  const fleet = new SimulatedFleet();
  engine.fleet = fleet;
  const ctx: ServiceContext = engine;
  const runner = allWorkRunner(ctx, {
    holdSweepSeconds: SCAN_SECONDS,
    notifications: { alertScanSeconds: SCAN_SECONDS },
  });
  const world: SimWorld = {
    ...{ ctx, engine, clock, runner, fleet, cards },
    accounts: new Map(),
    customerOf: new Map(),
    instances: new Map(),
    licenses: new Map(),
    events: new Map(),
    renders: [],
    notes: [],
  };
  for (const customer of scenario.customers) await openCustomer(world, customer);
  return world;
}

async function openCustomer(world: SimWorld, customer: { key: string; name: string; email?: string }) {
  const created = await createAccount(
    world.ctx,
    SIMULATION,
    { name: customer.name, ...(customer.email ? { email: customer.email } : {}) },
    `sim-account-${customer.key}`,
  );
  if (!created.ok) throw new Error(`opening ${customer.key}: ${created.failure.detail}`);
  world.accounts.set(customer.key, created.value.id);
  world.customerOf.set(created.value.id, customer.key);
}

/** Records what the scenario did (or was refused) at the current simulated time. */
export function note(world: SimWorld, customer: string, type: string, detail: string): void {
  world.notes.push({ at: world.clock.now(), customer, type, detail });
}

export function accountOf(world: SimWorld, key: string): string {
  const id = world.accounts.get(key);
  if (!id) throw new Error(`the scenario names an unknown customer: ${key}`);
  return id;
}

/** What a label stands for; one the scenario never got (a refused purchase…) is noted and skipped. */
export function labelled<T>(
  world: SimWorld,
  things: Map<string, T>,
  type: string,
  label: string,
): T | undefined {
  const found = things.get(label);
  if (!found) note(world, '-', type, `${label}: never created`);
  return found;
}
