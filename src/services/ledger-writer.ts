import type { Clock } from '../platform/clock.js';
import { type Database, transactionWithRetry } from '../store/database.js';
import { isIdempotencyRace } from '../store/idempotency-store.js';
import { type LedgerOutcome, type LedgerRequest, applyLedgerBatch } from '../store/ledger-store.js';

interface Pending {
  request: LedgerRequest;
  resolve: (outcome: LedgerOutcome) => void;
  reject: (error: unknown) => void;
}

const MAX_ATTEMPTS = 5;

/**
 * The only way money moves. Requests that arrive while a batch is being written wait and go
 * together in the next one: one commit for many transfers, no added latency when idle (natural
 * batching, as TigerBeetle's clients do). Up to `maxConcurrentTransactions` batches run at once.
 */
export class LedgerWriter {
  private queue: Pending[] = [];
  private running = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly maxBatchSize = 512,
  ) {}

  submit(request: LedgerRequest): Promise<LedgerOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.pump();
    });
  }

  /** Resolves once nothing is queued or being written (shutdown, tests). */
  idle(): Promise<void> {
    if (this.running === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    while (this.running < this.db.maxConcurrentTransactions && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatchSize);
      this.running++;
      void this.write(batch).finally(() => {
        this.running--;
        this.pump();
        if (this.running === 0 && this.queue.length === 0) this.idleWaiters.splice(0).forEach((w) => w());
      });
    }
  }

  private async write(batch: Pending[]): Promise<void> {
    try {
      const outcomes = await this.attempt(batch.map((p) => p.request));
      batch.forEach((p, i) => p.resolve(outcomes[i]!));
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      // Something in the batch broke the transaction: write each alone so only its own request fails.
      await Promise.all(batch.map((p) => this.write([p])));
    }
  }

  private attempt(requests: LedgerRequest[]): Promise<LedgerOutcome[]> {
    return transactionWithRetry(
      this.db,
      (tx) => applyLedgerBatch(tx, requests, this.clock.now()),
      isIdempotencyRace,
      MAX_ATTEMPTS,
    );
  }
}
