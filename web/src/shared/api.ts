/** The page talks only to the HTTP API. Errors arrive as problem+json; `detail` is shown to people. */
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from '../../../clients/typescript/src/schema';

/** The API path of one account, for both product lines' pages. */
export const acct = (accountId: string) => `/v1/accounts/${encodeURIComponent(accountId)}`;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly field?: string,
    readonly errors?: { field: string; code: string; message: string }[],
    /** The problem's other members (e.g. `minimum`), for the page's own sentences. */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
  }
}

let token: string | null = null;
export const setToken = (t: string | null) => {
  token = t;
};

let onUnauthenticated: (() => void) | null = null;
/** Called when the signed-in token is refused (expired or revoked): the session ends everywhere. */
export const setOnUnauthenticated = (f: (() => void) | null) => {
  onUnauthenticated = f;
};

let counter = 0;
/** A fresh Idempotency-Key for one intended mutation (kept by the caller for a retry of it). */
export function idempotencyKey(label: string): string {
  const random = crypto.getRandomValues(new Uint32Array(2));
  return `web-${label}-${++counter}-${random[0]!.toString(36)}${random[1]!.toString(36)}`;
}

/** The token a request was sent with, as `onRequest` set it (a sign-in code request sends none). */
const bearer = (request: Request) => request.headers.get('authorization');

/**
 * The page's client: openapi-fetch over the types generated from /openapi.json (the same as
 * clients/typescript), with the page's rules as middleware: the signed-in token on every request,
 * the session ended when that token is refused, and a network failure as an `ApiError`.
 */
const pageMiddleware: Middleware = {
  onRequest({ request }) {
    request.headers.set('accept', 'application/json');
    if (token && !request.headers.has('authorization'))
      request.headers.set('authorization', `Bearer ${token}`);
    return request;
  },
  async onResponse({ request, response }) {
    if (response.status !== 401) return undefined;
    const p = safeJson(await response.clone().text()) as { code?: string } | null;
    // Only a refusal of the token this request sent ends the session (not a wrong sign-in code).
    if (p?.code === 'unauthenticated' && token && bearer(request) === `Bearer ${token}`)
      onUnauthenticated?.();
    return undefined;
  },
  onError({ error }) {
    if ((error as Error).name === 'AbortError') return error as Error;
    return new ApiError(0, 'network_error', 'network error');
  },
};

export const client = createClient<paths>({
  // Looked up at each call, so a test (or a polyfill) that replaces fetch later is honoured.
  fetch: (request) => fetch(request),
});
client.use(pageMiddleware);

/**
 * A call's data, or its problem+json answer thrown as an `ApiError` (`detail` is shown to people):
 * `await answer(client.GET('/v1/accounts/{accountId}/balances', { params: { path: { accountId } } }))`
 * is typed from the schema end to end.
 */
export async function answer<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw problemOf(response, error);
  return (data ?? null) as T;
}

function problemOf(res: Response, body: unknown): ApiError {
  const json = body && typeof body === 'object' ? (body as Record<string, unknown>) : null;
  const p = (json ?? {}) as { code?: string; detail?: string; field?: string; errors?: ApiError['errors'] };
  return new ApiError(
    res.status,
    p.code ?? 'http_error',
    p.detail ?? `The server answered ${res.status} ${res.statusText}.`,
    p.field,
    p.errors,
    json ?? {},
  );
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Downloads an authenticated file (invoice PDF) and hands it to the browser as a download. */
export async function download(path: string, fallbackName: string): Promise<void> {
  const res = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!res.ok) {
    const p = safeJson(await res.text()) as { code?: string; detail?: string } | null;
    throw new ApiError(
      res.status,
      p?.code ?? 'download_failed',
      p?.detail ?? `download failed (${res.status})`,
    );
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export { errorSentence as errorText } from './errors';
