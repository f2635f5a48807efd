/**
 * Natural batching for a statement many requests run one row at a time: a call made while
 * `flights` calls are already in flight waits for one to land, and every call waiting then leaves
 * together, as one call of `many` with all their items (at most `maxItems`). A call made when
 * nothing is in flight leaves at once, alone: no added wait when the service is quiet, one round
 * trip for many requests when it is busy.
 *
 * If a call of several items fails, each item is tried again alone, so one item's error reaches
 * only its own caller.
 */
export class Coalescer<I, O> {
  private waiting: { item: I; resolve: (out: O) => void; reject: (error: unknown) => void }[] = [];
  private inFlight = 0;

  constructor(
    private readonly many: (items: I[]) => Promise<O[]>,
    private readonly flights = 1,
    private readonly maxItems = 500,
  ) {}

  run(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.flights && this.waiting.length > 0) {
      const flight = this.waiting.splice(0, this.maxItems);
      this.inFlight++;
      void this.fly(flight).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async fly(flight: typeof this.waiting): Promise<void> {
    try {
      const outs = await this.many(flight.map((w) => w.item));
      flight.forEach((w, i) => w.resolve(outs[i]!));
    } catch (error) {
      if (flight.length === 1) return flight[0]!.reject(error);
      for (const w of flight) {
        try {
          w.resolve((await this.many([w.item]))[0]!);
        } catch (own) {
          w.reject(own);
        }
      }
    }
  }
}
