import { AsyncLocalStorage } from 'node:async_hooks';

/** Every "now" in the engine comes from a Clock, so tests and `simulate` can run months in seconds. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that moves only when told to. */
export class SimulatedClock implements Clock {
  private currentMs: number;

  constructor(start: Date | string) {
    this.currentMs = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.currentMs);
  }

  set(to: Date | string): void {
    const next = new Date(to).getTime();
    if (next < this.currentMs) throw new Error('a simulated clock never goes backwards');
    this.currentMs = next;
  }

  advance(ms: number): void {
    if (ms < 0) throw new Error('a simulated clock never goes backwards');
    this.currentMs += ms;
  }
}

/**
 * A test clock's scope: while a request or a piece of due work about an account on a test clock
 * runs, every `ctx.clock.now()` under it answers that clock's time, every due work it schedules
 * belongs to that clock, and the ledger writer batches its writes apart from other clocks'. The
 * scope rides on AsyncLocalStorage so the use cases keep reading `ctx.clock` and nothing else.
 */
export interface ClockScope {
  /** The test clock's id (`clock_…`). */
  id: string;
  clock: Clock;
}

const scopes = new AsyncLocalStorage<ClockScope>();

/** Runs `fn` on a test clock: `ScopedClock`s under it answer that clock's time. */
export function runOnTestClock<T>(scope: ClockScope, fn: () => T): T {
  return scopes.run(scope, fn);
}

/** The test clock the current request or work runs on, if any. */
export function currentClockScope(): ClockScope | undefined {
  return scopes.getStore();
}

/** The id of the current test clock, or '' (the real clock): how due work and instances record it. */
export function currentTestClockId(): string {
  return scopes.getStore()?.id ?? '';
}

/** Runs `fn` outside any test clock (work shared by every clock, such as a ledger batch's own time). */
export function outsideTestClocks<T>(fn: () => T): T {
  return scopes.exit(fn);
}

/** The engine's clock: the current test clock's time inside a test clock's scope, else `base`'s. */
export class ScopedClock implements Clock {
  constructor(readonly base: Clock) {}

  now(): Date {
    return scopes.getStore()?.clock.now() ?? this.base.now();
  }
}
