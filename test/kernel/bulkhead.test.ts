import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Bulkhead, BulkheadFullError } from '../../src/kernel/bulkhead.js';

/** A piece of work that runs until released, recording how many ran beside it. */
function gated() {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  return { release, released };
}

const ticks = async (n: number) => {
  for (let t = 0; t < n; t++) await new Promise((r) => setImmediate(r));
};

describe('bulkhead (a bounded share for one kind of work)', () => {
  it('two at once: the third waits in line and starts, in order, when one of the two ends', async () => {
    const bulkhead = new Bulkhead('downloads', 2, 10);
    const started: number[] = [];
    const works = [0, 1, 2, 3].map(() => gated());
    const runs = works.map((w, i) =>
      bulkhead.run(async () => {
        started.push(i);
        await w.released;
        return i;
      }),
    );
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([0, 1]);
    works[1]!.release();
    await runs[1];
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([0, 1, 2]);
    works.forEach((w) => w.release());
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3]);
    expect(started).toEqual([0, 1, 2, 3]);
  });

  it('a full line refuses one more with `overloaded` before starting it; a failure frees its slot', async () => {
    const bulkhead = new Bulkhead('downloads', 1, 1);
    const first = gated();
    const running = bulkhead.run(() => first.released);
    const waiting = bulkhead.run(async () => 'second');
    let ran = false;
    const refused = bulkhead.run(async () => void (ran = true));
    await expect(refused).rejects.toBeInstanceOf(BulkheadFullError);
    await expect(refused).rejects.toMatchObject({ code: 'overloaded' });
    expect(ran).toBe(false);
    first.release();
    await running;
    expect(await waiting).toBe('second');
    await expect(bulkhead.run(async () => Promise.reject(new Error('broken')))).rejects.toThrow('broken');
    expect(await bulkhead.run(async () => 'after')).toBe('after');
  });

  it('property: arriving at any time, never more than the limit at once; every piece of work runs once', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.array(
          fc.record({
            arrives: fc.integer({ min: 0, max: 3 }),
            lasts: fc.integer({ min: 0, max: 3 }),
            fails: fc.boolean(),
          }),
          { maxLength: 30 },
        ),
        async (limit, works) => {
          const bulkhead = new Bulkhead('work', limit, works.length);
          let running = 0;
          let most = 0;
          const ran: number[] = [];
          const results = await Promise.allSettled(
            works.map(async (work, i) => {
              await ticks(work.arrives);
              return bulkhead.run(async () => {
                running++;
                most = Math.max(most, running);
                await ticks(work.lasts);
                running--;
                ran.push(i);
                if (work.fails) throw new Error(`work ${i}`);
                return i;
              });
            }),
          );
          expect(most).toBeLessThanOrEqual(limit);
          expect(ran.sort((a, b) => a - b)).toEqual(works.map((_, i) => i));
          expect(results.map((r) => r.status)).toEqual(
            works.map((w) => (w.fails ? 'rejected' : 'fulfilled')),
          );
        },
      ),
      { numRuns: 100 },
    );
  });
});
