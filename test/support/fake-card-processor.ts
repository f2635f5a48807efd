import type http from 'node:http';
import { type CardPublicConfig, StripeCardProcessor } from '../../src/booth/billing/card-processor.js';
import {
  type SandboxCardProcessor,
  type SandboxCardRequest,
  startSandboxCardServer,
} from '../../src/sandbox/sandbox-card-processor.js';
import type { Clock } from '../../src/kernel/clock.js';

/**
 * A fake card processor on a real HTTP port: the engine's sandbox processor (same protocol code)
 * with call recording and failure injection, so the engine's stripe SDK client is tested over the
 * wire. Injected failures:
 * - `error_500`: answer 500 api_error without doing anything;
 * - `drop_after`: do the work (a charge is made and saved under its idempotency key), then cut the
 *   connection before answering, as a network failure after the processor charged would;
 * - `drop_before`: cut the connection without doing anything.
 */
export type InjectedFailure = 'error_500' | 'drop_after' | 'drop_before';

export interface FakeCardProcessor {
  url: string;
  sandbox: SandboxCardProcessor;
  /** A processor client for the engine (the SDK's own retries off unless asked). */
  client(options?: { maxNetworkRetries?: number }): StripeCardProcessor;
  publicConfig(): CardPublicConfig;
  /** Tokenizes a card as the page does (publishable key); returns the `pm_…` id. */
  tokenize(number: string, exp?: { month: number; year: number }, cvc?: string): Promise<string>;
  /** The next `times` POSTs to a path starting with `pathPrefix` fail as asked. */
  failNext(pathPrefix: string, failure: InjectedFailure, times?: number): void;
  /** Requests served for a method and path prefix (injected failures included). */
  calls(method: string, pathPrefix: string): number;
  close(): Promise<void>;
}

export async function startFakeCardProcessor(options: { clock?: Clock } = {}): Promise<FakeCardProcessor> {
  const injections: { prefix: string; failure: InjectedFailure }[] = [];
  const served: { method: string; path: string }[] = [];
  const intercept = (
    request: SandboxCardRequest,
    answer: () => { status: number; headers: Record<string, string>; body: string },
    res: http.ServerResponse,
  ): boolean => {
    const path = request.url.split('?')[0]!;
    served.push({ method: request.method, path });
    const i = request.method === 'POST' ? injections.findIndex((inj) => path.startsWith(inj.prefix)) : -1;
    if (i < 0) return false;
    const { failure } = injections.splice(i, 1)[0]!;
    if (failure === 'error_500') {
      res
        .writeHead(500, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: { type: 'api_error', message: 'injected failure' } }));
    } else {
      if (failure === 'drop_after') answer();
      res.socket?.destroy();
    }
    return true;
  };
  const server = await startSandboxCardServer({
    secretKey: 'sk_test_fake_processor',
    publishableKey: 'pk_test_fake_processor',
    clock: options.clock,
    intercept,
  });
  return {
    url: server.url,
    sandbox: server.sandbox,
    client: (o = {}) =>
      new StripeCardProcessor({
        secretKey: 'sk_test_fake_processor',
        baseUrl: server.url,
        maxNetworkRetries: o.maxNetworkRetries ?? 0,
        timeoutMs: 5_000,
      }),
    publicConfig: () => ({
      publishableKey: 'pk_test_fake_processor',
      tokenizeUrl: server.url,
      mode: 'sandbox',
    }),
    async tokenize(number, exp = { month: 12, year: 2030 }, cvc = '123') {
      const body = new URLSearchParams({
        type: 'card',
        'card[number]': number,
        'card[exp_month]': String(exp.month),
        'card[exp_year]': String(exp.year),
        'card[cvc]': cvc,
      });
      const res = await fetch(`${server.url}/v1/payment_methods`, {
        method: 'POST',
        headers: {
          authorization: 'Bearer pk_test_fake_processor',
          'content-type': 'application/x-www-form-urlencoded',
        },
        body,
      });
      const json = (await res.json()) as { id?: string; error?: { code: string } };
      if (!res.ok || !json.id) throw new Error(`tokenize failed: ${res.status} ${JSON.stringify(json)}`);
      return json.id;
    },
    failNext(prefix, failure, times = 1) {
      for (let i = 0; i < times; i++) injections.push({ prefix, failure });
    },
    calls: (method, prefix) => served.filter((s) => s.method === method && s.path.startsWith(prefix)).length,
    close: () => server.close(),
  };
}
