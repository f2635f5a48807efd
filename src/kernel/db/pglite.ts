import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import fs from 'node:fs';
import path from 'node:path';
import type { Database, Queryable, Row } from './database.js';
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../worker.js';

export class DataDirectoryInUseError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `data directory ${dataDir} is in use by process ${pid}; PGlite allows one process per directory. ` +
        'Stop that process, use another PICTOR_DATA_DIR, or set DATABASE_URL to share a PostgreSQL server.',
    );
    this.name = 'DataDirectoryInUseError';
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes an exclusive lock file in the data directory. PGlite itself does not stop a second process
 * from opening the same files, which would corrupt them. A lock left by a dead process is taken over.
 */
function lockDataDirectory(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, 'pictor.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(fs.readFileSync(lockPath, 'utf8'));
      if (Number.isInteger(holder) && holder > 0 && processIsAlive(holder)) {
        throw new DataDirectoryInUseError(dataDir, holder);
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`could not lock data directory ${dataDir}`);
}

type WasmModules = Required<Pick<PGliteOptions, 'pgliteWasmModule' | 'initdbWasmModule'>>;
type WasmModule = WasmModules['pgliteWasmModule'];

let compiledModules: Promise<WasmModules>;

/**
 * PGlite's two WebAssembly modules, compiled once per process. Without them every open compiles
 * both again: measured 8.3 s of CPU per in-memory open against 3.3 s with them (tests open hundreds).
 */
function wasmModules() {
  const dist = new URL('./', import.meta.resolve('@electric-sql/pglite'));
  // Node's global WebAssembly is not declared by the ES library and Node types this project builds with.
  const wasm = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<WasmModule> } })
    .WebAssembly;
  const compile = async (file: string) => wasm.compile(await fs.promises.readFile(new URL(file, dist)));
  compiledModules ??= Promise.all([compile('pglite.wasm'), compile('initdb.wasm')]).then(
    ([pgliteWasmModule, initdbWasmModule]) => ({ pgliteWasmModule, initdbWasmModule }),
  );
  return compiledModules;
}

export interface PgliteOptions {
  /**
   * Start an in-memory database from this data directory dump (`dumpPglite`) instead of running
   * initdb: tests open a migrated template in about a fifth of the CPU time of a fresh database.
   */
  template?: Blob;
}

/** Embedded PostgreSQL in `dataDir`, or in memory when `dataDir` is undefined (tests). */
export async function openPglite(dataDir?: string, options: PgliteOptions = {}): Promise<Database> {
  const unlock = dataDir ? lockDataDirectory(path.resolve(dataDir)) : () => {};
  let db: PGlite;
  try {
    db = await PGlite.create(dataDir ? path.resolve(dataDir) : undefined, {
      ...(await wasmModules()),
      ...(options.template && !dataDir ? { loadDataDir: options.template } : {}),
      parsers: { 20: (v: string) => BigInt(v) },
    });
  } catch (error) {
    unlock();
    throw error;
  }
  type Connection = Pick<PGlite, 'query' | 'exec'>;
  const wrap = (connection: Connection): Queryable => ({
    query: async <R extends Row>(text: string, params?: readonly unknown[]) =>
      (await connection.query<R>(text, params as unknown[] | undefined)).rows,
    exec: async (script: string) => void (await connection.exec(script)),
  });
  const outside = wrap(db);

  return {
    kind: 'pglite',
    maxConcurrentTransactions: 1,
    query: outside.query,
    exec: outside.exec,
    // PGlite holds its single connection for the whole callback, so other queries wait.
    transaction: (work) => db.transaction((tx) => work(wrap(tx))),
    async close() {
      await db.close();
      unlock();
    },
    dumpDataDir: async () => db.dumpDataDir('none'),
  };
}

interface Call {
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * The same embedded database on a worker thread of its own (pglite-worker.ts): PGlite's WASM runs
 * there, and the HTTP event loop keeps the other core (docs/performance.md, P5). Every statement
 * crosses as one message (a ledger batch's single statement is one), its rows come back by
 * structured clone (bigint and Date included). The guarantees are PGlite's own, unchanged: one
 * process per data directory (the lock file is taken here, by this process), one connection, a
 * transaction holding it until it ends, commits as PGlite makes them.
 */
export async function openPgliteThread(dataDir?: string): Promise<Database> {
  const dir = dataDir ? path.resolve(dataDir) : undefined;
  const unlock = dir ? lockDataDirectory(dir) : () => {};
  const worker = startWorker(import.meta.url, 'pglite-worker', { dataDir: dir });
  const { ready, call } = workerCalls(worker);
  try {
    await ready;
  } catch (error) {
    unlock();
    throw error;
  }
  const on = (tx?: number): Queryable => ({
    query: <R extends Row>(text: string, params?: readonly unknown[]) =>
      call<R[]>({ op: 'query', text, params, tx }),
    exec: (script: string) => call<void>({ op: 'exec', script, tx }),
  });
  const outside = on();
  let nextTx = 0;
  return {
    kind: 'pglite',
    maxConcurrentTransactions: 1,
    query: outside.query,
    exec: outside.exec,
    async transaction(work) {
      const tx = ++nextTx;
      await call({ op: 'begin', tx });
      let result;
      try {
        result = await work(on(tx));
      } catch (error) {
        await call({ op: 'end', tx, commit: false });
        throw error;
      }
      await call({ op: 'end', tx, commit: true });
      return result;
    },
    async close() {
      await call({ op: 'close' });
      await worker.terminate();
      unlock();
    },
  };
}

/**
 * Requests and answers over the database thread: each call posts one message under an id of its
 * own and settles when the answer with that id comes back. `ready` settles with the thread's first
 * message; the thread's failure or exit fails every call in flight, so none waits for ever.
 */
function workerCalls(worker: Worker) {
  const calls = new Map<number, Call>();
  let nextId = 0;
  const failAll = (error: unknown) => {
    for (const call of calls.values()) call.reject(error);
    calls.clear();
  };
  const ready = new Promise<void>((resolve, reject) => {
    worker.on(
      'message',
      (m: { ready?: true; id: number; result?: unknown; error?: Record<string, unknown> }) => {
        if (m.ready) return resolve();
        const call = calls.get(m.id)!;
        calls.delete(m.id);
        if (m.error) call.reject(Object.assign(new Error(String(m.error.message)), m.error));
        else call.resolve(m.result);
      },
    );
    worker.on('error', (error) => (reject(error), failAll(error)));
    worker.on('exit', (code) => {
      const error = new Error(`the database thread exited (code ${code})`);
      reject(error);
      failAll(error);
    });
  });
  const call = <T>(message: Record<string, unknown>) =>
    new Promise<T>((resolve, reject) => {
      const id = ++nextId;
      calls.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ ...message, id });
    });
  return { ready, call };
}
