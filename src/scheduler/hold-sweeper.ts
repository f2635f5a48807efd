import type { ServiceContext } from '../services/context.js';
import { expireHolds } from '../services/expire-holds.js';

/**
 * Expires due holds every `intervalSeconds`. Holds are also expired lazily whenever their wallet is
 * touched, so the sweep only tidies up; running it on several nodes at once is harmless.
 */
export function startHoldSweeper(
  ctx: ServiceContext,
  intervalSeconds: number,
  onError: (error: unknown) => void,
): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(() => expireHolds(ctx)).catch(onError);
  }, intervalSeconds * 1000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
