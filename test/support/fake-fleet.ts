import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type FleetStatus, GpuFleetClient } from '../../src/compute/rentals/gpu-fleet.js';

/**
 * A fake GPU fleet on a real HTTP port (node:http, port 0), speaking the REST API that
 * `GpuFleetClient` documents. It keeps machines in memory and counts calls per machine and action,
 * so tests can assert "terminate was called exactly once".
 */
export interface FakeFleet {
  baseUrl: string;
  client(): GpuFleetClient;
  /** Calls of `action` (create, start, stop, terminate) for a fleet instance id. */
  calls(fleetId: string, action: string): number;
  status(fleetId: string): FleetStatus | undefined;
  /** The fleet id created for our instance id (the reference). */
  fleetIdOf(reference: string): string | undefined;
  /** Makes the next `n` requests fail with 503. */
  failNext(n: number): void;
  close(): Promise<void>;
}

export async function startFakeFleet(): Promise<FakeFleet> {
  const machines = new Map<string, { status: FleetStatus; reference: string }>();
  const byReference = new Map<string, string>();
  const counts = new Map<string, number>();
  let failures = 0;
  let seq = 0;
  const count = (id: string, action: string) =>
    counts.set(`${id}:${action}`, (counts.get(`${id}:${action}`) ?? 0) + 1);

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const send = (status: number, body: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (failures > 0) {
        failures--;
        return send(503, { error: 'unavailable' });
      }
      const url = req.url ?? '/';
      if (req.method === 'POST' && url === '/v1/instances') {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { reference: string };
        const existing = byReference.get(body.reference);
        const id = existing ?? `fleet-${++seq}`;
        if (!existing) {
          byReference.set(body.reference, id);
          machines.set(id, { status: 'running', reference: body.reference });
        }
        count(id, 'create');
        return send(existing ? 200 : 201, { id, status: machines.get(id)!.status });
      }
      const match = /^\/v1\/instances\/([^/]+)(?:\/(start|stop))?$/.exec(url);
      const machine = match ? machines.get(decodeURIComponent(match[1]!)) : undefined;
      if (!match || !machine) return send(404, { error: 'not_found' });
      const id = decodeURIComponent(match[1]!);
      if (req.method === 'DELETE' && !match[2]) {
        count(id, 'terminate');
        machine.status = 'terminated';
        return send(200, { id, status: machine.status });
      }
      if (req.method === 'POST' && match[2]) {
        count(id, match[2]);
        if (machine.status === 'terminated') return send(409, { error: 'terminated' });
        machine.status = match[2] === 'start' ? 'running' : 'stopped';
        return send(200, { id, status: machine.status });
      }
      return send(405, { error: 'method_not_allowed' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    baseUrl,
    client: () => new GpuFleetClient({ baseUrl, token: 'fake-fleet-token', timeoutMs: 5_000 }),
    calls: (id, action) => counts.get(`${id}:${action}`) ?? 0,
    status: (id) => machines.get(id)?.status,
    fleetIdOf: (reference) => byReference.get(reference),
    failNext: (n) => void (failures = n),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
