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
