import fs from 'node:fs';
import path from 'node:path';
import type { Clock } from '../kernel/clock.js';
import { FleetError, type FleetInstance, type GpuFleet } from '../compute/rentals/gpu-fleet.js';

/**
 * The built-in GPU fleet (issue 15), like the built-in PayPal: on the embedded default with no
 * PICTOR_FLEET_BASE_URL (or with PICTOR_SANDBOX=on) renting works out of the box. It implements
 * the same `GpuFleet` contract as the HTTP adapter (`gpu-fleet.ts`, unchanged), in process:
 *
 * - create is idempotent on `reference` (our instance id) and answers `running` (billing starts at
 *   rent); the machine itself is `provisioning` for PROVISION_MS, then `running`;
 * - stop → `stopping` for STOP_MS, then `stopped` (compute released, the disk kept);
 * - start → `starting` for START_MS, then `running`;
 * - terminate → `terminated` at once and the disk is destroyed (`diskDestroyedAt`); repeating it
 *   changes nothing (the real fleet's DELETE is idempotent too); an unknown id is 404.
 *
 * Phases are computed from the injected clock, so tests and `simulate` see the delays without
 * waiting. State is kept in `stateFile` (the data directory) across restarts.
 */
export const SANDBOX_FLEET_DELAYS = { provisionMs: 90_000, stopMs: 20_000, startMs: 45_000 };

/** The machines the sandbox offers: the catalog's sample types (their prices live in the catalog). */
export const SANDBOX_MACHINE_TYPES = [
  { code: 'rtx-4090', gpu: '1× NVIDIA RTX 4090', vramGb: 24, vcpus: 16, ramGb: 64 },
  { code: 'a100-80gb', gpu: '1× NVIDIA A100 80GB', vramGb: 80, vcpus: 24, ramGb: 128 },
  { code: 'h100-80gb', gpu: '1× NVIDIA H100 80GB', vramGb: 80, vcpus: 32, ramGb: 192 },
] as const;

export type SandboxPhase = 'provisioning' | 'running' | 'stopping' | 'stopped' | 'starting' | 'terminated';

export interface SandboxMachine {
  id: string;
  reference: string;
  type: string;
  diskGb: number;
  createdAt: string;
  /** What was asked last, and when: the phase follows from it and the clock. */
  lastAction: { action: 'create' | 'stop' | 'start' | 'terminate'; at: string };
  diskDestroyedAt: string | null;
  /** Calls per action, so tests can assert "terminated exactly once". */
  calls: Record<string, number>;
}

interface SandboxFleetState {
  seq: number;
  machines: SandboxMachine[];
}

export class SandboxFleet implements GpuFleet {
  private state: SandboxFleetState = { seq: 0, machines: [] };

  constructor(
    private readonly clock: Clock,
    private readonly stateFile?: string,
  ) {
    if (stateFile && fs.existsSync(stateFile)) {
      this.state = JSON.parse(fs.readFileSync(stateFile, 'utf8')) as SandboxFleetState;
    }
  }

  async createInstance(input: { reference: string; type: string; diskGb: number }): Promise<FleetInstance> {
    const existing = this.state.machines.find((m) => m.reference === input.reference);
    if (existing) return this.answer(existing, 'create');
    const now = this.clock.now().toISOString();
    const machine: SandboxMachine = {
      id: `sbx-gpu-${++this.state.seq}`,
      reference: input.reference,
      type: input.type,
      diskGb: input.diskGb,
      createdAt: now,
      lastAction: { action: 'create', at: now },
      diskDestroyedAt: null,
      calls: {},
    };
    this.state.machines.push(machine);
    return this.answer(machine, 'create');
  }

  async stopInstance(fleetId: string): Promise<FleetInstance> {
    return this.transition(fleetId, 'stop');
  }

  async startInstance(fleetId: string): Promise<FleetInstance> {
    return this.transition(fleetId, 'start');
  }

  async terminateInstance(fleetId: string): Promise<FleetInstance> {
    const machine = this.find(fleetId);
    if (machine.lastAction.action !== 'terminate') {
      const now = this.clock.now().toISOString();
      machine.lastAction = { action: 'terminate', at: now };
      machine.diskDestroyedAt = now;
    }
    return this.answer(machine, 'terminate');
  }

  /** Every machine with its phase now, newest first (the sandbox's own page and tests). */
  list(): (SandboxMachine & { phase: SandboxPhase })[] {
    return [...this.state.machines].reverse().map((m) => ({ ...m, phase: this.phaseOf(m) }));
  }

  machineOf(reference: string): (SandboxMachine & { phase: SandboxPhase }) | undefined {
    return this.list().find((m) => m.reference === reference);
  }

  phaseOf(m: SandboxMachine): SandboxPhase {
    const since = this.clock.now().getTime() - Date.parse(m.lastAction.at);
    const d = SANDBOX_FLEET_DELAYS;
    switch (m.lastAction.action) {
      case 'create':
        return since < d.provisionMs ? 'provisioning' : 'running';
      case 'stop':
        return since < d.stopMs ? 'stopping' : 'stopped';
      case 'start':
        return since < d.startMs ? 'starting' : 'running';
      case 'terminate':
        return 'terminated';
    }
  }

  private transition(fleetId: string, action: 'stop' | 'start'): FleetInstance {
    const machine = this.find(fleetId);
    if (machine.lastAction.action === 'terminate') {
      throw new FleetError(`sandbox fleet: ${fleetId} is terminated`, 409);
    }
    if (machine.lastAction.action !== action) {
      machine.lastAction = { action, at: this.clock.now().toISOString() };
    }
    return this.answer(machine, action);
  }

  private find(fleetId: string): SandboxMachine {
    const machine = this.state.machines.find((m) => m.id === fleetId);
    if (!machine) throw new FleetError(`sandbox fleet: no machine ${fleetId}`, 404);
    return machine;
  }

  /** Counts the call, saves the state, and answers in the contract's three statuses. */
  private answer(machine: SandboxMachine, action: string): FleetInstance {
    machine.calls[action] = (machine.calls[action] ?? 0) + 1;
    this.save();
    const status =
      machine.lastAction.action === 'terminate'
        ? 'terminated'
        : machine.lastAction.action === 'stop'
          ? 'stopped'
          : 'running';
    return { id: machine.id, status };
  }

  private save(): void {
    if (!this.stateFile) return;
    fs.mkdirSync(path.dirname(this.stateFile), { recursive: true });
    const tmp = `${this.stateFile}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(this.state, null, 2));
    fs.renameSync(tmp, this.stateFile);
  }
}
