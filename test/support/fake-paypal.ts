import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PayPalClient } from '../../src/compute/topups/paypal.js';
import { SandboxPayPal } from '../../src/sandbox/sandbox-paypal.js';
import type { Clock } from '../../src/kernel/clock.js';

/**
 * A fake PayPal on a real HTTP port: the engine's sandbox PayPal (same protocol code) served by
 * node:http, so the engine's fetch client is tested over the wire. The test drives the buyer and
 * PayPal's side through `sandbox`: approve, script the next capture, emit signed or forged webhooks,
 * count calls.
 */
export interface FakePayPal {
  baseUrl: string;
  sandbox: SandboxPayPal;
  /** A PayPal client pointed at this server with the right credentials and webhook id. */
  client(): PayPalClient;
  /** Total HTTP requests served. */
  requests(): number;
  /**
   * Test-only gate for races: the next `count` order-capture requests are held unanswered until all
   * `count` have arrived, then answered together in arrival order (the sandbox dedupes them by
   * PayPal-Request-Id). Resolves once they all arrived, i.e. were in flight at the same moment.
   */
  holdCapturesUntil(count: number): Promise<void>;
  close(): Promise<void>;
}

export async function startFakePayPal(options: { clock?: Clock } = {}): Promise<FakePayPal> {
  let served = 0;
  // Known only once the port is: the server answers after listen() resolved.
  const holder: { sandbox?: SandboxPayPal } = {};
  const gate: CaptureGate = { waiting: [], count: 0, allArrived: () => {} };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      served++;
      const answerIt = () => {
        const answer = holder.sandbox!.handle({
          method: req.method ?? 'GET',
          url: req.url ?? '/',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        res.writeHead(answer.status, answer.headers).end(answer.body);
      };
      if (gate.count > 0 && req.method === 'POST' && CAPTURE_PATH.test(req.url ?? '')) hold(gate, answerIt);
      else answerIt();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const sandbox = new SandboxPayPal({
    publicUrl: baseUrl,
    clientId: 'fake-client-id',
    clientSecret: 'fake-client-secret',
    webhookId: 'WH0FAKE0PAYPAL',
    clock: options.clock,
  });
  holder.sandbox = sandbox;
  const s = sandbox;
  return {
    baseUrl,
    sandbox: s,
    client: () =>
      new PayPalClient({
        baseUrl,
        clientId: s.clientId,
        clientSecret: s.clientSecret,
        webhookId: s.webhookId,
      }),
    requests: () => served,
    holdCapturesUntil: (count) =>
      new Promise<void>((resolve) => {
        gate.count = count;
        gate.allArrived = resolve;
      }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

const CAPTURE_PATH = /^\/v2\/checkout\/orders\/[A-Z0-9]+\/capture$/;

interface CaptureGate {
  waiting: (() => void)[];
  /** Capture requests still to hold; 0 when the gate is open. */
  count: number;
  allArrived: () => void;
}

/** Holds one capture request; the last of the `count` awaited opens the gate and answers them all. */
function hold(gate: CaptureGate, answerIt: () => void): void {
  gate.waiting.push(answerIt);
  if (gate.waiting.length < gate.count) return;
  const held = gate.waiting.splice(0);
  gate.count = 0;
  gate.allArrived();
  for (const answer of held) answer();
}
