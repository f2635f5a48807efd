import os from 'node:os';
import { parentPort } from 'node:worker_threads';

/**
 * How much less CPU a renderer thread asks for than the event loop (a nice value, 0–19). A PDF is
 * a download a person waits a second for; a charge is a service's request with a tight p99. On a
 * busy machine the scheduler now gives the event loop the process's share of the cores first, and
 * the renderer still has every cycle it leaves (docs/performance.md, session 11).
 */
const RENDERER_NICENESS = 10;

// Only Linux keeps a nice value per thread; elsewhere it would lower the whole process.
if (process.platform === 'linux') {
  try {
    os.setPriority(RENDERER_NICENESS);
  } catch {
    // A sandbox that refuses it: documents render at the loop's priority, as before.
  }
}

/** One document renderer thread (see render-pool.ts): imports each renderer module once. */
const modules = new Map<string, Promise<Record<string, unknown>>>();

parentPort!.on('message', async (task: { module: string; exportName: string; args: unknown[] }) => {
  try {
    if (!modules.has(task.module)) modules.set(task.module, import(task.module));
    const render = (await modules.get(task.module)!)[task.exportName] as (
      ...args: unknown[]
    ) => Promise<Buffer>;
    const bytes = await render(...task.args);
    const copy = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length).slice();
    parentPort!.postMessage({ bytes: copy }, [copy.buffer]);
  } catch (error) {
    parentPort!.postMessage({ error });
  }
});
