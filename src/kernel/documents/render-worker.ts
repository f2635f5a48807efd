import fs from 'node:fs';
import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';

/**
 * On Linux a thread has a nice value of its own: this thread (its id read from /proc/thread-self)
 * takes the one the pool gives it (render-pool.ts, RENDER_NICE). Elsewhere, or where it is
 * refused, it keeps the default priority, which is still correct.
 */
function yieldToTheApi(nice: number): void {
  try {
    const threadId = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(threadId) && threadId > 0) os.setPriority(threadId, nice);
  } catch {
    // not Linux, or not allowed
  }
}
yieldToTheApi((workerData as { nice: number }).nice);

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
