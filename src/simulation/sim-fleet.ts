import type { FleetInstance, GpuFleet } from '../compute/rentals/gpu-fleet.js';

/**
 * The GPU fleet simulated in memory for `pictor-billing simulate`: machines appear, stop, start
 * and are destroyed on request. It stands in for the outside service only; everything billed runs
 * through the real engine. It counts calls so a scenario can show each machine was destroyed once.
 */
export class SimulatedFleet implements GpuFleet {
  private machines = new Map<string, FleetInstance>();
  private byReference = new Map<string, string>();
  readonly calls: { operation: string; fleetId: string }[] = [];

  async createInstance(input: { reference: string; type: string; diskGb: number }): Promise<FleetInstance> {
    const existing = this.byReference.get(input.reference);
    if (existing) return this.machines.get(existing)!;
    const machine: FleetInstance = { id: `sim-${this.machines.size + 1}`, status: 'running' };
    this.machines.set(machine.id, machine);
    this.byReference.set(input.reference, machine.id);
    this.calls.push({ operation: 'create', fleetId: machine.id });
    return machine;
  }

  startInstance(fleetId: string) {
    return this.set(fleetId, 'start', 'running');
  }

  stopInstance(fleetId: string) {
    return this.set(fleetId, 'stop', 'stopped');
  }

  terminateInstance(fleetId: string) {
    return this.set(fleetId, 'terminate', 'terminated');
  }

  private async set(
    fleetId: string,
    operation: string,
    status: FleetInstance['status'],
  ): Promise<FleetInstance> {
    const machine = this.machines.get(fleetId) ?? { id: fleetId, status };
    machine.status = machine.status === 'terminated' ? 'terminated' : status;
    this.machines.set(fleetId, machine);
    this.calls.push({ operation, fleetId });
    return { ...machine };
  }
}
