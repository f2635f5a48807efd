import createClient from 'openapi-fetch';
import type { paths } from './schema.js';

export type { paths, components } from './schema.js';

export interface BillingClientOptions {
  /** The API's base URL, e.g. http://127.0.0.1:3000 */
  baseUrl: string;
  /** An API key (operator, service or customer) or a wallet session token. */
  apiKey: string;
  /** Retries after the first attempt on network errors, 429 and 5xx (default 4). */
  retries?: number;
  /** First backoff in ms (default 200); doubles each retry, at most `maxDelayMs`, with full jitter. */
  baseDelayMs?: number;
  /** Longest wait between attempts in ms (default 10,000), Retry-After included. */
  maxDelayMs?: number;
  /** The fetch to use (default: the global one). */
  fetch?: typeof fetch;
}

const MUTATIONS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A typed client of the Pictor Billing API (openapi-fetch over the types generated from
 * /openapi.json). Every mutation gets an Idempotency-Key of its own, reused on its retries, so a
 * retried charge is applied once; network errors, 429 and 5xx are retried with exponential backoff
 * and full jitter, honouring Retry-After. Money is a decimal string with its unit, never a float.
 */
export function createBillingClient(options: BillingClientOptions) {
  return createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    headers: { authorization: `Bearer ${options.apiKey}` },
    fetch: retryingFetch(options),
  });
}

export type BillingClient = ReturnType<typeof createBillingClient>;

/** A fetch that adds the call's Idempotency-Key and retries the call as a whole. */
export function retryingFetch(options: Omit<BillingClientOptions, 'baseUrl' | 'apiKey'>) {
  const send = options.fetch ?? fetch;
  const retries = options.retries ?? 4;
  const base = options.baseDelayMs ?? 200;
  const max = options.maxDelayMs ?? 10_000;
  return async (input: Request): Promise<Response> => {
    const request = new Request(input);
    if (MUTATIONS.has(request.method) && !request.headers.has('idempotency-key')) {
      request.headers.set('idempotency-key', `cli_${crypto.randomUUID()}`);
    }
    for (let attempt = 0; ; attempt++) {
      let response: Response | undefined;
      try {
        response = await send(request.clone());
      } catch (error) {
        if (attempt >= retries) throw error;
      }
      if (response && !isRetryable(response.status)) return response;
      if (response && attempt >= retries) return response;
      const backoff = Math.random() * Math.min(max, base * 2 ** attempt);
      const wait = Math.min(max, Math.max(backoff, retryAfterMs(response) ?? 0));
      await response?.body?.cancel();
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  };
}

const isRetryable = (status: number) => status === 429 || status >= 500;

/** Retry-After in ms: seconds, or an HTTP date; undefined when absent or unreadable. */
function retryAfterMs(response: Response | undefined): number | undefined {
  const header = response?.headers.get('retry-after');
  if (!header) return undefined;
  if (/^\d+$/.test(header)) return Number(header) * 1000;
  const at = Date.parse(header);
  // The caller's wall clock, not the engine's: the client runs outside the server.
  // eslint-disable-next-line no-restricted-syntax
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/**
 * Every item of a cursor-paginated list, page after page: `page(cursor)` fetches one page (the
 * first with `cursor` undefined) and the walk follows `nextCursor` until it is null.
 */
export async function* paginate<T>(
  page: (
    cursor: string | undefined,
  ) => Promise<{ data?: { data: T[]; nextCursor: string | null }; error?: unknown }>,
): AsyncGenerator<T> {
  for (let cursor: string | undefined; ;) {
    const { data, error } = await page(cursor);
    if (!data) throw new BillingApiError(error);
    yield* data.data;
    if (!data.nextCursor) return;
    cursor = data.nextCursor;
  }
}

/** An API problem (application/problem+json) as an error: its `code` is stable, its `detail` readable. */
export class BillingApiError extends Error {
  readonly problem: { code?: string; status?: number; detail?: string } | undefined;

  constructor(problem: unknown) {
    const p = problem as { code?: string; status?: number; detail?: string } | undefined;
    super(p?.detail ?? p?.code ?? 'request failed');
    this.problem = p;
  }
}

/** An amount as the API carries it: a decimal string and its unit. */
export interface Money {
  amount: string;
  unit: string;
}

const DECIMAL = /^(-?)(\d+)(?:\.(\d{1,6}))?$/;

/** "12.5" → 12500000n: exact micro-units for arithmetic (never a float). */
export function toMicros(amount: string): bigint {
  const match = DECIMAL.exec(amount);
  if (!match) throw new Error(`not a decimal amount: ${amount}`);
  const micros = BigInt(match[2]!) * 1_000_000n + BigInt((match[3] ?? '').padEnd(6, '0'));
  return match[1] ? -micros : micros;
}

/** 12500000n → "12.500000" (`decimals` 0-6; the API shows CREDIT with 6, USD with 2). */
export function fromMicros(micros: bigint, decimals = 6): string {
  const sign = micros < 0n ? '-' : '';
  const abs = micros < 0n ? -micros : micros;
  const whole = abs / 1_000_000n;
  const fraction = (abs % 1_000_000n).toString().padStart(6, '0').slice(0, decimals);
  return `${sign}${whole}${decimals > 0 ? `.${fraction}` : ''}`;
}
