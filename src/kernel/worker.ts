import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Starts the worker thread whose module is `name` (without extension) next to `from` (the caller's
 * `import.meta.url`). Built (dist/), that is the `.js` file; from TypeScript sources (tests,
 * `npm run cli`), the worker first registers tsx's loader, as `--import tsx` would, then imports
 * the `.ts` file.
 */
export function startWorker(from: string, name: string, workerData?: unknown): Worker {
  if (!from.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, from), { workerData });
  const api = createRequire(from)
    .resolve('tsx/esm/api')
    .replace(/\.cjs$/, '.mjs');
  const entry = new URL(`./${name}.ts`, from).href;
  const code = `import { register } from ${JSON.stringify(pathToFileURL(api).href)};
    register();
    await import(${JSON.stringify(entry)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(code)}`), { workerData });
}
