import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../worker.js';
import { DocumentCache } from './document-cache.js';
import { Bulkhead } from '../bulkhead.js';
import { requestHash } from '../request-hash.js';

/**
 * Renders documents (PDFs) on worker threads, off the event loop: laying out a twenty-line PDF
 * takes a few milliseconds of CPU, and a burst of downloads rendered on the loop would delay every
 * other request behind it (docs/performance.md, P7). A renderer is named by its module and export,
 * the module being imported once per worker; its arguments and its bytes cross by structured clone
 * (bigints and Dates included). Workers start on first use and never keep the process alive.
 */
interface Task {
  module: string;
  exportName: string;
  args: unknown[];
  resolve: (bytes: Buffer) => void;
  reject: (error: unknown) => void;
}

interface Slot {
  worker: Worker;
  task?: Task;
}

/** One worker per core the event loop leaves free (at least one). */
const POOL_SIZE = Math.max(1, (os.availableParallelism?.() ?? os.cpus().length) - 1);

class RenderPool {
  private slots: Slot[] = [];
  private queue: Task[] = [];

  constructor(private readonly size: number) {}

  run(task: Task): void {
    this.queue.push(task);
    this.dispatch();
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => !s.task);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      if (!slot) return;
      const task = this.queue.shift()!;
      slot.task = task;
      try {
        slot.worker.postMessage({ module: task.module, exportName: task.exportName, args: task.args });
        slot.worker.ref();
      } catch (error) {
        // Arguments that cannot cross (a function, say): this task fails, the worker stays free.
        slot.task = undefined;
        task.reject(error);
      }
    }
  }

  private spawn(): Slot {
    const worker = startWorker(import.meta.url, 'render-worker');
    const slot: Slot = { worker };
    worker.unref();
    worker.on('message', (message: { bytes?: Uint8Array; error?: unknown }) => {
      const task = slot.task!;
      slot.task = undefined;
      worker.unref();
      if (message.bytes)
        task.resolve(Buffer.from(message.bytes.buffer, message.bytes.byteOffset, message.bytes.length));
      else task.reject(message.error);
      this.dispatch();
    });
    // A worker that dies fails its task only; the next task starts a new one.
    const lost = (error: unknown) => {
      this.slots = this.slots.filter((s) => s !== slot);
      slot.task?.reject(error);
      slot.task = undefined;
      this.dispatch();
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`document renderer exited with code ${code}`)));
    this.slots.push(slot);
    return slot;
  }
}

let pool: RenderPool | undefined;

/**
 * Documents rendered lately, by renderer and arguments (document-cache.ts): 32 MB holds about a
 * thousand twenty-line invoices (30 KB each), and a document downloaded again is not rendered again.
 */
const rendered = new DocumentCache(32 * 1024 * 1024);

/**
 * Document downloads (loading, rendering and answering; kernel/http/send-pdf.ts): as many at once
 * as there are renderer threads, the rest in line (up to 256, then 503 overloaded). Without it, a
 * burst of 16 clients downloading back to back took a third of the machine, and half once
 * downloads came from the cache, and the charges' p99 rose by 1.6x (docs/performance.md, P7).
 */
export const documentDownloads = new Bulkhead('document downloads', POOL_SIZE, 256);

/**
 * Calls `exportName` of the module at `path` (relative to `from`, the caller's `import.meta.url`,
 * written with `.js` as imports are) with `args` on a worker thread, and resolves with the bytes it
 * returned. The export must be a pure async function of plain data returning a Buffer: the same
 * arguments answer the bytes kept from an earlier call (shared, never to be written to).
 */
export function renderOffLoop(
  from: string,
  path: string,
  exportName: string,
  args: unknown[],
): Promise<Buffer> {
  const url = new URL(from.endsWith('.ts') ? path.replace(/\.js$/, '.ts') : path, from).href;
  const render = () => {
    pool ??= new RenderPool(POOL_SIZE);
    return new Promise<Buffer>((resolve, reject) =>
      pool!.run({ module: url, exportName, args, resolve, reject }),
    );
  };
  let key: string;
  try {
    key = requestHash(`${url}#${exportName}`, args);
  } catch {
    // Arguments that cannot be written as JSON (an invalid date): rendered, not kept.
    return render();
  }
  return rendered.get(key, render);
}
