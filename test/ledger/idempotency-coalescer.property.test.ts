import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../src/kernel/clock.js';
import { Coalescer } from '../../src/kernel/coalescer.js';
import type { Database } from '../../src/kernel/db/database.js';
import { migrate } from '../../src/kernel/db/migrate.js';
import {
  type CommandAnswer,
  type Claimed,
  claimCommand,
  completeCommands,
  insertClaims,
} from '../../src/ledger/idempotent-command.js';
import type { IdempotencyClaim } from '../../src/ledger/ledger-rules.js';
import { type FreshDatabase, backends } from '../support/databases.js';

/**
 * The idempotency coalescer as the HTTP routes use it (src/server/idempotent-routes.ts): claims go
 * to the database through one Coalescer of insertClaims, answers through one of completeCommands,
 * so the claims and answers of concurrent requests share statements. Random interleavings of
 * requests over a few overlapping (scope, key)s, each after its own small delay, some of them
 * poisoned (a NUL byte, which PostgreSQL refuses in text and jsonb, so the whole statement fails).
 */
interface Request {
  scope: number;
  key: number;
  /** Which request body (its hash): twins share one, another body under the key is a conflict. */
  body: number;
  delayMs: number;
  /** How long the owner works before answering. */
  workMs: number;
  /** The answer the owner would store (any text but NUL; grapheme strings are well-formed UTF-16). */
  answerText: string;
  /** A claim the database refuses (NUL in its key): only this caller must fail. */
  poisonClaim: boolean;
  /** An answer the database refuses (NUL in its body): only this owner must fail. */
  poisonAnswer: boolean;
}

