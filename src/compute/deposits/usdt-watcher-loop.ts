import { UsdtWatcher, type WatcherOptions, type WatcherReport } from './usdt-watcher.js';
import type { UsdtChainConfig } from '../../kernel/config.js';
import type { ComputeContext } from '../context.js';

/**
 * Runs the USDT deposit watcher every `chain.intervalSeconds`, one pass at a time. Several nodes
 * may run it at once: deposits are claimed row by row, credits are idempotent on the log, and the
 * checkpoint only moves forward.
 */
export function startUsdtWatcherLoop(
  ctx: ComputeContext,
  chain: UsdtChainConfig,
  onError: (error: unknown) => void,
  onReport: (report: WatcherReport) => void = () => {},
  options: WatcherOptions = {},
): () => Promise<void> {
  const watcher = new UsdtWatcher(ctx, chain, options);
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return; // a slow pass (a long rescan) is not stacked on
    busy = true;
    running = watcher
      .runOnce()
      .then(onReport, onError)
      .finally(() => {
        busy = false;
      });
  }, chain.intervalSeconds * 1000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
