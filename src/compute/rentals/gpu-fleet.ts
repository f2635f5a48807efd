/**
 * The GPU fleet's REST API over plain fetch. The fleet runs the machines; this engine only bills
 * them. Every call is idempotent at the fleet, so a retry after a timeout or a crash is safe:
 *
 * - `POST   /v1/instances`              {reference, type, diskGb} → 201 {id, status}; the same
 *   `reference` (our instance id, also sent as Idempotency-Key) returns the same machine.
 * - `POST   /v1/instances/{id}/stop`    → 200 {id, status: "stopped"}   (compute released, disk kept)
 * - `POST   /v1/instances/{id}/start`   → 200 {id, status: "running"}
 * - `DELETE /v1/instances/{id}`         → 200 {id, status: "terminated"}: the disk and its data
 *   are destroyed. 404 counts as done (already gone).
 *
 * Calls happen outside database transactions: a slow fleet never holds a lock.
 */

export type FleetStatus = 'running' | 'stopped' | 'terminated';

export interface FleetInstance {
  id: string;
  status: FleetStatus;
}

export interface GpuFleet {
  createInstance(input: { reference: string; type: string; diskGb: number }): Promise<FleetInstance>;
  startInstance(fleetId: string): Promise<FleetInstance>;
  stopInstance(fleetId: string): Promise<FleetInstance>;
  /** Destroys the machine and its data. Irreversible. */
  terminateInstance(fleetId: string): Promise<FleetInstance>;
}

export class FleetError extends Error {
  constructor(
    message: string,
    readonly httpStatus: number | null,
  ) {
    super(message);
    this.name = 'FleetError';
  }
}

export interface GpuFleetClientOptions {
  baseUrl: string;
  token?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export class GpuFleetClient implements GpuFleet {
  private readonly baseUrl: string;
  private readonly fetchFn: typeof fetch;

  constructor(private readonly options: GpuFleetClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.fetchFn = options.fetch ?? fetch;
  }

  createInstance(input: { reference: string; type: string; diskGb: number }): Promise<FleetInstance> {
    return this.call('POST', '/v1/instances', input, { 'idempotency-key': input.reference });
  }

  startInstance(fleetId: string): Promise<FleetInstance> {
    return this.call('POST', `/v1/instances/${encodeURIComponent(fleetId)}/start`);
  }

  stopInstance(fleetId: string): Promise<FleetInstance> {
    return this.call('POST', `/v1/instances/${encodeURIComponent(fleetId)}/stop`);
  }

  async terminateInstance(fleetId: string): Promise<FleetInstance> {
    try {
      return await this.call('DELETE', `/v1/instances/${encodeURIComponent(fleetId)}`);
    } catch (error) {
      if (error instanceof FleetError && error.httpStatus === 404)
        return { id: fleetId, status: 'terminated' };
      throw error;
    }
  }

  private async call(
    method: string,
    path: string,
    body?: unknown,
    extraHeaders: Record<string, string> = {},
  ): Promise<FleetInstance> {
    const headers: Record<string, string> = { accept: 'application/json', ...extraHeaders };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    let response: Response;
    try {
      response = await this.fetchFn(`${this.baseUrl}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
      });
    } catch (error) {
      throw new FleetError(
        `fleet unreachable: ${error instanceof Error ? error.message : String(error)}`,
        null,
      );
    }
    const text = await response.text();
    if (!response.ok)
      throw new FleetError(`fleet ${method} ${path} answered ${response.status}`, response.status);
    const parsed = JSON.parse(text) as { id?: unknown; status?: unknown };
    if (
      typeof parsed.id !== 'string' ||
      !['running', 'stopped', 'terminated'].includes(String(parsed.status))
    ) {
      throw new FleetError(`fleet ${method} ${path} answered an unexpected body`, response.status);
    }
    return { id: parsed.id, status: parsed.status as FleetStatus };
  }
}
