import { parentPort } from 'node:worker_threads';

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
