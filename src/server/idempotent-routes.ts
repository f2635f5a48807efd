import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { type Caller, idempotencyScope } from '../kernel/context.js';
import type { Clock } from '../kernel/clock.js';
import type { Database } from '../kernel/db/database.js';
import { requestHash } from '../kernel/request-hash.js';
import { declaresIdempotencyKey } from '../kernel/http/schemas.js';
import { problem, sendProblem } from '../kernel/http/problem.js';
import { Coalescer } from '../kernel/coalescer.js';
import {
  DEFAULT_LEASE_MS,
  type CommandAnswer,
  claimCommand,
  completeCommands,
  insertClaims,
  isKeptAnswer,
  releaseCommand,
} from '../ledger/idempotent-command.js';
import type { IdempotencyClaim } from '../ledger/ledger-rules.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The idempotency claim this request owns: its answer is stored (or the key released) on send. */
    ownedClaim: IdempotencyClaim | null;
  }
}

type Handler = (this: FastifyInstance, request: FastifyRequest, reply: FastifyReply) => unknown;

/**
 * Every route whose headers declare an Idempotency-Key (required or optional) runs through the
 * idempotent command runner (ledger/idempotent-command.ts, docs/idempotency.md): a request that
 * carries a key has its first answer stored as sent, status and bytes, and replayed as is; another
 * request under the key is 409; a twin waits for the first. The key's scope is the account in the
 * path (if any) and the caller's kind of principal, in an `http:` namespace of its own; the request
 * hash covers the route, its path, query and parsed body.
 *
 * Registered as an onRoute hook before the routes (it wraps each handler), with an onSend hook
 * that stores the owner's answer before the client can see it.
 *
 * Concurrent requests' claims go to the database together, one statement for all the claims that
 * arrived while the previous one was in flight, and so do their answers (issue 20, P1: two
 * single-row statements, each its own commit, were most of a charge's round trips). Each claim
 * and answer is still its own row, decided as before.
 */
export function idempotentRoutes(
  app: FastifyInstance,
  db: Database,
  clock: Clock,
  leaseMs = DEFAULT_LEASE_MS,
): void {
  app.decorateRequest('ownedClaim', null);
  // A claim commits lazily: it is only a lease, and the owner's answer, committed durably before
  // the client sees it, flushes the WAL up to the claim too. A crash that loses a claim loses it
  // with its request unanswered: the retry claims the key again, and the command's own
  // idempotency underneath replays what it wrote. One WAL flush fewer on every request's path.
  const claims = new Coalescer((items: { claim: IdempotencyClaim; at: Date }[]) =>
    insertClaims(db, items, 'lazy'),
  );
  const answers = new Coalescer(async (items: { claim: IdempotencyClaim; answer: CommandAnswer }[]) => {
    await completeCommands(db, items);
    return items.map(() => undefined);
  });
  const insert = (claim: IdempotencyClaim, at: Date) => claims.run({ claim, at });
  app.addHook('onRoute', (route: RouteOptions) => {
    if (!declaresIdempotencyKey(route.schema?.headers)) return;
    const handler = route.handler as Handler;
    const operation = `${String(route.method)} ${route.url}`;
    route.handler = async function (this: FastifyInstance, request: FastifyRequest, reply: FastifyReply) {
      const key = request.headers['idempotency-key'];
      if (!request.caller || typeof key !== 'string') return handler.call(this, request, reply);
      const claim = commandClaim(request.caller, request, operation, key);
      const claimed = await claimCommand(db, claim, () => clock.now(), undefined, leaseMs, insert);
      switch (claimed.kind) {
        case 'run':
          request.ownedClaim = claim;
          return handler.call(this, request, reply);
        case 'replay':
          return reply
            .code(claimed.answer.status)
            .header('content-type', claimed.answer.contentType)
            .header('idempotent-replayed', 'true')
            .send(claimed.answer.body);
        case 'conflict':
          return sendProblem(
            reply,
            problem(
              'idempotency_key_reused',
              'this Idempotency-Key was already used with a different request',
            ),
          );
        case 'busy':
          return sendProblem(
            reply.header('retry-after', '1'),
            problem(
              'idempotency_key_in_use',
              'a request with this Idempotency-Key is still running; retry it',
            ),
          );
      }
    };
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const claim = request.ownedClaim;
    if (!claim) return payload;
    request.ownedClaim = null;
    if (isKeptAnswer(reply.statusCode) && typeof payload === 'string') {
      const contentType = String(reply.getHeader('content-type') ?? 'application/json; charset=utf-8');
      await answers.run({ claim, answer: { status: reply.statusCode, body: payload, contentType } });
    } else {
      await releaseCommand(db, claim);
    }
    return payload;
  });
}

function commandClaim(
  caller: Caller,
  request: FastifyRequest,
  operation: string,
  key: string,
): IdempotencyClaim {
  const params = (request.params ?? {}) as Record<string, unknown>;
  const accountId = typeof params.accountId === 'string' ? params.accountId : null;
  return {
    scope: `http:${idempotencyScope(caller, accountId)}`,
    key,
    requestHash: requestHash(operation, { params, query: request.query ?? {}, body: request.body ?? null }),
  };
}
