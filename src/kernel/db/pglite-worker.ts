import { PGlite, type Transaction } from '@electric-sql/pglite';
import { parentPort, workerData } from 'node:worker_threads';

/**
 * The embedded database on a thread of its own (see pglite-thread.ts): PGlite's WASM runs here,
 * so the event loop that serves HTTP keeps the other core. Each message is one statement, a
 * script, or the start or end of a transaction; each answer carries the request's id.
 */
type Request =
  | { id: number; op: 'query'; text: string; params?: unknown[]; tx?: number }
  | { id: number; op: 'exec'; script: string; tx?: number }
  | { id: number; op: 'begin'; tx: number }
  | { id: number; op: 'end'; tx: number; commit: boolean }
  | { id: number; op: 'close' };

const ROLLBACK = Symbol('rollback');
const open = new Map<number, { tx: Transaction; end: (commit: boolean) => void }>();
const port = parentPort!;

/** What crosses back of a database error: the fields the engine reads (code, constraint, …). */
function plainError(error: unknown) {
  const e = error as Record<string, unknown>;
  return {
    message: String(e?.message ?? error),
    code: e?.code,
    constraint: e?.constraint,
    detail: e?.detail,
    table: e?.table,
    column: e?.column,
  };
}

const db = await PGlite.create((workerData as { dataDir?: string }).dataDir, {
  parsers: { 20: (v: string) => BigInt(v) },
});

/** Opens transaction `txId`; it stays open, holding PGlite's one connection, until its 'end'. */
function begin(txId: number): Promise<void> {
  return new Promise((started, failed) => {
    let end!: (commit: boolean) => void;
    const decided = new Promise<boolean>((resolve) => (end = resolve));
    const ended = db
      .transaction(async (tx) => {
        open.set(txId, { tx, end });
        started();
        if (!(await decided)) throw ROLLBACK;
      })
      .then(
        () => undefined,
        (error: unknown) => {
          if (error !== ROLLBACK) throw error;
        },
      )
      .finally(() => open.delete(txId));
    ends.set(txId, ended);
    // BEGIN itself failed (nothing started): the caller hears it now, and no 'end' follows.
    ended.catch((error: unknown) => {
      if (!open.has(txId)) ends.delete(txId);
      failed(error);
    });
  });
}
const ends = new Map<number, Promise<void>>();

async function handle(m: Request): Promise<unknown> {
  switch (m.op) {
    case 'query': {
      const on = m.tx === undefined ? db : open.get(m.tx)!.tx;
      return (await on.query(m.text, m.params)).rows;
    }
    case 'exec': {
      const on = m.tx === undefined ? db : open.get(m.tx)!.tx;
      await on.exec(m.script);
      return undefined;
    }
    case 'begin':
      await begin(m.tx);
      return undefined;
    case 'end': {
      const ended = ends.get(m.tx)!;
      ends.delete(m.tx);
      open.get(m.tx)?.end(m.commit);
      await ended;
      return undefined;
    }
    case 'close':
      await db.close();
      return undefined;
  }
}

port.on('message', (m: Request) => {
  handle(m).then(
    (result) => port.postMessage({ id: m.id, result }),
    (error) => port.postMessage({ id: m.id, error: plainError(error) }),
  );
});
port.postMessage({ ready: true });
