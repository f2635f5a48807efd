import type { Logger } from 'pino';

/**
 * Graceful shutdown with a deadline: exit 0 once `stop` has drained everything (requests, due
 * work, the ledger writer), exit 1 when it fails or takes longer than `seconds` (what was still
 * queued is lost to this process; its callers saw no answer and retry with their keys).
 */
export async function stopWithin(
  seconds: number,
  log: Pick<Logger, 'info' | 'error'>,
  stop: () => Promise<void>,
): Promise<never> {
  log.info({ deadlineSeconds: seconds }, 'shutting down');
  const deadline = setTimeout(() => {
    log.error(`shutdown did not finish within ${seconds} s; exiting with work left undone`);
    process.exit(1);
  }, seconds * 1000);
  try {
    await stop();
    clearTimeout(deadline);
    log.info('shut down cleanly');
    process.exit(0);
  } catch (err) {
    clearTimeout(deadline);
    log.error({ err }, 'shutdown failed');
    process.exit(1);
  }
}
