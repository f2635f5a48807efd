/** The page talks only to the HTTP API. Errors arrive as problem+json; `detail` is shown to people. */
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

export interface RequestOptions {
  body?: unknown;
  idempotencyKey?: string;
  signal?: AbortSignal;
}

export async function api<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'network_error', 'network error');
  }
  const text = await res.text();
  const json = text ? safeJson(text) : null;
  if (!res.ok) {
    const p = (json ?? {}) as { code?: string; detail?: string; field?: string; errors?: ApiError['errors'] };
    // Only a refusal of the token this request sent ends the session (not a wrong sign-in code).
    if (res.status === 401 && p.code === 'unauthenticated' && headers.authorization === `Bearer ${token}`)
      onUnauthenticated?.();
    throw new ApiError(
      res.status,
      p.code ?? 'http_error',
      p.detail ?? `The server answered ${res.status} ${res.statusText}.`,
      p.field,
      p.errors,
      (json ?? {}) as Record<string, unknown>,
    );
  }
  return json as T;
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
