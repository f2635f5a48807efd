import type { DueWorkRunner } from '../kernel/jobs/due-work-runner.js';
import type { KernelContext } from '../kernel/context.js';
import { deleteClientKeysBefore } from './idempotency-store.js';

export const IDEMPOTENCY_PRUNE_WORK = 'idempotency.prune';

/** How long client idempotency keys are kept, and how pruning goes (docs/idempotency.md § Retention). */
export interface IdempotencyRetention {
  /** A key is replayed for at least this long after its first request; then it may be pruned. */
  retentionDays: number;
  /** Keys deleted per statement. */
  batchSize: number;
  /** Statements per pass at most: a pass stays short, and the next pass goes on. */
  maxBatchesPerPass: number;
  /** How often a pass runs. */
  everyMs: number;
}

export const DEFAULT_IDEMPOTENCY_RETENTION: IdempotencyRetention = {
  retentionDays: 30,
  batchSize: 1000,
  maxBatchesPerPass: 100,
  everyMs: 3_600_000,
};

const DAY_MS = 86_400_000;

/**
 * Deletes the client keys older than the retention, in bounded batches, each its own statement
 * (no long transaction, no long lock). Returns how many it deleted. Safe on several schedulers at
 * once: each batch skips the rows another one holds.
 */
export async function pruneIdempotencyKeys(
  ctx: KernelContext,
  retention: IdempotencyRetention = DEFAULT_IDEMPOTENCY_RETENTION,
): Promise<number> {
  const cutoff = new Date(ctx.clock.now().getTime() - retention.retentionDays * DAY_MS);
  let pruned = 0;
  for (let batch = 0; batch < retention.maxBatchesPerPass; batch++) {
    const deleted = await deleteClientKeysBefore(ctx.db, cutoff, retention.batchSize);
    pruned += deleted;
    if (deleted < retention.batchSize) break;
  }
  return pruned;
}

/** Prunes expired client idempotency keys every `retention.everyMs`, as recurring due work. */
export function registerIdempotencyRetention<C extends KernelContext>(
  runner: DueWorkRunner<C>,
  retention: IdempotencyRetention = DEFAULT_IDEMPOTENCY_RETENTION,
): DueWorkRunner<C> {
  return runner.every(IDEMPOTENCY_PRUNE_WORK, retention.everyMs, (ctx) =>
    pruneIdempotencyKeys(ctx, retention),
  );
}
