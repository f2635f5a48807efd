import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';
import rateLimit from '@fastify/rate-limit';
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { problem, sendProblem } from '../kernel/http/problem.js';
import type { ServiceContext } from './context.js';
import type { Metrics } from './metrics.js';

export interface RateLimitOptions {
  /** Requests per minute per API key (or wallet session) on authenticated routes. */
  perKeyPerMinute: number;
  /** Requests per minute per client IP on unauthenticated routes (SIWE nonce and verify, the page ...). */
  perIpPerMinute: number;
  /** Failed authentications per minute per IP before its requests are refused without a lookup. */
  authFailuresPerMinute: number;
}

/** Readiness: the writer's backlog beyond which this instance asks not to get more traffic. */
const READY_MAX_QUEUED = 10_000;
const READY_DB_TIMEOUT_MS = 2_000;

/**
 * Security headers on every answer (helmet; the page's Content-Security-Policy is set by the page
 * routes, which know where cards are tokenized), and the rate limits when configured.
 */
export async function registerProtections(app: FastifyInstance, limits: RateLimitOptions | undefined) {
  const headers = securityHeaders();
  app.addHook('onRequest', (_request, reply, done) => {
    for (const [name, value] of headers) reply.raw.setHeader(name, value);
    done();
  });
  if (!limits) return;
  await app.register(rateLimit, {
    global: true,
    timeWindow: 60_000,
    keyGenerator: rateLimitKey,
    max: (_request, key) => (key.startsWith('key:') ? limits.perKeyPerMinute : limits.perIpPerMinute),
    // The error handler turns this into problem+json 429 (with Retry-After, set by the plugin).
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      code: 'PICTOR_RATE_LIMITED',
      message: `rate limit exceeded: ${context.max} requests per minute; retry in ${context.after}`,
    }),
  });
}

/**
 * Helmet's headers (CSP off: the API answers JSON, /docs brings its own, the page sets its own in
 * web-routes), worked out once by helmet's own middleware and set on every answer in its order.
 * @fastify/helmet built helmet's eleven middlewares again for every request, about 3% of a read's
 * CPU (issue 20, P6); helmet's headers depend on its options only, never on the request.
 */
function securityHeaders(): [string, string][] {
  const headers: [string, string][] = [];
  const recorder = {
    setHeader: (name: string, value: string) => void headers.push([name, value]),
    removeHeader: () => {},
  };
  helmet({ contentSecurityPolicy: false })(
    {} as IncomingMessage,
    recorder as unknown as ServerResponse,
    (error?: unknown) => {
      if (error) throw error;
    },
  );
  return headers;
}

/** Authenticated routes count per key (hashed: secrets never sit in memory as keys), others per IP. */
function rateLimitKey(request: FastifyRequest): string {
  const roles = request.routeOptions.config.roles;
  const secret = /^Bearer (\S{1,200})$/.exec(request.headers.authorization ?? '')?.[1];
  if (roles && secret) return `key:${createHash('sha256').update(secret).digest('base64url').slice(0, 22)}`;
  return `ip:${request.ip}`;
}

/**
 * Every unknown secret costs a database lookup, and a per-key limit cannot stop guessing (each
 * guess is a new key): after `perMinute` failures an IP is refused until its minute is over.
 * Monotonic process time, not the injected clock: this paces requests, it bills nothing.
 */
export class AuthFailureLimiter {
  private failures = new Map<string, { count: number; windowEnds: number }>();

  constructor(private readonly perMinute: number) {}

  /** Seconds until the IP may try again, or 0. */
  blockedFor(ip: string, nowMs = performance.now()): number {
    const entry = this.failures.get(ip);
    if (!entry || entry.windowEnds <= nowMs || entry.count < this.perMinute) return 0;
    return Math.ceil((entry.windowEnds - nowMs) / 1000);
  }

  fail(ip: string, nowMs = performance.now()): void {
    const entry = this.failures.get(ip);
    if (!entry || entry.windowEnds <= nowMs) {
      if (this.failures.size > 100_000) this.failures.clear(); // bounded memory under a spray of IPs
      this.failures.set(ip, { count: 1, windowEnds: nowMs + 60_000 });
    } else entry.count++;
  }
}

/** GET /metrics (Prometheus text) and GET /ready (database and ledger writer backlog). */
export function operationsRoutes(ctx: ServiceContext, metrics: Metrics) {
  return async (app: FastifyInstance) => {
    app.get('/metrics', { schema: { hide: true } }, async (_request, reply) =>
      reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
    );
    app.get('/ready', { schema: { hide: true } }, async (_request, reply) => {
      const backlog = ctx.ledger.backlog();
      const database = await pingDatabase(ctx);
      const writer = backlog.queued <= READY_MAX_QUEUED;
      if (database && writer) return { status: 'ready', database: 'ok', ledgerWriter: backlog };
      return sendProblem(
        reply,
        problem('not_ready', database ? 'the ledger writer is backlogged' : 'the database does not answer', {
          database: database ? 'ok' : 'unavailable',
          ledgerWriter: backlog,
        }),
      );
    });
  };
}

async function pingDatabase(ctx: ServiceContext): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), READY_DB_TIMEOUT_MS);
  });
  try {
    return await Promise.race([ctx.db.query('SELECT 1').then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
