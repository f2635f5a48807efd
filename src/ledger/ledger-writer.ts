import {
  type TransactionRecord,
  type WalletState,
  touchedWallets,
  type BatchResult,
  type LedgerOutcome,
  type LedgerRequest,
} from './ledger-rules.js';
import { type Clock, currentClockScope, outsideTestClocks } from '../kernel/clock.js';
import {
  type Database,
  type Queryable,
  isRetryable,
  isTimeLimit,
  transactionWithRetry,
} from '../kernel/db/database.js';
import { isIdempotencyRace } from './idempotency-store.js';
import {
  type BatchStatementPart,
  applyLedgerBatch,
  applyLedgerBatchOptimistic,
  isPartNotReady,
  isStaleState,
} from './ledger-store.js';

/**
 * Interactive requests (an API call someone waits for) go first; background ones (the scheduler's
 * bulk work, such as a storage sweep of every stopped instance) fill what is left, never take the
 * last writer slot while there is more than one, and go in smaller batches, so a customer's charge
 * never queues behind a sweep. Background batches also commit lazily (see `attempt`), so only work
 * that is redone after a crash may be submitted as background.
 */
export type LedgerPriority = 'interactive' | 'background';

const BACKGROUND_BATCH_SIZE = 128;

interface Pending {
  request: LedgerRequest;
  priority: LedgerPriority;
  wallets: string[];
  /** The test clock it was submitted on ('' = the real clock), and that clock's time then. */
  testClock: string;
  at: Date | null;
  resolve: (outcome: LedgerOutcome) => void;
  reject: (error: unknown) => void;
  /** Set when its batch failed: it is written in a batch of its own, through the queue. */
  alone?: boolean;
  /** Rejects it with `overloaded` if it is still queued when its deadline passes. */
  deadline?: ReturnType<typeof setTimeout>;
}

/**
 * The writer refused a request before writing anything: its queue was full, or the request waited
 * past its deadline without starting (a stalled database). Nothing of it was written, so the API
 * answers 503 `overloaded` with Retry-After and the client retries under the same key.
 */
export class LedgerOverloadedError extends Error {
  readonly code = 'overloaded';
  constructor(reason: string) {
    super(`the ledger is overloaded: ${reason}`);
  }
}

export interface LedgerWriterLimits {
  /** Most requests waiting at once; one more is refused at once. */
  maxQueued: number;
  /** Longest a request waits for a writer slot before it is refused. */
  queueDeadlineMs: number;
}

export const DEFAULT_WRITER_LIMITS: LedgerWriterLimits = { maxQueued: 20_000, queueDeadlineMs: 10_000 };

const MAX_ATTEMPTS = 5;

/** What the writer reports of each batch written (for /metrics). */
export interface LedgerBatchObservation {
  size: number;
  /** `fast`: decided on remembered states in one statement; `locking`: the locking transaction. */
  path: 'fast' | 'locking';
  priority: LedgerPriority;
}
const REMEMBERED_WALLETS = 200_000;

/**
 * The only way money moves. Requests that arrive while batches are being written wait and go
 * together in the next one: one commit for many transfers, no added latency when idle (natural
 * batching, as TigerBeetle's clients do). Up to `maxConcurrentTransactions` batches run at once,
 * never two touching the same wallet.
 *
 * It remembers the last state it wrote or read of each wallet, so a batch of plain transfers on
 * wallets without holds is decided at once and written in a single autocommitted statement that
 * checks those states still hold (one round trip instead of four). When they do not (another node
 * moved money), or the batch involves holds or unknown wallets, the batch takes the locking path.
 */
