/**
 * Thrown when a bulkhead's line is full: nothing was started, so the API answers 503 `overloaded`
 * with Retry-After (as the ledger writer's full queue does).
 */
export class BulkheadFullError extends Error {
  readonly code = 'overloaded';
  constructor(name: string) {
    super(`too many ${name} at once; retry shortly`);
  }
}

/**
 * At most `concurrent` pieces of work of one kind run at once; the rest wait in line, first come
 * first served, up to `queued` of them, and one more is refused. A class of requests that may come
 * in floods (document downloads) then takes a bounded share of the process, and the requests that
 * move money keep their latency (docs/performance.md, P7).
 */
export class Bulkhead {
  private running = 0;
  private readonly line: (() => void)[] = [];

  constructor(
    private readonly name: string,
    private readonly concurrent: number,
    private readonly queued: number,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrent) {
      if (this.line.length >= this.queued) throw new BulkheadFullError(this.name);
      await new Promise<void>((resolve) => this.line.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await work();
    } finally {
      // The slot passes straight to the next in line, so the count never drops below the line's need.
      const next = this.line.shift();
      if (next) next();
      else this.running--;
    }
  }
}
