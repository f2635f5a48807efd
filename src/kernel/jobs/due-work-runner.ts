import type { KernelContext } from '../context.js';
import { claimDueWork, failWork, finishWork, scheduleWork } from './due-work-store.js';
import type { DueWork } from './due-work-rules.js';

/** Does one occurrence of a kind of work. Must be idempotent: it may run again after a crash. */
export type DueWorkHandler<C extends KernelContext = KernelContext> = (
  ctx: C,
  work: DueWork,
) => Promise<void>;

/** One piece of due work run: how late it started after its due time, and whether it succeeded. */
export interface DueWorkObservation {
  kind: string;
  lagMs: number;
  ok: boolean;
}

export interface RunnerOptions {
  batchSize?: number;
  leaseMs?: number;
  /** Attempts before work is marked failed (then visible to operators). */
  maxAttempts?: number;
  /** Delay before the n-th retry: exponential from 30 s, at most an hour. */
  retryDelayMs?: (attempt: number) => number;
}

/**
 * Runs due work. Every "now" comes from the context's clock, so the same runner drives the
 * service (`start`, on a timer) and simulations (`runDue` after each clock step). Several runners,
 * in one process or many, share the work without doing any row twice at once.
 */
export class DueWorkRunner<C extends KernelContext = KernelContext> {
  private handlers = new Map<string, DueWorkHandler<C>>();
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly maxAttempts: number;
  private readonly retryDelayMs: (attempt: number) => number;
  private observers: ((run: DueWorkObservation) => void)[] = [];

  constructor(
    private readonly ctx: C,
    options: RunnerOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 100;
    this.leaseMs = options.leaseMs ?? 5 * 60_000;
    this.maxAttempts = options.maxAttempts ?? 8;
    this.retryDelayMs = options.retryDelayMs ?? ((n) => Math.min(3_600_000, 30_000 * 2 ** (n - 1)));
  }

  /** Calls `observer` after each piece of work run (metrics); observers must not throw. */
  observe(observer: (run: DueWorkObservation) => void): this {
    this.observers.push(observer);
    return this;
  }

  register(kind: string, handler: DueWorkHandler<C>): this {
    if (this.handlers.has(kind)) throw new Error(`a handler for ${kind} is already registered`);
    this.handlers.set(kind, handler);
    return this;
  }

  /**
   * Work that recurs every `everyMs`, in slots aligned to the clock (subject `all`, period = the
   * slot's start). Each occurrence schedules the next slot before it runs, so a failing run never
   * ends the series, and after downtime the series resumes at the next slot instead of replaying
   * every missed one. `scheduleRecurring` seeds the first slot.
   */
  every(kind: string, everyMs: number, task: (ctx: C) => Promise<unknown>): this {
    return this.register(kind, async (ctx, work) => {
      const next = Math.max(work.dueAt.getTime() + everyMs, ctx.clock.now().getTime() + 1);
      await scheduleRecurring(ctx, kind, everyMs, new Date(Math.ceil(next / everyMs) * everyMs));
      await task(ctx);
    });
  }

  /** Runs everything due by the clock's now, including work the handlers schedule as due by then. */
  async runDue(): Promise<number> {
    let done = 0;
    for (;;) {
      const now = this.ctx.clock.now();
      const claimed = await claimDueWork(this.ctx.db, now, this.batchSize, this.leaseMs);
      if (claimed.length === 0) return done;
      // In due order, one at a time: work about one subject (an instance's hours) stays ordered.
      for (const work of claimed) {
        await this.runOne(work);
        done++;
      }
    }
  }

  private async runOne(work: DueWork): Promise<void> {
    const lagMs = Math.max(0, this.ctx.clock.now().getTime() - work.dueAt.getTime());
    const ok = await this.attempt(work);
    for (const observer of this.observers) observer({ kind: work.kind, lagMs, ok });
  }

  private async attempt(work: DueWork): Promise<boolean> {
    const handler = this.handlers.get(work.kind);
    const now = () => this.ctx.clock.now();
    if (!handler) {
      await failWork(this.ctx.db, work.id, `no handler for ${work.kind}`, null, now());
      return false;
    }
    try {
      await handler(this.ctx, work);
      await finishWork(this.ctx.db, work.id, now());
      return true;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const retryAt =
        work.attempts >= this.maxAttempts
          ? null
          : new Date(now().getTime() + this.retryDelayMs(work.attempts));
      await failWork(this.ctx.db, work.id, message, retryAt, now());
      return false;
    }
  }

  /** Runs due work every `intervalMs` until the returned stop function is called. */
  start(intervalMs: number, onError: (error: unknown) => void): () => Promise<void> {
    let running: Promise<unknown> = Promise.resolve();
    const timer = setInterval(() => {
      running = running.then(() => this.runDue()).catch(onError);
    }, intervalMs);
    timer.unref();
    return async () => {
      clearInterval(timer);
      await running;
    };
  }
}

/** Schedules the slot of recurring work that contains `at` (default: now); twice is a no-op. */
export async function scheduleRecurring(
  ctx: KernelContext,
  kind: string,
  everyMs: number,
  at: Date = ctx.clock.now(),
): Promise<void> {
  const slot = new Date(Math.floor(at.getTime() / everyMs) * everyMs);
  await scheduleWork(ctx.db, [{ kind, subject: 'all', period: slot.toISOString(), dueAt: slot }]);
}
