import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Runs `work`, then rests `restRatio` × the time it took. Bulk background work (the storage sweep)
 * paced this way leaves the machine to customers' requests for part of every step, instead of
 * competing with them for the CPU until it is done. Durations are monotonic wall time, never the
 * business clock: a simulated clock must not change how long the process actually rests.
 */
export async function withRest<T>(restRatio: number, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await work();
  if (restRatio > 0) await sleep((performance.now() - start) * restRatio);
  return result;
}
