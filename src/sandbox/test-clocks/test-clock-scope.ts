import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { runOnTestClock } from '../../kernel/clock.js';
import type { Database } from '../../kernel/db/database.js';
import { findTestClock, findTestClockOfAccount } from './test-clock-store.js';
import type { TestClockRecord } from './test-clock-rules.js';

type Handler = (this: FastifyInstance, request: FastifyRequest, reply: FastifyReply) => unknown;

/**
 * Runs every request about an account on a test clock on that clock: its answers, documents and
 * writes see the clock's time. The account is the path's `accountId` or the customer key's own; a
 * request opening an account on a clock (`testClockId` in the body) runs on that clock too.
 * Registered as an onRoute hook, before the routes, so it wraps each route's handler.
 */
export function runRequestsOnTheirTestClock(db: Database) {
  return (route: RouteOptions) => {
    const handler = route.handler as Handler;
    route.handler = async function (this: FastifyInstance, request: FastifyRequest, reply: FastifyReply) {
      const clock = await testClockOf(db, request);
      if (!clock) return handler.call(this, request, reply);
      const frozen = clock.frozenTime;
      return runOnTestClock({ id: clock.id, clock: { now: () => new Date(frozen) } }, () =>
        handler.call(this, request, reply),
      );
    };
  };
}

async function testClockOf(db: Database, request: FastifyRequest): Promise<TestClockRecord | undefined> {
  const named = (request.body as { testClockId?: unknown } | undefined)?.testClockId;
  if (typeof named === 'string') return findTestClock(db, named);
  const accountId =
    (request.params as { accountId?: string } | undefined)?.accountId ?? request.caller?.accountId;
  return accountId ? findTestClockOfAccount(db, accountId) : undefined;
}