/** Mostly none (requests in the same turn share a flight), else a few milliseconds. */
const pauseArb = fc.oneof(
  { weight: 3, arbitrary: fc.constant(0) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 6 }) },
);
const requestArb: fc.Arbitrary<Request> = fc.record({
  scope: fc.integer({ min: 0, max: 1 }),
  key: fc.integer({ min: 0, max: 2 }),
  body: fc.integer({ min: 0, max: 1 }),
  delayMs: pauseArb,
  workMs: pauseArb,
  answerText: fc.string({ unit: 'grapheme', maxLength: 12 }).filter((s) => !s.includes('\u0000')),
  poisonClaim: fc.integer({ min: 0, max: 7 }).map((n) => n === 0),
  poisonAnswer: fc.integer({ min: 0, max: 7 }).map((n) => n === 0),
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Outcome = { request: Request; claim: IdempotencyClaim } & (
  | { settled: 'claimed'; claimed: Claimed; stored?: CommandAnswer; answerFailed?: boolean }
  | { settled: 'claim failed' }
);

let run = 0;
// Leases never run out here (600 s on a clock that stands still): every wait is for a live owner.
const clock = new SimulatedClock('2026-03-01T00:00:00Z');
/**
 * Sleeps, except for 0: those requests go on at once, in the same turn as their siblings, so their
 * claims (and answers) reach the coalescer while its first statement is in flight. In-process PGlite
 * can answer a statement between two timer callbacks, so timers alone rarely make a flight of two.
 */
const pause = (ms: number) => (ms === 0 ? undefined : sleep(ms));

for (const backend of backends) {
  describe(`idempotency coalescer under interleaved claims and answers (${backend.name})`, () => {
    let fresh: FreshDatabase;
    let db: Database;
    beforeAll(async () => {
      fresh = await backend.fresh();
      db = await fresh.open();
      await migrate(db);
    });
    afterAll(async () => {
      await db.close();
      await fresh.drop();
    });

    it('per (scope, key): one owner; twins get its answer byte for byte, other bodies 409; a poisoned item fails only its caller (property)', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(requestArb, { minLength: 1, maxLength: 24 }), async (requests) => {
          const prefix = `coalesce-${++run}-${Math.random().toString(36).slice(2)}`;
          const claims = new Coalescer((items: { claim: IdempotencyClaim; at: Date }[]) =>
            insertClaims(db, items),
          );
          const answers = new Coalescer(
            async (items: { claim: IdempotencyClaim; answer: CommandAnswer }[]) => {
              await completeCommands(db, items);
              return items.map(() => undefined);
            },
          );
          const insert = (claim: IdempotencyClaim, at: Date) => claims.run({ claim, at });
          const outcomes = await Promise.all(
            requests.map(async (request, n): Promise<Outcome> => {
              // A poisoned request's key is its own, so it has no twins: a poisoned claim's key holds
              // the NUL; a poisoned answer would leave its key pending (twins would wait out the lease).
              const key = request.poisonClaim
                ? `poison\u0000${n}`
                : request.poisonAnswer
                  ? `answer-poison-${n}`
                  : `k${request.key}`;
              const claim = {
                scope: `${prefix}:s${request.scope}`,
                key,
                requestHash: `body-${request.body}`,
              };
              await pause(request.delayMs);
              let claimed: Claimed;
              try {
                claimed = await claimCommand(db, claim, () => clock.now(), 20_000, 600_000, insert);
              } catch {
                return { request, claim, settled: 'claim failed' };
              }
              if (claimed.kind !== 'run') return { request, claim, settled: 'claimed', claimed };
              await pause(request.workMs);
              const answer: CommandAnswer = {
                status: 200 + request.body,
                // A raw NUL in the body: jsonb refuses the \u0000 escape it becomes.
                body: request.poisonAnswer ? `x\u0000${n}` : JSON.stringify({ n, text: request.answerText }),
                contentType: 'application/json; charset=utf-8',
              };
              try {
                await answers.run({ claim, answer });
                return { request, claim, settled: 'claimed', claimed, stored: answer };
              } catch {
                return { request, claim, settled: 'claimed', claimed, answerFailed: true };
              }
            }),
          );

          // A poisoned claim fails its caller, and only poisoned claims fail.
          for (const o of outcomes) expect(o.settled === 'claim failed').toBe(o.request.poisonClaim);
          const good = outcomes.filter((o) => o.settled === 'claimed');
          const byKey = new Map<string, typeof good>();
          for (const o of good) {
            const id = `${o.claim.scope}\n${o.claim.key}`;
            byKey.set(id, [...(byKey.get(id) ?? []), o]);
          }
          for (const [, group] of byKey) {
            // Exactly one owner per (scope, key).
            const owners = group.filter((o) => o.claimed.kind === 'run');
            expect(owners).toHaveLength(1);
            const owner = owners[0]!;
            // The owner's answer fails only when it was poisoned.
            expect(owner.answerFailed === true).toBe(owner.request.poisonAnswer);
            const [row] = await db.query<{ request_hash: string; result: unknown }>(
              'SELECT request_hash, result FROM idempotency_keys WHERE scope = $1 AND key = $2',
              [owner.claim.scope, owner.claim.key],
            );
            expect(row?.request_hash).toBe(owner.claim.requestHash);
            if (owner.stored) expect(row?.result).toEqual(owner.stored);
            for (const twin of group) {
              if (twin === owner) continue;
              if (twin.claim.requestHash !== owner.claim.requestHash) {
                expect(twin.claimed).toEqual({ kind: 'conflict' });
              } else {
                // Byte for byte: status, content type and the exact body string.
                expect(twin.claimed).toEqual({ kind: 'replay', answer: owner.stored });
              }
            }
          }
        }),
        { numRuns: 25 },
      );
    }, 600_000);

    it('claims and answers of requests that arrive while a statement is in flight leave together, in one statement each', async () => {
      // Each coalescer's first statement is held until all four requests have called it, so the
      // other three must wait and leave together: no timing decides the flight sizes.
      const prefix = `shared-${Math.random().toString(36).slice(2)}`;
      const claimFlights: number[] = [];
      const answerFlights: number[] = [];
      const gate = (calls: number) => {
        let open!: () => void;
        const opened = new Promise<void>((resolve) => (open = resolve));
        let seen = 0;
        return { opened, called: () => ++seen === calls && open() };
      };
      const claimGate = gate(4);
      const answerGate = gate(4);
      const claims = new Coalescer(async (items: { claim: IdempotencyClaim; at: Date }[]) => {
        claimFlights.push(items.length);
        await claimGate.opened;
        return insertClaims(db, items);
      });
      const answers = new Coalescer(async (items: { claim: IdempotencyClaim; answer: CommandAnswer }[]) => {
        answerFlights.push(items.length);
        await answerGate.opened;
        await completeCommands(db, items);
        return items.map(() => undefined);
      });
      const insert = (claim: IdempotencyClaim, at: Date) => {
        const claimed = claims.run({ claim, at });
        claimGate.called();
        return claimed;
      };
      await Promise.all(
        [0, 1, 2, 3].map(async (n) => {
          const claim = { scope: prefix, key: `k${n}`, requestHash: 'body' };
          const claimed = await claimCommand(db, claim, () => clock.now(), 20_000, 600_000, insert);
          expect(claimed).toEqual({ kind: 'run' });
          const answer: CommandAnswer = { status: 201, body: `{"n":${n}}`, contentType: 'application/json' };
          const stored = answers.run({ claim, answer });
          answerGate.called();
          await stored;
        }),
      );
      expect(claimFlights).toEqual([1, 3]);
      expect(answerFlights).toEqual([1, 3]);
      const rows = await db.query<{ key: string; result: CommandAnswer }>(
        'SELECT key, result FROM idempotency_keys WHERE scope = $1 ORDER BY key',
        [prefix],
      );
      expect(rows.map((r) => [r.key, r.result.body])).toEqual(
        [0, 1, 2, 3].map((n) => [`k${n}`, `{"n":${n}}`]),
      );
    });
  });
}
