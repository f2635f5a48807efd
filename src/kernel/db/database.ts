/**
 * The one seam between the engine and PostgreSQL. PGlite (embedded) and node-postgres (server)
 * both take `$1` parameters and return rows, so every repository runs the same SQL on both.
 * int8 columns come back as bigint on both drivers; timestamptz as Date.
 */
export type Row = Record<string, unknown>;

export interface Queryable {
  /**
   * `prepareAs` names a hot statement so PostgreSQL parses and plans it once per connection
   * (PGlite ignores it). The text under one name must never change.
   */
  query<R extends Row = Row>(text: string, params?: readonly unknown[], prepareAs?: string): Promise<R[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
}

export interface TransactionOptions {
  /**
   * Commit without waiting for the WAL to reach disk (`synchronous_commit = off`): a crash may lose
   * the last such commits, never part of one, and never one that a later durable commit saw (WAL
   * is flushed in order). Only for work that is redone after a crash anyway, such as the storage
   * sweep's claims and charges. PGlite commits as it always does.
   */
  lazyCommit?: boolean;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** How many transactions may usefully run at once (PGlite: one connection, so one). */
  readonly maxConcurrentTransactions: number;
  /** Runs `work` in one transaction; commits when it resolves, rolls back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>, options?: TransactionOptions): Promise<T>;
  close(): Promise<void>;
  /** The whole data directory as a tarball (PGlite only): a template for `openPglite`. */
  dumpDataDir?(): Promise<Blob>;
  /**
   * LISTENs on `channel` on a connection of its own, outside the pool (PostgreSQL only: PGlite is
   * one process, so there is nobody to hear from). Resolves once the first attempt to listen has
   * succeeded or failed; after a failure or a lost connection it keeps trying again by itself.
   */
  listen?(channel: string, handlers: ListenHandlers): Promise<Listener>;
  /** Connection pool use, for /metrics (PostgreSQL only). */
  poolStats?(): { total: number; idle: number; waiting: number; max: number };
}

/** What a LISTENer is told. Notifications sent while it is not listening are lost, not queued. */
export interface ListenHandlers {
  /** A NOTIFY on the channel (sent by a transaction that committed), with its payload. */
  onNotify(payload: string): void;
  /** Listening, at first or again after a loss: every notification committed from now on arrives. */
  onListening(): void;
  /** Not listening any more (connection lost or refused): what is sent until `onListening` is missed. */
  onLost(error: unknown): void;
}

export interface Listener {
  /** Whether the connection is up and LISTENing now. */
  readonly listening: boolean;
  /** The server process of the listening connection (`pg_backend_pid()`), while listening. */
  readonly backendPid: number | undefined;
  /** Stops listening for good and closes the connection; safe to call twice. */
  close(): Promise<void>;
}

/** SQLSTATEs after which the whole transaction can simply be tried again. */
const RETRYABLE = new Set(['40001', '40P01']);

/**
 * A time limit fired: statement or lock timeout (57014, 55P03; the transaction rolled back) or the
 * pool's connection timeout. Nothing was committed, and trying again at once would only wait again.
 */
export function isTimeLimit(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = String((error as { code?: unknown }).code ?? '');
  if (code === '57014' || code === '55P03') return true;
  return /timeout exceeded when trying to connect/i.test((error as { message?: string }).message ?? '');
}

export function isRetryable(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && RETRYABLE.has(String((error as { code?: unknown }).code))
  );
}

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { code?: unknown; constraint?: unknown };
  return e.code === '23505' && (constraint === undefined || e.constraint === constraint);
}

/**
 * Runs `work` in a transaction, again from the start when it fails in a way that a fresh attempt
 * can fix: a serialization failure, a deadlock, or a predicate (`alsoRetry`) such as an
 * idempotency race.
 */
export async function transactionWithRetry<T>(
  db: Database,
  work: (tx: Queryable) => Promise<T>,
  alsoRetry: (error: unknown) => boolean = () => false,
  maxAttempts = 5,
  options?: TransactionOptions,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(work, options);
    } catch (error) {
      if (attempt >= maxAttempts || !(isRetryable(error) || alsoRetry(error))) throw error;
    }
  }
}
