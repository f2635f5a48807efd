import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/**
 * A real `pictor-billing serve` (or `scheduler`, or `serve` with PICTOR_ROLE) in a child process, as an operator would run it,
 * for the crash and scale-out tests: started from the build or the sources, killed for real.
 */
export interface ServerProcess {
  child: ChildProcess;
  /** The API's base URL (serve only). */
  url: string;
  /** The last lines it wrote to stderr (for a failure's message). */
  stderr(): string;
}

function newestMtimeMs(file: string): number {
  const stat = fs.statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...fs.readdirSync(file).map((f) => newestMtimeMs(path.join(file, f))));
}

/**
 * How to run the CLI: the build (`dist/`, as CI builds it before the tests) when it is newer than
 * every source, for a start in about a second; else the sources through tsx (several seconds).
 */
function cliArgs(): string[] {
  const built = 'dist/cli/main.js';
  if (fs.existsSync(built) && fs.statSync(built).mtimeMs > newestMtimeMs('src')) return [built];
  return ['--import', 'tsx', 'src/cli/main.ts'];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A port for a test server: below Linux's ephemeral range (32768 and up), where the tests' own
 * outgoing connections take their local ports, and free when asked (bound and released). A port
 * from that range once collided with a connection in CI (EADDRINUSE at start).
 */
export async function randomPort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const free = await new Promise<boolean>((resolve) => {
      const probe = net.createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
}

/** The environment every test server runs with: quiet, no demo, no rate limit, no sandbox listeners. */
export function serverEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LOG_LEVEL: 'error',
    PICTOR_DEMO: 'off',
    PICTOR_RATE_LIMIT: 'off',
    PICTOR_CARD_SANDBOX: 'off',
    PICTOR_PAYPAL_SANDBOX: 'off',
    ...extra,
  };
  if (!extra.DATABASE_URL) delete env.DATABASE_URL;
  return env;
}

export async function startServerProcess(
  env: NodeJS.ProcessEnv,
  command: 'serve' | 'scheduler' = 'serve',
  timeoutMs = 90_000,
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...cliArgs(), command], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    err = (err + chunk.toString()).slice(-4000);
  });
  const url = `http://127.0.0.1:${env.PORT}`;
  const server: ServerProcess = { child, url, stderr: () => err };
  const started = performance.now();
  const deadline = started + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`${command} exited (${child.exitCode ?? child.signalCode}): ${err}`);
    if (command === 'scheduler' || env.PICTOR_ROLE === 'scheduler') {
      // The scheduler has no port: it is up once it has had time to migrate and seed its work.
      await sleep(500);
      if (performance.now() - started > 3000) return server;
      continue;
    }
    const up = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) })
      .then((r) => r.ok)
      .catch(() => false);
    if (up) return server;
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${command} did not answer /health within ${timeoutMs} ms: ${err}`);
    }
    await sleep(100);
  }
}

/** Sends `signal` and waits until the process has exited. */
export async function stopProcess(server: ServerProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
}

/**
 * A customer's service charging under fresh Idempotency-Keys, one at a time, each retried under
 * its key (network errors, 5xx, a key still in use) until the server acknowledges it with 201.
 * `acknowledged` maps each key to the transaction id the server answered.
 */
export async function chargingClient(options: {
  base: () => string;
  accountId: string;
  key: string;
  name: string;
  acknowledged: Map<string, string>;
  unexpected: string[];
  stop: { now: boolean };
}): Promise<void> {
  const { accountId, acknowledged, unexpected, stop } = options;
  for (let n = 0; !stop.now; n++) {
    const op = `${options.name}-${n}`;
    const body = JSON.stringify({
      amount: { amount: '0.01', unit: 'CREDIT' },
      productLine: 'compute',
      description: 'Render task',
      metadata: { op },
    });
    for (;;) {
      const res = await fetch(`${options.base()}/v1/accounts/${accountId}/charges`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${options.key}`,
          'idempotency-key': op,
          'content-type': 'application/json',
        },
        body,
        signal: AbortSignal.timeout(15_000),
      }).catch(() => null);
      if (res?.status === 201) {
        acknowledged.set(op, ((await res.json()) as { id: string }).id);
        break;
      }
      const text = res ? await res.text() : '';
      const retryable = !res || res.status >= 500 || text.includes('idempotency_key_in_use');
      if (!retryable) {
        unexpected.push(`${op}: ${res.status} ${text.slice(0, 200)}`);
        break;
      }
      await sleep(50);
    }
  }
}