export class LedgerWriter {
  private queue: Pending[] = [];
  private background: Pending[] = [];
  private running = 0;
  private runningBackground = 0;
  private busyWallets = new Set<string>();
  private remembered = new Map<string, WalletState>();
  private idleWaiters: (() => void)[] = [];
  private observers: ((batch: LedgerBatchObservation) => void)[] = [];
  private committedListeners: ((transactions: TransactionRecord[]) => Promise<void>)[] = [];
  private recordingListeners: RecordingListener[] = [];
  /** Set when the only recording listener's writes can join the fast path's one statement. */
  private statementPart: BatchStatementPart | undefined;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly maxBatchSize = 512,
    private readonly limits: LedgerWriterLimits = DEFAULT_WRITER_LIMITS,
  ) {}

  submit(request: LedgerRequest, priority: LedgerPriority = 'interactive'): Promise<LedgerOutcome> {
    if (this.queued() >= this.limits.maxQueued) {
      return Promise.reject(new LedgerOverloadedError(`${this.queued()} requests are waiting`));
    }
    return new Promise((resolve, reject) => {
      const scope = currentClockScope();
      const pending: Pending = {
        request,
        priority,
        wallets: touchedWallets(request.command),
        testClock: scope?.id ?? '',
        at: scope ? scope.clock.now() : null,
        resolve,
        reject,
      };
      pending.deadline = setTimeout(() => this.expire(pending), this.limits.queueDeadlineMs);
      pending.deadline.unref?.();
      if (priority === 'interactive') {
        this.queue.push(pending);
        this.pump();
      } else {
        // Bulk work submits many requests in one go (a sweep's page); pumping once they are all
        // queued writes them as one batch, where pumping at once sends the first one alone.
        this.background.push(pending);
        queueMicrotask(() => this.pump());
      }
    });
  }

  /** Calls `observer` after each batch written (metrics); observers must not throw. */
  observe(observer: (batch: LedgerBatchObservation) => void): void {
    this.observers.push(observer);
  }

  /**
   * Calls `listener` with the transactions each batch recorded, after it committed and before its
   * callers get their outcomes (compute emails its top-up receipts here). The money has moved by
   * then, so a listener's failure is reported, not returned: the listener must be able to catch up
   * later on its own.
   */
  afterCommit(listener: (transactions: TransactionRecord[]) => Promise<void>): void {
    this.committedListeners.push(listener);
  }

  /**
   * Calls `listener` inside each batch's own database transaction, with the transactions it
   * records, before that transaction commits (compute numbers its documents here, so a
   * transaction and its document number commit together, or neither does). A listener that throws
   * rolls the batch back: its requests are written again one by one, and those that fail again
   * fail their callers, with no money moved. It must only write in `tx` and must not wait for the
   * ledger (its batch holds wallet locks).
   *
   * `part`, when given, makes the same writes as part of the batch's one statement: with it the
   * fast path stays a single autocommitted round trip instead of a transaction of four (BEGIN, the
   * batch, the listener, COMMIT). Only a lone listener's part is used; with several, each writes
   * in the batch's transaction.
   */
  withinBatch(listener: RecordingListener, part?: BatchStatementPart): void {
    this.recordingListeners.push(listener);
    this.statementPart = this.recordingListeners.length === 1 ? part : undefined;
  }

  /** Requests waiting for a batch, and batches being written: the backlog /ready and /metrics show. */
  backlog(): { queued: number; writing: number } {
    return { queued: this.queued(), writing: this.running };
  }

  /** Resolves once nothing is queued or being written (shutdown, tests). */
  idle(): Promise<void> {
    if (this.running === 0 && this.queued() === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** A request still waiting at its deadline leaves the queue unwritten; one already started is not touched. */
  private expire(pending: Pending): void {
    const queue = pending.priority === 'interactive' ? this.queue : this.background;
    const index = queue.indexOf(pending);
    if (index < 0) return;
    queue.splice(index, 1);
    pending.reject(new LedgerOverloadedError(`waited ${this.limits.queueDeadlineMs} ms for a writer`));
    if (this.running === 0 && this.queued() === 0) this.idleWaiters.splice(0).forEach((w) => w());
  }

  private queued(): number {
    return this.queue.length + this.background.length;
  }

  private pump(): void {
    const slots = this.db.maxConcurrentTransactions;
    // Background work may fill every slot but one (PGlite's single slot it shares).
    const backgroundSlots = slots > 1 ? slots - 1 : 1;
    while (this.running < slots && this.queued() > 0) {
      let batch: Pending[];
      [batch, this.queue] = this.takeBatch(this.queue, this.maxBatchSize);
      const background = batch.length === 0;
      if (background) {
        if (this.runningBackground >= backgroundSlots) return;
        [batch, this.background] = this.takeBatch(
          this.background,
          Math.min(BACKGROUND_BATCH_SIZE, this.maxBatchSize),
        );
      }
      if (batch.length === 0) return; // everything queued waits for a wallet in flight
      this.running++;
      if (background) this.runningBackground++;
      void this.write(batch).finally(() => {
        this.running--;
        if (background) this.runningBackground--;
        for (const p of batch) for (const w of p.wallets) this.busyWallets.delete(w);
        this.pump();
        if (this.running === 0 && this.queued() === 0) this.idleWaiters.splice(0).forEach((w) => w());
      });
    }
  }

  /**
   * Splits `queue` into a batch, in order, of requests whose wallets no batch in flight is writing,
   * and the rest. A batch is written at one time, so it holds requests of one clock only.
   */
  private takeBatch(queue: Pending[], maxSize: number): [Pending[], Pending[]] {
    const batch: Pending[] = [];
    const rest: Pending[] = [];
    for (const p of queue) {
      const sameClock = batch.length === 0 || p.testClock === batch[0]!.testClock;
      // A request whose batch failed goes alone, and nothing joins it.
      const fits = batch.length === 0 || (!p.alone && !batch[0]!.alone);
      if (fits && batch.length < maxSize && sameClock && !p.wallets.some((w) => this.busyWallets.has(w)))
        batch.push(p);
      else rest.push(p);
    }
    // Wallets are claimed after choosing, so requests on one wallet still share a batch.
    for (const p of batch) {
      for (const w of p.wallets) this.busyWallets.add(w);
      clearTimeout(p.deadline);
    }
    return [batch, rest];
  }

  private async write(batch: Pending[]): Promise<void> {
    try {
      const { outcomes, wallets } = await this.attempt(
        batch.map((p) => p.request),
        batch[0]!.priority === 'background',
        batchTime(batch),
      );
      for (const [id, state] of wallets) this.remember(id, state);
      await this.notifyCommitted(outcomes);
      batch.forEach((p, i) => p.resolve(outcomes[i]!));
    } catch (error) {
      if (batch.length === 1 || isTimeLimit(error)) {
        // A time limit is the database's state, not one request's fault: writing the requests one
        // by one would only wait again, once each.
        if (batch.length > 1) return batch.forEach((p) => p.reject(error));
        for (const w of batch[0]!.wallets) this.remembered.delete(w);
        return batch[0]!.reject(error);
      }
      // Something in the batch broke the transaction (rolled back: the remembered states still
      // hold). Each request is written alone so only its own fails, back through the queue at its
      // front: the writer limit still holds, and no deadline applies to what was already accepted.
      for (const p of batch) p.alone = true;
      const own = batch[0]!.priority === 'interactive' ? this.queue : this.background;
      own.unshift(...batch);
    }
  }

  /**
   * Background batches commit lazily (see `TransactionOptions`): each one is replayed under its
   * keys after a crash, and anything that acts on it outside the database (a termination, a
   * notice) follows a durable commit, which flushes it too.
   */
  private async attempt(
    requests: LedgerRequest[],
    background: boolean,
    at: Date | null,
  ): Promise<BatchResult> {
    // The real clock's time is read outside whichever test clock's request happened to pump the batch.
    const now = () => at ?? outsideTestClocks(() => this.clock.now());
    const options = { lazyCommit: background };
    const record = async (tx: Queryable, result: BatchResult | undefined) => {
      if (result) await this.recordWithin(tx, result.outcomes, now());
      return result;
    };
    try {
      const part = this.statementPart;
      const optimistic = (q: Queryable, lazyCommit: boolean) =>
        applyLedgerBatchOptimistic(q, requests, now(), (id) => this.remembered.get(id), { part, lazyCommit });
      // One autocommitted statement when nothing else has to commit with it (or it is part of the
      // statement); otherwise the listeners' writes share its transaction (one commit either way).
      const inStatement = part !== undefined || this.recordingListeners.length === 0;
      const fast = inStatement
        ? await optimistic(this.db, background)
        : await this.db.transaction(async (tx) => record(tx, await optimistic(tx, false)), options);
      if (fast) {
        this.report(requests.length, 'fast', background);
        return fast;
      }
    } catch (error) {
      // Stale states, a statement part not ready, an idempotency race, a serialization failure or
      // a deadlock: nothing was written, and the locking path (which retries those) decides again.
      const retry = isStaleState(error) || isPartNotReady(error) || isIdempotencyRace(error);
      if (!retry && !isRetryable(error)) throw error;
    }
    const locked = await transactionWithRetry(
      this.db,
      async (tx) => (await record(tx, await applyLedgerBatch(tx, requests, now())))!,
      isIdempotencyRace,
      MAX_ATTEMPTS,
      options,
    );
    this.report(requests.length, 'locking', background);
    return locked;
  }

  /** The recording listeners, in the batch's transaction, with what it recorded (if anything). */
  private async recordWithin(tx: Queryable, outcomes: readonly LedgerOutcome[], at: Date): Promise<void> {
    if (this.recordingListeners.length === 0) return;
    const recorded = recordedTransactions(outcomes);
    if (recorded.length === 0) return;
    for (const listener of this.recordingListeners) await listener(tx, recorded, at);
  }

  private async notifyCommitted(outcomes: readonly LedgerOutcome[]): Promise<void> {
    if (this.committedListeners.length === 0) return;
    const recorded = recordedTransactions(outcomes);
    if (recorded.length === 0) return;
    for (const listener of this.committedListeners) {
      try {
        await listener(recorded);
      } catch (error) {
        console.error('ledger: after-commit listener failed (it catches up on its own)', error);
      }
    }
  }

  private report(size: number, path: 'fast' | 'locking', background: boolean): void {
    const batch: LedgerBatchObservation = { size, path, priority: background ? 'background' : 'interactive' };
    for (const observer of this.observers) observer(batch);
  }

  private remember(id: string, state: WalletState): void {
    this.remembered.delete(id); // re-insert: Map order is recency, the oldest goes first
    this.remembered.set(id, state);
    if (this.remembered.size > REMEMBERED_WALLETS)
      this.remembered.delete(this.remembered.keys().next().value!);
  }
}

/** Writes in a ledger batch's transaction what the batch recorded; `at` is the batch's time. */
export type RecordingListener = (tx: Queryable, transactions: TransactionRecord[], at: Date) => Promise<void>;

function recordedTransactions(outcomes: readonly LedgerOutcome[]): TransactionRecord[] {
  const recorded: TransactionRecord[] = [];
  for (const o of outcomes)
    if (o.status === 'applied' && o.result.transaction) recorded.push(o.result.transaction);
  return recorded;
}

/** A test clock's batch is written at its latest request's time on that clock; the real clock's, at null (now). */
function batchTime(batch: readonly Pending[]): Date | null {
  let at: Date | null = null;
  for (const p of batch) if (p.at && (!at || p.at > at)) at = p.at;
  return at;
}
